import { TZDate, tzOffset } from '@date-fns/tz';
import { format, getISOWeek, getISOWeekYear } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarYears,
  isIsoWeek,
  isoWeek,
  isoWeekDays,
  isoWeekMonday,
  isoWeekOfDate,
  parisDate,
  parisDayRange,
  parisDaysRange,
  parisIsoWeekRange,
  parisMonth,
  parisMonthRange,
  parisOffsetMs,
  parisStamp,
  parisTime,
  parisWallClock,
} from '../../server/shared/dates';
import { CalendarDate, IsoWeek } from '../../server/shared/schemas';

// Every expectation here is an absolute UTC instant, so the file gives the same answers under any
// TZ (npm test runs it again under America/Los_Angeles on a far date: tests/elsewhen.sh).

const HOUR = 3_600_000;
const iso = (d: Date) => d.toISOString();
const hours = (r: { start: Date; end: Date }) => (r.end.getTime() - r.start.getTime()) / HOUR;

describe('Paris days as UTC ranges', () => {
  it('Given the spring DST Sunday 2026-03-29, Then the Paris day lasts 23 hours', () => {
    const day = parisDayRange('2026-03-29');
    expect(iso(day.start)).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(day.end)).toBe('2026-03-29T22:00:00.000Z');
    expect(hours(day)).toBe(23);
  });

  it('Given the autumn DST Sunday 2026-10-25, Then the Paris day lasts 25 hours', () => {
    const day = parisDayRange('2026-10-25');
    expect(iso(day.start)).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(day.end)).toBe('2026-10-25T23:00:00.000Z');
    expect(hours(day)).toBe(25);
  });

  it('Given every day of 2026 and 2027, Then each range starts at Paris midnight, ends where the next begins, and holds only that day', () => {
    for (let day = '2026-01-01'; day <= '2027-12-31'; day = addCalendarDays(day, 1)) {
      const { start, end } = parisDayRange(day);
      expect(parisDate(start)).toBe(day);
      expect(parisTime(start)).toBe('00:00');
      expect(parisDate(new Date(end.getTime() - 1))).toBe(day);
      expect(iso(end)).toBe(iso(parisDayRange(addCalendarDays(day, 1)).start));
      expect([23, 24, 25]).toContain(hours({ start, end }));
    }
  });

  it('Given a run of days across the autumn change, Then it goes from the first midnight to the midnight after the last day', () => {
    const range = parisDaysRange('2026-10-24', '2026-10-26');
    expect(iso(range.start)).toBe('2026-10-23T22:00:00.000Z');
    expect(iso(range.end)).toBe('2026-10-26T23:00:00.000Z');
    expect(hours(range)).toBe(73);
  });

  it('Given the last day of a month and of a year, Then the range ends at the next midnight (rolling over)', () => {
    expect(iso(parisDayRange('2026-11-30').end)).toBe('2026-11-30T23:00:00.000Z');
    expect(iso(parisDayRange('2026-12-31').end)).toBe('2026-12-31T23:00:00.000Z');
    expect(iso(parisDayRange('2028-02-29').end)).toBe('2028-02-29T23:00:00.000Z');
  });
});

describe('Paris wall-clock instants', () => {
  it('Given 02:30 on the spring DST day (an hour that does not exist), Then it is moved forward to 03:30 CEST', () => {
    const instant = parisWallClock('2026-03-29', '02:30');
    expect(iso(instant)).toBe('2026-03-29T01:30:00.000Z');
    expect(parisTime(instant)).toBe('03:30');
  });

  it('Given 02:30 on the autumn DST day (an hour that happens twice), Then it is the first occurrence (CEST)', () => {
    const instant = parisWallClock('2026-10-25', '02:30');
    expect(iso(instant)).toBe('2026-10-25T00:30:00.000Z');
    expect(parisTime(instant)).toBe('02:30');
  });

  it('Given ordinary winter and summer times, Then the offset is +1 and +2 hours', () => {
    expect(iso(parisWallClock('2026-01-15', '08:30'))).toBe('2026-01-15T07:30:00.000Z');
    expect(iso(parisWallClock('2026-07-15', '08:30'))).toBe('2026-07-15T06:30:00.000Z');
    expect(iso(parisWallClock('2026-03-29', '03:00'))).toBe('2026-03-29T01:00:00.000Z');
  });
});

