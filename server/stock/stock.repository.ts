import { aliasedTable, and, asc, count, desc, eq, gt, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  cataloguePresentations,
  catalogueSpecialities,
  pharmacies,
  stockLots,
  stockMovements,
  stockThresholds,
  transferLines,
  transfers,
  users,
} from '../../db/schema';
import { preparedQuery, statement } from '../../db/statements';
import { centsOf, MILLICENTS_PER_CENT } from './stock.models';
import type { LotSort, ProductTotals } from './stock-list.models';

type MovementKind = (typeof stockMovements.$inferInsert)['kind'];

/** Units of a lot promised to accepted (not yet shipped) transfers. */
const reservedOf = (lotId: typeof stockLots.id) => sql<number>`coalesce((
  SELECT sum(${transferLines.quantity}) FROM ${transferLines}
  JOIN ${transfers} ON ${transfers.id} = ${transferLines.transferId}
  WHERE ${transferLines.lotId} = ${lotId} AND ${transfers.status} = 'accepted'), 0)`;

/** The name people know a box by: the speciality's name, else the presentation label. */
export const productLabel = sql<string>`coalesce(${catalogueSpecialities.name}, ${cataloguePresentations.label})`;

const lotColumns = {
  id: stockLots.id,
  pharmacyId: stockLots.pharmacyId,
  cip13: stockLots.cip13,
  productLabel,
  lotNumber: stockLots.lotNumber,
  expiryDate: stockLots.expiryDate,
  unitCostCents: stockLots.unitCostCents,
  unitCostMillicents: stockLots.unitCostMillicents,
  quantity: stockLots.quantity,
  reserved: reservedOf(stockLots.id),
};
export type LotRow = {
  id: number;
  pharmacyId: number;
  cip13: string;
  productLabel: string;
  lotNumber: string;
  expiryDate: string;
  unitCostCents: number;
  unitCostMillicents: number;
  quantity: number;
  reserved: number;
};

function lotsQuery(db: Db) {
  return db
    .select(lotColumns)
    .from(stockLots)
    .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, stockLots.cip13))
    .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis));
}

/** The box as the pharmacist reads it: `plaquette(s) … de 30 comprimé(s)`. */
export function findBoxLabel(db: Db, cip13: string): string | undefined {
  return preparedQuery(db, 'stock.boxLabel', () =>
    db
      .select({ label: cataloguePresentations.label })
      .from(cataloguePresentations)
      .where(eq(cataloguePresentations.cip13, sql.placeholder('cip13')))
      .prepare(),
  ).get({ cip13 })?.label;
}

export function findPresentationLabel(db: Db, cip13: string): string | undefined {
  return preparedQuery(db, 'stock.presentationLabel', () =>
    db
      .select({ productLabel })
      .from(cataloguePresentations)
      .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
      .where(eq(cataloguePresentations.cip13, sql.placeholder('cip13')))
      .prepare(),
  ).get({ cip13 })?.productLabel;
}

/**
 * The product labels (`productLabel`: the speciality's name, else the presentation's label) of
 * the presentations `cip13s`, by CIP13; unknown codes are absent. One statement for a whole list:
 * a lookup per code costs ~14 µs, most of it the read transaction each statement opens (36 codes:
 * ~0.5 ms against ~0.05 ms; issue 16, bench/README.md "Ninth pass").
 */
export function presentationLabels(db: Db, cip13s: readonly string[]): Map<string, string> {
  if (cip13s.length === 0) return new Map();
  const rows = preparedQuery(db, 'stock.presentationLabels', () =>
    db
      .select({ cip13: cataloguePresentations.cip13, productLabel })
      .from(cataloguePresentations)
      .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
      .where(sql`${cataloguePresentations.cip13} IN (SELECT value FROM json_each(${sql.placeholder('cip13s')}))`)
      .prepare(),
  ).all({ cip13s: JSON.stringify(cip13s) });
  return new Map(rows.map((r) => [r.cip13, r.productLabel]));
}

