import { describe, expect, it } from 'vitest';
import {
  defaultPeriod,
  eurosToCents,
  parisToday,
  periodName,
  quarterStart,
  signedMoney,
} from '../../web/src/shares/shares.rules';

describe('shares page helpers', () => {
  it('When euros are typed the French or the English way, Then they become exact cents', () => {
    expect(eurosToCents('1 234,56')).toBe(123_456);
    expect(eurosToCents('1234.5')).toBe(123_450);
    expect(eurosToCents(0.1 + 0.2)).toBe(30);
    expect(eurosToCents(19.99)).toBe(1_999);
    expect(eurosToCents('')).toBeUndefined();
    expect(eurosToCents('douze')).toBeUndefined();
    // Three decimals are no cents: the schema refuses the fraction it gets.
    expect(Number.isInteger(eurosToCents('1,234'))).toBe(false);
  });

  it('When today falls in a quarter and a month that are both open, Then the narrowest period is the default', () => {
    const periods = [
      { id: 1, start: '2026-07-01', end: '2026-09-30' },
      { id: 2, start: '2026-10-01', end: '2026-12-31' },
      { id: 3, start: '2026-11-01', end: '2026-11-30' },
    ];
    expect(defaultPeriod(periods, '2026-11-23')?.id).toBe(3);
    expect(defaultPeriod(periods, '2027-02-01')?.id).toBe(2);
    expect(defaultPeriod([], '2027-02-01')).toBeNull();
  });

  it('When a period is named, Then it reads as the treasurer says it', () => {
    expect(periodName({ kind: 'quarter', start: '2026-10-01' })).toBe('T4 2026');
    expect(periodName({ kind: 'month', start: '2026-03-01' })).toBe('mars 2026');
    expect(periodName({ kind: 'year', start: '2026-01-01' })).toBe('exercice 2026');
    expect(quarterStart('2026-11-23')).toBe('2026-10-01');
    expect(signedMoney(5, (c) => `${c}c`)).toBe('+5c');
    expect(signedMoney(-5, (c) => `${c}c`)).toBe('-5c');
  });

  it('When it is 23:30 UTC on 31 December, Then it is already the new year in Paris', () => {
    expect(parisToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
