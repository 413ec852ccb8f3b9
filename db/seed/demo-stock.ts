import { and, asc, eq } from 'drizzle-orm';
import pino from 'pino';
import { type Ctx, systemActor } from '../../server/http/context';
import { addCalendarDays, parisDate, parisMonth, parisWallClock } from '../../server/shared/dates';
import { createOffer } from '../../server/stock/offers.usecases';
import { listRebalancing, scanExpiry } from '../../server/stock/pool.usecases';
import { loadSettlement, markSettlementPaid } from '../../server/stock/settlement.usecases';
import { applyMovement, insertLot } from '../../server/stock/stock.repository';
import { scanLowStock } from '../../server/stock/stock.usecases';
import {
  acceptTransfer,
  cancelTransfer,
  receiveTransfer,
  rejectTransfer,
  requestTransfer,
  shipTransfer,
} from '../../server/stock/transfers.usecases';
import type { Db } from '../client';
import { cataloguePresentations, pharmacies, stockThresholds, users } from '../schema';

/** Small deterministic PRNG (mulberry32): the demo is the same on every machine. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HISTORY_DAYS = 90;

/**
 * Demo stock: lots of 40 common products in the five pharmacies, some close to expiry,
 * 90 days of dispensing (weekly movements) so that rebalancing has something to say, a few
 * thresholds, and dépannage transfers in every state: two received last month (a settlement to
 * pay) and one the month before, whose settlement the treasurer marked paid.
 */
export function seedDemoStock(db: Db, now: Date) {
  const rand = prng(20261123);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const today = parisDate(now);
  const createdAt = now.toISOString();
  const pharmacyRows = db.select().from(pharmacies).orderBy(asc(pharmacies.id)).all();
  const products = db
    .select()
    .from(cataloguePresentations)
    .where(and(eq(cataloguePresentations.marketed, true), eq(cataloguePresentations.pdaExcluded, false)))
    .orderBy(asc(cataloguePresentations.cip13))
    .limit(40)
    .all();

  db.transaction(() => {
    for (const pharmacy of pharmacyRows) {
      // Who did it: the technician books the wholesaler's deliveries, the pharmacist dispenses.
      const userOf = (email: string) => db.select().from(users).where(eq(users.email, email)).get()?.id ?? null;
      const byKind = {
        receipt: userOf(`preparateur.${pharmacy.slug}@officoop.test`),
        dispense: userOf(`pharmacien.${pharmacy.slug}@officoop.test`),
      };
      for (const [i, product] of products.entries()) {
        if (rand() < 0.25) continue;
        const perBox = product.unitsPerBox ?? 30;
        const unitCostCents = product.priceCents
          ? Math.max(1, Math.round((product.priceCents * 0.7) / perBox))
          : int(8, 60);
        const dailyUse = rand() < 0.3 ? 0 : rand() * 3;
        const lotCount = int(1, 3);
        for (let l = 0; l < lotCount; l++) {
          // The first lot of every seventh product expires within weeks: waste unless someone takes it.
          const soon = l === 0 && (i + pharmacy.id) % 7 === 0;
          const expiryDate = addCalendarDays(today, soon ? int(20, 75) : int(120, 720));
          const onHand = soon ? int(60, 160) : int(10, 200);
          // The lot came in with its first receipt (a recall says since when the pharmacy holds it).
          const receiptDay = addCalendarDays(today, -HISTORY_DAYS - 1);
          const lotId = insertLot(db, {
            pharmacyId: pharmacy.id,
            cip13: product.cip13,
            lotNumber: `${pharmacy.slug.slice(0, 2).toUpperCase()}${String(int(1000, 9999))}${String.fromCharCode(65 + l)}`,
            expiryDate,
            unitCostCents,
            createdAt: `${receiptDay}T09:00:00.000Z`,
          });
          const dispensed: { day: string; units: number }[] = [];
          if (l === 0 && dailyUse > 0) {
            for (let d = HISTORY_DAYS; d > 0; d -= 7)
              dispensed.push({
                day: addCalendarDays(today, -d),
                units: Math.max(1, Math.round(dailyUse * 7 * (0.6 + rand() * 0.8))),
              });
          }
          const total = onHand + dispensed.reduce((s, x) => s + x.units, 0);
          const move = (kind: 'receipt' | 'dispense', quantity: number, day: string) =>
            applyMovement(db, {
              pharmacyId: pharmacy.id,
              lotId,
              kind,
              quantity,
              day,
              createdAt: `${day}T09:00:00.000Z`,
              createdBy: byKind[kind],
            });
          move('receipt', total, receiptDay);
          for (const x of dispensed) move('dispense', -x.units, x.day);
        }
        if (i % 5 === 0) {
          db.insert(stockThresholds)
            .values({ pharmacyId: pharmacy.id, cip13: product.cip13, minQuantity: int(30, 250), updatedAt: createdAt })
            .run();
        }
      }
    }
  });
  seedDemoTransfers(
    db,
    now,
    products.map((p) => p.cip13),
  );
  seedDemoOffer(db, now);
  // What the morning jobs would have found, so the demo's home pages show it at once.
  const system: Ctx = {
    db,
    clock: { now: () => now },
    actor: systemActor('demo-seed'),
    log: pino({ level: 'silent' }),
  };
  scanExpiry(system);
  scanLowStock(system);
}