export function listLots(
  db: Db,
  pharmacyId: number,
  f: { cip13?: string; cip13s?: string[]; includeEmpty?: boolean; expiringBy?: string },
): LotRow[] {
  const conditions = [eq(stockLots.pharmacyId, pharmacyId)];
  if (f.cip13) conditions.push(eq(stockLots.cip13, f.cip13));
  if (f.cip13s) conditions.push(inArray(stockLots.cip13, f.cip13s));
  if (!f.includeEmpty) conditions.push(gt(stockLots.quantity, 0));
  if (f.expiringBy) conditions.push(lte(stockLots.expiryDate, f.expiringBy));
  return lotsQuery(db)
    .where(and(...conditions))
    .orderBy(asc(stockLots.expiryDate), asc(stockLots.id))
    .all();
}

/** A stock search (stock-list.models `stockSearchTerms`), the catalogue's FTS query made of its words. */
export type StockSearch = { compact: string; lot: string; fts: string | null };

/** What the stock page's lists filter on: one product, lots without units too, a search. */
export type StockListFilter = { cip13?: string; includeEmpty?: boolean; search?: StockSearch | null };

/**
 * The WHERE of the stock page's lists: the pharmacy's lots (with units unless `includeEmpty`),
 * of one product, matching a search: the text inside the CIP13 or the lot number, or its words
 * as prefixes of the drug's name or substances (the catalogue's FTS index, accents ignored).
 */
function stockListWhere(f: StockListFilter): SQL | undefined {
  const s = f.search;
  const fts = s?.fts
    ? sql` OR CAST(${cataloguePresentations.cis} AS INTEGER) IN (SELECT rowid FROM catalogue_search WHERE catalogue_search MATCH ${sql.placeholder('fts')})`
    : sql``;
  return and(
    eq(stockLots.pharmacyId, sql.placeholder('pharmacyId')),
    f.includeEmpty ? undefined : gt(stockLots.quantity, 0),
    f.cip13 ? eq(stockLots.cip13, sql.placeholder('cip13')) : undefined,
    s
      ? sql`(instr(${stockLots.cip13}, ${sql.placeholder('compact')}) > 0 OR instr(${stockLots.lotNumber}, ${sql.placeholder('lot')}) > 0${fts})`
      : undefined,
  );
}

/**
 * stockListWhere is built with placeholders (issue 16: one prepared query per shape): the shape
 * of `f` as a cache key, and the values to pass.
 */
function stockListShape(f: StockListFilter): string {
  return `${f.includeEmpty ? 'e' : ''}${f.cip13 ? 'c' : ''}${f.search ? (f.search.fts ? 'S' : 's') : ''}`;
}
function stockListValues(pharmacyId: number, f: StockListFilter) {
  return {
    pharmacyId,
    cip13: f.cip13,
    compact: f.search?.compact,
    lot: f.search?.lot,
    fts: f.search?.fts ?? undefined,
  };
}

const LOT_ORDER: Record<LotSort, SQL[]> = {
  expiry: [sql`${stockLots.expiryDate}`],
  product: [sql`french_key(${productLabel})`, sql`${stockLots.cip13}`, sql`${stockLots.expiryDate}`],
  lot: [sql`${stockLots.lotNumber}`, sql`${stockLots.expiryDate}`],
  quantity: [sql`${stockLots.quantity}`, sql`${stockLots.expiryDate}`],
  available: [sql`${stockLots.quantity} - ${reservedOf(stockLots.id)}`, sql`${stockLots.expiryDate}`],
};

/**
 * One page of a pharmacy's lots for the stock page (stockListWhere), ordered by `sort`
 * (`expiry`: first-expired first; `product` by name in French order, `french_key`: accents with their
 * letter, case aside, doses by value) in `order`, ties by lot id.
 * Returns the page's lots and `total`, how many match (every page).
 */
