import { describe, expect, it } from 'vitest';
import { startOutlook } from '../../server/robot/robot.models';

const at = (s: string) => Date.parse(s);
// Wednesday 25 November 2026, Paris = UTC+1: windows 08:30–12:30 and 13:30–18:30 Paris.
const open = [
  { start: at('2026-11-25T07:30:00Z'), end: at('2026-11-25T11:30:00Z') },
  { start: at('2026-11-25T12:30:00Z'), end: at('2026-11-25T17:30:00Z') },
  { start: at('2026-11-26T07:30:00Z'), end: at('2026-11-26T11:30:00Z') },
];
const deadline = at('2026-11-26T09:00:00Z');

describe('startOutlook: a booked batch started as soon as possible', () => {
  it('When the robot is free now, Then it starts now (on the next whole minute)', () => {
    const o = startOutlook({ now: at('2026-11-25T14:00:30Z'), durationMinutes: 48, open, busy: [], deadline });
    expect(o).toEqual({ earliestStart: at('2026-11-25T14:01:00Z'), end: at('2026-11-25T14:49:00Z'), inTime: true });
  });

  it('When another batch runs now, Then it starts when that one ends', () => {
    const busy = [{ start: at('2026-11-25T13:30:00Z'), end: at('2026-11-25T15:10:00Z') }];
    const o = startOutlook({ now: at('2026-11-25T14:00:00Z'), durationMinutes: 48, open, busy, deadline });
    expect(o.earliestStart).toBe(at('2026-11-25T15:10:00Z'));
  });

  it('When the gap before the next batch is too short, Then it starts after that batch', () => {
    const busy = [{ start: at('2026-11-25T14:30:00Z'), end: at('2026-11-25T15:00:00Z') }];
    const o = startOutlook({ now: at('2026-11-25T14:00:00Z'), durationMinutes: 48, open, busy, deadline });
    expect(o.earliestStart).toBe(at('2026-11-25T15:00:00Z'));
  });

  it('When today’s window is too short, Then it starts next morning; after the deadline it is late', () => {
    const o = startOutlook({ now: at('2026-11-25T17:00:00Z'), durationMinutes: 48, open, busy: [], deadline });
    expect(o).toEqual({ earliestStart: at('2026-11-26T07:30:00Z'), end: at('2026-11-26T08:18:00Z'), inTime: true });
    const tight = startOutlook({
      now: at('2026-11-25T17:00:00Z'),
      durationMinutes: 100,
      open,
      busy: [],
      deadline,
    });
    expect(tight).toMatchObject({ earliestStart: at('2026-11-26T07:30:00Z'), inTime: false });
  });

  it('When a cut-off is still ahead, Then it starts no earlier; with no room at all, there is no start', () => {
    const o = startOutlook({
      now: at('2026-11-25T08:00:00Z'),
      durationMinutes: 48,
      open,
      busy: [],
      deadline,
      notBefore: at('2026-11-25T11:00:00Z'),
    });
    expect(o.earliestStart).toBe(at('2026-11-25T12:30:00Z'));
    expect(startOutlook({ now: at('2026-11-26T12:00:00Z'), durationMinutes: 48, open, busy: [], deadline })).toEqual({
      earliestStart: null,
      end: null,
      inTime: false,
    });
  });
});
