import { eq } from 'drizzle-orm';
import { type Actor, systemActor } from '../../server/http/context';
import { unitsToQuarters } from '../../server/orders/orders.models';
import {
  findOrderRow,
  insertAbsenceRow,
  insertChangeRequestRow,
  updateOrderRow,
} from '../../server/orders/orders.repository';
import { createDraftOrder } from '../../server/orders/orders.usecases';
import { recomputeOrderRow, recordOrderEvent } from '../../server/orders/recompute.usecases';
import {
  insertLineRow,
  insertResidentRow,
  scheduleColumns,
  updateLineRow,
} from '../../server/orders/residents.repository';
import { addCalendarDays, isoWeekDays, parisDate, parisWallClock } from '../../server/shared/dates';
import type { Db } from '../client';
import { careHomes, prescriptionLines, residents as residentsTable, users } from '../schema';
import { DEMO_CARE_HOMES } from './demo';
import {
  DEMO_FIRST_NAMES,
  DEMO_LAST_NAMES,
  DEMO_PRESCRIBERS,
  DEMO_TREATMENTS,
  type DemoTreatment,
} from './demo-orders.data';
import { demoOrderTimeline } from './demo-timeline';

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

/** Residents per demo care home (SPEC issue: 40–80 each). */
const RESIDENTS: Record<string, number> = { 'ehpad-bugeat': 48, 'ehpad-meymac': 72, 'ehpad-felletin': 56 };

type Rand = ReturnType<typeof prng>;

/** 5–10 treatments, at most one per therapeutic group, drawn by how often GPs prescribe them. */
function drawTreatments(rand: Rand): DemoTreatment[] {
  const count = 5 + Math.floor(rand() * 6);
  const chosen: DemoTreatment[] = [];
  let pool = [...DEMO_TREATMENTS];
  while (chosen.length < count && pool.length > 0) {
    const total = pool.reduce((s, t) => s + t.weight, 0);
    let r = rand() * total;
    let pick = pool[0] as DemoTreatment;
    for (const t of pool) {
      r -= t.weight;
      pick = t;
      if (r < 0) break;
    }
    chosen.push(pick);
    pool = pool.filter((t) => t.group !== pick.group);
  }
  return chosen;
}

const quarters = (doses: Record<string, number>) =>
  Object.fromEntries(Object.entries(doses).map(([name, units]) => [name, unitsToQuarters(units) ?? 0]));

/**
 * Demo care-home data on the orders timeline (`demoOrderTimeline`): 48, 72 and 56 residents with
 * 5–10 plausible PDA lines each (half tablets, every other day, weekdays only, as needed, hors
 * PDA; one in eight with an earlier version replaced), a hospitalisation, a discharge and a death;
 * orders of the last delivered and closed weeks submitted, the open week submitted except Bugeat's
 * draft, next week's drafts; an absence in Meymac's open order and a late change at Felletin (pending while a week is
 * between cut-off and delivery, else accepted).
 */
