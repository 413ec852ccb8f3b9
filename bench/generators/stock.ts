import { asc, count, eq } from 'drizzle-orm';
import {
  cataloguePresentations,
  catalogueSpecialities,
  pharmacies,
  stockLots,
  stockMovements,
  users,
} from '../../db/schema';
import { addCalendarDays, parisDate } from '../../server/shared/dates';
import { type DatasetGenerator, preparedInsert } from './generator';

/** How many distinct products a pharmacy's lots spread over: a rural officine's usual range. */
const PRODUCT_RANGE = 1_500;

/**
 * Tops every pharmacy up to the scale's lot count, each lot with the receipt movement that
 * explains its balance. Amlodipine is always in the range, so the pool search has hits.
 */
export const stockGenerator: DatasetGenerator = {
  name: 'stock',
  build({ db, rng, scale, now, facts }) {
    const today = parisDate(now);
    const createdAt = now.toISOString();
    const marketed = db
      .select({ cip13: cataloguePresentations.cip13, name: catalogueSpecialities.name })
      .from(cataloguePresentations)
      .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
      .where(eq(cataloguePresentations.marketed, true))
      .orderBy(asc(cataloguePresentations.cip13))
      .all();
    if (marketed.length === 0) return { skipped: 'no marketed product in the catalogue' };
    const amlodipine = marketed.filter((p) => p.name?.toUpperCase().startsWith('AMLODIPINE'));
    const others = marketed.filter((p) => !p.name?.toUpperCase().startsWith('AMLODIPINE'));
    const range = [...amlodipine.map((p) => p.cip13)];
    while (range.length < PRODUCT_RANGE && others.length > 0) {
      range.push(others.splice(rng.int(0, others.length - 1), 1)[0]?.cip13 as string);
    }

    const insertLot = preparedInsert(db, stockLots, [
      'pharmacyId',
      'cip13',
      'lotNumber',
      'expiryDate',
      'unitCostCents',
      'quantity',
      'createdAt',
    ]);
    const insertMovement = preparedInsert(db, stockMovements, [
      'pharmacyId',
      'lotId',
      'kind',
      'quantity',
      'day',
      'createdAt',
      'createdBy',
    ]);
    const pharmacyRows = db.select({ id: pharmacies.id }).from(pharmacies).orderBy(asc(pharmacies.id)).all();
    let lotsAdded = 0;
    for (const { id: pharmacyId } of pharmacyRows) {
      const held = db.select({ n: count() }).from(stockLots).where(eq(stockLots.pharmacyId, pharmacyId)).get()?.n ?? 0;
      const lots = Array.from({ length: Math.max(0, scale.lotsPerPharmacy - held) }, (_, i) => {
        const received = addCalendarDays(today, -rng.int(1, 365));
        return {
          lot: {
            pharmacyId,
            cip13: rng.pick(range),
            lotNumber: `BN${String(i).padStart(6, '0')}`,
            expiryDate: addCalendarDays(today, rng.int(-30, 1_000)),
            unitCostCents: rng.int(5, 3_000),
            quantity: rng.int(1, 200),
            createdAt,
          },
          received,
        };
      });
      db.transaction(() => {
        for (const { lot, received } of lots) {
          const lotId = insertLot(lot);
          insertMovement({
            pharmacyId,
            lotId,
            kind: 'receipt',
            quantity: lot.quantity,
            day: received,
            createdAt: `${received}T08:00:00.000Z`,
            createdBy: null,
          });
        }
      });
      lotsAdded += lots.length;
    }
    // A deep lot for the write load: receipts and FEFO dispenses of one unit never run it dry.
    const writer = db
      .select({ pharmacyId: users.pharmacyId })
      .from(users)
      .where(eq(users.role, 'pharmacist'))
      .orderBy(asc(users.id))
      .get();
    const cip13 = range[0] as string;
    if (writer?.pharmacyId) {
      const lot = {
        pharmacyId: writer.pharmacyId,
        cip13,
        lotNumber: 'BENCH-W',
        expiryDate: addCalendarDays(today, 900),
        unitCostCents: 100,
        quantity: 1_000_000,
        createdAt,
      };
      db.transaction(() => {
        const lotId = insertLot(lot);
        insertMovement({
          pharmacyId: lot.pharmacyId,
          lotId,
          kind: 'receipt',
          quantity: lot.quantity,
          day: today,
          createdAt,
          createdBy: null,
        });
      });
      Object.assign(facts, { writeCip13: cip13, writeLot: lot.lotNumber, writeExpiry: lot.expiryDate });
    }
    const total = db.select({ n: count() }).from(stockLots).get()?.n ?? 0;
    return { rows: { lots: total, lotsAdded, products: range.length } };
  },
};
