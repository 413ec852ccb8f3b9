import { describe, expect, it } from 'vitest';
import { parisMonthRange } from '../../server/shared/dates';
import { isProvisional, lotsLine, monthsOfYear, paymentKey } from '../../server/stock/settlement.models';

describe('isProvisional', () => {
  const { end } = parisMonthRange('2026-10');
  it('When October is read at 00:30 on 1 November in Paris (23:30 UTC the day before), Then it is over', () => {
    expect(end.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(isProvisional(end, new Date('2026-10-31T23:30:00.000Z'), 0)).toBe(false);
  });
  it('When read at 23:30 on 31 October in Paris (the last day, after the DST change), Then it is still open', () => {
    expect(isProvisional(end, new Date('2026-10-31T22:30:00.000Z'), 0)).toBe(true);
  });
  it('When read exactly at the month’s end, Then it is over (the range is half-open)', () => {
    expect(isProvisional(end, end, 0)).toBe(false);
  });
  it('When the month is over but a transfer of it is still open, Then it stays provisional', () => {
    expect(isProvisional(end, new Date('2027-03-01T00:00:00.000Z'), 1)).toBe(true);
  });
  it('When March (spring DST change) ends, Then the end is Paris midnight in summer time', () => {
    expect(parisMonthRange('2026-03').end.toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });
});

describe('monthsOfYear', () => {
  it('When the year is the current one, Then it lists January to the current month', () => {
    expect(monthsOfYear(2026, '2026-03')).toEqual(['2026-01', '2026-02', '2026-03']);
  });
  it('When the year is past, Then all twelve; a future year, none', () => {
    expect(monthsOfYear(2025, '2026-03')).toHaveLength(12);
    expect(monthsOfYear(2025, '2026-03').at(-1)).toBe('2025-12');
    expect(monthsOfYear(2027, '2026-03')).toEqual([]);
  });
  it('When it is January, Then only January', () => {
    expect(monthsOfYear(2027, '2027-01')).toEqual(['2027-01']);
  });
});

describe('lotsLine', () => {
  it('When a transfer moved two lots, Then each lot with its units, and the total received', () => {
    expect(
      lotsLine([
        { lotNumber: 'AB12', quantity: 6, quantityReceived: 6 },
        { lotNumber: 'CD34', quantity: 4, quantityReceived: 3 },
      ]),
    ).toEqual({ lots: 'AB12 (6), CD34 (3)', quantity: 9 });
  });
  it('When a lot arrived with 0 units, Then it is left out; when no receipt was recorded, the shipped units count', () => {
    expect(
      lotsLine([
        { lotNumber: 'AB12', quantity: 6, quantityReceived: 0 },
        { lotNumber: 'CD34', quantity: 4, quantityReceived: null },
      ]),
    ).toEqual({ lots: 'CD34 (4)', quantity: 4 });
    expect(lotsLine([])).toEqual({ lots: '', quantity: 0 });
  });
});

it('paymentKey names a direction: debtor first', () => {
  expect(paymentKey(2, 1)).toBe('2|1');
  expect(paymentKey(1, 2)).not.toBe(paymentKey(2, 1));
});
