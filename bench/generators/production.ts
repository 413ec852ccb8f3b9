import { DEMO_TREATMENTS } from '../../db/seed/demo-orders.data';
import { renderProductionSheetPdf } from '../../reports/production-sheet';
import type { LotAllocation } from '../../server/robot/production.models';
import { type ProductionSheetData, sheetProducts } from '../../server/robot/production-sheet.usecases';
import { addCalendarDays, isoWeekDays, parisDate } from '../../server/shared/dates';
import type { Rng } from '../prng';
import { type DatasetGenerator, tableExists } from './generator';

const DAY = 86_400_000;
const WEEKS: Record<string, number> = { tiny: 2, small: 8, territory: 52, national: 52 };
/**
 * One robot produces about one batch per care home and week: at 60 minutes a batch it cannot
 * serve more than ~100 homes, and 52 weeks × 1 000 homes would be 20 M consumption rows (the
 * national build did not finish). National keeps the territory's ten homes on the robot.
 */
const MAX_HOMES: Record<string, number> = { national: 10 };

type Line = { id: number; orderId: number; residentId: number; cip13: string; units: number; careHomeId: number };

/**
 * A year (at `territory` scale) of verified robot batches for the recall figure: every week, one
 * batch per care home whose pouches take that care home's order lines (the open week's, reused:
 * what matters is the rows a recall reads), consumed from the host pharmacy's lots — one lot per
 * product and month, each with the receipt behind its balance, one `robot_consumption` movement
 * per batch and lot. The busiest lot also went to another pharmacy by a received dépannage.
 * Publishes `recallCip13` and `recallLot`.
 */
