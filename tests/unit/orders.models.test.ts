import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canTransition,
  computeOrderWeek,
  cutoffBeforeDelivery,
  DEFAULT_CARE_HOME_SETTINGS,
  isEditableAt,
  isScheduledOn,
  type LineForWeek,
  ORDER_STATUSES,
  type OrderStatus,
  orderDeadlines,
  orderDeadlinesOfMonday,
  orderWeeksAt,
  type ResidentForWeek,
  residentPresentOn,
  type ScheduleWeek,
  scheduleFrom,
  scheduleWeekOfMonday,
  unitsToQuarters,
} from '../../server/orders/orders.models';
import { addCalendarDays, isoWeekday, isoWeekOfDate, parisDate, parisTime } from '../../server/shared/dates';
import { publicHolidayOn } from '../../server/shared/holidays';

const TIMES = DEFAULT_CARE_HOME_SETTINGS.administrationTimes.map((t) => t.name);
const EXCLUDED = '3400930000003';
const active = (id: number): ResidentForWeek => ({ id, status: 'active', statusFrom: null, statusTo: null });
const line = (over: Partial<LineForWeek> = {}): LineForWeek => ({
  residentId: 1,
  cip13: '3400930000001',
  doses: { matin: 4 },
  schedule: { kind: 'daily' },
  startDate: '2020-01-01',
  endDate: null,
  asNeeded: false,
  ...over,
});
const compute = (lines: LineForWeek[], over: Partial<Parameters<typeof computeOrderWeek>[0]> = {}) =>
  computeOrderWeek({
    week: '2026-W49',
    administrationTimes: TIMES,
    residents: [active(1)],
    lines,
    isPdaExcluded: (cip13) => cip13 === EXCLUDED,
    ...over,
  });
const pouchesPerDay = (week: ReturnType<typeof compute>, residentIndex = 0) =>
  week.residents[residentIndex]?.days.map((d) => Object.values(d.pouchesByTime).reduce((s, n) => s + n, 0));

