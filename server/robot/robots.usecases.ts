import type { z } from 'zod';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { productionMinutes } from '../orders/orders.models';
import { findCareHomeRow, listActiveCareHomeIds, loadOrderCalendar } from '../orders/residents.repository';
import { findPharmacy } from '../pharmacies/pharmacies.repository';
import { isoWeekDays, isoWeekday, parisDate } from '../shared/dates';
import { batchSummaries, mayChange } from './batch-views';
import { listBatchesToRun } from './batches.repository';
import { robotOr404 } from './batches.usecases';
import { seedPublicHolidays } from './closures.usecases';
import { robotErrors } from './robot.errors';
import {
  batchesOutsideWindows,
  checkWindows,
  type DayWindow,
  DEFAULT_WINDOWS,
  freeMinutesByDay,
  type WorkingWindow,
} from './robot.models';
import {
  findRobotByName,
  insertRobot,
  listCassettes,
  listRobots as listRobotRows,
  listWindows,
  replaceWindows,
  updateRobotRow,
} from './robot.repository';
import type { RobotInput, RobotPatchBody } from './robot.schemas';
import { timelineOfDays } from './timeline';

/** `GET /api/robots`: every member sees the cooperative's robots. */
export function listRobots({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'robots.read');
  return { items: listRobotRows(ctx.db) };
}

export function getRobot({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'robots.read');
  return robotOr404(ctx, id);
}

/**
 * Throws 422 `robot.no_production_time` (the care homes, by id and name) when a robot's control
 * time would leave an active care home no time to produce between its cut-off and its delivery
 * less that control (`productionMinutes`, SPEC §6): the planner could never place its orders.
 */
function leavesProductionTime(ctx: Ctx, controlMinutes: number) {
  const starved = listActiveCareHomeIds(ctx.db)
    .filter((careHomeId) => productionMinutes(loadOrderCalendar(ctx.db, careHomeId), controlMinutes) <= 0)
    .map((careHomeId) => ({ careHomeId, careHome: findCareHomeRow(ctx.db, careHomeId)?.name ?? '' }));
  if (starved.length > 0) throw robotErrors.noProductionTime(starved);
}

/**
 * `POST /api/robots` (admin): a robot with the SPEC §6 defaults, Mon–Fri 08:30–12:30 and
 * 13:30–18:30, and this year's and next year's public holidays as closures; 422
 * `robot.no_production_time` as `leavesProductionTime`.
 */
export function createRobot({ ctx, input }: { ctx: Ctx; input: RobotInput }) {
  authorize(ctx.actor, 'robots.manage');
  return ctx.db.transaction(
    () => {
      if (!findPharmacy(ctx.db, input.hostPharmacyId)) throw robotErrors.pharmacyNotFound();
      if (findRobotByName(ctx.db, input.name)) throw robotErrors.nameTaken(input.name);
      leavesProductionTime(ctx, input.controlMinutes);
      const now = ctx.clock.now();
      const id = insertRobot(ctx.db, { ...input, createdAt: now.toISOString(), updatedAt: now.toISOString() });
      replaceWindows(ctx.db, id, DEFAULT_WINDOWS);
      const year = Number(parisDate(now).slice(0, 4));
      seedPublicHolidays(ctx, id, year);
      seedPublicHolidays(ctx, id, year + 1);
      recordAudit(ctx, { action: 'robots.create', entity: 'robot', entityId: id, details: input });
      return robotOr404(ctx, id);
    },
    { behavior: 'immediate' },
  );
}

/**
 * `PATCH /api/robots/:id` (admin): throughput, control time, host, slots, in or out of service.
 * 409 `robot.cassette_slots_in_use` when fewer slots would leave cassettes outside them; 422
 * `robot.no_production_time` (the care homes, by id and name) when a longer control time, or the
 * robot back in service, would leave an active care home no time to produce between its cut-off
 * and delivery (`productionMinutes`).
 */