export const productionGenerator: DatasetGenerator = {
  name: 'production',
  build({ db, scale, now, facts }) {
    if (!tableExists(db, 'robot_batch_consumption')) return { skipped: 'no production tables' };
    const robot = db.$client
      .prepare('SELECT id, host_pharmacy_id AS host FROM robots WHERE active = 1 ORDER BY id LIMIT 1')
      .get() as { id: number; host: number } | undefined;
    if (!robot) return { skipped: 'no robot' };
    const lines = db.$client
      .prepare(
        `SELECT ol.id, ol.order_id AS orderId, ol.resident_id AS residentId, ol.cip13, ol.units, o.care_home_id AS careHomeId
         FROM order_lines ol JOIN weekly_orders o ON o.id = ol.order_id
         WHERE ol.route IN ('robot', 'manual') AND ol.units > 0
           AND o.id IN (SELECT max(id) FROM weekly_orders GROUP BY care_home_id)
         ORDER BY o.care_home_id, ol.id`,
      )
      .all() as Line[];
    const homes = (
      db.$client.prepare('SELECT id, pharmacy_id AS pharmacyId FROM care_homes ORDER BY id').all() as {
        id: number;
        pharmacyId: number;
      }[]
    ).slice(0, MAX_HOMES[scale.name] ?? Number.POSITIVE_INFINITY);
    const linesByHome = new Map<number, Line[]>();
    for (const l of lines) {
      const own = linesByHome.get(l.careHomeId);
      if (own) own.push(l);
      else linesByHome.set(l.careHomeId, [l]);
    }
    const weeks = WEEKS[scale.name] ?? 2;
    const run = (sql: string) => db.$client.prepare(sql);
    const insertBatch =
      run(`INSERT INTO robot_batches (robot_id, pharmacy_id, start_at, end_at, status, pouches, manual_units,
      duration_minutes, setup_minutes, pouch_minutes, manual_minutes, cleaning_minutes, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'verified', ?, 0, 60, 15, 35, 0, 10, ?, ?)`);
    const insertRun = run(
      'INSERT INTO robot_batch_runs (batch_id, started_at, completed_at, pouches_produced) VALUES (?, ?, ?, ?)',
    );
    const insertCheck = run(`INSERT INTO robot_batch_verifications (batch_id, pouches_checked, outcome, checked_at)
      VALUES (?, ?, 'verified', ?)`);
    const insertLot =
      run(`INSERT INTO stock_lots (pharmacy_id, cip13, lot_number, expiry_date, unit_cost_cents, quantity, created_at)
      VALUES (?, ?, ?, ?, 20, ?, ?)`);
    const insertMovement =
      run(`INSERT INTO stock_movements (pharmacy_id, lot_id, kind, quantity, reason, transfer_id, day, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertConsumption = run(`INSERT INTO robot_batch_consumption
      (batch_id, order_id, order_line_id, resident_id, cip13, lot_id, movement_id, units) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);

    // What each host lot (product × month) gives, batch by batch, before anything is written.
    const lots = new Map<string, { cip13: string; month: string; total: number; uses: Map<string, Line[]> }>();
    const batches: { key: string; homeId: number; pharmacyId: number; start: number; pouches: number }[] = [];
    for (let k = 0; k < weeks; k++) {
      homes.forEach((home, h) => {
        const start = now.getTime() - (14 + 7 * k) * DAY - (h + 1) * 2 * 3_600_000;
        const key = `${k}:${home.id}`;
        const own = linesByHome.get(home.id) ?? [];
        if (own.length === 0) return;
        batches.push({ key, homeId: home.id, pharmacyId: home.pharmacyId, start, pouches: own.length * 4 });
        const month = parisDate(new Date(start)).slice(0, 7);
        for (const l of own) {
          const lotKey = `${l.cip13}|${month}`;
          const lot = lots.get(lotKey) ?? { cip13: l.cip13, month, total: 0, uses: new Map<string, Line[]>() };
          lot.total += l.units;
          lot.uses.set(key, [...(lot.uses.get(key) ?? []), l]);
          lots.set(lotKey, lot);
        }
      });
    }
    const busiest = [...lots.entries()].sort((a, b) => b[1].uses.size - a[1].uses.size || b[1].total - a[1].total)[0];
    const receiver = homes.find((h) => h.pharmacyId !== robot.host)?.pharmacyId ?? (robot.host === 1 ? 2 : 1);
    let consumption = 0;
    db.transaction(() => {
      const batchIds = new Map<string, number>();
      for (const b of batches) {
        const start = new Date(b.start).toISOString();
        const end = new Date(b.start + 60 * 60_000).toISOString();
        const id = Number(insertBatch.run(robot.id, b.pharmacyId, start, end, b.pouches, start, end).lastInsertRowid);
        insertRun.run(id, start, end, b.pouches);
        insertCheck.run(id, b.pouches, new Date(b.start + 2 * 3_600_000).toISOString());
        batchIds.set(b.key, id);
      }
      let n = 0;
      for (const [lotKey, lot] of lots) {
        const transferred = lotKey === busiest?.[0] ? 20 : 0;
        const lotNumber = `RB${lot.month.replace('-', '')}${String(++n).padStart(4, '0')}`;
        const expiry = addCalendarDays(`${lot.month}-01`, 420);
        const createdAt = `${lot.month}-01T07:00:00.000Z`;
        const lotId = Number(insertLot.run(robot.host, lot.cip13, lotNumber, expiry, 50, createdAt).lastInsertRowid);
        insertMovement.run(
          robot.host,
          lotId,
          'receipt',
          lot.total + 50 + transferred,
          null,
          null,
          `${lot.month}-01`,
          createdAt,
        );
        for (const [key, used] of lot.uses) {
          const batchId = batchIds.get(key) as number;
          const b = batches.find((x) => x.key === key) as { start: number };
          const at = new Date(b.start + 60 * 60_000);
          const units = used.reduce((s, l) => s + l.units, 0);
          const movementId = Number(
            insertMovement.run(
              robot.host,
              lotId,
              'robot_consumption',
              -units,
              `Lot robot n° ${batchId}`,
              null,
              parisDate(at),
              at.toISOString(),
            ).lastInsertRowid,
          );
          for (const l of used) {
            insertConsumption.run(batchId, l.orderId, l.id, l.residentId, l.cip13, lotId, movementId, l.units);
            consumption++;
          }
        }
        if (transferred) {
          facts.recallCip13 = lot.cip13;
          facts.recallLot = lotNumber;
          transferLot(db, {
            lotId,
            lotNumber,
            expiry,
            cip13: lot.cip13,
            from: robot.host,
            to: receiver,
            at: createdAt,
          });
        }
      }
    });
    return { rows: { batches: batches.length, lots: lots.size, consumption } };
  },
};