export function pageLots(
  db: Db,
  pharmacyId: number,
  f: StockListFilter & { sort: LotSort; order: 'asc' | 'desc'; page: number; pageSize: number },
): { items: LotRow[]; total: number } {
  // Built once per connection and shape of filters and order (issue 16).
  const shape = stockListShape(f);
  const values = stockListValues(pharmacyId, f);
  const total =
    preparedQuery(db, `stock.lotCount:${shape}`, () =>
      db
        .select({ n: count() })
        .from(stockLots)
        .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, stockLots.cip13))
        .where(stockListWhere(f))
        .prepare(),
    ).get(values)?.n ?? 0;
  const items = preparedQuery(db, `stock.lotPage:${shape}:${f.sort}:${f.order}`, () => {
    const direction = f.order === 'desc' ? sql` DESC` : sql` ASC`;
    return lotsQuery(db)
      .where(stockListWhere(f))
      .orderBy(...LOT_ORDER[f.sort].map((o) => sql`${o}${direction}`), asc(stockLots.id))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare();
  }).all({ ...values, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items, total };
}

/**
 * One row per product of a pharmacy's listed lots (stockListWhere), unordered: units on hand,
 * reserved (accepted transfers) and available (free units of lots good on `today`, a Paris day), value on hand rounded once to the cent (the
 * rule of `centsOf`: half a cent up), nearest expiry of the lots holding units (else of all),
 * and the number of lots. Read in one grouped statement; the caller orders and pages.
 */
export function listProductTotals(db: Db, pharmacyId: number, f: StockListFilter, today: string): ProductTotals[] {
  return preparedQuery(db, `stock.productTotals:${stockListShape(f)}`, () => {
    const reserved = sql<number>`sum(${reservedOf(stockLots.id)})`;
    return db
      .select({
        cip13: stockLots.cip13,
        productLabel,
        quantity: sql<number>`sum(${stockLots.quantity})`,
        reserved,
        // Free units of the lots still good today: an expired box can be neither dispensed nor lent
        // (the pool counts the same way: poolAvailability).
        available: sql<number>`coalesce(sum(CASE WHEN ${stockLots.expiryDate} >= ${sql.placeholder('today')} THEN ${stockLots.quantity} - ${reservedOf(stockLots.id)} END), 0)`,
        valueCents: sql<number>`(sum(${stockLots.quantity} * ${stockLots.unitCostMillicents}) + ${sql.raw(String(MILLICENTS_PER_CENT / 2))}) / ${sql.raw(String(MILLICENTS_PER_CENT))}`,
        nearestExpiry: sql<string>`coalesce(min(CASE WHEN ${stockLots.quantity} > 0 THEN ${stockLots.expiryDate} END), min(${stockLots.expiryDate}))`,
        lots: sql<number>`count(*)`,
      })
      .from(stockLots)
      .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, stockLots.cip13))
      .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
      .where(stockListWhere(f))
      .groupBy(stockLots.cip13)
      .prepare();
  }).all({ ...stockListValues(pharmacyId, f), today });
}

export function findLot(db: Db, pharmacyId: number, lotId: number): LotRow | undefined {
  return preparedQuery(db, 'stock.lot', () =>
    lotsQuery(db)
      .where(and(eq(stockLots.id, sql.placeholder('lotId')), eq(stockLots.pharmacyId, sql.placeholder('pharmacyId'))))
      .prepare(),
  ).get({ lotId, pharmacyId });
}

/** A lot of that number, any expiry (the earliest): to tell a typing error at receipt. */
export function findLotByNumber(db: Db, pharmacyId: number, cip13: string, lotNumber: string): LotRow | undefined {
  return lotsQuery(db)
    .where(and(eq(stockLots.pharmacyId, pharmacyId), eq(stockLots.cip13, cip13), eq(stockLots.lotNumber, lotNumber)))
    .orderBy(asc(stockLots.expiryDate))
    .get();
}

/**
 * The lot with that identity: (pharmacy, CIP13, lot number, expiry). Two records of one lot
 * number with different expiries can meet through a transfer; each stays its own lot.
 */
