/**
 * Pure rules of the shared PDA robot (SPEC §6): a batch's duration from the robot's throughput,
 * working windows (Paris wall clock) as UTC intervals, where a batch may start, and deadlines.
 * No database, no clock, no I/O: instants are epoch milliseconds (UTC), durations minutes.
 */
import { addCalendarDays, isoWeekday, parisDate, parisWallClock } from '../shared/dates';
import { keptBy } from '../shared/memo';

export const BATCH_STATUSES = ['booked', 'in_production', 'produced', 'verified', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
/** A batch that can still be moved or cancelled: production has not started. */
export const MOVABLE_STATUSES: readonly BatchStatus[] = ['booked'];

/**
 * A batch whose slot went by without production (SPEC §6): still `booked` once its `end` (ISO
 * instant, UTC, end exclusive) is at or before `now` (epoch ms). Nobody runs its orders, which
 * still read "planned", unless the pharmacy starts it now, moves it or cancels it. A batch started
 * (even late), produced or cancelled never is.
 */
export function isSlotMissed(batch: { status: string; end: string }, now: number): boolean {
  return batch.status === 'booked' && Date.parse(batch.end) <= now;
}

/**
 * Whether the news that a colleague's batch on a host's robot changed (`robot.hosted_batch_changed`,
 * formerly `robot.hosted_batch_reduced`) no longer
 * matters to the host at `now` (epoch ms): the batch has started (or gone further), or its slot's
 * `start` (ISO instant, UTC) has come — the robot's time then is spent or told by other alerts.
 */
export function isHostNoticeDone(batch: { status: string; start: string }, now: number): boolean {
  return ['in_production', 'produced', 'verified'].includes(batch.status) || Date.parse(batch.start) <= now;
}

export const CLOSURE_KINDS = ['maintenance', 'public_holiday', 'other'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

/** The throughput figures of a robot (SPEC §6 defaults). */
export type RobotTimes = {
  /** Pouches per minute. */
  ratePerMinute: number;
  setupMinutes: number;
  cleaningMinutes: number;
  /** Seconds a technician needs per unit dropped into the manual tray. */
  manualSecondsPerUnit: number;
  /** Pharmacist control time between the end of production and delivery. */
  controlMinutes: number;
};

export const DEFAULT_ROBOT_TIMES: RobotTimes = {
  ratePerMinute: 60,
  setupMinutes: 15,
  cleaningMinutes: 10,
  manualSecondsPerUnit: 4,
  controlMinutes: 240,
};

/** A working window: an ISO weekday (1 = Monday … 7 = Sunday) and Paris wall-clock times `HH:mm`. */
export type WorkingWindow = { weekday: number; start: string; end: string };

export const DEFAULT_WINDOWS: WorkingWindow[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '08:30', end: '12:30' },
  { weekday, start: '13:30', end: '18:30' },
]);

/** A half-open UTC interval `[start, end)` in epoch milliseconds. */
export type Interval = { start: number; end: number };

export const MINUTE = 60_000;

export type Breakdown = { setup: number; pouches: number; manual: number; cleaning: number };

/**
 * A batch's duration in minutes (SPEC §6): set-up + ⌈pouches / rate⌉ + ⌈manual units × seconds
 * per unit / 60⌉ + cleaning, with each term in the breakdown.
 */
export function batchDuration(
  robot: Pick<RobotTimes, 'ratePerMinute' | 'setupMinutes' | 'cleaningMinutes' | 'manualSecondsPerUnit'>,
  load: { pouches: number; manualUnits: number },
): { durationMinutes: number; breakdown: Breakdown } {
  const breakdown = {
    setup: robot.setupMinutes,
    pouches: Math.ceil(load.pouches / robot.ratePerMinute),
    manual: Math.ceil((load.manualUnits * robot.manualSecondsPerUnit) / 60),
    cleaning: robot.cleaningMinutes,
  };
  return { durationMinutes: breakdown.setup + breakdown.pouches + breakdown.manual + breakdown.cleaning, breakdown };
}

/** An order's deadline: its delivery instant minus the robot's pharmacist control time (SPEC §6). */
export function orderDeadline(deliveryAt: number, controlMinutes: number): number {
  return deliveryAt - controlMinutes * MINUTE;
}

/** `HH:mm` from 00:00 to 24:00 (an end may be midnight). */
export const isWallTime = (s: string) => /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(s);

export type WindowProblem =
  | { code: 'window_ends_before_start'; window: WorkingWindow }
  | { code: 'windows_overlap'; windows: [WorkingWindow, WorkingWindow] };

/**
 * Why a set of weekly windows cannot be saved: a window that does not end after it starts, or
 * two windows of one weekday that overlap (touching is fine). `null` when they are sound.
 */
