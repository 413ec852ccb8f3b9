import { asc } from 'drizzle-orm';
import pino from 'pino';
import { careHomes, prescriptionLines, residents } from '../../db/schema';
import { DEMO_TREATMENTS } from '../../db/seed/demo-orders.data';
import { demoOrderTimeline } from '../../db/seed/demo-timeline';
import { systemActor } from '../../server/http/context';
import {
  computeOrderWeek,
  type LineForWeek,
  type ResidentForWeek,
  unitsToQuarters,
} from '../../server/orders/orders.models';
import { createDraftOrder, submitOrder } from '../../server/orders/orders.usecases';
import { recomputeOrderRow } from '../../server/orders/recompute.usecases';
import { scheduleColumns } from '../../server/orders/residents.repository';
import { addCalendarDays, parisDate } from '../../server/shared/dates';
import type { Rng } from '../prng';
import { type DatasetGenerator, preparedInsert, tableExists } from './generator';

/** The order figure reads an order of this many residents (the "80-resident order"). */
export const FIGURE_RESIDENTS = 80;

/**
 * Tops every care home up to the scale's residents (the demo's Bugeat care home, whose
 * pharmacist the figures log in as, to at least 80), each with 5–10 lines from the demo's
 * treatments, and gives every care home its order of the open week, computed; Bugeat's is
 * submitted (the robot's slots figure plans it). Publishes `orderId` (Bugeat's open order) and
 * `ordersWeek`.
 */
