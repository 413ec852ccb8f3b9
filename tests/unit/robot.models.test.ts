import { describe, expect, it } from 'vitest';
import {
  batchDuration,
  batchesOutsideWindows,
  checkPlacement,
  checkWindows,
  DEFAULT_ROBOT_TIMES,
  DEFAULT_WINDOWS,
  freeMinutesByDay,
  isSlotMissed,
  MINUTE,
  nextStarts,
  orderDeadline,
  subtractIntervals,
  windowsOnDays,
} from '../../server/robot/robot.models';
import { isoWeekDays, parisWallClock } from '../../server/shared/dates';
import { easterSunday, frenchPublicHolidays, publicHolidaysBetween } from '../../server/shared/holidays';

// Every expectation is an absolute UTC instant: the same answers under any TZ (tests/elsewhen.sh).
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const span = (i: { start: number; end: number }) => [iso(i.start), iso(i.end)];

describe('batch duration (SPEC §6)', () => {
  it('When a batch has pouches and manual units, Then set-up + ⌈pouches/rate⌉ + ⌈units × s / 60⌉ + cleaning', () => {
    expect(batchDuration(DEFAULT_ROBOT_TIMES, { pouches: 1_121, manualUnits: 46 })).toEqual({
      durationMinutes: 15 + 19 + 4 + 10,
      breakdown: { setup: 15, pouches: 19, manual: 4, cleaning: 10 },
    });
  });

  it('When the counts divide exactly, Then nothing is rounded up', () => {
    expect(batchDuration(DEFAULT_ROBOT_TIMES, { pouches: 1_200, manualUnits: 45 }).breakdown).toEqual({
      setup: 15,
      pouches: 20,
      manual: 3,
      cleaning: 10,
    });
  });

  it('When a single pouch or unit is left over, Then it costs a whole minute', () => {
    const robot = { ...DEFAULT_ROBOT_TIMES, ratePerMinute: 45, manualSecondsPerUnit: 7 };
    expect(batchDuration(robot, { pouches: 46, manualUnits: 1 }).breakdown).toMatchObject({ pouches: 2, manual: 1 });
  });

  it('When a batch is empty, Then it still takes set-up and cleaning', () => {
    expect(batchDuration(DEFAULT_ROBOT_TIMES, { pouches: 0, manualUnits: 0 }).durationMinutes).toBe(25);
  });
});

