import { describe, expect, it } from 'vitest';
import { typedStart, typedStartErrors } from '../../web/src/robot/components/StartPicker';
import {
  blockPlacement,
  changedPlanOf,
  formatMinutes,
  gridHours,
  orderWeekOf,
  parisMinutes,
  pharmacyColor,
  shownDays,
  startHeldBack,
  weekOfInstant,
  weekToOpen,
} from '../../web/src/robot/robot.rules';
import { ApiError } from '../../web/src/shared/api';

// The week grid is drawn in Paris time whatever the browser's zone (tests/elsewhen.sh runs this in Los Angeles).
describe('robot week grid', () => {
  const grid = { from: 8, to: 19 };

  it('When a batch runs 13:30–14:18 Paris in winter, Then it sits 330 minutes below 08:00 and is 48 minutes tall', () => {
    const at = blockPlacement(
      { start: '2026-11-25T12:30:00.000Z', end: '2026-11-25T13:18:00.000Z' },
      '2026-11-25',
      grid,
      1,
    );
    expect(at).toEqual({ top: 330, height: 48 });
    expect(
      blockPlacement({ start: '2026-11-25T12:30:00.000Z', end: '2026-11-25T13:18:00.000Z' }, '2026-11-26', grid, 1),
    ).toBeNull();
  });

  it('When the same wall-clock batch is in summer, Then it sits at the same place (DST-safe)', () => {
    expect(parisMinutes('2026-07-01T11:30:00.000Z')).toBe(13 * 60 + 30);
    expect(parisMinutes('2026-03-30T06:30:00.000Z')).toBe(8 * 60 + 30);
  });

  it('When a public holiday closes the whole day, Then it fills the column and does not stretch the hours', () => {
    const holiday = { start: '2026-12-24T23:00:00.000Z', end: '2026-12-25T23:00:00.000Z' };
    expect(gridHours([holiday])).toEqual({ from: 8, to: 19 });
    expect(blockPlacement(holiday, '2026-12-25', grid, 1)).toEqual({ top: 0, height: 11 * 60 });
  });

  it('When windows start at 07:00 and end at 20:30, Then the grid grows to show them', () => {
    expect(gridHours([{ start: '2026-11-23T06:00:00.000Z', end: '2026-11-23T19:30:00.000Z' }])).toEqual({
      from: 7,
      to: 21,
    });
  });

  it('When a batch runs 23:30–00:30 Paris, Then the grid opens the whole day and both days show their part', () => {
    // Thursday 3 December 2026, 23:30 Paris (UTC+1) to Friday 00:30.
    const late = { start: '2026-12-03T22:30:00.000Z', end: '2026-12-03T23:30:00.000Z' };
    const whole = gridHours([{ start: '2026-12-03T07:00:00.000Z', end: '2026-12-03T17:00:00.000Z' }, late]);
    expect(whole).toEqual({ from: 0, to: 24 });
    expect(blockPlacement(late, '2026-12-03', whole, 1)).toEqual({ top: 23 * 60 + 30, height: 30 });
    expect(blockPlacement(late, '2026-12-04', whole, 1)).toEqual({ top: 0, height: 30 });
  });

  it('When a batch runs on a Saturday from 00:20 Paris (Friday 23:20 UTC), Then the grid shows Saturday, and no Sunday', () => {
    const week = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
    const days = week.map((date, i) => ({ date, weekday: i + 1 }));
    const batch = { start: '2026-12-04T23:20:00.000Z', end: '2026-12-05T00:38:00.000Z' };
    expect(shownDays(days, [], [batch]).map((d) => d.date)).toEqual(week.slice(0, 6));
    // Started late on Friday and run into Saturday: Saturday shows its end.
    const late = { start: '2026-12-04T22:30:00.000Z', end: '2026-12-04T23:40:00.000Z' };
    expect(shownDays(days, [], [late]).map((d) => d.date)).toEqual(week.slice(0, 6));
    // A working window on Sunday shows Sunday; nothing on the weekend shows Monday to Friday.
    expect(shownDays(days, [{ day: '2026-12-06' }], []).map((d) => d.date)).toEqual([...week.slice(0, 5), week[6]]);
    expect(shownDays(days, [], []).map((d) => d.date)).toEqual(week.slice(0, 5));
  });

  it('When a start is typed as jj/mm/aaaa and HH:mm, Then it is read in Paris time', () => {
    expect(typedStart('25/11/2026', '13:30')).toBe('2026-11-25T12:30:00.000Z');
    expect(typedStart('01/07/2026', '8h30')).toBe('2026-07-01T06:30:00.000Z');
    expect(typedStart('31/02/2026', '13:30')).toBeNull();
  });

  it('When a typed start cannot be read (« 25:99 », 31/02), Then the field says why; empty or readable fields say nothing', () => {
    expect(typedStartErrors('25/11/2026', '25:99')).toEqual({ date: null, time: 'validation.time' });
    // 31/02 has the format: the day itself does not exist, and the field says that, not « tapez jj/mm/aaaa ».
    expect(typedStartErrors('31/02/2026', '8h30')).toEqual({ date: 'validation.dateNotReal', time: null });
    expect(typedStartErrors('31 février', '8h30')).toEqual({ date: 'validation.date', time: null });
    expect(typedStartErrors('', '')).toEqual({ date: null, time: null });
    expect(typedStartErrors('25/11/2026', '13:30')).toEqual({ date: null, time: null });
  });

  it('When applying a previewed plan answers robot.plan_changed, Then the new proposal is taken from the error; other errors give none', () => {
    const next = { fingerprint: 'f'.repeat(64), batches: [], unplaced: [], applied: false };
    const changed = new ApiError(409, 'robot.plan_changed', 'changed', [{ previewed: 'a'.repeat(64), ...next }]);
    expect(changedPlanOf(changed)).toMatchObject(next);
    expect(changedPlanOf(new ApiError(409, 'robot.slot_taken', 'taken', [{}]))).toBeNull();
    expect(changedPlanOf(new ApiError(409, 'robot.plan_changed', 'changed', []))).toBeNull();
    expect(changedPlanOf(new Error('network'))).toBeNull();
  });

  it('Minutes, colours and weeks read as a pharmacist expects', () => {
    expect([formatMinutes(45), formatMinutes(60), formatMinutes(125)]).toEqual(['45 min', '1 h', '2 h 05']);
    expect(pharmacyColor(1)).not.toBe(pharmacyColor(2));
    expect(orderWeekOf('2026-W53')).toBe('2027-W01');
    // Sunday 23:30 UTC is Monday 00:30 in Paris: the batch shows in the next week.
    expect(weekOfInstant('2026-12-06T23:30:00.000Z')).toBe('2026-W50');
    expect(weekOfInstant('2026-12-06T22:30:00.000Z')).toBe('2026-W49');
  });
});