export function updateRobot({ ctx, id, input }: { ctx: Ctx; id: number; input: z.output<typeof RobotPatchBody> }) {
  authorize(ctx.actor, 'robots.manage');
  return ctx.db.transaction(
    () => {
      const current = robotOr404(ctx, id);
      if (input.hostPharmacyId && !findPharmacy(ctx.db, input.hostPharmacyId)) throw robotErrors.pharmacyNotFound();
      if (input.name) {
        const same = findRobotByName(ctx.db, input.name);
        if (same && same.id !== id) throw robotErrors.nameTaken(input.name);
      }
      if (input.cassetteSlots !== undefined) {
        const slots = input.cassetteSlots;
        const outside = listCassettes(ctx.db, id, false).filter((c) => c.slot > slots);
        if (outside.length > 0)
          throw robotErrors.cassetteSlotsInUse(
            outside.map((c) => ({ slot: c.slot, cassetteId: c.id, cip13: c.cip13 })),
          );
      }
      // Checked only when the robot in service gets stricter: a longer control time, or back in
      // service. Saving its other figures never trips on a care home set up before this check.
      const control = input.controlMinutes ?? current.controlMinutes;
      const inService = input.active ?? current.active;
      if (inService && (control > current.controlMinutes || !current.active)) leavesProductionTime(ctx, control);
      updateRobotRow(ctx.db, id, { ...input, updatedAt: ctx.clock.now().toISOString() });
      recordAudit(ctx, { action: 'robots.update', entity: 'robot', entityId: id, details: input });
      return robotOr404(ctx, id);
    },
    { behavior: 'immediate' },
  );
}

export function getWindows({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'robots.read');
  robotOr404(ctx, id);
  return { items: listWindows(ctx.db, id) };
}

/**
 * `PUT /api/robots/:id/windows` (admin): replaces the weekly windows. 422
 * `robot.window_ends_before_start` or `robot.windows_overlap`; 409 `robot.windows_over_batches`
 * (with them) when a booked batch ending after now would no longer lie inside one window (one in
 * production is past planning). Nothing is written then.
 */
export function setWindows({ ctx, id, windows }: { ctx: Ctx; id: number; windows: WorkingWindow[] }) {
  authorize(ctx.actor, 'robots.manage');
  const problem = checkWindows(windows);
  if (problem?.code === 'window_ends_before_start') throw robotErrors.windowEndsBeforeStart(problem.window);
  if (problem?.code === 'windows_overlap') throw robotErrors.windowsOverlap(problem.windows);
  return ctx.db.transaction(
    () => {
      robotOr404(ctx, id);
      // A batch in production is past planning: it runs where the robot runs it (it may have
      // started ahead of its slot, over a break), so only booked ones must stay inside a window.
      const toRun = listBatchesToRun(ctx.db, id, ctx.clock.now().toISOString())
        .filter((b) => b.status === 'booked')
        .map((b) => ({
          start: Date.parse(b.start),
          end: Date.parse(b.end),
          row: { id: b.id, start: b.start, end: b.end },
        }));
      const outside = batchesOutsideWindows(windows, toRun);
      if (outside.length > 0) throw robotErrors.windowsOverBatches(outside.map((b) => b.row));
      replaceWindows(ctx.db, id, windows);
      recordAudit(ctx, { action: 'robots.windows', entity: 'robot', entityId: id, details: { windows } });
      return { items: listWindows(ctx.db, id) };
    },
    { behavior: 'immediate' },
  );
}

// The windows of a week as the calendar shows them (ISO instants), kept per laid-out week: those
// are shared and frozen (`windowsOnDays`), and every calendar read of the week shows them again.
const isoWindowsKept = new WeakMap<readonly DayWindow[], readonly { day: string; start: string; end: string }[]>();
function isoWindows(windows: readonly DayWindow[]) {
  let shown = isoWindowsKept.get(windows);
  if (!shown) {
    const iso = (ms: number) => new Date(ms).toISOString();
    shown = Object.freeze(windows.map((w) => Object.freeze({ day: w.day, start: iso(w.start), end: iso(w.end) })));
    isoWindowsKept.set(windows, shown);
  }
  return shown;
}

/**
 * `GET /api/robots/:id/calendar?week=`: the robot's ISO week — windows, closures, batches with
 * pharmacy and care homes (never residents; `mine` when the caller may change one), and free
 * minutes per day (time already past is not free). Every member may read it.
 */
export function getCalendar({ ctx, id, week }: { ctx: Ctx; id: number; week: string }) {
  authorize(ctx.actor, 'robots.read');
  const robot = robotOr404(ctx, id);
  const days = isoWeekDays(week);
  const timeline = timelineOfDays(ctx.db, robot, days[0] as string, days[6] as string);
  const now = ctx.clock.now().getTime();
  const free = freeMinutesByDay(timeline.windows, [...timeline.closures, ...timeline.batches], days, now);
  return {
    robot,
    week,
    days: free.map((f) => ({ date: f.day, weekday: isoWeekday(f.day), freeMinutes: f.minutes })),
    windows: isoWindows(timeline.windows),
    closures: timeline.closures.map((c) => c.row),
    batches: batchSummaries(
      ctx.db,
      timeline.batches.map((b) => b.row),
      now,
    ).map((b) => ({ ...b, mine: mayChange(ctx.actor, b) })),
  };
}