describe('working windows in Paris wall clock, as UTC', () => {
  it('When a winter week is laid out, Then Mon–Fri 08:30–12:30 and 13:30–18:30 are 07:30Z… and 12:30Z…', () => {
    const week = windowsOnDays(DEFAULT_WINDOWS, '2026-11-23', '2026-11-29');
    expect(week).toHaveLength(10);
    expect(span(week[0] as never)).toEqual(['2026-11-23T07:30:00.000Z', '2026-11-23T11:30:00.000Z']);
    expect(span(week[9] as never)).toEqual(['2026-11-27T12:30:00.000Z', '2026-11-27T17:30:00.000Z']);
    expect(week.map((w) => w.day)).toContain('2026-11-27');
  });

  it('Given the spring change (Sunday 2026-03-29), Then windows keep their wall-clock times on both sides', () => {
    const [before, after] = [
      windowsOnDays(DEFAULT_WINDOWS, '2026-03-27', '2026-03-27')[0],
      windowsOnDays(DEFAULT_WINDOWS, '2026-03-30', '2026-03-30')[0],
    ];
    expect(span(before as never)).toEqual(['2026-03-27T07:30:00.000Z', '2026-03-27T11:30:00.000Z']);
    expect(span(after as never)).toEqual(['2026-03-30T06:30:00.000Z', '2026-03-30T10:30:00.000Z']);
  });

  it('Given the autumn change (Sunday 2026-10-25), Then windows move back to winter UTC times', () => {
    const week = windowsOnDays(DEFAULT_WINDOWS, '2026-10-23', '2026-10-26');
    expect(week.map((w) => iso(w.start))).toEqual([
      '2026-10-23T06:30:00.000Z',
      '2026-10-23T11:30:00.000Z',
      '2026-10-26T07:30:00.000Z',
      '2026-10-26T12:30:00.000Z',
    ]);
  });

  it('When a Sunday night window spans the change, Then it lasts an hour less in March and an hour more in October', () => {
    const night = [{ weekday: 7, start: '01:00', end: '04:00' }];
    const march = windowsOnDays(night, '2026-03-23', '2026-03-29');
    const october = windowsOnDays(night, '2026-10-19', '2026-10-25');
    expect(span(march[0] as never)).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T02:00:00.000Z']);
    expect(span(october[0] as never)).toEqual(['2026-10-24T23:00:00.000Z', '2026-10-25T03:00:00.000Z']);
  });

  it('When a window ends at midnight, Then it ends at the next Paris day start', () => {
    const w = windowsOnDays([{ weekday: 1, start: '20:00', end: '24:00' }], '2026-11-23', '2026-11-23');
    expect(span(w[0] as never)).toEqual(['2026-11-23T19:00:00.000Z', '2026-11-23T23:00:00.000Z']);
  });

  it('When the same week is laid again with other windows, Then the days follow the new windows, never the kept ones', () => {
    const before = windowsOnDays([{ weekday: 1, start: '08:30', end: '12:30' }], '2026-11-23', '2026-11-29');
    const again = windowsOnDays([{ weekday: 1, start: '08:30', end: '12:30' }], '2026-11-23', '2026-11-29');
    const moved = windowsOnDays([{ weekday: 1, start: '09:00', end: '12:30' }], '2026-11-23', '2026-11-29');
    const added = windowsOnDays(
      [
        { weekday: 1, start: '08:30', end: '12:30' },
        { weekday: 2, start: '08:30', end: '12:30' },
      ],
      '2026-11-23',
      '2026-11-29',
    );
    expect(again).toEqual(before);
    expect(moved.map(span)).toEqual([['2026-11-23T08:00:00.000Z', '2026-11-23T11:30:00.000Z']]);
    expect(added.map((w) => w.day)).toEqual(['2026-11-23', '2026-11-24']);
    // What every caller shares cannot be changed by one of them.
    expect(() => (before as unknown as { start: number }[]).push({ start: 0 })).toThrow(TypeError);
  });

  it('When windows end before they start or overlap on one weekday, Then the problem is named; touching is fine', () => {
    expect(checkWindows([{ weekday: 1, start: '12:00', end: '08:00' }])).toMatchObject({
      code: 'window_ends_before_start',
    });
    expect(
      checkWindows([
        { weekday: 2, start: '08:00', end: '12:00' },
        { weekday: 2, start: '11:00', end: '14:00' },
      ]),
    ).toMatchObject({ code: 'windows_overlap' });
    expect(
      checkWindows([
        { weekday: 2, start: '08:00', end: '12:00' },
        { weekday: 2, start: '12:00', end: '14:00' },
        { weekday: 3, start: '11:00', end: '14:00' },
      ]),
    ).toBeNull();
  });
});

describe('deadlines', () => {
  it('When a care home is delivered Friday 14:00 in winter, Then its batch must end by 10:00 Paris (09:00Z)', () => {
    const delivery = parisWallClock('2026-11-27', '14:00').getTime();
    expect(iso(orderDeadline(delivery, 240))).toBe('2026-11-27T09:00:00.000Z');
  });

  it('When it is delivered Friday 14:00 in summer, Then 10:00 Paris is 08:00Z', () => {
    const delivery = parisWallClock('2026-07-03', '14:00').getTime();
    expect(iso(orderDeadline(delivery, 240))).toBe('2026-07-03T08:00:00.000Z');
  });

  it('When the control time spans the spring change, Then it counts real elapsed time', () => {
    const delivery = parisWallClock('2026-03-30', '09:00').getTime(); // 07:00Z
    expect(iso(orderDeadline(delivery, 12 * 60))).toBe('2026-03-29T19:00:00.000Z');
  });
});

