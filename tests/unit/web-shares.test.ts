import { describe, expect, it } from 'vitest';
import {
  defaultPeriod,
  parisToday,
  parseAmountCents,
  parseShareCount,
  periodName,
  quarterStart,
  signedMoney,
} from '../../web/src/shares/shares.rules';

describe('shares page helpers', () => {
  it('When a number of shares is typed, Then only a whole number of at least one is read, never another number', () => {
    expect(parseShareCount('12')).toEqual({ value: 12 });
    expect(parseShareCount(' 1 200 ')).toEqual({ value: 1200 });
    expect(parseShareCount('')).toEqual({ error: 'validation.required' });
    for (const typed of ['2,5', '2.5', '0', '00', '-3', '+3', '3e2', 'douze', '1 2a'])
      expect(parseShareCount(typed)).toEqual({ error: 'shares.validation.wholeShares' });
  });

  it('When an amount is typed, Then French comma or dot and up to two decimals become exact cents, anything else an error', () => {
    expect(parseAmountCents('1234,56')).toEqual({ value: 123_456 });
    expect(parseAmountCents('1 234,56')).toEqual({ value: 123_456 });
    expect(parseAmountCents('1\u202f234,5 €')).toEqual({ value: 123_450 });
    expect(parseAmountCents('1234.56')).toEqual({ value: 123_456 });
    expect(parseAmountCents('0,07')).toEqual({ value: 7 });
    expect(parseAmountCents('19,99')).toEqual({ value: 1_999 });
    expect(parseAmountCents('42')).toEqual({ value: 4_200 });
    expect(parseAmountCents('  ')).toEqual({ error: 'validation.required' });
    for (const typed of ['1,234', '12,', ',5', '1.234,56', '1,234.56', '-5', '12 €50', 'douze', '1e3', '0x10'])
      expect(parseAmountCents(typed)).toEqual({ error: 'shares.validation.amountFormat' });
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