export function findLotByIdentity(
  db: Db,
  pharmacyId: number,
  cip13: string,
  lotNumber: string,
  expiryDate: string,
): LotRow | undefined {
  return lotsQuery(db)
    .where(
      and(
        eq(stockLots.pharmacyId, pharmacyId),
        eq(stockLots.cip13, cip13),
        eq(stockLots.lotNumber, lotNumber),
        eq(stockLots.expiryDate, expiryDate),
      ),
    )
    .get();
}

export function insertLot(
  db: Db,
  lot: {
    pharmacyId: number;
    cip13: string;
    lotNumber: string;
    expiryDate: string;
    /** The cost as bought; without it, `unitCostCents` exactly. */
    unitCostMillicents?: number;
    unitCostCents: number;
    createdAt: string;
  },
): number {
  const unitCostMillicents = lot.unitCostMillicents ?? lot.unitCostCents * MILLICENTS_PER_CENT;
  const unitCostCents = centsOf([{ quantity: 1, unitCostMillicents }]);
  return db
    .insert(stockLots)
    .values({ ...lot, unitCostMillicents, unitCostCents, quantity: 0 })
    .returning({ id: stockLots.id })
    .get().id;
}

/** Sets a lot's unit cost as bought (millicents) and its rounding to the cent (centsOf). */
export function setLotUnitCost(db: Db, lotId: number, unitCostMillicents: number) {
  const unitCostCents = centsOf([{ quantity: 1, unitCostMillicents }]);
  db.update(stockLots).set({ unitCostMillicents, unitCostCents }).where(eq(stockLots.id, lotId)).run();
}

export type NewMovement = {
  pharmacyId: number;
  lotId: number;
  kind: MovementKind;
  quantity: number;
  reason?: string | null;
  transferId?: number | null;
  importId?: number | null;
  day: string;
  createdAt: string;
  createdBy: number | null;
};

/**
 * Writes a movement and moves the lot's cached balance by the same amount. The balance
 * update refuses to go below zero (returns false and writes nothing); callers are inside a
 * transaction and turn false into a 409.
 */
export function applyMovement(db: Db, m: NewMovement): boolean {
  const updated = db
    .update(stockLots)
    .set({ quantity: sql`${stockLots.quantity} + ${m.quantity}` })
    .where(
      and(
        eq(stockLots.id, m.lotId),
        eq(stockLots.pharmacyId, m.pharmacyId),
        gte(sql`${stockLots.quantity} + ${m.quantity}`, 0),
      ),
    )
    .run();
  if (updated.changes !== 1) return false;
  db.insert(stockMovements).values(m).run();
  return true;
}

/**
 * Applies many adjustments of one pharmacy in bulk (a stock snapshot): creates missing lots,
 * moves each lot's balance and writes its `adjustment` movement, through prepared statements
 * (20 000 rows in well under a second, where per-row query building took seconds and held up
 * every other request). Call inside the import's transaction. Returns the index of the first
 * adjustment that would take a balance below zero (nothing should then be kept), or null.
 */
export function applyAdjustmentsInBulk(
  db: Db,
  a: {
    pharmacyId: number;
    importId: number;
    reason: string;
    day: string;
    createdAt: string;
    createdBy: number | null;
    rows: {
      lotId: number | null;
      cip13: string;
      lotNumber: string;
      expiryDate: string;
      unitCostCents: number;
      delta: number;
    }[];
  },
): number | null {
  const newLot = statement(
    db,
    `INSERT INTO stock_lots (pharmacy_id, cip13, lot_number, expiry_date, unit_cost_cents, unit_cost_millicents, quantity, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?) RETURNING id`,
  );
  const moveLot = statement(
    db,
    'UPDATE stock_lots SET quantity = quantity + ? WHERE id = ? AND pharmacy_id = ? AND quantity + ? >= 0',
  );
  const newMovement = statement(
    db,
    `INSERT INTO stock_movements (pharmacy_id, lot_id, kind, quantity, reason, import_id, day, created_at, created_by)
     VALUES (?, ?, 'adjustment', ?, ?, ?, ?, ?, ?)`,
  );
  for (const [i, r] of a.rows.entries()) {
    const lotId =
      r.lotId ??
      (
        newLot.get(
          a.pharmacyId,
          r.cip13,
          r.lotNumber,
          r.expiryDate,
          r.unitCostCents,
          r.unitCostCents * MILLICENTS_PER_CENT,
          a.createdAt,
        ) as { id: number }
      ).id;
    if (moveLot.run(r.delta, lotId, a.pharmacyId, r.delta).changes !== 1) return i;
    newMovement.run(a.pharmacyId, lotId, r.delta, a.reason, a.importId, a.day, a.createdAt, a.createdBy);
  }
  return null;
}