export function checkWindows(windows: WorkingWindow[]): WindowProblem | null {
  for (const w of windows) if (w.end <= w.start) return { code: 'window_ends_before_start', window: w };
  const sorted = [...windows].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as WorkingWindow;
    const b = sorted[i] as WorkingWindow;
    if (a.weekday === b.weekday && b.start < a.end) return { code: 'windows_overlap', windows: [a, b] };
  }
  return null;
}

/** A window on a given day, as a UTC interval, with the Paris date it belongs to. */
export type DayWindow = Interval & { day: string };

/**
 * The weekly windows laid on the Paris calendar days `fromDay` … `toDay` (both included), as UTC
 * intervals in time order. DST-safe: 08:30 is 07:30Z in winter and 06:30Z in summer; a window
 * over the spring change is an hour shorter and over the autumn change an hour longer.
 */
export function windowsOnDays(windows: readonly WorkingWindow[], fromDay: string, toDay: string): readonly DayWindow[] {
  let key = `${fromDay} ${toDay}`;
  for (const w of windows) key += ` ${w.weekday} ${w.start} ${w.end}`;
  return daysWindows(key, () => {
    const out: DayWindow[] = [];
    for (let day = fromDay; day <= toDay; day = addCalendarDays(day, 1)) {
      const weekday = isoWeekday(day);
      for (const w of windows) {
        if (w.weekday !== weekday) continue;
        out.push(Object.freeze({ day, start: wallClockMs(day, w.start), end: wallClockMs(day, w.end) }));
      }
    }
    return Object.freeze(out.sort((a, b) => a.start - b.start));
  });
}

// The windows laid on some days are a pure function of the days and the weekly windows: kept
// (frozen), since every calendar read and every booking lays the same few weeks again (issue 16).
const daysWindows = keptBy<readonly DayWindow[]>(2_000);

/**
 * The batches that would no longer lie wholly inside one of these weekly windows on their Paris
 * day(s) (DST-safe, as `windowsOnDays`): what a change of the windows would contradict.
 */
export function batchesOutsideWindows<B extends Interval>(windows: WorkingWindow[], batches: B[]): B[] {
  return batches.filter((b) => {
    const days = windowsOnDays(windows, parisDate(new Date(b.start)), parisDate(new Date(b.end - 1)));
    return !days.some((w) => w.start <= b.start && b.end <= w.end);
  });
}

// Paris wall clock → UTC is a pure function of (day, time): remembered, since every calendar read
// and every booking lays the same few weeks of windows again.
const wallClockKept = keptBy<number>(20_000);
const wallClockMs = (day: string, time: string): number =>
  wallClockKept(`${day}T${time}`, () => parisWallClock(day, time).getTime());

/**
 * `from` minus every interval of `blockers`: the parts of each `from` interval that no blocker
 * covers, in time order (a window split by a closure becomes two). Blockers may overlap.
 */