function staffCtx(db: Db, email: string, at: Date): Ctx {
  const u = db.select().from(users).where(eq(users.email, email)).get();
  if (!u) throw new Error(`demo user ${email} missing`);
  return {
    db,
    clock: { now: () => at },
    actor: {
      kind: 'user',
      userId: u.id,
      email: u.email,
      role: u.role,
      pharmacyId: u.pharmacyId,
      careHomeId: u.careHomeId,
    },
    log: pino({ level: 'silent' }),
  };
}

/** Transfers in each state, made through the same use cases as the app (reservations, movements, audit). */
function seedDemoTransfers(db: Db, now: Date, cip13s: string[]) {
  const id = (slug: string) => db.select().from(pharmacies).where(eq(pharmacies.slug, slug)).get()!.id;
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const as = (slug: string, at: Date) => staffCtx(db, `pharmacien.${slug}@officoop.test`, at);
  const held = (slug: string) =>
    cip13s.filter((c) =>
      db.$client
        .prepare('SELECT 1 FROM stock_lots WHERE pharmacy_id = ? AND cip13 = ? AND quantity >= 20 AND expiry_date > ?')
        .get(id(slug), c, parisDate(now)),
    );
  const ask = (to: string, from: string, cip13: string, quantity: number, at: Date, reason: string) =>
    requestTransfer({
      ctx: as(to, at),
      input: { fromPharmacyId: id(from), cip13, quantity, reason, urgency: 'normal' },
    }).transfer.id;

  const bugeat = held('bugeat');
  const felletin = held('felletin');
  const meymac = held('meymac');
  // Last month (Paris): two dépannages received between Bugeat and Meymac, one each way: the
  // month is final and nets to one payment, still to pay.
  const monthBefore = (month: string) => parisMonth(new Date(parisWallClock(`${month}-01`, '00:00').getTime() - 1));
  const lastMonth = monthBefore(parisMonth(now));
  const on = (month: string, day: number, time = '10:00') =>
    parisWallClock(`${month}-${String(day).padStart(2, '0')}`, time);
  const t1 = ask(
    'meymac',
    'bugeat',
    bugeat[0]!,
    10,
    on(lastMonth, 10, '09:15'),
    'Patiente en sortie d’hospitalisation',
  );
  acceptTransfer({ ctx: as('bugeat', on(lastMonth, 10, '11:00')), id: t1, input: {} });
  shipTransfer({ ctx: as('bugeat', on(lastMonth, 11)), id: t1 });
  receiveTransfer({ ctx: as('meymac', on(lastMonth, 12)), id: t1, input: {} });
  const t2 = ask('bugeat', 'meymac', meymac[1]!, 6, on(lastMonth, 15, '09:15'), 'Rupture grossiste');
  acceptTransfer({ ctx: as('meymac', on(lastMonth, 15, '11:00')), id: t2, input: {} });
  shipTransfer({ ctx: as('meymac', on(lastMonth, 16)), id: t2 });
  receiveTransfer({ ctx: as('bugeat', on(lastMonth, 17)), id: t2, input: {} });
  // The month before: Royère was helped by Felletin, and the treasurer marked that payment paid,
  // so the year's statements show what "payé" looks like.
  const earlier = monthBefore(lastMonth);
  const t0 = ask('royere', 'felletin', felletin[3]!, 12, on(earlier, 20, '09:15'), 'Renouvellement d’un patient');
  acceptTransfer({ ctx: as('felletin', on(earlier, 20, '11:00')), id: t0, input: {} });
  shipTransfer({ ctx: as('felletin', on(earlier, 21)), id: t0 });
  receiveTransfer({ ctx: as('royere', on(earlier, 22)), id: t0, input: {} });
  seedDemoPayment(db, on(lastMonth, 5, '09:30'), earlier);
  // This month: received, shipped, accepted, requested, rejected, cancelled.
  const t3 = ask('royere', 'felletin', felletin[0]!, 8, daysAgo(6), 'Traitement urgent d’un patient');
  acceptTransfer({ ctx: as('felletin', daysAgo(6)), id: t3, input: {} });
  shipTransfer({ ctx: as('felletin', daysAgo(5)), id: t3 });
  receiveTransfer({ ctx: as('royere', daysAgo(4)), id: t3, input: {} });
  const t4 = ask('peyrelevade', 'bugeat', bugeat[2]!, 5, daysAgo(2), 'Dépannage EHPAD');
  acceptTransfer({ ctx: as('bugeat', daysAgo(2)), id: t4, input: {} });
  shipTransfer({ ctx: as('bugeat', daysAgo(1)), id: t4 });
  const t5 = ask('felletin', 'meymac', meymac[3]!, 12, daysAgo(1), 'Fin de stock avant livraison');
  acceptTransfer({ ctx: as('meymac', daysAgo(1)), id: t5, input: {} });
  ask('meymac', 'bugeat', bugeat[4]!, 4, daysAgo(0), 'Ordonnance d’un patient de passage');
  ask('bugeat', 'felletin', felletin[2]!, 3, daysAgo(0), 'Rupture chez le grossiste');
  const t8 = ask('royere', 'meymac', meymac[5]!, 20, daysAgo(3), 'Renouvellement EHPAD');
  rejectTransfer({ ctx: as('meymac', daysAgo(3)), id: t8, input: { reason: 'Stock réservé pour nos patients' } });
  const t9 = ask('felletin', 'bugeat', bugeat[6]!, 2, daysAgo(3), 'Patient de passage');
  cancelTransfer({ ctx: as('felletin', daysAgo(2)), id: t9 });
}