describe('where a batch may go', () => {
  const windows = windowsOnDays(DEFAULT_WINDOWS, '2026-11-23', '2026-11-27');
  const closure = { start: t('2026-11-24T07:30:00Z'), end: t('2026-11-24T09:00:00Z'), reason: 'maintenance' };
  const booked = { id: 9, start: t('2026-11-23T08:00:00Z'), end: t('2026-11-23T09:00:00Z') };
  const base = {
    now: t('2026-11-23T07:00:00Z'),
    windows,
    closures: [closure],
    batches: [booked],
    deadlines: [{ orderId: 1, deadline: t('2026-11-27T09:00:00Z') }],
  };
  const slot = (start: string, minutes: number) => ({ start: t(start), end: t(start) + minutes * MINUTE });

  it('When a batch fits a free part of a window, Then it is accepted', () => {
    expect(checkPlacement({ ...base, slot: slot('2026-11-23T09:00:00Z', 60) })).toEqual({ ok: true });
  });

  it('When it would run past the end of the window or start before it, Then it is outside the window', () => {
    expect(checkPlacement({ ...base, slot: slot('2026-11-23T11:00:00Z', 45) })).toMatchObject({
      code: 'outside_window',
    });
    expect(checkPlacement({ ...base, slot: slot('2026-11-23T07:00:00Z', 20) })).toMatchObject({
      code: 'outside_window',
    });
  });

  it('When it meets a closure, Then the closure is named', () => {
    expect(checkPlacement({ ...base, slot: slot('2026-11-24T08:30:00Z', 60) })).toMatchObject({
      code: 'closure',
      closure: { reason: 'maintenance' },
    });
  });

  it('When it would end after an order deadline, Then the order and its deadline are named', () => {
    expect(
      checkPlacement({
        ...base,
        slot: slot('2026-11-27T08:30:00Z', 40),
        deadlines: [
          { orderId: 2, deadline: t('2026-11-28T09:00:00Z') },
          { orderId: 1, deadline: t('2026-11-27T09:00:00Z') },
        ],
      }),
    ).toEqual({ ok: false, code: 'after_deadline', orderId: 1, deadline: t('2026-11-27T09:00:00Z') });
  });

  it('When it overlaps a booked batch, Then that batch is returned; touching it is fine', () => {
    expect(checkPlacement({ ...base, slot: slot('2026-11-23T08:30:00Z', 60) })).toMatchObject({
      code: 'slot_taken',
      batch: { id: 9 },
    });
    expect(checkPlacement({ ...base, slot: slot('2026-11-23T07:30:00Z', 30) })).toEqual({ ok: true });
  });

  it('When it starts before now, Then it is in the past', () => {
    expect(
      checkPlacement({ ...base, now: t('2026-11-23T10:00:00Z'), slot: slot('2026-11-23T09:00:00Z', 30) }),
    ).toMatchObject({ code: 'in_past' });
  });

  it('When it starts before the cut-off of an order it holds, Then that order and its cut-off are named', () => {
    const cutoffs = [
      { orderId: 1, cutoffAt: t('2026-11-23T08:00:00Z') },
      { orderId: 2, cutoffAt: t('2026-11-23T11:00:00Z') },
    ];
    expect(checkPlacement({ ...base, cutoffs, slot: slot('2026-11-23T09:00:00Z', 60) })).toEqual({
      ok: false,
      code: 'before_cutoff',
      orderId: 2,
      cutoffAt: t('2026-11-23T11:00:00Z'),
    });
    expect(checkPlacement({ ...base, cutoffs: cutoffs.slice(0, 1), slot: slot('2026-11-23T09:00:00Z', 60) })).toEqual({
      ok: true,
    });
    expect(
      checkPlacement({ ...base, cutoffs: cutoffs.slice(0, 1), slot: slot('2026-11-23T07:30:00Z', 30) }),
    ).toMatchObject({ code: 'before_cutoff', orderId: 1 });
    // Starting at the cut-off itself is fine: the order is final from then on.
    expect(
      checkPlacement({
        ...base,
        cutoffs: [{ orderId: 1, cutoffAt: t('2026-11-23T09:00:00Z') }],
        slot: slot('2026-11-23T09:00:00Z', 60),
      }),
    ).toEqual({ ok: true });
  });

  it('When free time is asked for, Then the next three starts that fit are the first free place of each gap', () => {
    const gaps = subtractIntervals(windows, [closure, booked]);
    const starts = nextStarts(gaps, 90, t('2026-11-23T08:30:00Z'), t('2026-11-27T09:00:00Z'));
    expect(starts.map(iso)).toEqual([
      '2026-11-23T09:00:00.000Z',
      '2026-11-23T12:30:00.000Z',
      '2026-11-24T09:00:00.000Z',
    ]);
  });

  it('When the deadline comes first, Then fewer starts are offered', () => {
    const starts = nextStarts(windows, 60, t('2026-11-23T07:30:00Z'), t('2026-11-23T12:00:00Z'));
    expect(starts.map(iso)).toEqual(['2026-11-23T07:30:00.000Z']);
  });

  it('When a day is summed up, Then its free minutes exclude closures and batches', () => {
    const days = windowsOnDays(DEFAULT_WINDOWS, '2026-11-23', '2026-11-24');
    expect(freeMinutesByDay(days, [closure, booked], isoWeekDays('2026-W48').slice(0, 3))).toEqual([
      { day: '2026-11-23', minutes: 540 - 60 },
      { day: '2026-11-24', minutes: 540 - 90 },
      { day: '2026-11-25', minutes: 0 },
    ]);
  });
});