export function subtractIntervals(from: readonly Interval[], blockers: readonly Interval[]): Interval[] {
  const cuts = blockers.filter((b) => b.end > b.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  let first = 0; // blockers ending before the current interval can be skipped for later ones too
  for (const f of [...from].sort((a, b) => a.start - b.start)) {
    while (first < cuts.length && (cuts[first] as Interval).end <= f.start) first++;
    let cursor = f.start;
    for (let i = first; i < cuts.length && cursor < f.end; i++) {
      const c = cuts[i] as Interval;
      if (c.start >= f.end) break;
      if (c.end <= cursor) continue;
      if (c.start > cursor) out.push({ start: cursor, end: c.start });
      cursor = Math.max(cursor, c.end);
    }
    if (cursor < f.end) out.push({ start: cursor, end: f.end });
  }
  return out;
}

/** The parts of the intervals from `notBefore` on (an interval that straddles it is cut). */
export function clipFrom(intervals: readonly Interval[], notBefore: number): Interval[] {
  return intervals
    .filter((i) => i.end > notBefore)
    .map((i) => (i.start >= notBefore ? i : { start: notBefore, end: i.end }));
}

/** An instant rounded up to the next whole minute (batches start on whole minutes). */
export const ceilToMinute = (t: number) => Math.ceil(t / MINUTE) * MINUTE;

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

export type Placement<C, B> =
  | { ok: true }
  | { ok: false; code: 'in_past' }
  | { ok: false; code: 'before_cutoff'; orderId: number; cutoffAt: number }
  | { ok: false; code: 'outside_window' }
  | { ok: false; code: 'closure'; closure: C }
  | { ok: false; code: 'after_deadline'; orderId: number; deadline: number }
  | { ok: false; code: 'slot_taken'; batch: B };

/**
 * Whether a batch `[start, end)` may be booked (SPEC §6), checking in this order: not before
 * `now`; not before any included order's cut-off (until then the care home may still change its
 * order, SPEC §5); wholly inside one working window; over no closure; ending by every included
 * order's deadline; overlapping no other non-cancelled batch (the caller passes only those). The
 * rule problems (422) come before the conflict with another booking (409).
 */
export function checkPlacement<C extends Interval, B extends Interval>(args: {
  slot: Interval;
  now: number;
  windows: readonly Interval[];
  closures: C[];
  deadlines: { orderId: number; deadline: number }[];
  /** Each included order's cut-off (epoch ms): its batch starts no earlier. */
  cutoffs?: { orderId: number; cutoffAt: number }[];
  batches: B[];
}): Placement<C, B> {
  const { slot } = args;
  if (slot.start < args.now) return { ok: false, code: 'in_past' };
  const open = [...(args.cutoffs ?? [])].sort((a, b) => b.cutoffAt - a.cutoffAt).find((c) => slot.start < c.cutoffAt);
  if (open) return { ok: false, code: 'before_cutoff', orderId: open.orderId, cutoffAt: open.cutoffAt };
  if (!args.windows.some((w) => w.start <= slot.start && slot.end <= w.end))
    return { ok: false, code: 'outside_window' };
  const closure = args.closures.find((c) => overlaps(c, slot));
  if (closure) return { ok: false, code: 'closure', closure };
  const late = [...args.deadlines].sort((a, b) => a.deadline - b.deadline).find((d) => slot.end > d.deadline);
  if (late) return { ok: false, code: 'after_deadline', orderId: late.orderId, deadline: late.deadline };
  const batch = args.batches.find((b) => overlaps(b, slot));
  if (batch) return { ok: false, code: 'slot_taken', batch };
  return { ok: true };
}

/**
 * The first `count` start instants, at or after `from`, where a batch of `durationMinutes` fits in
 * the free time `gaps` (windows minus closures and other batches) and ends by `deadline`: the
 * earliest start of each gap that can hold it, in time order.
 */
export function nextStarts(
  gaps: readonly Interval[],
  durationMinutes: number,
  from: number,
  deadline: number,
  count = 3,
) {
  const length = durationMinutes * MINUTE;
  const out: number[] = [];
  for (const g of gaps) {
    if (out.length >= count) break;
    const start = ceilToMinute(Math.max(g.start, from));
    if (start + length > deadline) break;
    if (start + length <= g.end) out.push(start);
  }
  return out;
}

/**
 * Free minutes of each listed Paris day (`YYYY-MM-DD`): its windows minus closures and batches,
 * and minus the time before `notBefore` (the clock's now: past time is not free), whole minutes;
 * a day without windows has 0.
 */
export function freeMinutesByDay(
  windows: readonly DayWindow[],
  blockers: readonly Interval[],
  days: readonly string[],
  notBefore?: number,
) {
  const byDay = new Map(days.map((d) => [d, 0]));
  for (const w of windows) {
    if (!byDay.has(w.day)) continue;
    const free = clipFrom(subtractIntervals([w], blockers), notBefore ?? Number.NEGATIVE_INFINITY).reduce(
      (sum, i) => sum + (i.end - i.start),
      0,
    );
    byDay.set(w.day, (byDay.get(w.day) ?? 0) + Math.floor(free / MINUTE));
  }
  return days.map((day) => ({ day, minutes: byDay.get(day) ?? 0 }));
}

export type StartOutlook = {
  /** The earliest instant (epoch ms) the batch could start and run whole, or null if none is found. */
  earliestStart: number | null;
  /** When it would end started then (epoch ms), or null. */
  end: number | null;
  /** Whether it would then end by `deadline` (false without a deadline or a start). */
  inTime: boolean;
};

/**
 * If a booked batch of `durationMinutes` were started as soon as possible from `now` (epoch ms):
 * the earliest start — not before `now` nor before `notBefore` (its orders' last cut-off: it may
 * not start before, SPEC §5), on a whole minute, wholly inside one `open` interval (working
 * windows minus closures, as UTC intervals) and overlapping none of the robot's other batches
 * (`busy`: its non-cancelled ones; one running past its planned end is not foreseen here, the start
 * answers 409 `robot.robot_busy` until it is produced) — its end, and whether that end is by `deadline` (its orders' earliest deadline: delivery less
 * control time, SPEC §6). Replaces the page's "start it now" guess, which ignored a robot busy
 * with another batch and its hours.
 */
export function startOutlook(args: {
  now: number;
  durationMinutes: number;
  open: readonly Interval[];
  busy: readonly Interval[];
  deadline: number | null;
  notBefore?: number | null;
}): StartOutlook {
  const from = Math.max(args.now, args.notBefore ?? args.now);
  const gaps = subtractIntervals(args.open, args.busy);
  const [start] = nextStarts(gaps, args.durationMinutes, from, Number.POSITIVE_INFINITY, 1);
  if (start === undefined) return { earliestStart: null, end: null, inTime: false };
  const end = start + args.durationMinutes * MINUTE;
  return { earliestStart: start, end, inTime: args.deadline !== null && end <= args.deadline };
}