describe('Paris months as UTC ranges', () => {
  it('Given March and October 2026, Then they hold the DST change (743 and 745 hours)', () => {
    const march = parisMonthRange('2026-03');
    expect(iso(march.start)).toBe('2026-02-28T23:00:00.000Z');
    expect(iso(march.end)).toBe('2026-03-31T22:00:00.000Z');
    expect(hours(march)).toBe(31 * 24 - 1);
    const october = parisMonthRange('2026-10');
    expect(iso(october.start)).toBe('2026-09-30T22:00:00.000Z');
    expect(iso(october.end)).toBe('2026-10-31T23:00:00.000Z');
    expect(hours(october)).toBe(31 * 24 + 1);
  });

  it('Given November and December, Then November ends where December starts and December ends at Paris new year', () => {
    expect(iso(parisMonthRange('2026-11').start)).toBe('2026-10-31T23:00:00.000Z');
    expect(iso(parisMonthRange('2026-11').end)).toBe(iso(parisMonthRange('2026-12').start));
    expect(iso(parisMonthRange('2026-12').end)).toBe('2026-12-31T23:00:00.000Z');
  });

  it('Given February of a leap and a common year, Then the range has 29 or 28 days', () => {
    expect(hours(parisMonthRange('2028-02'))).toBe(29 * 24);
    expect(hours(parisMonthRange('2026-02'))).toBe(28 * 24);
  });

  it('Given a month that does not exist, Then it throws', () => {
    expect(() => parisMonthRange('2026-13')).toThrow(RangeError);
    expect(() => parisMonthRange('2026-00')).toThrow(RangeError);
  });
});