/**
 * One anti-waste offer waiting for an answer: Felletin offers the pharmacy that uses it faster
 * part of its most urgent lot at risk, so that pharmacy's anti-waste page shows an offer to accept.
 */
function seedDemoOffer(db: Db, now: Date) {
  const ctx = staffCtx(db, 'pharmacien.felletin@officoop.test', now);
  const felletin = ctx.actor.kind === 'user' ? ctx.actor.pharmacyId : null;
  const s = listRebalancing({ ctx }).items.find((x) => x.fromPharmacyId === felletin && x.openTransferId === null);
  if (!s) return;
  const date = s.expiryDate.split('-').reverse().join('/');
  createOffer({
    ctx,
    input: {
      lotId: s.lotId,
      toPharmacyId: s.toPharmacyId,
      quantity: Math.min(s.suggestedQuantity, 30),
      note: `Anti-gaspillage : lot ${s.lotNumber}, péremption le ${date}. Nous n’en écoulerons pas autant.`,
    },
  });
}

/**
 * What "payé" looks like: the treasurer marked `month`'s line paid `at` (a past instant), through
 * the app's own use case (who, when, audited).
 */
function seedDemoPayment(db: Db, at: Date, month: string) {
  const ctx = staffCtx(db, 'tresorier@officoop.test', at);
  const line = loadSettlement({ ctx, month }).pairs.find((p) => p.debtorId !== null && p.creditorId !== null);
  if (!line?.debtorId || !line.creditorId) return;
  markSettlementPaid({
    ctx,
    input: { month, debtorPharmacyId: line.debtorId, creditorPharmacyId: line.creditorId },
  });
}