describe('the week the robot calendar opens on', () => {
  // Week 49 of 2026: windows Monday–Friday 08:00–12:00 and 13:30–17:30 Paris (winter, UTC+1).
  const week49 = {
    week: '2026-W49',
    windows: ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].flatMap((day) => [
      { end: `${day}T11:00:00.000Z` },
      { end: `${day}T16:30:00.000Z` },
    ]),
  };

  it('When it is Friday afternoon and the last window is still open, Then it opens on this week', () => {
    expect(weekToOpen(week49, new Date('2026-12-04T16:29:00.000Z'))).toBe('2026-W49');
  });

  it('When the last window of the week has ended (Friday evening, the weekend), Then it opens on next week', () => {
    expect(weekToOpen(week49, new Date('2026-12-04T16:30:00.000Z'))).toBe('2026-W50');
    expect(weekToOpen(week49, new Date('2026-12-05T11:14:00.000Z'))).toBe('2026-W50');
    expect(weekToOpen({ ...week49, week: '2026-W53', windows: week49.windows }, new Date('2026-12-06T10:00:00Z'))).toBe(
      '2027-W01',
    );
  });

  it('When the robot has no working window that week, Then it stays on it', () => {
    expect(weekToOpen({ week: '2026-W49', windows: [] }, new Date('2026-12-05T11:14:00.000Z'))).toBe('2026-W49');
  });
});

describe('starting a booked batch now, against the plan', () => {
  const now = Date.parse('2026-11-25T09:00:20.000Z');

  it('When the plan lets it start now (its earliest start is this very minute), Then nothing holds it back', () => {
    expect(startHeldBack({ earliestStart: '2026-11-25T09:01:00.000Z' }, now)).toBe(false);
    // The page read the outlook a while ago and the robot was free then: still free to start.
    expect(startHeldBack({ earliestStart: '2026-11-25T08:40:00.000Z' }, now)).toBe(false);
  });

  it('When another booking or the robot’s hours put its earliest start later, Then the warning names that start', () => {
    expect(startHeldBack({ earliestStart: '2026-11-25T10:30:00.000Z' }, now)).toEqual({
      freeAt: '2026-11-25T10:30:00.000Z',
    });
  });

  it('When the plan finds no free slot at all, Then it is held back with no start to name; a started batch has no outlook', () => {
    expect(startHeldBack({ earliestStart: null }, now)).toEqual({ freeAt: null });
    expect(startHeldBack(null, now)).toBe(false);
  });
});