export const ordersGenerator: DatasetGenerator = {
  name: 'orders',
  build({ db, rng, scale, now, facts }) {
    if (!tableExists(db, 'weekly_orders')) return { skipped: 'no orders tables' };
    const today = parisDate(now);
    const at = now.toISOString();
    const week = demoOrderTimeline(now).open;
    const insertResident = preparedInsert(db, residents, [
      'careHomeId',
      'lastName',
      'firstName',
      'birthDate',
      'room',
      'status',
      'createdAt',
      'updatedAt',
    ]);
    const insertLine = preparedInsert(db, prescriptionLines, [
      'residentId',
      'cip13',
      'doses',
      'scheduleKind',
      'scheduleWeekdays',
      'scheduleN',
      'scheduleFrom',
      'startDate',
      'prescriber',
      'asNeeded',
      'createdAt',
    ]);
    const homes = db
      .select({ id: careHomes.id, slug: careHomes.slug })
      .from(careHomes)
      .orderBy(asc(careHomes.id))
      .all();
    const count = db.$client.prepare('SELECT count(*) AS n FROM residents WHERE care_home_id = ?');
    let residentsAdded = 0;
    let linesAdded = 0;
    const ctx = { db, clock: { now: () => now }, actor: systemActor('bench') };
    for (const home of homes) {
      const held = (count.get(home.id) as { n: number }).n;
      const target = Math.max(scale.residentsPerCareHome, home.slug === 'ehpad-bugeat' ? FIGURE_RESIDENTS : 0);
      db.transaction(() => {
        for (let i = held; i < target; i++) {
          const residentId = insertResident({
            careHomeId: home.id,
            lastName: `Résident ${String(i + 1).padStart(3, '0')}`,
            firstName: rng.pick(['Marie', 'Jeanne', 'Pierre', 'Louis', 'Odette', 'René']),
            birthDate: `${rng.int(1926, 1948)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
            room: String(100 + i),
            status: 'active',
            createdAt: at,
            updatedAt: at,
          });
          residentsAdded++;
          const groups = new Set<string>();
          for (let n = rng.int(5, 10); n > 0; n--) {
            const t = rng.pick(DEMO_TREATMENTS);
            if (groups.has(t.group)) continue;
            groups.add(t.group);
            const startDate = addCalendarDays(today, -rng.int(20, 400));
            const schedule =
              t.schedule === 'every_other_day'
                ? { kind: 'every_n_days' as const, n: 2, from: startDate }
                : (t.schedule ?? { kind: 'daily' as const });
            insertLine({
              residentId,
              cip13: t.cip13,
              doses: Object.fromEntries(Object.entries(t.doses).map(([k, u]) => [k, unitsToQuarters(u) ?? 0])),
              ...scheduleColumns(schedule),
              startDate,
              prescriber: 'Dr Bench',
              asNeeded: t.asNeeded ?? false,
              createdAt: at,
            });
            linesAdded++;
          }
        }
        const { id, created } = createDraftOrder(ctx, home.id, week);
        if (!created && held < target) recomputeOrderRow(ctx, id, { kind: 'recomputed' });
        if (home.slug === 'ehpad-bugeat') facts.orderId = id;
      });
    }
    // Bugeat's open order is submitted, as most are by the open week's cut-off (the demo leaves it
    // a draft for the care home's own journey): the robot's slots figure plans it.
    if (facts.orderId !== undefined) {
      const order = db.$client.prepare('SELECT status FROM weekly_orders WHERE id = ?').get(facts.orderId) as
        | { status: string }
        | undefined;
      if (order?.status === 'draft')
        submitOrder({ ctx: { ...ctx, log: pino({ level: 'silent' }) }, id: Number(facts.orderId) });
    }
    facts.ordersWeek = week;
    const orders = (db.$client.prepare('SELECT count(*) AS n FROM weekly_orders').get() as { n: number }).n;
    return { rows: { residentsAdded, linesAdded, orders } };
  },
};

/**
 * The input of one care home's week for the in-process figure: `residents` residents with 5–10
 * lines each from the demo's treatments (some as needed, some hors PDA, every other day,
 * weekdays), a few hospitalisations and absences, and cassettes for two products in three.
 */
export function syntheticOrderWeek(rng: Rng, count = 120): Parameters<typeof computeOrderWeek>[0] {
  const week = '2026-W49';
  const lines: LineForWeek[] = [];
  const residentsOfWeek: ResidentForWeek[] = [];
  for (let id = 1; id <= count; id++) {
    const hospitalised = rng.int(1, 20) === 1;
    residentsOfWeek.push({
      id,
      status: hospitalised ? 'hospitalised' : 'active',
      statusFrom: hospitalised ? '2026-12-02' : null,
      statusTo: hospitalised ? '2026-12-04' : null,
    });
    for (let n = rng.int(5, 10); n > 0; n--) {
      const t = rng.pick(DEMO_TREATMENTS);
      const startDate = `2026-${String(rng.int(1, 11)).padStart(2, '0')}-0${rng.int(1, 9)}`;
      lines.push({
        residentId: id,
        cip13: t.cip13,
        doses: Object.fromEntries(Object.entries(t.doses).map(([k, u]) => [k, unitsToQuarters(u) ?? 0])),
        schedule:
          t.schedule === 'every_other_day'
            ? { kind: 'every_n_days', n: 2, from: startDate }
            : (t.schedule ?? { kind: 'daily' }),
        startDate,
        endDate: rng.int(1, 15) === 1 ? '2026-12-02' : null,
        asNeeded: t.asNeeded ?? false,
      });
    }
  }
  const excluded = new Set([
    '3400933484132',
    '3400930264546',
    '3400934744198',
    '3400949002856',
    '3400930313817',
    '3400933899783',
    '3400933323523',
  ]);
  return {
    week,
    administrationTimes: ['matin', 'midi', 'soir', 'coucher'],
    residents: residentsOfWeek,
    lines,
    absences: [{ residentId: 3, from: '2026-12-01', to: '2026-12-03' }],
    isPdaExcluded: (cip13) => excluded.has(cip13),
    hasCassette: (cip13) => cip13.charCodeAt(12) % 3 !== 0,
  };
}

/** Computes the week and checks its totals add up (a wrong answer is no figure). */
export function computeSyntheticWeek(input: Parameters<typeof computeOrderWeek>[0]) {
  const week = computeOrderWeek(input);
  const units = week.lines.reduce((s, l) => s + l.units, 0);
  const { robotUnits, manualUnits, horsPdaUnits } = week.totals;
  if (units !== robotUnits + manualUnits + horsPdaUnits) throw new Error('units do not add up to the totals');
  return week;
}
