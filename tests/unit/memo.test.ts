import { describe, expect, it } from 'vitest';
import { isIsoWeek, isoWeekDays, isoWeekMonday, parisDaysIsoRange } from '../../server/shared/dates';
import { keptBy } from '../../server/shared/memo';

describe('values kept by key (issue 16)', () => {
  it('When a key is asked again, Then its first value comes back without computing it again', () => {
    const kept = keptBy<string>(10);
    let computed = 0;
    const upper = (s: string) => kept(s, () => (computed++, s.toUpperCase()));
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(computed).toBe(2);
  });

  it('When more keys than its limit are asked, Then it forgets and computes again, never holding more', () => {
    const kept = keptBy<number>(2);
    let computed = 0;
    const length = (s: string) => kept(s, () => (computed++, s.length));
    for (const s of ['a', 'bb', 'ccc', 'a']) length(s);
    expect(computed).toBe(4);
  });

  it('When a week or some Paris days are asked again, Then the same answer comes back, and it cannot be changed', () => {
    expect(isoWeekDays('2026-W53')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(() => (isoWeekDays('2026-W53') as string[]).push('2027-01-04')).toThrow(TypeError);
    expect(isoWeekDays('2026-W53')).toHaveLength(7);
    // The spring change: Sunday 29 March 2026 is 23 hours long in Paris.
    expect(parisDaysIsoRange('2026-03-29', '2026-03-29')).toEqual({
      start: '2026-03-28T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z',
    });
  });

  it('When a week is checked again, Then a kept week keeps its Monday and a week that does not exist stays refused', () => {
    for (let pass = 0; pass < 2; pass++) {
      expect(isoWeekMonday('2026-W53')).toBe('2026-12-28');
      expect(isoWeekMonday('2027-W01')).toBe('2027-01-04');
      // 2027 has 52 weeks; 9999-W52 ends in year 10000; the form is checked before anything is kept.
      expect([isIsoWeek('2027-W53'), isIsoWeek('9999-W52'), isIsoWeek('2026-W00'), isIsoWeek('2026-W1')]).toEqual([
        false,
        false,
        false,
        false,
      ]);
      expect(() => isoWeekMonday('2027-W53')).toThrow(RangeError);
    }
  });
});