const movementUser = aliasedTable(users, 'movement_user');
const movementPharmacy = aliasedTable(pharmacies, 'movement_pharmacy');
const counterpart = aliasedTable(pharmacies, 'counterpart');

/**
 * A lot's movements, newest first (at most 500), each naming who made it: `userName` (the
 * user's display name; null when no user did, e.g. a job), `pharmacyName` (the pharmacy whose
 * lot moved) and, for a transfer movement, `counterpartPharmacyName` (the other side of the
 * dépannage: where the units went or came from; null otherwise) and, for a robot consumption
 * whose run a pharmacist rejected, `robotRunVoidedAt` (ISO instant: its pouches were destroyed;
 * the units stay used).
 */
export function listMovements(db: Db, pharmacyId: number, lotId: number) {
  return preparedQuery(db, 'stock.movements', () =>
    db
      .select({
        id: stockMovements.id,
        kind: stockMovements.kind,
        quantity: stockMovements.quantity,
        reason: stockMovements.reason,
        transferId: stockMovements.transferId,
        day: stockMovements.day,
        createdAt: stockMovements.createdAt,
        userName: movementUser.displayName,
        pharmacyName: movementPharmacy.name,
        counterpartPharmacyName: counterpart.name,
        robotRunVoidedAt: sql<string | null>`CASE WHEN ${stockMovements.kind} = 'robot_consumption' THEN
          (SELECT max(c.voided_at) FROM robot_batch_consumption c
           WHERE c.lot_id = ${stockMovements.lotId} AND c.movement_id = ${stockMovements.id}) END`,
      })
      .from(stockMovements)
      .innerJoin(movementPharmacy, eq(movementPharmacy.id, stockMovements.pharmacyId))
      .leftJoin(movementUser, eq(movementUser.id, stockMovements.createdBy))
      .leftJoin(transfers, eq(transfers.id, stockMovements.transferId))
      .leftJoin(
        counterpart,
        sql`${counterpart.id} = CASE WHEN ${transfers.fromPharmacyId} = ${stockMovements.pharmacyId}
        THEN ${transfers.toPharmacyId} ELSE ${transfers.fromPharmacyId} END`,
      )
      .where(
        and(
          eq(stockMovements.lotId, sql.placeholder('lotId')),
          eq(stockMovements.pharmacyId, sql.placeholder('pharmacyId')),
        ),
      )
      .orderBy(desc(stockMovements.id))
      .limit(500)
      .prepare(),
  ).all({ lotId, pharmacyId });
}

/** Units dispensed (by hand or by the robot) per pharmacy and product since a day. */
export function usageSince(db: Db, sinceDay: string, cip13s?: string[]) {
  const conditions = [
    inArray(stockMovements.kind, ['dispense', 'robot_consumption']),
    gte(stockMovements.day, sinceDay),
  ];
  if (cip13s) conditions.push(inArray(stockLots.cip13, cip13s));
  return db
    .select({
      pharmacyId: stockMovements.pharmacyId,
      cip13: stockLots.cip13,
      units: sql<number>`-sum(${stockMovements.quantity})`,
    })
    .from(stockMovements)
    .innerJoin(stockLots, eq(stockLots.id, stockMovements.lotId))
    .where(and(...conditions))
    .groupBy(stockMovements.pharmacyId, stockLots.cip13)
    .all();
}

