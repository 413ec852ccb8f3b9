import { describe, expect, it } from 'vitest';
import {
  categoryKeys,
  daysFarAhead,
  daysFarBack,
  defaultPeriod,
  draftCardState,
  monthList,
  newPeriodProposal,
  parisToday,
  parseAmountCents,
  parseShareCount,
  periodName,
  quarterStart,
  reportWarnings,
  signedMoney,
} from '../../web/src/shares/shares.rules';

describe('shares page helpers', () => {
  it('When an operation is dated more than a month ahead, Then the form asks to check it, and not for a nearer or past date', () => {
    expect(daysFarAhead('2027-04-15', '2026-12-06')).toBe(130);
    expect(daysFarAhead('2027-01-06', '2026-12-06')).toBeNull();
    expect(daysFarAhead('2027-01-07', '2026-12-06')).toBe(32);
    expect(daysFarAhead('2026-12-24', '2026-12-06')).toBeNull();
    expect(daysFarAhead('2025-12-06', '2026-12-06')).toBeNull();
    // A date not yet whole (typed text) or empty asks nothing.
    expect(daysFarAhead('15/04/2027', '2026-12-06')).toBeNull();
    expect(daysFarAhead(null, '2026-12-06')).toBeNull();
    // Calendar days across the spring DST change: 29/03/2027 is 31 days after 26/02/2027, 32 days after 25/02.
    expect(daysFarAhead('2027-03-29', '2027-02-26')).toBeNull();
    expect(daysFarAhead('2027-03-29', '2027-02-25')).toBe(32);
  });

  it('When the treasurer opens a period, Then the dialog proposes one not opened yet: this quarter, else last month, else the next quarter', () => {
    const q4 = { kind: 'quarter', start: '2026-10-01', end: '2026-12-31', status: 'open' };
    const november = { kind: 'month', start: '2026-11-01', end: '2026-11-30', status: 'open' };
    expect(newPeriodProposal([], '2026-12-07')).toEqual({ kind: 'quarter', start: '2026-10-01' });
    expect(newPeriodProposal([q4], '2026-12-07')).toEqual({ kind: 'month', start: '2026-11-01' });
    expect(newPeriodProposal([q4, november], '2026-12-07')).toEqual({ kind: 'quarter', start: '2027-01-01' });
    // January: last month is December of the year before.
    const q1 = { kind: 'quarter', start: '2027-01-01', end: '2027-03-31', status: 'open' };
    expect(newPeriodProposal([q1], '2027-01-15')).toEqual({ kind: 'month', start: '2026-12-01' });
    // Last month inside a quarter closed already: no month of it can open; the next quarter is proposed.
    const q4Closed = { ...q4, status: 'closed' };
    expect(newPeriodProposal([q4Closed, q1], '2027-01-15')).toEqual({ kind: 'quarter', start: '2027-04-01' });
  });

  it('When an operation is dated more than half a year back (last year typed for this one), Then the form asks to check it, and not for last quarter’s invoice', () => {
    expect(daysFarBack('2025-12-05', '2026-12-07')).toBe(367);
    expect(daysFarBack('2026-07-01', '2026-12-07')).toBeNull();
    expect(daysFarBack('2026-06-09', '2026-12-07')).toBe(181);
    expect(daysFarBack('2026-12-24', '2026-12-07')).toBeNull();
    expect(daysFarBack('05/12/2025', '2026-12-07')).toBeNull();
    expect(daysFarBack(undefined, '2026-12-07')).toBeNull();
  });

  it('When a number of shares is typed, Then only a whole number of at least one is read, never another number', () => {
    expect(parseShareCount('12')).toEqual({ value: 12 });
    expect(parseShareCount(' 1 200 ')).toEqual({ value: 1200 });
    expect(parseShareCount('')).toEqual({ error: 'validation.required' });
    // At most the server's bound, a million: more is refused here, as the field's message says.
    expect(parseShareCount('1 000 000')).toEqual({ value: 1_000_000 });
    for (const typed of ['2,5', '2.5', '0', '00', '-3', '+3', '3e2', 'douze', '1 2a', '1 000 001', '99999999999'])
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
    // Thousands grouped by dots before a decimal comma (a bank statement, a spreadsheet), or the English way.
    expect(parseAmountCents('1.234,56')).toEqual({ value: 123_456 });
    expect(parseAmountCents('1.234.567,8 €')).toEqual({ value: 123_456_780 });
    expect(parseAmountCents('1,234.56')).toEqual({ value: 123_456 });
    // Without decimals a lone group mark is ambiguous (1,234 € or 1 234 €?): refused in words, never guessed.
    for (const typed of ['1,234', '1.234', '12.345', '1.234.567'])
      expect(parseAmountCents(typed)).toEqual({ error: 'shares.validation.amountAmbiguous' });
    // No thousands start with 0: « 0,001 » has too many decimals, and is told so (found by a tester).
    for (const typed of ['1.23,45', '1.234.5,6', '12,', ',5', '12 €50', 'douze', '1e3', '0x10', '0,001', '0.050'])
      expect(parseAmountCents(typed)).toEqual({ error: 'shares.validation.amountFormat' });
    // A minus sign gets its own message: amounts are positive, a reversal corrects an entry.
    for (const typed of ['-5', '-50,00', '−12'])
      expect(parseAmountCents(typed)).toEqual({ error: 'shares.validation.amountNegative' });
    // A number far too large says so, not that it is badly written; leading zeros are no size.
    for (const typed of ['99999999999999', '1 000 000 000 000 000,00'])
      expect(parseAmountCents(typed)).toEqual({ error: 'shares.validation.amountTooLarge' });
    expect(parseAmountCents('0000000000000012,50')).toEqual({ value: 1_250 });
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
    expect(periodName({ kind: 'month', start: '2026-03-01' }, 'en')).toBe('March 2026');
    expect(quarterStart('2026-11-23')).toBe('2026-10-01');
    expect(signedMoney(5, (c) => `${c}c`)).toBe('+5c');
    expect(signedMoney(-5, (c) => `${c}c`)).toBe('-5c');
  });

  it('When it is 23:30 UTC on 31 December, Then it is already the new year in Paris', () => {
    expect(parisToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});

describe('shares report warnings, keys and the home draft card', () => {
  const fallback = { categoryId: 7, categoryName: 'Redevance PDA', month: '2026-10', entryCount: 3 };

  it('When a report has an activity fallback, an imbalance and the legal note, Then all three are warnings, in the page order', () => {
    const warnings = reportWarnings({
      keyFallbacks: [fallback],
      reconciliation: { balanced: false },
      legalNote: 'Excédent…',
    });
    expect(warnings.map((w) => w.kind)).toEqual(['fallback', 'unbalanced', 'legal']);
    expect(warnings[0]).toEqual({
      kind: 'fallback',
      title: 'shares.report.fallbackTitle',
      lines: [{ category: 'Redevance PDA', month: '2026-10', count: 3 }],
    });
  });

  it('When a report is balanced with no fallback nor legal note (or an old snapshot without keyFallbacks), Then it has no warning', () => {
    expect(reportWarnings({ keyFallbacks: [], reconciliation: { balanced: true }, legalNote: null })).toEqual([]);
    expect(reportWarnings({ reconciliation: { balanced: true }, legalNote: null })).toEqual([]);
  });

  it('When an activity category fell back to holdings in some months, Then its key reads activity with the fallback months, not a change of key', () => {
    expect(categoryKeys({ id: 7, keys: ['holding', 'activity'] }, [fallback])).toEqual({
      keys: ['activity'],
      fallbackMonths: ['2026-10'],
    });
    // Every entry of the period fell back: the key is still activity.
    expect(categoryKeys({ id: 7, keys: ['holding'] }, [fallback, { ...fallback, month: '2026-09' }])).toEqual({
      keys: ['activity'],
      fallbackMonths: ['2026-09', '2026-10'],
    });
    // Another category's fallback changes nothing; a real change of key stays one.
    expect(categoryKeys({ id: 8, keys: ['holding', 'activity'] }, [fallback])).toEqual({
      keys: ['holding', 'activity'],
      fallbackMonths: [],
    });
    expect(categoryKeys({ id: 8, keys: ['equal'] }, undefined)).toEqual({ keys: ['equal'], fallbackMonths: [] });
  });

  it('When fallback months are listed, Then they read as French does, years grouped', () => {
    expect(monthList(['2026-10'])).toBe('octobre 2026');
    expect(monthList(['2026-10', '2026-11'])).toBe('octobre et novembre 2026');
    expect(monthList(['2026-11', '2027-01', '2027-02'])).toBe('novembre 2026, janvier et février 2027');
  });

  it('When last month was closed, Then the draft card says so with its period instead of "ready on the 1st"', () => {
    const november = { id: 9, kind: 'month', status: 'closed', start: '2026-11-01', end: '2026-11-30' };
    // Closing November removed its draft from the list (GET /api/reports/shares/drafts → []).
    expect(draftCardState([], [november], '2026-12-05')).toEqual({
      kind: 'closed',
      month: '2026-11',
      period: november,
    });
    // Closed within a quarter: the narrowest closed period holding the month.
    const q3 = { id: 3, kind: 'quarter', status: 'closed', start: '2026-07-01', end: '2026-09-30' };
    expect(draftCardState([], [q3], '2026-10-02')).toMatchObject({ kind: 'closed', month: '2026-09', period: q3 });
    // January looks back to December of the year before.
    expect(draftCardState([], [], '2027-01-01')).toEqual({ kind: 'none' });
  });

  it('When last month has its draft, or only an older draft is left, Then the card shows that draft', () => {
    const draft = { month: '2026-11' };
    const older = { month: '2026-10' };
    const open = { id: 9, kind: 'month', status: 'open', start: '2026-11-01', end: '2026-11-30' };
    expect(draftCardState([draft, older], [open], '2026-12-05')).toEqual({ kind: 'draft', draft });
    expect(draftCardState([older], [open], '2026-12-05')).toEqual({ kind: 'draft', draft: older });
  });
});
