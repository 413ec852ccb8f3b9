import pino from 'pino';
import type { Ctx } from '../../server/http/context';
import { signDelivery } from '../../server/robot/delivery.usecases';
import { lastPouchDay } from '../../server/robot/production.models';
import { completeBatch, resolveAnomaly, startBatch, verifyBatch } from '../../server/robot/production.usecases';
import { addCalendarDays, parisDate } from '../../server/shared/dates';
import { applyMovement, insertLot } from '../../server/stock/stock.repository';
import { acceptTransfer, receiveTransfer, requestTransfer, shipTransfer } from '../../server/stock/transfers.usecases';
import type { Db } from '../client';
import type { Role } from '../schema';
import { statement } from '../statements';
import { demoOrderTimeline } from './demo-timeline';

const MINUTE = 60_000;
const DAY = 86_400_000;

type Batch = { id: number; pharmacyId: number; start: string; end: string; status: string; pouches: number };
type Need = { cip13: string; units: number };

const rows = <T>(db: Db, sql: string, ...args: unknown[]) => statement(db, sql).all(...args) as T[];
const row = <T>(db: Db, sql: string, ...args: unknown[]) => statement(db, sql).get(...args) as T;

/** A use-case context acting as a demo user at a given instant (the user behind each step). */
function as(db: Db, where: string, arg: number | string, at: number): Ctx {
  const u = row<{ id: number; email: string; role: Role; pharmacyId: number | null; careHomeId: number | null }>(
    db,
    `SELECT id, email, role, pharmacy_id AS pharmacyId, care_home_id AS careHomeId FROM users WHERE ${where} LIMIT 1`,
    arg,
  );
  return {
    db,
    clock: { now: () => new Date(at) },
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
const staff = (db: Db, role: 'pharmacist' | 'technician', pharmacyId: number, at: number) =>
  as(db, `role = '${role}' AND pharmacy_id = ?`, pharmacyId, at);

/** Units per product the orders of some weeks put into pouches (robot and manual tray). */
function needsOf(db: Db, weeks: string[], careHome?: string): Need[] {
  return rows<Need>(
    db,
    `SELECT ol.cip13, sum(ol.units) AS units FROM order_lines ol JOIN weekly_orders o ON o.id = ol.order_id
     JOIN care_homes c ON c.id = o.care_home_id
     WHERE o.week IN (SELECT value FROM json_each(?)) AND o.status <> 'cancelled' AND ol.route IN ('robot', 'manual')
       AND ol.units > 0 AND (? IS NULL OR c.slug = ?)
     GROUP BY ol.cip13 ORDER BY sum(ol.units) DESC, ol.cip13`,
    JSON.stringify(weeks),
    careHome ?? null,
    careHome ?? null,
  );
}

/** A wholesaler delivery: a new lot at the pharmacy, received on `day`. */
function receive(
  db: Db,
  pharmacyId: number,
  cip13: string,
  lotNumber: string,
  expiryDate: string,
  units: number,
  day: string,
) {
  const lotId = insertLot(db, {
    pharmacyId,
    cip13,
    lotNumber,
    expiryDate,
    unitCostCents: 11,
    createdAt: `${day}T08:00:00.000Z`,
  });
  applyMovement(db, {
    pharmacyId,
    lotId,
    kind: 'receipt',
    quantity: units,
    day,
    createdAt: `${day}T08:00:00.000Z`,
    createdBy: null,
  });
}

/**
 * The demo's robot production, on the orders' timeline (whatever the weekday): every booked batch
 * whose time is past was started, completed (its pouch lines consumed FEFO on Bugeat's lots) and,
 * an hour later, verified by a pharmacist of its orders' pharmacy — all through the app's use
 * cases; verified orders whose delivery is past were signed for by their care home. The past
 * order week's Meymac batch had an anomaly at its first check (a torn pouch), remade and checked
 * again within the hour before the batch was verified. Bugeat first
 * received what those batches and the next weeks' orders need, except one product of Meymac's
 * open order (a shortage to cover by dépannage; Peyrelevade holds it). Its most used product came
 * in part from Meymac by a dépannage, so a recall of that lot shows a transfer, batches, care
 * homes and residents.
 */
export function seedDemoProduction(db: Db, now: Date): void {
  const robot = row<{ id: number; host: number } | undefined>(
    db,
    'SELECT id, host_pharmacy_id AS host FROM robots WHERE active = 1 ORDER BY id LIMIT 1',
  );
  if (!robot) return;
  const t = now.getTime();
  const today = parisDate(now);
  const timeline = demoOrderTimeline(now);
  const weeks = [timeline.lastDelivered, ...timeline.closed, timeline.open];
  const pharmacyOf = (slug: string) => row<{ id: number }>(db, 'SELECT id FROM pharmacies WHERE slug = ?', slug).id;
  const past = rows<Batch>(
    db,
    `SELECT id, pharmacy_id AS pharmacyId, start_at AS start, end_at AS end, status, pouches FROM robot_batches
     WHERE robot_id = ? AND status = 'booked' AND start_at <= ? ORDER BY start_at, id`,
    robot.id,
    now.toISOString(),
  );
  const firstStart = past.length ? Date.parse((past[0] as Batch).start) : t;
  const supplyDay = parisDate(new Date(Math.min(firstStart, t) - 6 * DAY));

  db.transaction(() => {
    // The dépannage lot: Bugeat's most used product, expiring soon after the past week's last pouch day.
    const [most] = needsOf(db, [timeline.lastDelivered]);
    if (most) {
      const lot = `MY${today.slice(2, 4)}${today.slice(5, 7)}R`;
      const expiry = addCalendarDays(lastPouchDay(timeline.lastDelivered), 10);
      const meymac = pharmacyOf('meymac');
      receive(db, meymac, most.cip13, lot, expiry, most.units + 32, addCalendarDays(supplyDay, -14));
      const at = Math.min(firstStart, t) - 4 * DAY;
      const id = requestTransfer({
        ctx: staff(db, 'pharmacist', robot.host, at),
        input: {
          fromPharmacyId: meymac,
          cip13: most.cip13,
          quantity: most.units + 12,
          reason: 'Série robot PDA : rupture chez le grossiste',
          urgency: 'urgent',
        },
      }).transfer.id;
      acceptTransfer({ ctx: staff(db, 'pharmacist', meymac, at + 30 * MINUTE), id, input: {} });
      shipTransfer({ ctx: staff(db, 'technician', meymac, at + 3 * 60 * MINUTE), id });
      receiveTransfer({ ctx: staff(db, 'technician', robot.host, at + DAY), id, input: {} });
    }

    // Wholesaler deliveries at Bugeat covering the coming batches, but one product of Meymac's open order.
    const felletinOpen = new Set(needsOf(db, [timeline.open], 'ehpad-felletin').map((n) => n.cip13));
    const heldAtHost = (cip13: string) =>
      row<{ n: number }>(
        db,
        'SELECT coalesce(sum(quantity), 0) AS n FROM stock_lots WHERE pharmacy_id = ? AND cip13 = ? AND expiry_date >= ?',
        robot.host,
        cip13,
        addCalendarDays(today, 14),
      ).n;
    const short = needsOf(db, [timeline.open], 'ehpad-meymac')
      .map((n) => n.cip13)
      .find((c) => !felletinOpen.has(c) && c !== most?.cip13 && heldAtHost(c) === 0);
    const openNeeds = new Map(needsOf(db, [timeline.open]).map((n) => [n.cip13, n.units]));
    for (const [i, n] of needsOf(db, weeks).entries()) {
      const held = heldAtHost(n.cip13);
      const wanted = n.cip13 === short ? n.units - (openNeeds.get(n.cip13) ?? 0) : Math.ceil(n.units * 1.15);
      if (wanted > held) {
        const expiry = addCalendarDays(today, 240 + ((i * 37) % 300));
        receive(db, robot.host, n.cip13, `GR${String(4100 + i)}`, expiry, wanted - held, supplyDay);
      }
    }
    if (short) receive(db, pharmacyOf('peyrelevade'), short, 'PY7731B', addCalendarDays(today, 400), 180, supplyDay);

    // The batches whose time is past, in time order: produced, then verified an hour later.
    const meymacPast = row<{ id: number } | undefined>(
      db,
      `SELECT l.batch_id AS id FROM robot_batch_orders l JOIN weekly_orders o ON o.id = l.order_id
       JOIN care_homes c ON c.id = o.care_home_id WHERE l.active = 1 AND o.week = ? AND c.slug = 'ehpad-meymac'`,
      timeline.lastDelivered,
    )?.id;
    for (const b of past) {
      const start = Date.parse(b.start);
      const end = Date.parse(b.end);
      startBatch({ ctx: staff(db, 'technician', robot.host, start), id: b.id });
      if (end > t) continue;
      completeBatch({
        ctx: staff(db, 'technician', robot.host, end),
        id: b.id,
        input: { pouchesProduced: b.pouches, lots: [] },
      });
      const checkedAt = end + 60 * MINUTE;
      if (checkedAt > t) continue;
      const pharmacist = staff(db, 'pharmacist', b.pharmacyId, checkedAt);
      if (b.id === meymacPast) {
        const resident = rows<{ id: number }>(
          db,
          `SELECT c.resident_id AS id FROM robot_batch_consumption c WHERE c.batch_id = ? ORDER BY c.id LIMIT 1`,
          b.id,
        )[0];
        verifyBatch({
          ctx: pharmacist,
          id: b.id,
          input: {
            pouchesChecked: Math.min(b.pouches, 140),
            anomalies: resident
              ? [{ residentId: resident.id, description: 'Sachet du jeudi soir déchiré : à refaire et recontrôler' }]
              : [],
          },
        });
        // The torn pouch was remade by hand and checked again within the hour, then the batch verified.
        const redoneAt = checkedAt + 45 * MINUTE;
        if (redoneAt > t) continue;
        const anomaly = row<{ id: number } | undefined>(
          db,
          'SELECT id FROM robot_batch_anomalies WHERE batch_id = ? AND resolved_at IS NULL',
          b.id,
        );
        if (anomaly) {
          resolveAnomaly({
            ctx: staff(db, 'pharmacist', b.pharmacyId, redoneAt),
            id: anomaly.id,
            resolution: 'Sachet refait à la main et recontrôlé',
          });
        }
        if (redoneAt + 15 * MINUTE > t) continue;
        verifyBatch({
          ctx: staff(db, 'pharmacist', b.pharmacyId, redoneAt + 15 * MINUTE),
          id: b.id,
          input: { pouchesChecked: b.pouches, anomalies: [] },
        });
        continue;
      }
      verifyBatch({ ctx: pharmacist, id: b.id, input: { pouchesChecked: b.pouches, anomalies: [] } });
    }

    // Verified orders whose delivery time is past were signed for by their care home; the most
    // recent one with a reserve (a torn pouch), which its pharmacy reads as an alert.
    const toSign = rows<{ id: number; careHomeId: number; deliveryAt: string }>(
      db,
      `SELECT id, care_home_id AS careHomeId, delivery_at AS deliveryAt FROM weekly_orders
       WHERE status = 'verified' AND delivery_at <= ? ORDER BY id`,
      now.toISOString(),
    );
    // Who took the pouches at each care home: the nurse on duty, by name (the delivery note prints it).
    const signers = ['Sylvie Mazeau', 'Nadine Chastagnol', 'Élodie Lachaud'];
    for (const [i, o] of toSign.entries()) {
      const at = Math.min(Date.parse(o.deliveryAt) + 25 * MINUTE, t);
      // The torn pouch is in a room of that care home (« chambre 12 » was in none of Felletin's).
      const room =
        rows<{ room: string }>(
          db,
          "SELECT room FROM residents WHERE care_home_id = ? AND status = 'active' ORDER BY id LIMIT 1",
          o.careHomeId,
        )[0]?.room ?? '';
      signDelivery({
        ctx: as(db, "role = 'carehome' AND care_home_id = ?", o.careHomeId, at),
        id: o.id,
        input: {
          receivedBy: `${signers[o.careHomeId % signers.length]}, infirmière`,
          notes: i === toSign.length - 1 ? `Un sachet déchiré (chambre ${room}, mardi midi) : à refaire.` : '',
        },
      });
    }
  });
}
