import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  daysToEndOfMonth,
  decodeCsv,
  eurosToCents,
  eurosToMillicents,
  expiryState,
  importMessage,
  millicentsToCents,
  parisToday,
  previousMonth,
  transferActions,
} from '../../web/src/stock/stock.rules';

describe('web stock rules', () => {
  it('When a price is typed in euros, Then it reaches the API as integer cents, without float noise', () => {
    expect(eurosToCents(1.15)).toBe(115);
    expect(eurosToCents(0.1 + 0.2)).toBe(30);
    expect(eurosToCents('2,15')).toBe(215);
    expect(eurosToCents('1 234,5')).toBe(123450);
    expect(eurosToCents(0)).toBe(0);
    expect(eurosToCents('')).toBeUndefined();
    expect(eurosToCents('abc')).toBeUndefined();
    // A tablet at 0,043 € keeps its cost (issue #15, item 3); the cents are rounded halves up.
    expect(eurosToMillicents('0,043')).toBe(4300);
    expect(eurosToMillicents(0.045)).toBe(4500);
    // Not prices, though Number() reads them: never sent as 1 000 € or 16 €.
    expect(['1e3', '0x10', '1e-2', 'Infinity'].map(eurosToMillicents)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(millicentsToCents(4500)).toBe(5);
    expect(millicentsToCents(eurosToMillicents('1 234,5'))).toBe(123450);
  });

  it('When counting days to the end of the month, Then the last day gives 0 and leap years count', () => {
    expect(daysToEndOfMonth('2026-11-23')).toBe(7);
    expect(daysToEndOfMonth('2026-11-30')).toBe(0);
    expect(daysToEndOfMonth('2028-02-01')).toBe(28);
    expect(daysToEndOfMonth('2026-12-31')).toBe(0);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('When the settlement page opens, Then it proposes the month before, across the new year', () => {
    expect(previousMonth('2026-11-23')).toBe('2026-10');
    expect(previousMonth('2027-01-05')).toBe('2026-12');
  });

  it('When it is just after midnight in Paris, Then today is already the Paris date', () => {
    expect(parisToday(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(parisToday(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
  });

  it('When a lot is past, near or far from its expiry, Then it is flagged accordingly', () => {
    expect(expiryState('2026-11-23', '2026-11-22')).toBe('expired');
    expect(expiryState('2026-11-23', '2026-11-23')).toBe('soon');
    expect(expiryState('2026-11-23', '2027-02-21')).toBe('soon');
    expect(expiryState('2026-11-23', '2027-02-22')).toBe('ok');
  });

  it('When listing a transfer, Then each side is offered exactly the steps the server allows it', () => {
    expect(transferActions('inbox', 'requested')).toEqual(['accept', 'reject']);
    expect(transferActions('inbox', 'accepted')).toEqual(['ship', 'cancel']);
    expect(transferActions('inbox', 'shipped')).toEqual([]);
    expect(transferActions('outbox', 'requested')).toEqual(['cancel']);
    expect(transferActions('outbox', 'accepted')).toEqual(['cancel']);
    expect(transferActions('outbox', 'shipped')).toEqual(['receive']);
    for (const status of ['rejected', 'received', 'cancelled'] as const) {
      expect(transferActions('inbox', status)).toEqual([]);
      expect(transferActions('outbox', status)).toEqual([]);
    }
  });

  it('When an import row error comes back, Then its code reads as a catalogue message with its values', () => {
    expect(importMessage({ code: 'date', params: { value: '31/13/2027' } })).toEqual({
      key: 'stockImport.reason.date',
      params: { value: '31/13/2027' },
    });
    expect(importMessage({ code: 'duplicate', params: { line: 3 } })?.key).toBe('stockImport.reason.duplicate');
    expect(importMessage({ code: 'somethingNew', params: {} })).toBeNull();
  });

  it('When a CSV file is not UTF-8, Then it is read as Windows-1252', () => {
    const latin = new Uint8Array([0x50, 0xe9, 0x72, 0x65, 0x6d, 0x70, 0x74, 0x69, 0x6f, 0x6e]); // "Péremption"
    expect(decodeCsv(latin.buffer)).toBe('Péremption');
    expect(decodeCsv(new TextEncoder().encode('Péremption').buffer as ArrayBuffer)).toBe('Péremption');
  });
});