/** A received dépannage of 20 units of a lot, with its lines and both movements. */
function transferLot(
  db: Parameters<DatasetGenerator['build']>[0]['db'],
  t: { lotId: number; lotNumber: string; expiry: string; cip13: string; from: number; to: number; at: string },
) {
  const day = t.at.slice(0, 10);
  const transferId = Number(
    db.$client
      .prepare(`INSERT INTO transfers (to_pharmacy_id, from_pharmacy_id, cip13, quantity_requested, quantity_accepted, reason,
        urgency, status, value_cents, requested_at, decided_at, shipped_at, received_at)
        VALUES (?, ?, ?, 20, 20, 'Dépannage', 'normal', 'received', 400, ?, ?, ?, ?)`)
      .run(t.to, t.from, t.cip13, t.at, t.at, t.at, t.at).lastInsertRowid,
  );
  const received = Number(
    db.$client
      .prepare(`INSERT INTO stock_lots (pharmacy_id, cip13, lot_number, expiry_date, unit_cost_cents, quantity, created_at)
        VALUES (?, ?, ?, ?, 20, 20, ?)`)
      .run(t.to, t.cip13, t.lotNumber, t.expiry, t.at).lastInsertRowid,
  );
  db.$client
    .prepare(`INSERT INTO transfer_lines (transfer_id, lot_id, lot_number, expiry_date, unit_cost_cents, quantity,
      quantity_received, received_lot_id) VALUES (?, ?, ?, ?, 20, 20, 20, ?)`)
    .run(transferId, t.lotId, t.lotNumber, t.expiry, received);
  const movement =
    db.$client.prepare(`INSERT INTO stock_movements (pharmacy_id, lot_id, kind, quantity, transfer_id, day, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  movement.run(t.from, t.lotId, 'transfer_out', -20, transferId, day, t.at);
  movement.run(t.to, received, 'transfer_in', 20, transferId, day, t.at);
}

/**
 * The production sheet of one batch of `residents` residents in two care homes (SPEC §11: 120
 * residents < 500 ms): 5–10 lines each from the demo's treatments, one or two lots per product,
 * the hors-PDA ones listed apart. Returns the timed closure: products and lots composed, then
 * the PDF rendered.
 */
export function syntheticProductionSheet(rng: Rng, residents = 120): () => Promise<Buffer> {
  const week = '2026-W49';
  const lines: { id: number; cip13: string; label: string; units: number; route: string }[] = [];
  const allocations: LotAllocation[] = [];
  const careHomes: ProductionSheetData['careHomes'] = [0, 1].map((h) => ({
    careHomeName: h === 0 ? 'EHPAD Les Bruyères — Bugeat' : 'EHPAD Les Tilleuls — Felletin',
    orderId: h + 1,
    week,
    days: isoWeekDays(week),
    pouches: 0,
    residents: [],
  }));
  const horsPda: ProductionSheetData['horsPda'] = [];
  const manualByResident: ProductionSheetData['manualByResident'] = [];
  const cassette = new Map<string, number>();
  for (let r = 1; r <= residents; r++) {
    const home = careHomes[r % 2] as ProductionSheetData['careHomes'][number];
    const perDay = Array.from({ length: 7 }, () => rng.int(1, 4));
    const pouches = perDay.reduce((s, v) => s + v, 0);
    home.pouches += pouches;
    home.residents.push({
      name: `RÉSIDENT ${String(r).padStart(3, '0')} Marie`,
      room: String(100 + r),
      perDay,
      pouches,
    });
    for (let n = rng.int(5, 10); n > 0; n--) {
      const t = rng.pick(DEMO_TREATMENTS);
      const units = rng.int(3, 28);
      const route = rng.int(1, 12) === 1 ? 'hors_pda' : rng.int(1, 20) === 1 ? 'manual' : 'robot';
      if (route === 'hors_pda') {
        horsPda.push({
          careHomeName: home.careHomeName,
          name: `RÉSIDENT ${r}`,
          room: String(100 + r),
          label: t.cip13,
          units,
        });
        continue;
      }
      if (route === 'robot' && !cassette.has(t.cip13)) cassette.set(t.cip13, cassette.size + 1);
      if (route === 'manual') {
        manualByResident.push({
          careHomeName: home.careHomeName,
          name: `RÉSIDENT ${r}`,
          room: String(100 + r),
          label: t.cip13,
          units,
          posology: [
            {
              doses: [{ time: 'midi', units: 0.5 }],
              schedule: { kind: 'daily' },
              from: '2026-11-30',
              to: '2026-12-06',
            },
          ],
        });
      }
      lines.push({
        id: lines.length + 1,
        cip13: t.cip13,
        label: `PRODUIT ${t.cip13.slice(-5)} 10 mg, comprimé sécable`,
        units,
        route,
      });
      const lot = rng.int(1, 4) === 1 ? 2 : 1;
      allocations.push({
        lineId: lines.length,
        orderId: home.orderId,
        residentId: r,
        cip13: t.cip13,
        lotId: lot,
        lotNumber: `L${t.cip13.slice(-4)}${lot}`,
        expiryDate: `2027-0${lot + 3}-30`,
        units,
      });
    }
  }
  return () =>
    renderProductionSheetPdf({
      batchId: 42,
      robotName: 'Robot PDA de Bugeat',
      hostPharmacyName: 'Pharmacie de Bugeat',
      pharmacyName: 'Pharmacie de Felletin',
      status: 'booked',
      start: '2026-11-25T12:30:00.000Z',
      end: '2026-11-25T15:16:00.000Z',
      durationMinutes: 166,
      breakdown: { setup: 15, pouches: 130, manual: 11, cleaning: 10 },
      pouches: careHomes.reduce((s, h) => s + h.pouches, 0),
      manualUnits: lines.filter((l) => l.route === 'manual').reduce((s, l) => s + l.units, 0),
      startedAt: null,
      completedAt: null,
      pouchesProduced: null,
      incident: null,
      rejections: [],
      lotsRecorded: false,
      careHomes,
      cassettes: sheetProducts(lines, allocations, cassette, 'robot'),
      manualTray: sheetProducts(lines, allocations, cassette, 'manual'),
      horsPda,
      manualByResident,
      shortages: [],
    });
}