/** Every pharmacy's lots with units on hand, for the pool and the rebalancing. */
export function listAllLotsOnHand(db: Db, f: { cip13s?: string[]; notExpiredOn: string }): LotRow[] {
  const conditions = [gt(stockLots.quantity, 0), gte(stockLots.expiryDate, f.notExpiredOn)];
  if (f.cip13s) conditions.push(inArray(stockLots.cip13, f.cip13s));
  return lotsQuery(db)
    .where(and(...conditions))
    .all();
}

export function listPharmacies(db: Db) {
  // Prepared once (issue 16): every pool search and shortage view reads it, and building the
  // drizzle query cost ~35 µs of its ~50 µs.
  return preparedQuery(db, 'stock.activePharmacies', () =>
    db
      .select({ id: pharmacies.id, slug: pharmacies.slug, name: pharmacies.name })
      .from(pharmacies)
      .where(eq(pharmacies.active, true))
      .orderBy(asc(pharmacies.id))
      .prepare(),
  ).all();
}

/** Units reserved per lot by accepted transfers, summed once per statement (few are open at a time). */
const RESERVED_CTE = `reserved AS (
  SELECT tl.lot_id, sum(tl.quantity) AS quantity FROM transfer_lines tl
  JOIN transfers t ON t.id = tl.transfer_id WHERE t.status = 'accepted' GROUP BY tl.lot_id
)`;

/** The nearest expiry among lots with units still free: a lot wholly reserved cannot be lent. */
const NEAREST_AVAILABLE_EXPIRY = 'min(CASE WHEN l.quantity - coalesce(r.quantity, 0) > 0 THEN l.expiry_date END)';

/**
 * Pool availability for products: per pharmacy, units on hand minus units reserved by
 * accepted transfers, and the nearest expiry of the lots with units free (null when none),
 * over lots not yet expired. Nothing else.
 */
export function poolAvailability(db: Db, cip13s: string[], today: string) {
  if (cip13s.length === 0) return [];
  return statement(
    db,
    `WITH ${RESERVED_CTE}
       SELECT l.cip13 AS cip13, l.pharmacy_id AS pharmacyId,
              sum(l.quantity - coalesce(r.quantity, 0)) AS available, ${NEAREST_AVAILABLE_EXPIRY} AS nearestExpiry
       FROM stock_lots l LEFT JOIN reserved r ON r.lot_id = l.id
       WHERE l.cip13 IN (SELECT value FROM json_each(?)) AND l.quantity > 0 AND l.expiry_date >= ?
       GROUP BY l.cip13, l.pharmacy_id`,
  ).all(JSON.stringify(cip13s), today) as {
    cip13: string;
    pharmacyId: number;
    available: number;
    nearestExpiry: string | null;
  }[];
}

export type PoolRow = {
  cip13: string;
  productLabel: string;
  boxLabel: string;
  pharmacyId: number;
  available: number;
  nearestExpiry: string | null;
};

const HELD_AVAILABILITY = `SELECT m.cip13 AS cip13, m.label AS productLabel, m.box AS boxLabel, l.pharmacy_id AS pharmacyId,
    sum(l.quantity - coalesce(r.quantity, 0)) AS available, ${NEAREST_AVAILABLE_EXPIRY} AS nearestExpiry
  FROM matched m JOIN stock_lots l ON l.cip13 = m.cip13 LEFT JOIN reserved r ON r.lot_id = l.id
  WHERE l.quantity > 0 AND l.expiry_date >= @today
  GROUP BY m.cip13, l.pharmacy_id`;

/**
 * The pool without a search ("in stock only" on its own): the first `limit` products, by name in
 * French order (`french_key`: nameSortKey, registered on the connection by openDb; É with E, not
 * after Z) then CIP13, that a pharmacy other than `exceptPharmacyId` can lend now (available
 * units in lots good on `today`), with every holder's availability row (one per product and
 * holder). The page is cut in SQL; `french_key` is given the name's expression, not `label`
 * (inside an expression SQLite reads `label` as the presentation's column, not the alias).
 */