describe('ISO weeks', () => {
  it('Given 2026 (a long ISO year) and 2027, Then 2026-W53 exists, 2027-W53 and 2026-W60 do not', () => {
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2027-W53')).toBe(false);
    expect(isIsoWeek('2026-W60')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
    expect(IsoWeek.safeParse('2026-W53').success).toBe(true);
    expect(IsoWeek.safeParse('2027-W53').success).toBe(false);
    expect(IsoWeek.safeParse('2026-W60').success).toBe(false);
    expect(() => parisIsoWeekRange('2027-W53')).toThrow(RangeError);
    expect(() => parisIsoWeekRange('2026-W60')).toThrow(RangeError);
  });

  it('Given 2026-W53, Then it runs from Monday 28 December 2026 to Sunday 3 January 2027, Paris midnights', () => {
    expect(isoWeekMonday('2026-W53')).toBe('2026-12-28');
    expect(isoWeekDays('2026-W53').at(-1)).toBe('2027-01-03');
    const week = parisIsoWeekRange('2026-W53');
    expect(iso(week.start)).toBe('2026-12-27T23:00:00.000Z');
    expect(iso(week.end)).toBe('2027-01-03T23:00:00.000Z');
  });

  it('Given the week of the spring change, Then it lasts 167 hours', () => {
    expect(hours(parisIsoWeekRange('2026-W13'))).toBe(167);
    expect(hours(parisIsoWeekRange('2026-W43'))).toBe(169);
  });

  it('Given days around new year, Then each belongs to the ISO week of its Thursday', () => {
    expect(isoWeekOfDate('2025-12-28')).toBe('2025-W52');
    expect(isoWeekOfDate('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOfDate('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOfDate('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOfDate('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOfDate('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOfDate('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOfDate('2027-12-31')).toBe('2027-W52');
    expect(isoWeekOfDate('2028-01-02')).toBe('2027-W52');
  });
});

describe('the extreme dates the schemas accept', () => {
  it('Given 0001-01-01 and 9999-12-31 (both accepted as calendar dates), Then their ranges are well-formed and order every stored instant', () => {
    expect(CalendarDate.safeParse('0001-01-01').success).toBe(true);
    expect(CalendarDate.safeParse('9999-12-31').success).toBe(true);
    const first = parisDayRange('0001-01-01');
    const last = parisDayRange('9999-12-31');
    // Before 1911 Paris kept its mean solar time, 9 min 21 s ahead of Greenwich.
    expect(iso(first.start)).toBe('0000-12-31T23:50:39.000Z');
    expect(parisDate(first.start)).toBe('0001-01-01');
    expect(hours(first)).toBe(24);
    expect(iso(last.start)).toBe('9999-12-30T23:00:00.000Z');
    expect(iso(last.end)).toBe('9999-12-31T23:00:00.000Z');
    // Stored instants are ISO text: the bounds must compare as text in the same order as in time.
    const now = '2026-11-23T09:00:00.000Z';
    expect(iso(first.start) < now && now < iso(last.end)).toBe(true);
  });

  it('Given the extreme months and weeks, Then they are ranges too', () => {
    expect(iso(parisMonthRange('9999-12').end)).toBe('9999-12-31T23:00:00.000Z');
    expect(hours(parisMonthRange('0001-01'))).toBe(31 * 24);
    expect(iso(parisIsoWeekRange('9999-W51').end)).toBe('9999-12-26T23:00:00.000Z');
    expect(iso(parisIsoWeekRange('0001-W01').start)).toBe('0000-12-31T23:50:39.000Z');
  });

  it('Given a week or a day past 9999-12-31 or before 0000-01-01, Then it is refused rather than misread', () => {
    // 9999-W52 runs to Sunday 10000-01-02; 0000-W01 is the first whole week of year 0.
    expect(IsoWeek.safeParse('9999-W52').success).toBe(false);
    expect(isoWeekMonday('0000-W01')).toBe('0000-01-03');
    expect(() => parisIsoWeekRange('9999-W52')).toThrow(RangeError);
    expect(() => addCalendarDays('9999-12-31', 1)).toThrow(RangeError);
    expect(addCalendarDays('0001-01-01', -1)).toBe('0000-12-31');
  });

  it('When a day moves by calendar years, Then it keeps its month and day, and 29 February becomes the 28th', () => {
    expect(addCalendarYears('2026-11-23', 1)).toBe('2027-11-23');
    expect(addCalendarYears('2027-02-28', 1)).toBe('2028-02-28');
    expect(addCalendarYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addCalendarYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addCalendarYears('2026-03-29', 1)).toBe('2027-03-29'); // a Paris DST day: no hour involved
    expect(addCalendarYears('0050-06-01', 1)).toBe('0051-06-01');
  });
});

describe("Paris's offset, kept per UTC hour", () => {
  const asked = (t: number) => Math.round(tzOffset('Europe/Paris', new Date(t)) * 60_000);
  const minute = 60_000;

  it('When asked minute by minute across DST changes, Then it equals what the time-zone database says', () => {
    // The changes of 2026 and 2027 (01:00 UTC), of 1945 (wartime double summer time) and 1976.
    for (const change of [
      Date.UTC(2026, 2, 29, 1),
      Date.UTC(2026, 9, 25, 1),
      Date.UTC(2027, 2, 28, 1),
      Date.UTC(1945, 3, 2, 1),
      Date.UTC(1945, 8, 16, 1),
      Date.UTC(1976, 2, 28, 0),
    ]) {
      for (let t = change - 90 * minute; t <= change + 90 * minute; t += minute) {
        expect(parisOffsetMs(t), new Date(t).toISOString()).toBe(asked(t));
      }
    }
  });

  it('When asked before 1911, when Paris kept its mean time (+0:09:21), Then it is exact to the second', () => {
    const t = Date.UTC(1911, 2, 10, 23, 55);
    expect(parisOffsetMs(t)).toBe(asked(t));
    expect(parisOffsetMs(Date.UTC(1900, 0, 1))).toBe(9 * minute + 21_000);
  });
});

describe('Paris calendar of an instant, and ISO weeks, against date-fns (issue 16 computes them without it)', () => {
  // date-fns on a TZDate: what these functions returned before they read the cached offset.
  const paris = (t: number) => new TZDate(t, 'Europe/Paris');
  const reference = (t: number) => ({
    date: format(paris(t), 'uuuu-MM-dd'),
    month: format(paris(t), 'uuuu-MM'),
    week: `${getISOWeekYear(paris(t))}-W${String(getISOWeek(paris(t))).padStart(2, '0')}`,
    stamp: format(paris(t), 'uuuuMMdd-HHmmss'),
    time: format(paris(t), 'HH:mm'),
  });
  const ours = (t: number) => {
    const at = new Date(t);
    return {
      date: parisDate(at),
      month: parisMonth(at),
      week: isoWeek(at),
      stamp: parisStamp(at),
      time: parisTime(at),
    };
  };

  it('When an instant is near a DST change, a new year or a new month, Then date, month, ISO week and stamp are those of Paris', () => {
    const instants: number[] = [];
    for (let year = 2019; year <= 2031; year++) {
      // Around 00:00 Paris of 1 January and 1 March, and the last Sundays of March and October.
      const edges = [Date.UTC(year, 0, 1), Date.UTC(year, 2, 1), Date.UTC(year, 2, 31), Date.UTC(year, 9, 31)];
      for (const edge of edges) {
        for (let minutes = -26 * 60; minutes <= 26 * 60; minutes += 97) instants.push(edge + minutes * 60_000);
      }
    }
    // And instants spread over 1912–2200 with seconds (before 1911 Paris was 9 min 21 s ahead of
    // UTC, and date-fns' ISO week of such a TZDate is off by one on some days: 1904-07-19 is W29).
    for (let i = 0; i < 400; i++) {
      instants.push(Date.UTC(1912, 0, 1) + Math.floor(((i * 7919) % 400) * 2.2e10) + i * 1013);
    }
    for (const t of instants)
      expect([new Date(t).toISOString(), ours(t)]).toEqual([new Date(t).toISOString(), reference(t)]);
  });

  it('When instants are asked minute by minute across Paris midnights and DST changes, and other hours in between, Then each date and week is that of Paris', () => {
    // "Today" and "this week" are kept for the last UTC hour asked: asking the same hour again
    // (and an unrelated hour in between) must still give each instant its own Paris day.
    const other = Date.UTC(1999, 11, 31, 23, 30);
    for (const edge of [
      Date.UTC(2026, 2, 28, 23), // Paris midnight before the spring change (CET)
      Date.UTC(2026, 2, 29, 1), // the spring change
      Date.UTC(2026, 9, 25, 1), // the autumn change
      Date.UTC(2026, 11, 31, 23), // Paris new year 2027 (2026-W53 → 2027's first days still W53)
      Date.UTC(2027, 0, 3, 23), // Monday 2027-01-04 00:00 Paris, 2027-W01
      Date.UTC(1945, 3, 2, 1), // wartime double summer time
    ]) {
      for (let t = edge - 70 * 60_000; t <= edge + 70 * 60_000; t += 60_000) {
        const expected = reference(t);
        expect([new Date(t).toISOString(), parisDate(new Date(t)), isoWeek(new Date(t))]).toEqual([
          new Date(t).toISOString(),
          expected.date,
          expected.week,
        ]);
        if (t % (17 * 60_000) === 0) expect(isoWeek(new Date(other))).toBe(reference(other).week);
      }
    }
  });

  it('When every calendar date from 1990 to 2060 is asked for its ISO week, Then it is date-fns’ week and the week’s Monday is at most 6 days before', () => {
    const day = new Date(Date.UTC(1990, 0, 1));
    while (day.getUTCFullYear() <= 2060) {
      const text = day.toISOString().slice(0, 10);
      // A local noon on that date: date-fns reads the local calendar fields.
      const local = new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12);
      const week = isoWeekOfDate(text);
      expect([text, week]).toEqual([text, `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, '0')}`]);
      const monday = isoWeekMonday(week);
      const gap = (Date.parse(text) - Date.parse(monday)) / 86_400_000;
      expect([text, gap >= 0 && gap <= 6]).toEqual([text, true]);
      day.setUTCDate(day.getUTCDate() + 1);
    }
  });

  it('When calendar days are added to any day text, Then the answer (or the RangeError) is what parsing it as a Date gives', () => {
    const reference = (day: string, days: number) => {
      const d = new Date(`${day}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      const year = d.getUTCFullYear();
      if (Number.isNaN(year) || year < 0 || year > 9999) return 'RangeError';
      return d.toISOString().slice(0, 10);
    };
    const attempt = (day: string, days: number) => {
      try {
        return addCalendarDays(day, days);
      } catch (error) {
        return error instanceof RangeError ? 'RangeError' : 'other error';
      }
    };
    const days = [
      '2026-02-28',
      '2026-02-29',
      '2026-02-30',
      '2024-02-29',
      '2026-04-31',
      '2026-12-31',
      '0000-01-01',
      '0099-03-01',
      '9999-12-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-01-32',
      '2026-1-01',
      '26-01-01',
      '2026/01/01',
      '+02026-01-01',
      '',
      'abcd-ef-gh',
      '2026-01-01T00',
    ];
    for (const day of days) {
      for (const n of [-800_000, -366, -1, 0, 1, 6, 7, 28, 365, 3_000_000, 0.5, Number.NaN]) {
        expect([day, n, attempt(day, n)]).toEqual([day, n, reference(day, n)]);
      }
    }
  });
});