describe('pouch counting', () => {
  it('When a line is taken morning and evening every day, Then the week has 14 pouches, one per resident, day and time', () => {
    const week = compute([line({ doses: { matin: 4, soir: 2 } })]);
    expect(week.totals.pouches).toBe(14);
    expect(week.residents[0]?.days[0]).toEqual({
      date: '2026-11-30',
      absent: false,
      pouchesByTime: { matin: 1, midi: 0, soir: 1, coucher: 0 },
    });
  });

  it('When two lines share an administration time, Then they share its pouch', () => {
    const week = compute([line(), line({ cip13: '3400930000002', doses: { matin: 2, coucher: 4 } })]);
    expect(week.totals.pouches).toBe(14);
  });

  it('When a line is every 3 days from 29 January, Then in the week of 2 February it falls on the 4th and 7th (across the month end)', () => {
    const week = compute([line({ schedule: { kind: 'every_n_days', n: 3, from: '2026-01-29' } })], {
      week: '2026-W06',
    });
    const days = week.residents[0]?.days.filter((d) => d.pouchesByTime.matin === 1).map((d) => d.date);
    expect(days).toEqual(['2026-02-04', '2026-02-07']);
    expect(week.lines).toEqual([expect.objectContaining({ quarters: 8, units: 2 })]);
  });

  it('When every other day crosses a 31-day month and a leap day, Then the rhythm never slips', () => {
    const schedule = { kind: 'every_n_days', n: 2, from: '2028-02-27' } as const;
    expect(['2028-02-27', '2028-02-29', '2028-03-02'].map((d) => isScheduledOn(schedule, d))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['2028-02-26', '2028-02-28', '2028-03-01'].map((d) => isScheduledOn(schedule, d))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('When the week holds the spring or autumn clock change, Then every day still has its pouches (7 days, 28 pouches)', () => {
    const doses = { matin: 4, midi: 4, soir: 4, coucher: 4 };
    for (const week of ['2026-W13', '2026-W43']) {
      const result = compute([line({ doses })], { week });
      expect(result.residents[0]?.days.map((d) => d.date)).toHaveLength(7);
      expect(result.totals.pouches).toBe(28);
    }
    expect(compute([line({ doses })], { week: '2026-W13' }).residents[0]?.days[6]?.date).toBe('2026-03-29');
  });

  it('When a resident is hospitalised from Wednesday to Friday, Then only Monday, Tuesday and the weekend have pouches', () => {
    const resident: ResidentForWeek = {
      id: 1,
      status: 'hospitalised',
      statusFrom: '2026-12-02',
      statusTo: '2026-12-04',
    };
    const week = compute([line()], { residents: [resident] });
    expect(pouchesPerDay(week)).toEqual([1, 1, 0, 0, 0, 1, 1]);
    expect(week.residents[0]?.days.map((d) => d.absent)).toEqual([false, false, true, true, true, false, false]);
  });

  it('When a hospitalisation starts mid-week with no end yet, Then the rest of the week is empty', () => {
    const resident: ResidentForWeek = { id: 1, status: 'hospitalised', statusFrom: '2026-12-03', statusTo: null };
    expect(pouchesPerDay(compute([line()], { residents: [resident] }))).toEqual([1, 1, 1, 0, 0, 0, 0]);
  });

  it('When a line ends on Wednesday and its replacement starts Thursday, Then each counts its own days', () => {
    const week = compute([
      line({ endDate: '2026-12-02' }),
      line({ cip13: '3400930000002', doses: { soir: 4 }, startDate: '2026-12-03' }),
    ]);
    expect(week.residents[0]?.days.map((d) => [d.pouchesByTime.matin, d.pouchesByTime.soir])).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    expect(week.lines.map((l) => [l.cip13, l.units])).toEqual([
      ['3400930000001', 3],
      ['3400930000002', 4],
    ]);
  });

  it('When a line is as needed (si besoin), Then it makes no pouch and no unit', () => {
    const week = compute([line({ asNeeded: true, doses: { matin: 4, soir: 4 } })]);
    expect(week.totals).toEqual({ pouches: 0, robotUnits: 0, manualUnits: 0, horsPdaUnits: 0 });
    expect(week.lines).toEqual([]);
  });

  it('When two residents take half a tablet a day, Then each rounds up to 4 units (8 for the product, not 7)', () => {
    const week = compute([line({ doses: { matin: 2 } }), line({ residentId: 2, doses: { matin: 2 } })], {
      residents: [active(1), active(2)],
    });
    expect(week.lines.map((l) => [l.residentId, l.quarters, l.units])).toEqual([
      [1, 14, 4],
      [2, 14, 4],
    ]);
    expect(week.products).toEqual([
      { cip13: '3400930000001', units: 8, route: 'manual', robotUnits: 0, manualUnits: 8 },
    ]);
    expect(week.totals.manualUnits).toBe(8);
  });

  it('When one resident has two lines of one product, Then quarters are summed before rounding up', () => {
    const week = compute([
      line({ doses: { matin: 1 } }),
      line({ doses: { soir: 1 }, schedule: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5] } }),
    ]);
    expect(week.lines).toEqual([expect.objectContaining({ quarters: 12, units: 3 })]);
  });

  it('When a product is excluded from PDA, Then its units are hors PDA and it fills no pouch', () => {
    const week = compute([line(), line({ cip13: EXCLUDED, doses: { midi: 4 } })]);
    expect(week.totals).toEqual({ pouches: 7, robotUnits: 7, manualUnits: 0, horsPdaUnits: 7 });
    expect(week.products.find((p) => p.cip13 === EXCLUDED)?.route).toBe('hors_pda');
  });

  it('When the robot has no cassette for a product, Then its units go to the manual tray', () => {
    const week = compute([line(), line({ cip13: '3400930000002', doses: { matin: 2 } })], {
      hasCassette: (cip13) => cip13 === '3400930000001',
    });
    expect(week.totals).toEqual({ pouches: 7, robotUnits: 7, manualUnits: 4, horsPdaUnits: 0 });
  });

  it('When a resident takes half a tablet of a product with a cassette, Then the line goes to the manual tray, not the robot', () => {
    const week = compute([line({ doses: { matin: 2 } })], { hasCassette: () => true });
    expect(week.lines).toEqual([
      expect.objectContaining({ quarters: 14, units: 4, route: 'manual', splitDoses: true }),
    ]);
    expect(week.totals).toEqual({ pouches: 7, robotUnits: 0, manualUnits: 4, horsPdaUnits: 0 });
    expect(week.products).toEqual([
      { cip13: '3400930000001', units: 4, route: 'manual', robotUnits: 0, manualUnits: 4 },
    ]);
  });

  it('When half a tablet morning and evening makes whole tablets a day, Then each split dose still goes to the tray', () => {
    const week = compute([line({ doses: { matin: 2, soir: 2 } })]);
    expect(week.lines).toEqual([
      expect.objectContaining({ quarters: 28, units: 7, route: 'manual', splitDoses: true }),
    ]);
  });

  it('When 1.5 tablets are taken one day a week only, Then the line goes to the tray', () => {
    const week = compute([
      line({ doses: { matin: 4 } }),
      line({ doses: { soir: 6 }, schedule: { kind: 'weekdays', weekdays: [3] } }),
    ]);
    expect(week.lines).toEqual([
      expect.objectContaining({ quarters: 34, units: 9, route: 'manual', splitDoses: true }),
    ]);
  });

  it('When a quarter-tablet line falls on no day of the week, Then whole-tablet doses keep the robot', () => {
    const week = compute([
      line({ doses: { matin: 4 } }),
      line({ doses: { soir: 1 }, startDate: '2027-01-01' }),
      line({ doses: { midi: 2 }, asNeeded: true }),
    ]);
    expect(week.lines).toEqual([expect.objectContaining({ route: 'robot', splitDoses: false })]);
  });

  it('When two half-tablet lines of a product make one tablet at the same time, Then the robot drops it whole', () => {
    const week = compute([line({ doses: { matin: 2 } }), line({ doses: { matin: 2 } })], { hasCassette: () => true });
    expect(week.lines).toEqual([expect.objectContaining({ units: 7, route: 'robot', splitDoses: false })]);
  });

  it('When one resident splits a product and another takes it whole, Then the product shows both robot and tray units', () => {
    const week = compute([line({ residentId: 1, doses: { matin: 2 } }), line({ residentId: 2, doses: { matin: 4 } })], {
      residents: [active(1), active(2)],
      hasCassette: () => true,
    });
    expect(week.lines.map((l) => [l.residentId, l.route])).toEqual([
      [1, 'manual'],
      [2, 'robot'],
    ]);
    expect(week.products).toEqual([
      { cip13: '3400930000001', units: 11, route: 'robot', robotUnits: 7, manualUnits: 4 },
    ]);
    expect(week.totals).toEqual({ pouches: 14, robotUnits: 7, manualUnits: 4, horsPdaUnits: 0 });
  });

  it('When an excluded product is taken in halves, Then it stays hors PDA', () => {
    const week = compute([line({ cip13: EXCLUDED, doses: { matin: 2 } })]);
    expect(week.lines).toEqual([expect.objectContaining({ route: 'hors_pda', splitDoses: true })]);
  });

  it('When a resident is absent Tuesday to Thursday, Then those 3 days lose exactly their pouches and units', () => {
    const lines = [line({ doses: { matin: 4, soir: 4 } })];
    const before = compute(lines);
    const after = compute(lines, { absences: [{ residentId: 1, from: '2026-12-01', to: '2026-12-03' }] });
    expect(before.totals.pouches - after.totals.pouches).toBe(6);
    expect(after.totals.robotUnits).toBe(8);
    expect(after.residents[0]?.days.map((d) => d.absent)).toEqual([false, true, true, true, false, false, false]);
  });

  it('When a dose is under a name the care home does not use, Then it is ignored', () => {
    expect(compute([line({ doses: { lever: 4 } })]).totals.pouches).toBe(0);
  });
});

describe('resident status', () => {
  it('When discharged or deceased on a day, Then that day and the following ones are away', () => {
    for (const status of ['discharged', 'deceased'] as const) {
      const r = { status, statusFrom: '2026-12-02', statusTo: null };
      expect(['2026-12-01', '2026-12-02', '2026-12-03'].map((d) => residentPresentOn(r, d))).toEqual([
        true,
        false,
        false,
      ]);
    }
  });
});

describe('cut-off and delivery instants', () => {
  it('When the order week is in winter, Then cut-off is Wednesday 12:00 and delivery Friday 14:00 Paris (UTC+1) of the week before', () => {
    const { cutoffAt, deliveryAt } = orderDeadlines(DEFAULT_CARE_HOME_SETTINGS, '2026-W49');
    expect(cutoffAt.toISOString()).toBe('2026-11-25T11:00:00.000Z');
    expect(deliveryAt.toISOString()).toBe('2026-11-27T13:00:00.000Z');
  });

  it('When the order week is in summer, Then the same wall-clock times are UTC+2', () => {
    const { cutoffAt, deliveryAt } = orderDeadlines(DEFAULT_CARE_HOME_SETTINGS, '2026-W28');
    expect(cutoffAt.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(deliveryAt.toISOString()).toBe('2026-07-03T12:00:00.000Z');
  });

  it('When the week before holds the spring change, Then cut-off and delivery keep their wall-clock time on each side', () => {
    const calendar = { ...DEFAULT_CARE_HOME_SETTINGS, cutoffWeekday: 5, cutoffTime: '12:00', deliveryWeekday: 7 };
    const { cutoffAt, deliveryAt } = orderDeadlines(calendar, '2026-W14');
    expect(cutoffAt.toISOString()).toBe('2026-03-27T11:00:00.000Z');
    expect(deliveryAt.toISOString()).toBe('2026-03-29T12:00:00.000Z');
  });

  it('When a cut-off falls in the hour the spring change skips, Then it moves forward by the gap', () => {
    const calendar = { ...DEFAULT_CARE_HOME_SETTINGS, cutoffWeekday: 7, cutoffTime: '02:30', deliveryWeekday: 7 };
    expect(orderDeadlines(calendar, '2026-W14').cutoffAt.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('When the order week is the first of a year after a 53-week year, Then the week before is W53', () => {
    // Friday 1 January is a holiday: the week is delivered on Thursday 31 December, closed on Tuesday 29.
    expect(orderDeadlines(DEFAULT_CARE_HOME_SETTINGS, '2027-W01')).toEqual({
      cutoffAt: new Date('2026-12-29T11:00:00.000Z'),
      deliveryAt: new Date('2026-12-31T13:00:00.000Z'),
      deliveryMovedFor: 'Jour de l’an',
    });
  });

  it('When the delivery day is Christmas, Then delivery and cut-off both move one day earlier', () => {
    expect(orderDeadlines(DEFAULT_CARE_HOME_SETTINGS, '2026-W53')).toEqual({
      cutoffAt: new Date('2026-12-22T11:00:00.000Z'),
      deliveryAt: new Date('2026-12-24T13:00:00.000Z'),
      deliveryMovedFor: 'Noël',
    });
    // The week after the usual one is untouched.
    expect(orderDeadlines(DEFAULT_CARE_HOME_SETTINGS, '2026-W52').deliveryMovedFor).toBeNull();
  });

  it('When a Monday delivery is Easter Monday, Then it moves to Saturday over the Sunday, with its cut-off two days back', () => {
    // Easter 2027 is Sunday 28 March, so Monday 29 March (the week before 2027-W14) is a holiday.
    const calendar = { ...DEFAULT_CARE_HOME_SETTINGS, cutoffWeekday: 1, cutoffTime: '08:00', deliveryWeekday: 1 };
    expect(orderDeadlines(calendar, '2027-W14')).toEqual({
      cutoffAt: new Date('2027-03-27T07:00:00.000Z'),
      deliveryAt: new Date('2027-03-27T13:00:00.000Z'),
      deliveryMovedFor: 'Lundi de Pâques',
    });
  });

  it('When any week of years of any settings is computed, Then no delivery falls on a holiday and the cut-off keeps its lead on it', () => {
    const calendar = fc.record({
      cutoffWeekday: fc.integer({ min: 1, max: 5 }),
      cutoffTime: fc.constantFrom('08:00', '12:00'),
      deliveryWeekday: fc.integer({ min: 5, max: 7 }),
      deliveryTime: fc.constantFrom('14:00', '18:00'),
    });
    fc.assert(
      fc.property(calendar, fc.integer({ min: 0, max: 520 }), (settings, n) => {
        const monday = addCalendarDays('2026-01-05', 7 * n);
        const { cutoffAt, deliveryAt, deliveryMovedFor } = orderDeadlinesOfMonday(settings, monday);
        const delivery = parisDate(deliveryAt);
        const usual = addCalendarDays(monday, settings.deliveryWeekday - 8);
        expect(publicHolidayOn(delivery)).toBeUndefined();
        expect(deliveryMovedFor).toBe(publicHolidayOn(usual)?.name ?? null);
        if (deliveryMovedFor === null) expect(delivery).toBe(usual);
        else {
          expect(delivery < usual).toBe(true);
          expect(isoWeekday(delivery)).not.toBe(7);
        }
        // The cut-off keeps its usual lead in days and its time on the wall clock.
        const lead = (Date.parse(delivery) - Date.parse(parisDate(cutoffAt))) / 86_400_000;
        expect(lead).toBe(settings.deliveryWeekday - settings.cutoffWeekday);
        expect(parisTime(cutoffAt)).toBe(settings.cutoffTime);
        expect(parisTime(deliveryAt)).toBe(settings.deliveryTime);
      }),
    );
  });

  it('When a schedule week is asked again, under the same or other settings, Then it is what the rule computes afresh', () => {
    // scheduleWeekOfMonday keeps each week per settings (issue 16): a key missing one of the four
    // settings would hand one care home's deadlines to another.
    // Few values per field, so that asks often share all settings but one.
    const time = fc.constantFrom('02:30', '12:00', '14:00');
    const calendar = fc.record({
      cutoffWeekday: fc.integer({ min: 1, max: 3 }),
      cutoffTime: time,
      deliveryWeekday: fc.integer({ min: 4, max: 6 }),
      deliveryTime: time,
    });
    // Mondays around the spring and autumn changes of 2026 and a year's turn.
    const monday = fc.constantFrom('2026-03-30', '2026-04-06', '2026-10-26', '2026-11-02', '2027-01-04');
    fc.assert(
      fc.property(fc.array(fc.tuple(calendar, monday), { minLength: 1, maxLength: 30 }), (asks) => {
        for (const [settings, day] of [...asks, ...asks]) {
          const { cutoffAt, deliveryAt, deliveryMovedFor } = orderDeadlines(settings, isoWeekOfDate(day));
          expect(scheduleWeekOfMonday(settings, day)).toEqual({
            week: isoWeekOfDate(day),
            cutoffAt: cutoffAt.toISOString(),
            deliveryAt: deliveryAt.toISOString(),
            deliveryMovedFor,
          });
        }
      }),
    );
  });

  it('When a run of schedule weeks is asked again, under the same or other settings, Then it is the weeks computed afresh, and it cannot be changed', () => {
    // scheduleFrom keeps each run per (settings, Monday, count): a key missing a field would hand
    // one care home's run, or a shorter one, to another ask.
    const time = fc.constantFrom('02:30', '12:00');
    const calendar = fc.record({
      cutoffWeekday: fc.integer({ min: 1, max: 2 }),
      cutoffTime: time,
      deliveryWeekday: fc.integer({ min: 4, max: 5 }),
      deliveryTime: time,
    });
    const monday = fc.constantFrom('2026-03-23', '2026-10-19', '2026-12-28');
    const weeks = fc.integer({ min: 1, max: 10 });
    fc.assert(
      fc.property(fc.array(fc.tuple(calendar, monday, weeks), { minLength: 1, maxLength: 20 }), (asks) => {
        for (const [settings, day, count] of [...asks, ...asks]) {
          const afresh = Array.from({ length: count }, (_, i) => {
            const week = isoWeekOfDate(addCalendarDays(day, 7 * i));
            const { cutoffAt, deliveryAt, deliveryMovedFor } = orderDeadlines(settings, week);
            return { week, cutoffAt: cutoffAt.toISOString(), deliveryAt: deliveryAt.toISOString(), deliveryMovedFor };
          });
          expect(scheduleFrom(settings, day, count)).toEqual(afresh);
        }
      }),
    );
    const run = scheduleFrom(DEFAULT_CARE_HOME_SETTINGS, '2026-11-30', 2);
    expect(() => (run as ScheduleWeek[]).pop()).toThrow(TypeError);
    expect(scheduleFrom(DEFAULT_CARE_HOME_SETTINGS, '2026-11-30', 2)).toHaveLength(2);
    // The run stops before a week past year 9999.
    expect(scheduleFrom(DEFAULT_CARE_HOME_SETTINGS, '9999-12-20', 8).map((w) => w.week)).toEqual([
      '9999-W51',
      '9999-W52',
    ]);
  });

  it('When the cut-off is not before the delivery, Then the calendar is refused', () => {
    expect(cutoffBeforeDelivery(DEFAULT_CARE_HOME_SETTINGS)).toBe(true);
    expect(cutoffBeforeDelivery({ ...DEFAULT_CARE_HOME_SETTINGS, cutoffWeekday: 5, cutoffTime: '14:00' })).toBe(false);
    expect(cutoffBeforeDelivery({ ...DEFAULT_CARE_HOME_SETTINGS, cutoffWeekday: 6 })).toBe(false);
  });

  it.each([
    ['Monday', '2026-11-23T09:00:00Z', { lastDelivered: '2026-W48', closed: [], open: '2026-W49' }],
    [
      'Wednesday at the cut-off',
      '2026-11-25T11:00:00Z',
      { lastDelivered: '2026-W48', closed: ['2026-W49'], open: '2026-W50' },
    ],
    ['Thursday', '2026-11-26T09:00:00Z', { lastDelivered: '2026-W48', closed: ['2026-W49'], open: '2026-W50' }],
    ['Saturday', '2026-11-28T09:00:00Z', { lastDelivered: '2026-W49', closed: [], open: '2026-W50' }],
    ['Sunday night', '2026-11-29T22:59:00Z', { lastDelivered: '2026-W49', closed: [], open: '2026-W50' }],
  ])('When it is %s, Then the open, closed and last delivered weeks follow the defaults', (_name, now, expected) => {
    expect(orderWeeksAt(new Date(now), DEFAULT_CARE_HOME_SETTINGS)).toEqual(expected);
  });
});

describe('order status transitions', () => {
  const allowed: [OrderStatus, OrderStatus][] = [
    ['draft', 'submitted'],
    ['draft', 'cancelled'],
    ['submitted', 'planned'],
    ['submitted', 'cancelled'],
    ['planned', 'in_production'],
    ['planned', 'submitted'],
    ['planned', 'cancelled'],
    ['in_production', 'produced'],
    ['produced', 'verified'],
    ['verified', 'delivered'],
  ];

  it('When any status meets any other, Then only the SPEC §5 steps (and un-planning) are allowed', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it('When the cut-off has passed or production has started, Then the order is no longer editable', () => {
    const cutoffAt = '2026-11-25T11:00:00.000Z';
    expect(isEditableAt({ status: 'draft', cutoffAt }, new Date('2026-11-25T10:59:59Z'))).toBe(true);
    expect(isEditableAt({ status: 'submitted', cutoffAt }, new Date('2026-11-25T10:59:59Z'))).toBe(true);
    // Booked early for a batch after its cut-off: still the care home's until then (README, robot rules).
    expect(isEditableAt({ status: 'planned', cutoffAt }, new Date('2026-11-20T00:00:00Z'))).toBe(true);
    expect(isEditableAt({ status: 'draft', cutoffAt }, new Date('2026-11-25T11:00:00Z'))).toBe(false);
    expect(isEditableAt({ status: 'planned', cutoffAt }, new Date('2026-11-25T11:00:00Z'))).toBe(false);
    expect(isEditableAt({ status: 'in_production', cutoffAt }, new Date('2026-11-20T00:00:00Z'))).toBe(false);
  });
});

describe('doses in quarters', () => {
  it('When a dose is a multiple of 0.25, Then it becomes whole quarters; otherwise it is refused', () => {
    expect([0.25, 0.5, 1, 2.75].map(unitsToQuarters)).toEqual([1, 2, 4, 11]);
    expect([0.3, 0.125, 1 / 3].map(unitsToQuarters)).toEqual([null, null, null]);
  });
});