export function listLendableAvailability(
  db: Db,
  f: { exceptPharmacyId: number | null; today: string; limit: number },
): PoolRow[] {
  return statement(
    db,
    `WITH ${RESERVED_CTE}, matched AS (
         SELECT p.cip13, coalesce(s.name, p.label) AS label, p.label AS box FROM catalogue_presentations p
         LEFT JOIN catalogue_specialities s ON s.cis = p.cis
         WHERE p.cip13 IN (
           SELECT l.cip13 FROM stock_lots l LEFT JOIN reserved r ON r.lot_id = l.id
           WHERE l.pharmacy_id <> @except AND l.quantity > 0 AND l.expiry_date >= @today
           GROUP BY l.cip13, l.pharmacy_id HAVING sum(l.quantity - coalesce(r.quantity, 0)) > 0)
         ORDER BY french_key(coalesce(s.name, p.label)), p.cip13 LIMIT @limit
       )
       ${HELD_AVAILABILITY}`,
  ).all({ except: f.exceptPharmacyId ?? -1, today: f.today, limit: f.limit }) as PoolRow[];
}

export function listThresholds(db: Db, pharmacyId: number) {
  return preparedQuery(db, 'stock.thresholds', () =>
    db
      .select({ cip13: stockThresholds.cip13, minQuantity: stockThresholds.minQuantity, productLabel })
      .from(stockThresholds)
      .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, stockThresholds.cip13))
      .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
      .where(eq(stockThresholds.pharmacyId, sql.placeholder('pharmacyId')))
      .orderBy(asc(productLabel))
      .prepare(),
  ).all({ pharmacyId });
}

export function upsertThreshold(
  db: Db,
  row: { pharmacyId: number; cip13: string; minQuantity: number; updatedAt: string },
) {
  db.insert(stockThresholds)
    .values(row)
    .onConflictDoUpdate({
      target: [stockThresholds.pharmacyId, stockThresholds.cip13],
      set: { minQuantity: row.minQuantity, updatedAt: row.updatedAt },
    })
    .run();
}

/**
 * Products under their threshold: units usable in lots not yet expired (on hand minus what
 * accepted transfers have reserved: those units are leaving), below the minimum.
 */
export function listBelowThreshold(db: Db, f: { pharmacyId?: number; today: string }) {
  const onHand = sql<number>`coalesce((SELECT sum(l.quantity - coalesce((
        SELECT sum(tl.quantity) FROM transfer_lines tl JOIN transfers tr ON tr.id = tl.transfer_id
        WHERE tl.lot_id = l.id AND tr.status = 'accepted'), 0)) FROM stock_lots l
    WHERE l.pharmacy_id = ${stockThresholds.pharmacyId} AND l.cip13 = ${stockThresholds.cip13}
      AND l.expiry_date >= ${f.today}), 0)`;
  return db
    .select({
      pharmacyId: stockThresholds.pharmacyId,
      cip13: stockThresholds.cip13,
      productLabel,
      minQuantity: stockThresholds.minQuantity,
      onHand,
    })
    .from(stockThresholds)
    .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, stockThresholds.cip13))
    .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
    .where(
      and(
        f.pharmacyId === undefined ? undefined : eq(stockThresholds.pharmacyId, f.pharmacyId),
        sql`${onHand} < ${stockThresholds.minQuantity}`,
      ),
    )
    .orderBy(asc(productLabel))
    .all();
}

/** For tests and checks: does every lot's cached balance equal the sum of its movements? */
export function lotsOutOfBalance(db: Db) {
  return statement(
    db,
    `SELECT l.id, l.quantity, coalesce(sum(m.quantity), 0) AS movements
       FROM stock_lots l LEFT JOIN stock_movements m ON m.lot_id = l.id
       GROUP BY l.id HAVING l.quantity <> coalesce(sum(m.quantity), 0)`,
  ).all();
}