export function seedDemoOrders(db: Db, now: Date): void {
  const rand = prng(20261130);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)] as T;
  const today = parisDate(now);
  const at = now.toISOString();
  const ctx = { db, clock: { now: () => now }, actor: systemActor('demo-seed') };
  const timeline = demoOrderTimeline(now);
  // The nurse sends orders and declares absences, the pharmacist answers: their names in the history.
  const userActor = (email: string): Actor | null => {
    const u = db.select().from(users).where(eq(users.email, email)).get();
    return u
      ? { kind: 'user', userId: u.id, email: u.email, role: u.role, pharmacyId: u.pharmacyId, careHomeId: u.careHomeId }
      : null;
  };
  const userId = (email: string) => {
    const actor = userActor(email);
    return actor?.kind === 'user' ? actor.userId : null;
  };

  db.transaction(() => {
    const batch: (typeof prescriptionLines.$inferInsert)[] = [];
    for (const home of DEMO_CARE_HOMES) {
      const careHome = db.select().from(careHomes).where(eq(careHomes.slug, home.slug)).get();
      if (!careHome) continue;
      const pharmacist = userId(`pharmacien.${home.town}@officoop.test`);
      const nurse = userId(`ehpad.${home.town}@officoop.test`);
      const residentIds: number[] = [];
      for (let i = 0; i < (RESIDENTS[home.slug] ?? 40); i++) {
        const female = rand() < 0.7;
        const resident = insertResidentRow(db, {
          careHomeId: careHome.id,
          lastName: pick(DEMO_LAST_NAMES),
          firstName: pick(female ? DEMO_FIRST_NAMES.f : DEMO_FIRST_NAMES.m),
          birthDate: `${int(1926, 1948)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
          room: `${int(1, 2)}${String(i + 1).padStart(2, '0')}`,
          status: 'active',
          createdAt: at,
          createdBy: pharmacist,
          updatedAt: at,
        });
        residentIds.push(resident.id);
        const prescriber = pick(DEMO_PRESCRIBERS);
        for (const treatment of drawTreatments(rand)) {
          const startDate = addCalendarDays(today, -int(20, 600));
          const schedule =
            treatment.schedule === 'every_other_day'
              ? ({ kind: 'every_n_days', n: 2, from: startDate } as const)
              : (treatment.schedule ?? ({ kind: 'daily' } as const));
          const line = {
            residentId: resident.id,
            cip13: treatment.cip13,
            doses: quarters(treatment.doses),
            ...scheduleColumns(schedule),
            startDate,
            prescriber,
            asNeeded: treatment.asNeeded ?? false,
            createdAt: at,
            createdBy: pharmacist,
          };
          if (rand() < 0.12) {
            // An earlier version at another dose, replaced when the GP changed it.
            const oldStart = addCalendarDays(startDate, -int(60, 300));
            const oldDoses = Object.fromEntries(Object.entries(line.doses).map(([n, q]) => [n, q * 2]));
            const oldId = insertLineRow(db, { ...line, doses: oldDoses, startDate: oldStart });
            const newId = insertLineRow(db, { ...line, replacesId: oldId });
            updateLineRow(db, oldId, {
              endDate: addCalendarDays(startDate, -1),
              replacedById: newId,
              closedAt: at,
              closedBy: pharmacist,
            });
          } else {
            batch.push(line);
          }
        }
      }
      for (let i = 0; i < batch.length; i += 500)
        db.insert(prescriptionLines)
          .values(batch.slice(i, i + 500))
          .run();
      batch.length = 0;
      seedStatuses(db, home.slug, residentIds, today, at);
      const actors = {
        nurse: userActor(`ehpad.${home.town}@officoop.test`) ?? ctx.actor,
        pharmacist: userActor(`pharmacien.${home.town}@officoop.test`) ?? ctx.actor,
      };
      seedOrders(ctx, careHome.id, home.slug, residentIds, { nurse, pharmacist }, actors, timeline, today);
    }
  });
}

function seedStatuses(db: Db, slug: string, residentIds: number[], today: string, at: string) {
  const set = (index: number, values: Record<string, string | null>) => {
    const id = residentIds[index];
    if (id !== undefined)
      db.update(residentsTable)
        .set({ ...values, updatedAt: at })
        .where(eq(residentsTable.id, id))
        .run();
  };
  if (slug === 'ehpad-meymac') {
    set(3, { status: 'hospitalised', statusFrom: addCalendarDays(today, -3), statusTo: addCalendarDays(today, 9) });
  }
  if (slug === 'ehpad-felletin') {
    set(7, { status: 'discharged', statusFrom: addCalendarDays(today, -20) });
    set(11, { status: 'deceased', statusFrom: addCalendarDays(today, -40) });
  }
}

function seedOrders(
  ctx: Parameters<typeof createDraftOrder>[0],
  careHomeId: number,
  slug: string,
  residentIds: number[],
  { nurse, pharmacist }: { nurse: number | null; pharmacist: number | null },
  actors: { nurse: Actor; pharmacist: Actor },
  timeline: ReturnType<typeof demoOrderTimeline>,
  today: string,
) {
  // Each event at the time it would have happened and by whom, so that an order's history reads in
  // order (created by the weekly job, then sent by the nurse, then what the robot did) and agrees
  // with its progress.
  const now = ctx.clock.now().getTime();
  const ctxAt = (ms: number, actor: Actor = ctx.actor) => ({ ...ctx, actor, clock: { now: () => new Date(ms) } });
  const submit = (orderId: number) => {
    const order = findOrderRow(ctx.db, orderId);
    if (!order) return;
    // A day before the cut-off, or an hour ago for an order whose cut-off is still days ahead:
    // never in the future.
    const submitted = Math.min(Date.parse(order.cutoffAt) - 26 * 3_600_000, now - 3_600_000);
    const submittedAt = new Date(submitted).toISOString();
    updateOrderRow(ctx.db, orderId, { status: 'submitted', submittedAt, submittedBy: nurse });
    recordOrderEvent(ctxAt(submitted, actors.nurse), orderId, 'submitted', { from: 'draft' });
  };
  // A draft is opened by the weekly job, the Monday before its week at 06:00 (Paris), or two hours ago.
  const createdAt = (week: string) =>
    Math.min(
      parisWallClock(addCalendarDays(isoWeekDays(week)[0] as string, -7), '06:00').getTime(),
      now - 2 * 3_600_000,
    );
  const weeks = [timeline.lastDelivered, ...timeline.closed, timeline.open, timeline.next];
  const ids = new Map(weeks.map((week) => [week, createDraftOrder(ctxAt(createdAt(week)), careHomeId, week).id]));
  for (const week of [timeline.lastDelivered, ...timeline.closed]) submit(ids.get(week) as number);
  if (slug !== 'ehpad-bugeat') submit(ids.get(timeline.open) as number);

  const at = ctx.clock.now().toISOString();
  if (slug === 'ehpad-meymac') {
    const orderId = ids.get(timeline.open) as number;
    const days = isoWeekDays(timeline.open);
    // Declared half an hour ago, as the nurse's own declaration records it.
    const declared = now - 30 * 60_000;
    const absence = insertAbsenceRow(ctx.db, {
      orderId,
      residentId: residentIds[5] as number,
      fromDate: days[2] as string,
      toDate: days[4] as string,
      reason: 'leave',
      createdAt: new Date(declared).toISOString(),
      createdBy: nurse,
    });
    recomputeOrderRow(ctxAt(declared, actors.nurse), orderId, {
      kind: 'absence_added',
      details: {
        absenceId: absence.id,
        residentId: absence.residentId,
        from: absence.from,
        to: absence.to,
        reason: absence.reason,
      },
    });
  }
  if (slug === 'ehpad-felletin') {
    // A late change: pending on a week between cut-off and delivery when there is one (the
    // pharmacist answers it in the demo), otherwise already accepted on the last delivered week
    // (the robot seed carries that week on to delivered, where a pending request could not be).
    const closed = timeline.closed[0];
    const week = closed ?? timeline.lastDelivered;
    const days = isoWeekDays(week);
    const from = (days[0] as string) < today ? today : (days[2] as string);
    const orderId = ids.get(week) as number;
    const absences =
      from <= (days[6] as string)
        ? [{ residentId: residentIds[2] as number, from, to: days[6] as string, reason: 'hospitalisation' as const }]
        : [];
    const id = insertChangeRequestRow(ctx.db, {
      orderId,
      message: 'Résident hospitalisé au CH d’Aubusson depuis ce matin, retour prévu la semaine prochaine.',
      absences,
      createdAt: at,
      createdBy: nurse,
      ...(closed ? {} : { status: 'accepted' as const, decidedAt: at, decidedBy: pharmacist }),
    });
    recordOrderEvent(ctxAt(now, actors.nurse), orderId, 'change_requested', { changeRequestId: id });
    if (!closed) {
      for (const a of absences) {
        insertAbsenceRow(ctx.db, {
          orderId,
          residentId: a.residentId,
          fromDate: a.from,
          toDate: a.to,
          reason: a.reason,
          changeRequestId: id,
          createdAt: at,
          createdBy: pharmacist,
        });
      }
      recomputeOrderRow(ctxAt(now, actors.pharmacist), orderId, {
        kind: 'change_accepted',
        details: { changeRequestId: id },
      });
    }
  }
}