describe('free time is never in the past', () => {
  it('When now is mid-afternoon, Then earlier days have no free minutes and today only what is left', () => {
    const days = windowsOnDays(DEFAULT_WINDOWS, '2026-11-23', '2026-11-27');
    // Wednesday 25 at 14:07:30 Paris (13:07:30Z): 262 whole minutes left until 18:30.
    expect(freeMinutesByDay(days, [], isoWeekDays('2026-W48').slice(0, 5), t('2026-11-25T13:07:30Z'))).toEqual([
      { day: '2026-11-23', minutes: 0 },
      { day: '2026-11-24', minutes: 0 },
      { day: '2026-11-25', minutes: 262 },
      { day: '2026-11-26', minutes: 540 },
      { day: '2026-11-27', minutes: 540 },
    ]);
  });
});

describe('windows against booked batches', () => {
  // Wednesday 13:30–14:18 Paris: 12:30Z in winter, 11:30Z in summer.
  const winter = { id: 1, start: t('2026-11-25T12:30:00Z'), end: t('2026-11-25T13:18:00Z') };
  const summer = { id: 2, start: t('2027-06-16T11:30:00Z'), end: t('2027-06-16T12:18:00Z') };

  it('When the windows still hold a batch on its Paris day, Then it is not named, summer or winter', () => {
    expect(batchesOutsideWindows(DEFAULT_WINDOWS, [winter, summer])).toEqual([]);
  });

  it('When only mornings are left, or the afternoon starts later, Then the batches that fall out are named', () => {
    const mornings = DEFAULT_WINDOWS.filter((w) => w.start === '08:30');
    expect(batchesOutsideWindows(mornings, [winter, summer]).map((b) => b.id)).toEqual([1, 2]);
    const later = [...mornings, { weekday: 3, start: '14:00', end: '18:30' }];
    expect(batchesOutsideWindows(later, [winter, summer]).map((b) => b.id)).toEqual([1, 2]);
  });
});

