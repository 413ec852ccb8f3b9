/**
 * Pure rules of care homes' weekly dose-pack orders (SPEC §5, §6): pouch counting, units per
 * product and their robot / manual-tray / hors-PDA split, cut-off and delivery instants, order
 * status transitions. No database, no clock, no I/O.
 */
import {
  addCalendarDays,
  addIsoWeeks,
  isoWeek,
  isoWeekDays,
  isoWeekday,
  isoWeekMonday,
  isoWeekOfDate,
  parisWallClock,
} from '../shared/dates';
import { publicHolidayOn } from '../shared/holidays';
import { keptBy } from '../shared/memo';

/** SPEC §5: `draft` → `submitted` → `planned` → `in_production` → `produced` → `verified` → `delivered`, or `cancelled`. */
export const ORDER_STATUSES = [
  'draft',
  'submitted',
  'planned',
  'in_production',
  'produced',
  'verified',
  'delivered',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const RESIDENT_STATUSES = ['active', 'hospitalised', 'discharged', 'deceased'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

export const SCHEDULE_KINDS = ['daily', 'weekdays', 'every_n_days'] as const;

/** SPEC §6: how a unit reaches its pouch (or not). */
export const UNIT_ROUTES = ['robot', 'manual', 'hors_pda'] as const;
export type UnitRoute = (typeof UNIT_ROUTES)[number];

export const ABSENCE_REASONS = ['hospitalisation', 'leave', 'other'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

export const CHANGE_REQUEST_STATUSES = ['pending', 'accepted', 'refused'] as const;

/** One administration time of a care home: its name (`matin`) and Paris wall-clock time (`08:00`). */
export type AdministrationTime = { name: string; time: string };

/** When a care home's orders close and arrive: ISO weekday (1 = Monday) and `HH:mm` of the week before the order week. */
export type OrderCalendar = {
  deliveryWeekday: number;
  deliveryTime: string;
  cutoffWeekday: number;
  cutoffTime: string;
};
export type CareHomeSettings = OrderCalendar & { administrationTimes: AdministrationTime[] };

/** SPEC §5 defaults: matin 08:00, midi 12:00, soir 18:00, coucher 21:00; cut-off Wednesday 12:00, delivery Friday 14:00. */
export const DEFAULT_CARE_HOME_SETTINGS: CareHomeSettings = {
  administrationTimes: [
    { name: 'matin', time: '08:00' },
    { name: 'midi', time: '12:00' },
    { name: 'soir', time: '18:00' },
    { name: 'coucher', time: '21:00' },
  ],
  deliveryWeekday: 5,
  deliveryTime: '14:00',
  cutoffWeekday: 3,
  cutoffTime: '12:00',
};

/** Largest dose per administration time, in units (SPEC §3 doses are quarters; more than 10 units is a typo). */
export const MAX_DOSE_UNITS = 10;

/** A dose in units (multiple of 0.25) as integer quarters; `null` when it is not a whole number of quarters. */
export function unitsToQuarters(units: number): number | null {
  const quarters = units * 4;
  return Number.isSafeInteger(quarters) ? quarters : null;
}

export const quartersToUnits = (quarters: number) => quarters / 4;

/**
 * The UTC instants an order of ISO `week` closes (cut-off) and is delivered, both read on the
 * Paris wall clock of the week before the order week (SPEC §5), DST-safe (`parisWallClock`).
 * `orderDeadlines(DEFAULT_CARE_HOME_SETTINGS, '2026-W49')` → cut-off Wed 25 Nov 12:00 Paris
 * (11:00Z), delivery Fri 27 Nov 14:00 Paris (13:00Z).
 */
export function orderDeadlines(
  calendar: OrderCalendar,
  week: string,
): { cutoffAt: Date; deliveryAt: Date; deliveryMovedFor: string | null } {
  return orderDeadlinesOfMonday(calendar, isoWeekMonday(week));
}

/**
 * One order week of a care home's schedule: its ISO week, its deadlines as UTC ISO strings, and the
 * public holiday that moved its delivery (and cut-off) earlier, or `null`.
 */
export type ScheduleWeek = Readonly<{
  week: string;
  cutoffAt: string;
  deliveryAt: string;
  deliveryMovedFor: string | null;
}>;

const scheduleWeeks = keptBy<ScheduleWeek>(10_000);

/**
 * The order week starting on `monday` (`YYYY-MM-DD`, an ISO week's Monday) with its cut-off and
 * delivery instants (`orderDeadlinesOfMonday`, as UTC ISO strings), for a care home's schedule.
 * Kept per (calendar, Monday): a pure function of both, and the care-home schedule asked the same
 * eight weeks of the same settings on every request, ~3.5 µs a week of Paris wall-clock
 * arithmetic (issue 16). At most 10 000 weeks are kept; the memo is then emptied. Throws a
 * RangeError as `addCalendarDays` does when the week leaves the years 0000–9999.
 */
export function scheduleWeekOfMonday(calendar: OrderCalendar, monday: string): ScheduleWeek {
  return scheduleWeeks(`${monday} ${calendarKey(calendar)}`, () => {
    const { cutoffAt, deliveryAt, deliveryMovedFor } = orderDeadlinesOfMonday(calendar, monday);
    return Object.freeze({
      week: isoWeekOfDate(monday),
      cutoffAt: cutoffAt.toISOString(),
      deliveryAt: deliveryAt.toISOString(),
      deliveryMovedFor,
    });
  });
}

/** Every field of an order calendar, as a memo's key. */
const calendarKey = (calendar: OrderCalendar) =>
  `${calendar.cutoffWeekday} ${calendar.cutoffTime} ${calendar.deliveryWeekday} ${calendar.deliveryTime}`;

const scheduleRuns = keptBy<readonly ScheduleWeek[]>(2_000);

/**
 * `weeks` order weeks of a care home's schedule from the one starting on `monday`
 * (`scheduleWeekOfMonday` week after week), stopping before a week past year 9999. Kept per
 * (calendar, Monday, count), frozen and shared: the care-home schedule asks the same run of weeks
 * on every request (issue 16).
 */
export function scheduleFrom(calendar: OrderCalendar, monday: string, weeks: number): readonly ScheduleWeek[] {
  return scheduleRuns(`${monday} ${weeks} ${calendarKey(calendar)}`, () => {
    const items: ScheduleWeek[] = [];
    for (let i = 0; i < weeks; i++) {
      try {
        items.push(scheduleWeekOfMonday(calendar, addCalendarDays(monday, 7 * i)));
      } catch {
        break; // past year 9999
      }
    }
    return Object.freeze(items);
  });
}

/**
 * `orderDeadlines` of the order week starting on `monday` (`YYYY-MM-DD`, an ISO week's Monday).
 *
 * When the delivery falls on a French public holiday (`publicHolidayOn`: the pharmacies are closed
 * and the robot too, Code du travail L3133-1), the delivery moves back to the closest day before it
 * that is neither a holiday nor a Sunday, at the same time, and the cut-off moves back by as many
 * days, so the pharmacy keeps its usual time to produce and check the pouches. `deliveryMovedFor`
 * names that holiday (`null` on a usual week). With the defaults, week 2026-W53 is delivered on
 * Thursday 24 December 14:00 (not Christmas Day) and closes on Tuesday 22 December 12:00.
 */
export function orderDeadlinesOfMonday(
  calendar: OrderCalendar,
  monday: string,
): { cutoffAt: Date; deliveryAt: Date; deliveryMovedFor: string | null } {
  const mondayBefore = addCalendarDays(monday, -7);
  const usualDelivery = addCalendarDays(mondayBefore, calendar.deliveryWeekday - 1);
  const movedFor = publicHolidayOn(usualDelivery)?.name ?? null;
  let back = 0;
  if (movedFor !== null) {
    const closed = (day: string) => publicHolidayOn(day) !== undefined || isoWeekday(day) === 7;
    do back++;
    while (closed(addCalendarDays(usualDelivery, -back)));
  }
  return {
    cutoffAt: parisWallClock(addCalendarDays(mondayBefore, calendar.cutoffWeekday - 1 - back), calendar.cutoffTime),
    deliveryAt: parisWallClock(addCalendarDays(usualDelivery, -back), calendar.deliveryTime),
    deliveryMovedFor: movedFor,
  };
}

/**
 * The deadlines (UTC ISO) an order not yet planned keeps after its care home's cut-off or delivery
 * settings change (SPEC §5), given `next`, the instants the new settings give its week:
 * - an order whose delivery has passed keeps its instants (its pouches are out);
 * - a draft follows the new schedule (even to a cut-off already past: it is then closed);
 * - a submitted order follows it unless the new cut-off is already past at `now`: the care home
 *   submitted on the old terms and keeps them (cut-off and delivery) rather than being locked out.
 * Returns `null` when the order keeps its instants.
 */
export function deadlinesAfterSettingsChange(
  order: { status: 'draft' | 'submitted'; cutoffAt: string; deliveryAt: string },
  next: { cutoffAt: string; deliveryAt: string },
  now: Date,
): { cutoffAt: string; deliveryAt: string } | null {
  const at = now.toISOString();
  if (order.deliveryAt <= at) return null;
  if (order.status === 'submitted' && next.cutoffAt <= at) return null;
  if (order.cutoffAt === next.cutoffAt && order.deliveryAt === next.deliveryAt) return null;
  return next;
}

/**
 * Alert parameters naming an order week the way people read it (SPEC §12): the ISO week kept as
 * `week`, plus its number and its Monday and Sunday (YYYY-MM-DD, shown as dates by the web).
 */
export function weekAlertParams(week: string): { week: string; weekNumber: number; weekFrom: string; weekTo: string } {
  const monday = isoWeekMonday(week);
  return { week, weekNumber: Number(week.slice(6)), weekFrom: monday, weekTo: addCalendarDays(monday, 6) };
}

/** How far ahead a weekly order may be created, in ISO weeks after the current Paris week. */
export const ORDER_HORIZON_WEEKS = 52;

/** The last order week that may be created at `now` (Paris ISO week + `ORDER_HORIZON_WEEKS`). */
export const latestOrderWeek = (now: Date): string => addIsoWeeks(isoWeek(now), ORDER_HORIZON_WEEKS);

/** The cut-off must come before the delivery within the week before: weekday then `HH:mm` order. */
export function cutoffBeforeDelivery(calendar: OrderCalendar): boolean {
  const key = (weekday: number, time: string) => `${weekday}${time}`;
  return key(calendar.cutoffWeekday, calendar.cutoffTime) < key(calendar.deliveryWeekday, calendar.deliveryTime);
}

/**
 * Minutes left to produce a week's pouches under a care home's calendar: from the cut-off to the
 * delivery less the pharmacist's control time (SPEC §6: a batch starts after the cut-off and ends
 * by delivery − control), on the wall clock of a usual week (a DST night adds or takes an hour).
 * Zero or less: no batch can ever be placed for this care home.
 * `productionMinutes(DEFAULT_CARE_HOME_SETTINGS, 240)` → 2 days 2 h − 4 h = 2 760.
 */
export function productionMinutes(calendar: OrderCalendar, controlMinutes: number): number {
  const at = (weekday: number, time: string) =>
    weekday * 1440 + Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return (
    at(calendar.deliveryWeekday, calendar.deliveryTime) -
    controlMinutes -
    at(calendar.cutoffWeekday, calendar.cutoffTime)
  );
}

/**
 * Where a care home's orders stand at `now`: `open` is the first order week whose cut-off is
 * still ahead (the one to fill in), `lastDelivered` the last week whose delivery has passed, and
 * `closed` the weeks between (cut-off passed, not yet delivered: zero or one with the defaults).
 */
export function orderWeeksAt(
  now: Date,
  calendar: OrderCalendar,
): { lastDelivered: string; closed: string[]; open: string } {
  let open = isoWeek(now);
  while (orderDeadlines(calendar, open).cutoffAt.getTime() <= now.getTime()) open = addIsoWeeks(open, 1);
  while (orderDeadlines(calendar, addIsoWeeks(open, -1)).cutoffAt.getTime() > now.getTime()) {
    open = addIsoWeeks(open, -1);
  }
  const closed: string[] = [];
  let week = addIsoWeeks(open, -1);
  while (orderDeadlines(calendar, week).deliveryAt.getTime() > now.getTime()) {
    closed.unshift(week);
    week = addIsoWeeks(week, -1);
  }
  return { lastDelivered: week, closed, open };
}

/** Days a line is taken on: every day, chosen ISO weekdays (1 = Monday), or every `n` days from `from`. */
export type Schedule =
  | { kind: 'daily' }
  | { kind: 'weekdays'; weekdays: number[] }
  | { kind: 'every_n_days'; n: number; from: string };

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

/** True when a schedule takes the dose on a calendar day (calendar days, so no DST effect). */
export function isScheduledOn(schedule: Schedule, day: string): boolean {
  if (schedule.kind === 'daily') return true;
  if (schedule.kind === 'weekdays') return schedule.weekdays.includes(isoWeekday(day));
  const diff = dayNumber(day) - dayNumber(schedule.from);
  return diff >= 0 && diff % schedule.n === 0;
}

type DayInfo = { weekday: number; number: number };
const fromNumbers = keptBy<number>(10_000);

/** `isScheduledOn` with the day's weekday and number computed once per week (the hot loop). */
function scheduledOnDay(schedule: Schedule, day: DayInfo): boolean {
  if (schedule.kind === 'daily') return true;
  if (schedule.kind === 'weekdays') return schedule.weekdays.includes(day.weekday);
  const from = fromNumbers(schedule.from, () => dayNumber(schedule.from));
  const diff = day.number - from;
  return diff >= 0 && diff % schedule.n === 0;
}

/** A prescription line as the week computation needs it; `doses` in quarters per administration time name. */
export type LineForWeek = {
  residentId: number;
  cip13: string;
  doses: Readonly<Record<string, number>>;
  schedule: Schedule;
  startDate: string;
  endDate: string | null;
  asNeeded: boolean;
};

/** True when a line is taken on `day`: within its dates and its schedule. */
export function lineAppliesOn(line: Pick<LineForWeek, 'schedule' | 'startDate' | 'endDate'>, day: string): boolean {
  return day >= line.startDate && (line.endDate === null || day <= line.endDate) && isScheduledOn(line.schedule, day);
}

export type ResidentForWeek = {
  id: number;
  status: ResidentStatus;
  statusFrom: string | null;
  statusTo: string | null;
};

/** False on the days a resident's status keeps them away: hospitalised from–to, discharged or deceased from a date. */
export function residentPresentOn(resident: Omit<ResidentForWeek, 'id'>, day: string): boolean {
  if (resident.status === 'active' || resident.statusFrom === null) return true;
  if (day < resident.statusFrom) return true;
  return resident.status === 'hospitalised' && resident.statusTo !== null && day > resident.statusTo;
}

export type AbsenceForWeek = { residentId: number; from: string; to: string };

export type ResidentDay = { date: string; absent: boolean; pouchesByTime: Record<string, number> };
export type ResidentWeek = { residentId: number; pouches: number; days: ResidentDay[] };
/**
 * Per resident and product: the week's doses in quarters, in whole units (rounded up), how they
 * are packed, and `splitDoses` — true when one of the week's doses is not a whole number of units
 * (`hasSplitDose`), which sends the line to the manual tray (`unitRoute`).
 */
export type WeekLine = {
  residentId: number;
  cip13: string;
  quarters: number;
  units: number;
  route: UnitRoute;
  splitDoses: boolean;
};
/**
 * Per product: units summed over residents; `route` is the route of its units when they all take
 * one, otherwise the robot's (the product has a cassette but some residents' doses are split);
 * `robotUnits` / `manualUnits` show how the product's units divide between cassette and tray.
 */
export type WeekProduct = { cip13: string; units: number; route: UnitRoute; robotUnits: number; manualUnits: number };
export type OrderTotals = { pouches: number; robotUnits: number; manualUnits: number; horsPdaUnits: number };
export type OrderWeek = {
  week: string;
  residents: ResidentWeek[];
  /** Per resident and product: the week's quarters and units (rounded up per resident and product). */
  lines: WeekLine[];
  /** Per product: units summed over residents, and their robot / tray split. */
  products: WeekProduct[];
  totals: OrderTotals;
};

/**
 * A care home's week of pouches (SPEC §5, §6). One pouch per (resident, day, administration
 * time) with at least one pouch-eligible dose: a line that is not `asNeeded`, of a product not
 * `pdaExcluded`, in force and scheduled that day, while the resident is present (not absent, not
 * away by status). Units per resident and product are the week's doses summed, then rounded up
 * to whole units; each resident's product line is routed by `unitRoute`: `hors_pda` when
 * excluded, `manual` (tray) when one of its doses that week is a split tablet (`hasSplitDose`:
 * a cassette drops whole tablets only), otherwise `robot` when `hasCassette` says so (every
 * eligible unit until the robot's cassettes exist) or `manual`. `asNeeded` lines count no pouch
 * and no unit. Doses under a name that is not one of `administrationTimes` are ignored.
 */
export function computeOrderWeek(input: {
  week: string;
  administrationTimes: readonly string[];
  residents: readonly ResidentForWeek[];
  lines: readonly LineForWeek[];
  absences?: readonly AbsenceForWeek[];
  isPdaExcluded: (cip13: string) => boolean;
  hasCassette?: (cip13: string) => boolean;
}): OrderWeek {
  const days = isoWeekDays(input.week);
  const dayInfo = new Map(days.map((d) => [d, { weekday: isoWeekday(d), number: dayNumber(d) }]));
  const times = input.administrationTimes;
  const linesByResident = groupBy(
    input.lines.filter((l) => !l.asNeeded),
    (l) => l.residentId,
  );
  const absencesByResident = groupBy(input.absences ?? [], (a) => a.residentId);

  const residents: ResidentWeek[] = [];
  const lines: WeekLine[] = [];
  for (const resident of input.residents) {
    const own = linesByResident.get(resident.id) ?? [];
    const away = absencesByResident.get(resident.id) ?? [];
    const quartersByProduct = new Map<string, number>();
    const splitProducts = new Set<string>();
    let pouches = 0;
    const residentDays = days.map((date): ResidentDay => {
      const absent = !residentPresentOn(resident, date) || away.some((a) => a.from <= date && date <= a.to);
      const pouchesByTime: Record<string, number> = {};
      for (const time of times) pouchesByTime[time] = 0;
      if (absent) return { date, absent, pouchesByTime };
      const dosesOfDay = new Map<string, number>(); // `cip13 time` → quarters, two lines of a product summed
      for (const line of own) {
        if (date < line.startDate || (line.endDate !== null && date > line.endDate)) continue;
        if (!scheduledOnDay(line.schedule, dayInfo.get(date) as DayInfo)) continue;
        const excluded = input.isPdaExcluded(line.cip13);
        for (const time of times) {
          const quarters = line.doses[time] ?? 0;
          if (quarters <= 0) continue;
          quartersByProduct.set(line.cip13, (quartersByProduct.get(line.cip13) ?? 0) + quarters);
          const key = `${line.cip13} ${time}`;
          dosesOfDay.set(key, (dosesOfDay.get(key) ?? 0) + quarters);
          if (!excluded) pouchesByTime[time] = 1;
        }
      }
      for (const [key, quarters] of dosesOfDay) {
        if (hasSplitDose([quarters])) splitProducts.add(key.slice(0, key.indexOf(' ')));
      }
      for (const time of times) pouches += pouchesByTime[time] ?? 0;
      return { date, absent, pouchesByTime };
    });
    residents.push({ residentId: resident.id, pouches, days: residentDays });
    for (const [cip13, quarters] of [...quartersByProduct].sort(([a], [b]) => a.localeCompare(b))) {
      const splitDoses = splitProducts.has(cip13);
      const route = unitRoute({
        excluded: input.isPdaExcluded(cip13),
        splitDoses,
        hasCassette: input.hasCassette,
        cip13,
      });
      lines.push({ residentId: resident.id, cip13, quarters, units: Math.ceil(quarters / 4), route, splitDoses });
    }
  }

  return summariseWeek(input.week, residents, lines);
}

/**
 * True when one of `doses` (integer quarters, SPEC §3) is not a whole number of units: a half or
 * quarter tablet at some administration. `hasSplitDose([6])` (1.5 tablets) → true; `[4, 8]` → false.
 */
export function hasSplitDose(doses: readonly number[]): boolean {
  return doses.some((quarters) => quarters % 4 !== 0);
}

/**
 * How a resident's product line of a week reaches its pouches (SPEC §6, §3):
 * - `hors_pda` when the product is flagged `pdaExcluded` (never pouched);
 * - `manual` (tray) when `splitDoses`: one of its doses that week is a half or quarter tablet. A
 *   robot cassette is calibrated to drop whole tablets, one at a time; a split tablet is cut by
 *   the technician and placed by hand in the tray, whether or not the product has a cassette;
 * - otherwise `robot` when the product has a cassette (`hasCassette`; `undefined` until the robot
 *   has any cassette, when every whole-tablet line counts as robot), `manual` when it has none.
 */
export function unitRoute(line: {
  cip13: string;
  excluded: boolean;
  splitDoses: boolean;
  hasCassette: ((cip13: string) => boolean) | undefined;
}): UnitRoute {
  if (line.excluded) return 'hors_pda';
  if (line.splitDoses) return 'manual';
  return !line.hasCassette || line.hasCassette(line.cip13) ? 'robot' : 'manual';
}

/** An order week from its residents' days and its lines: units per product and the totals. */
export function summariseWeek(week: string, residents: ResidentWeek[], lines: WeekLine[]): OrderWeek {
  const byProduct = new Map<string, WeekProduct>();
  const totals: OrderTotals = { pouches: 0, robotUnits: 0, manualUnits: 0, horsPdaUnits: 0 };
  for (const r of residents) totals.pouches += r.pouches;
  for (const line of lines) {
    const product = byProduct.get(line.cip13) ?? {
      cip13: line.cip13,
      units: 0,
      route: line.route,
      robotUnits: 0,
      manualUnits: 0,
    };
    product.units += line.units;
    if (line.route === 'robot') {
      product.robotUnits += line.units;
      product.route = 'robot';
    } else if (line.route === 'manual') product.manualUnits += line.units;
    byProduct.set(line.cip13, product);
    if (line.route === 'robot') totals.robotUnits += line.units;
    else if (line.route === 'manual') totals.manualUnits += line.units;
    else totals.horsPdaUnits += line.units;
  }
  const products = [...byProduct.values()].sort((a, b) => a.cip13.localeCompare(b.cip13));
  return { week, residents, lines, products, totals };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * The order status steps (SPEC §5), forward only, with one way back: a `planned` order returns
 * to `submitted` when its robot batch is cancelled. `draft` → `submitted` and cancellations are
 * the orders domain's; `planned` … `delivered` are set by the robot domain, which checks them here.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['planned', 'cancelled'],
  planned: ['in_production', 'submitted', 'cancelled'],
  in_production: ['produced'],
  produced: ['verified'],
  verified: ['delivered'],
  delivered: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/**
 * Statuses whose contents still follow the care home and the prescriptions while the cut-off is
 * ahead: a planned order too, since its batch starts after the cut-off and takes the order's new
 * load (README, robot rules; `refitOrderInBatch`).
 */
export const OPEN_STATUSES: readonly OrderStatus[] = ['draft', 'submitted', 'planned'];

/** A care home edits its order (absences, notes) while it is open (above) and the cut-off is ahead. */
export function isEditableAt(order: { status: OrderStatus; cutoffAt: string }, now: Date): boolean {
  return OPEN_STATUSES.includes(order.status) && now.toISOString() < order.cutoffAt;
}

/** After the cut-off, a late change may be asked for until production starts. */
export const LATE_CHANGE_STATUSES: readonly OrderStatus[] = ['draft', 'submitted', 'planned'];