describe('French public holidays', () => {
  // Published dates (service-public.fr calendars): Easter Monday, Ascension Thursday, Whit Monday.
  const easterBased: Record<number, [string, string, string]> = {
    2026: ['2026-04-06', '2026-05-14', '2026-05-25'],
    2027: ['2027-03-29', '2027-05-06', '2027-05-17'],
    2028: ['2028-04-17', '2028-05-25', '2028-06-05'],
    2029: ['2029-04-02', '2029-05-10', '2029-05-21'],
    2030: ['2030-04-22', '2030-05-30', '2030-06-10'],
    2031: ['2031-04-14', '2031-05-22', '2031-06-02'],
    2032: ['2032-03-29', '2032-05-06', '2032-05-17'],
    2033: ['2033-04-18', '2033-05-26', '2033-06-06'],
    2034: ['2034-04-10', '2034-05-18', '2034-05-29'],
    2035: ['2035-03-26', '2035-05-03', '2035-05-14'],
  };

  it.each(Object.entries(easterBased))(
    'When %s is listed, Then its Easter-based holidays and the eight fixed ones are there',
    (year, [monday, ascension, whitMonday]) => {
      const days = frenchPublicHolidays(Number(year));
      const byName = Object.fromEntries(days.map((d) => [d.name, d.date]));
      expect(byName).toMatchObject({
        'Lundi de Pâques': monday,
        Ascension: ascension,
        'Lundi de Pentecôte': whitMonday,
      });
      expect(
        days.map((d) => d.date.slice(5)).filter((d) => ![monday, ascension, whitMonday].includes(`${year}-${d}`)),
      ).toEqual(['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25']);
      expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    },
  );

  it('When the holidays of a span over New Year are asked, Then both years are computed', () => {
    expect(publicHolidaysBetween('2035-12-20', '2036-01-05')).toEqual([
      { date: '2035-12-25', name: 'Noël' },
      { date: '2036-01-01', name: 'Jour de l’an' },
    ]);
  });

  it('When a year’s holidays are asked again, Then the same eleven come back, and no caller can change them', () => {
    const first = frenchPublicHolidays(2031);
    expect(frenchPublicHolidays(2031)).toEqual(first);
    expect(first).toHaveLength(11);
    expect(() => (first as { date: string; name: string }[]).pop()).toThrow(TypeError);
    expect(() => {
      (first[0] as { date: string }).date = '2031-01-02';
    }).toThrow(TypeError);
    expect(frenchPublicHolidays(2031)[0]).toEqual({ date: '2031-01-01', name: 'Jour de l’an' });
  });

  it('When Easter is computed, Then it matches the published dates', () => {
    expect(['2024', '2025', '2026', '2027', '2038'].map((y) => easterSunday(Number(y)))).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2038-04-25',
    ]);
  });

  it('When 2026 is listed, Then the eleven days include Easter Monday, Ascension and Whit Monday', () => {
    const days = frenchPublicHolidays(2026);
    expect(days).toHaveLength(11);
    expect(days.map((d) => d.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });
});

describe('isSlotMissed', () => {
  const booked = { status: 'booked', end: '2026-12-09T10:00:00.000Z' };

  it('When a booked batch’s slot has not ended yet, Then it is not missed', () => {
    expect(isSlotMissed(booked, t('2026-12-09T09:59:59.999Z'))).toBe(false);
  });

  it('When the clock reaches the end of a booked batch’s slot, Then it is missed (end exclusive)', () => {
    expect(isSlotMissed(booked, t('2026-12-09T10:00:00.000Z'))).toBe(true);
    expect(isSlotMissed(booked, t('2026-12-10T08:00:00.000Z'))).toBe(true);
  });

  it('When the batch was started, produced, verified or cancelled, Then its past slot is not missed', () => {
    for (const status of ['in_production', 'produced', 'verified', 'cancelled'])
      expect(isSlotMissed({ ...booked, status }, t('2026-12-10T08:00:00.000Z'))).toBe(false);
  });

  it('When the slot ends on the night of the autumn DST change, Then the UTC instant decides', () => {
    // 2026-10-25 02:30 Paris happens twice: 00:30Z then 01:30Z.
    const night = { status: 'booked', end: '2026-10-25T01:30:00.000Z' };
    expect(isSlotMissed(night, t('2026-10-25T00:30:00.000Z'))).toBe(false);
    expect(isSlotMissed(night, t('2026-10-25T01:30:00.000Z'))).toBe(true);
  });
});
