import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderSharesCsv, renderSharesPdf } from '../../reports/shares';
import { canonicalJson } from '../../server/shared/canonical-json';
import {
  type AllocationKey,
  checkTransactionShape,
  holdingsTimeline,
  isPeriodStart,
  periodEnd,
  previousMonth,
  type ShareTx,
} from '../../server/shares/shares.models';
import {
  buildSharesReport,
  type Category,
  type Entry,
  percentBasisPoints,
  percentSumIfOff,
  percentTotal,
  splitEntry,
  UnallocatableError,
} from '../../server/shares/shares-report.models';
import { pdfText } from '../helpers/shares';

const sub = (date: string, pharmacyId: number, shares: number): ShareTx => ({
  date,
  type: 'subscription',
  shares,
  pharmacyId,
  toPharmacyId: null,
});
const transfer = (date: string, from: number, to: number, shares: number): ShareTx => ({
  date,
  type: 'transfer',
  shares,
  pharmacyId: from,
  toPharmacyId: to,
});
const members = [
  { pharmacyId: 1, name: 'Bugeat' },
  { pharmacyId: 2, name: 'Meymac' },
];
// Founded 1 Jan with 300 + 100 shares; on 16 Jan Bugeat gives Meymac 100 shares.
const register = [sub('2026-01-01', 1, 300), sub('2026-01-01', 2, 100), transfer('2026-01-16', 1, 2, 100)];

describe('holdings through time', () => {
  const h = holdingsTimeline(register);

  it('When asked on a date, Then the holding counts every transaction dated on or before it', () => {
    expect(h.on('2025-12-31').size).toBe(0);
    expect(Object.fromEntries(h.on('2026-01-15'))).toEqual({ 1: 300, 2: 100 });
    expect(Object.fromEntries(h.on('2026-01-16'))).toEqual({ 1: 200, 2: 200 });
    expect(Object.fromEntries(h.on('2030-01-01'))).toEqual({ 1: 200, 2: 200 });
  });

  it('When the holding changes inside a period, Then share-days weigh each holding by the days it lasted', () => {
    // January: 15 days at 300/100, then 16 days at 200/200.
    expect(Object.fromEntries(h.shareDays('2026-01-01', '2026-01-31'))).toEqual({
      1: 15 * 300 + 16 * 200,
      2: 15 * 100 + 16 * 200,
    });
    expect(Object.fromEntries(h.shareDays('2026-01-16', '2026-01-16'))).toEqual({ 1: 200, 2: 200 });
    expect(Object.fromEntries(h.shareDays('2026-01-10', '2026-01-20'))).toEqual({
      1: 6 * 300 + 5 * 200,
      2: 6 * 100 + 5 * 200,
    });
  });

  it('When transactions arrive in any order, Then the timeline is the same', () => {
    const reversed = holdingsTimeline([...register].reverse());
    expect(Object.fromEntries(reversed.shareDays('2025-12-01', '2026-02-28'))).toEqual(
      Object.fromEntries(h.shareDays('2025-12-01', '2026-02-28')),
    );
  });

  it('When a backdated transfer would leave a later holding negative, Then the first negative day is found', () => {
    const later = [...register, { ...sub('2026-03-01', 1, 200), type: 'redemption' as const }];
    expect(holdingsTimeline(later).firstNegative()).toBeNull();
    expect(holdingsTimeline(later).minimumFrom(1, '2026-01-10')).toBe(0);
    const backdated = [...later, transfer('2026-02-01', 1, 2, 50)];
    expect(holdingsTimeline(backdated).firstNegative()).toEqual({ pharmacyId: 1, date: '2026-03-01', shares: -50 });
  });

  it('When a transfer names no recipient or the giver itself, Then its shape is refused', () => {
    expect(checkTransactionShape(transfer('2026-01-01', 1, 1, 5))).toBe('shares.transfer_to_self');
    expect(checkTransactionShape({ ...transfer('2026-01-01', 1, 2, 5), toPharmacyId: null })).toBe(
      'shares.transfer_needs_recipient',
    );
    expect(checkTransactionShape({ ...sub('2026-01-01', 1, 5), toPharmacyId: 2 })).toBe(
      'shares.recipient_only_for_transfer',
    );
    expect(checkTransactionShape(sub('2026-01-01', 1, 5))).toBeNull();
  });
});

describe('periods', () => {
  it('When a period starts, Then it must open its month, quarter or year, and ends on its last day', () => {
    expect(isPeriodStart('quarter', '2026-07-01')).toBe(true);
    expect(isPeriodStart('quarter', '2026-08-01')).toBe(false);
    expect(isPeriodStart('year', '2026-02-01')).toBe(false);
    expect(isPeriodStart('month', '2026-02-02')).toBe(false);
    expect(periodEnd('month', '2028-02-01')).toBe('2028-02-29');
    expect(periodEnd('quarter', '2026-10-01')).toBe('2026-12-31');
    expect(periodEnd('year', '2026-01-01')).toBe('2026-12-31');
    expect(previousMonth('2027-01')).toEqual({ month: '2026-12', from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('the shares report', () => {
  const categories: Category[] = [
    { id: 10, name: 'Maintenance robot', kind: 'cost', keys: [{ validFrom: '2000-01-01', allocationKey: 'holding' }] },
    { id: 11, name: 'Coordinatrice', kind: 'cost', keys: [{ validFrom: '2000-01-01', allocationKey: 'equal' }] },
    {
      id: 12,
      name: 'Honoraires PDA',
      kind: 'revenue',
      keys: [
        { validFrom: '2000-01-01', allocationKey: 'holding' },
        { validFrom: '2026-01-20', allocationKey: 'activity' },
      ],
    },
  ];
  const entry = (id: number, date: string, categoryId: number, amountCents: number): Entry => ({
    id,
    date,
    allocationDate: date,
    categoryId,
    amountCents,
  });
  const activity = (month: string) => new Map(month === '2026-01' ? [[2, 3]] : []);
  const build = (entries: Entry[], act = activity) =>
    buildSharesReport({
      from: '2026-01-01',
      to: '2026-01-31',
      members,
      holdings: holdingsTimeline(register),
      categories,
      entries,
      activity: act,
      ledger: {
        costCents: entries.filter((e) => e.categoryId !== 12).reduce((s, e) => s + e.amountCents, 0),
        revenueCents: entries.filter((e) => e.categoryId === 12).reduce((s, e) => s + e.amountCents, 0),
      },
    });

  it('When entries fall on both sides of a transfer and a key change, Then each is shared by its key on its date', () => {
    const r = build([
      entry(1, '2026-01-10', 10, 1_001), // 300/100 → 751 / 250
      entry(2, '2026-01-20', 10, 1_001), // 200/200 → 501 / 500 (tie: smaller id)
      entry(3, '2026-01-05', 11, 333), // equal → 167 / 166
      entry(4, '2026-01-10', 12, 10_000), // holding 300/100 → 7500 / 2500
      entry(5, '2026-01-25', 12, 999), // activity (only Meymac made pouches) → 0 / 999
    ]);
    expect(r.members.map((m) => [m.costCents, m.revenueCents, m.netCents])).toEqual([
      [751 + 501 + 167, 7_500, 7_500 - 1_419],
      [250 + 500 + 166, 2_500 + 999, 3_499 - 916],
    ]);
    expect(r.totals).toEqual({ costCents: 2_335, revenueCents: 10_999, netCents: 8_664, entryCount: 5 });
    expect(r.reconciliation.balanced).toBe(true);
    expect(r.categories.find((c) => c.id === 12)?.keys).toEqual(['holding', 'activity']);
    expect(r.surplusSharedByHolding).toBe(true);
    // Subscribed on 1 January, the first day: a movement of the period (nothing held at the start,
    // the end of 31 December), though the first day's entries and share-days count it.
    expect(r.members.map((m) => [m.sharesAtStart, m.sharesAtEnd, m.averageShares, m.percent])).toEqual([
      [0, 200, 248.39, 62.1],
      [0, 200, 151.61, 37.9],
    ]);
  });

  it('When members hold equal shares, Then they show equal percentages, the total line shows 100 % and the cents still add up by largest remainder', async () => {
    // Three members with 100 shares each: 33,33 % each (the largest remainder gave 33,34 % to one of them).
    const three = [...members, { pharmacyId: 3, name: 'Felletin' }];
    const r = buildSharesReport({
      from: '2026-03-01',
      to: '2026-03-31',
      members: three,
      holdings: holdingsTimeline([sub('2026-01-01', 1, 100), sub('2026-01-01', 2, 100), sub('2026-01-01', 3, 100)]),
      categories,
      entries: [entry(1, '2026-03-10', 10, 100)],
      activity,
      ledger: { costCents: 100, revenueCents: 0 },
    });
    expect(r.members.map((m) => m.percent)).toEqual([33.33, 33.33, 33.33]);
    expect(percentTotal(r.members)).toBe(100);
    // Money is unchanged: 100 cents by largest remainder, ties to the smaller id.
    expect(r.members.map((m) => m.costCents)).toEqual([34, 33, 33]);
    expect(r.reconciliation.balanced).toBe(true);
    const csv = renderSharesCsv({
      ...r,
      period: null,
      status: 'draft',
      generatedAt: '2026-04-01T08:00:00.000Z',
      sha256: '0'.repeat(64),
    } as unknown as Parameters<typeof renderSharesCsv>[0]);
    const cells = csv.split('\r\n').map((line) => line.split(';'));
    expect(cells.filter((c) => ['Bugeat', 'Meymac', 'Felletin'].includes(c[0] ?? '')).map((c) => c[4])).toEqual([
      '33,33',
      '33,33',
      '33,33',
    ]);
    expect(cells.find((c) => c[0] === 'Total')?.[4]).toBe('100');
    // 99,99 % together: the report says so beside its table (PDF, page), so nobody adds them up to wonder.
    expect(percentSumIfOff(r.members)).toBe(99.99);
    const pdf = await renderSharesPdf({
      ...r,
      period: null,
      status: 'draft',
      generatedAt: '2026-04-01T08:00:00.000Z',
      sha256: '0'.repeat(64),
    } as unknown as Parameters<typeof renderSharesPdf>[0]);
    expect(pdfText(pdf).replace(/\s+/g, ' ')).toContain(
      'Chaque part est arrondie au centième (des avoirs égaux gardent le même pourcentage) : ensemble elles font 99,99 %, pas exactement 100 %.',
    );
  });

  it('When the rounded percentages add up to the whole, or nobody holds shares, Then nothing is said about their sum', () => {
    const held = (percent: number, shareDays = 10) => ({ percent, shareDays });
    expect(percentSumIfOff([held(34.83), held(29.85), held(14.93), held(14.93), held(5.47)])).toBe(100.01);
    expect(percentSumIfOff([held(50), held(25), held(25)])).toBeNull();
    expect(percentSumIfOff([held(0, 0), held(0, 0)])).toBeNull();
  });

  it('When percentages are rounded, Then each is rounded on its own to the basis point, halves up, whatever the order', () => {
    expect([
      ...percentBasisPoints([
        { id: 1, weight: 1 },
        { id: 2, weight: 1 },
        { id: 3, weight: 1 },
      ]).values(),
    ]).toEqual([3333, 3333, 3333]);
    // The example of the report: two equal members at 15,515 % show 15,52 % both.
    const tied = percentBasisPoints([
      { id: 1, weight: 3103 },
      { id: 2, weight: 3103 },
      { id: 3, weight: 4000 },
      { id: 4, weight: 4000 },
      { id: 5, weight: 5794 },
    ]);
    expect(tied.get(1)).toBe(tied.get(2));
    expect([
      ...percentBasisPoints([
        { id: 1, weight: 1 },
        { id: 2, weight: 19_999 },
      ]).values(),
    ]).toEqual([1, 10_000]);
    expect([
      ...percentBasisPoints([
        { id: 1, weight: 0 },
        { id: 2, weight: -3 },
      ]).values(),
    ]).toEqual([0, 0]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }), (ws) => {
        const bp = percentBasisPoints(ws.map((weight, id) => ({ id, weight })));
        ws.forEach((w, i) => {
          ws.forEach((v, j) => {
            if (w === v) expect(bp.get(i)).toBe(bp.get(j));
          });
        });
      }),
    );
  });

  it('When the period starts on a transfer day, Then it opens where the day before closed and the first day is shared after the transfer', () => {
    const r = buildSharesReport({
      from: '2026-01-16',
      to: '2026-01-31',
      members,
      holdings: holdingsTimeline(register),
      categories,
      entries: [entry(1, '2026-01-16', 10, 400)],
      activity,
      ledger: { costCents: 400, revenueCents: 0 },
    });
    // The end of 15 January (300 / 100) is the start; the transfer is the period's one movement.
    expect(r.members.map((m) => [m.sharesAtStart, m.sharesAtEnd, m.costCents])).toEqual([
      [300, 200, 200],
      [100, 200, 200],
    ]);
    // The period before closes where this one opens.
    const before = buildSharesReport({
      from: '2026-01-01',
      to: '2026-01-15',
      members,
      holdings: holdingsTimeline(register),
      categories,
      entries: [entry(2, '2026-01-15', 10, 400)],
      activity,
      ledger: { costCents: 400, revenueCents: 0 },
    });
    expect(before.members.map((m) => m.sharesAtEnd)).toEqual(r.members.map((m) => m.sharesAtStart));
  });

  it('When a category used two keys, Then they are named in the order they first shared an entry, whatever order the entries come in', () => {
    const entries = [entry(5, '2026-01-25', 12, 999), entry(4, '2026-01-10', 12, 10_000)];
    expect(build(entries).categories.find((c) => c.id === 12)?.keys).toEqual(['holding', 'activity']);
    expect(build([...entries].reverse()).categories.find((c) => c.id === 12)?.keys).toEqual(['holding', 'activity']);
  });

  it('When an entry and its reversal are in the report, Then they cancel for every member even after the holdings changed', () => {
    const r = build([
      entry(1, '2026-01-10', 10, 1_001),
      { ...entry(2, '2026-01-20', 10, -1_001), allocationDate: '2026-01-10' },
    ]);
    expect(r.members.map((m) => m.costCents)).toEqual([0, 0]);
    expect(r.totals.entryCount).toBe(2);
  });

  it('When a month with an activity key has no verified pouches, Then its entries are shared by holding and the report says so', () => {
    const none = () => new Map<number, number>();
    const r = build([entry(5, '2026-01-25', 12, 999), entry(6, '2026-01-26', 12, 1)], none);
    // 200 / 200 shares on 25 January: holding shares it.
    expect(r.members.map((m) => m.revenueCents)).toEqual([500 + 1, 499]);
    expect(r.categories.find((c) => c.id === 12)?.keys).toEqual(['holding']);
    expect(r.keyFallbacks).toEqual([
      {
        categoryId: 12,
        categoryName: 'Honoraires PDA',
        month: '2026-01',
        fromKey: 'activity',
        toKey: 'holding',
        entryCount: 2,
      },
    ]);
    expect(r.reconciliation.balanced).toBe(true);
  });

  it('When a pharmacy made pouches but held no shares that day, Then its activity does not count', () => {
    const r = buildSharesReport({
      from: '2026-01-01',
      to: '2026-01-31',
      members: [...members, { pharmacyId: 3, name: 'Felletin' }],
      holdings: holdingsTimeline(register),
      categories,
      entries: [entry(5, '2026-01-25', 12, 999)],
      activity: () =>
        new Map([
          [2, 1],
          [3, 1_000],
        ]),
      ledger: { costCents: 0, revenueCents: 999 },
    });
    expect(r.members.map((m) => m.revenueCents)).toEqual([0, 999, 0]);
  });

  it('When nobody held shares on an entry date, Then the holding key cannot share it either', () => {
    expect(() => build([{ ...entry(1, '2025-12-31', 10, 100) }])).toThrow(UnallocatableError);
  });

  it('When the same report is written twice, Then its canonical JSON is byte-identical and key order does not matter', () => {
    const a = canonicalJson(build([entry(1, '2026-01-10', 10, 1_001)]));
    const b = canonicalJson(build([entry(1, '2026-01-10', 10, 1_001)]));
    expect(a).toBe(b);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }], e: 'é' })).toBe('{"a":[{"d":2}],"b":1,"e":"é"}');
  });
});

describe('the shares report against its entries one by one', () => {
  // Any register (subscriptions, then transfers on any dates), keys that change on any dates,
  // activity months with or without pouches: the report's sums are the entries' own splits
  // (`splitEntry`, SPEC §8) added up, whatever the report keeps between entries.
  const day = fc.integer({ min: 0, max: 89 }).map((n) => {
    const d = new Date(Date.UTC(2026, 0, 1 + n));
    return d.toISOString().slice(0, 10);
  });
  const key = fc.constantFrom('holding' as const, 'equal' as const, 'activity' as const);
  const scenario = fc.record({
    founding: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 3, maxLength: 3 }),
    transfers: fc.array(
      fc.record({ date: day, from: fc.integer({ min: 1, max: 3 }), to: fc.integer({ min: 1, max: 3 }) }),
      { maxLength: 6 },
    ),
    keys: fc.array(fc.array(fc.record({ validFrom: day, allocationKey: key }), { minLength: 1, maxLength: 3 }), {
      minLength: 3,
      maxLength: 3,
    }),
    pouches: fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 3 }), {
      minLength: 3,
      maxLength: 3,
    }),
    entries: fc.array(
      fc.record({
        date: day,
        categoryId: fc.integer({ min: 1, max: 3 }),
        amountCents: fc.integer({ min: -1_000_000, max: 1_000_000 }),
      }),
      { maxLength: 120 },
    ),
  });

  it('When any ledger is shared, Then every member line is the sum of its entries split one by one', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const people = [1, 2, 3].map((id) => ({ pharmacyId: id, name: `Officine ${id}` }));
        // Founded the day before the quarter, so every day has holders; one share is never transferred.
        const txs: ShareTx[] = sc.founding.map((n, i) => sub('2025-12-31', i + 1, n + 1));
        for (const t of sc.transfers) if (t.from !== t.to) txs.push(transfer(t.date, t.from, t.to, 1));
        const holdings = holdingsTimeline(txs);
        fc.pre(holdings.firstNegative() === null);
        const categories: Category[] = sc.keys.map((keys, i) => ({
          id: i + 1,
          name: `Catégorie ${i + 1}`,
          kind: i === 0 ? 'revenue' : 'cost',
          keys: [...keys].sort((a, b) => a.validFrom.localeCompare(b.validFrom)),
        }));
        const activity = (month: string) =>
          new Map((sc.pouches[Number(month.slice(5, 7)) - 1] ?? []).map((p, i) => [i + 1, p] as [number, number]));
        const entries: Entry[] = sc.entries.map((e, i) => ({ id: i + 1, allocationDate: e.date, ...e }));
        const sumOf = (kind: 'cost' | 'revenue') =>
          entries
            .filter((e) => categories.find((c) => c.id === e.categoryId)?.kind === kind)
            .reduce((s, e) => s + e.amountCents, 0);
        const report = buildSharesReport({
          from: '2026-01-01',
          to: '2026-03-31',
          members: people,
          holdings,
          categories,
          entries,
          activity,
          ledger: { costCents: sumOf('cost'), revenueCents: sumOf('revenue') },
        });

        // The weights of SPEC §8 read afresh for each entry: nothing kept between entries.
        const weigh = (k: AllocationKey, date: string) => {
          const held = holdings.on(date);
          const pouches = activity(date.slice(0, 7));
          return people.map((m) => {
            const shares = held.get(m.pharmacyId) ?? 0;
            const weight =
              k === 'holding' ? shares : shares === 0 ? 0 : k === 'equal' ? 1 : (pouches.get(m.pharmacyId) ?? 0);
            return { id: m.pharmacyId, weight };
          });
        };
        const expected = new Map<string, number>();
        const fallbacks = new Map<string, number>();
        for (const e of entries) {
          const category = categories.find((c) => c.id === e.categoryId) as Category;
          const split = splitEntry(e, category, weigh);
          for (const part of split.parts ?? []) {
            const k = `${part.id}|${e.categoryId}`;
            expected.set(k, (expected.get(k) ?? 0) + part.cents);
          }
          if (split.keyFallback) {
            const k = `${e.categoryId}|${e.date.slice(0, 7)}`;
            fallbacks.set(k, (fallbacks.get(k) ?? 0) + 1);
          }
        }
        for (const m of report.members) {
          for (const line of [...m.costs, ...m.revenues])
            expect(line.cents).toBe(expected.get(`${m.pharmacyId}|${line.categoryId}`) ?? 0);
        }
        expect(
          Object.fromEntries(report.keyFallbacks.map((f) => [`${f.categoryId}|${f.month}`, f.entryCount])),
        ).toEqual(Object.fromEntries(fallbacks));
        expect(report.reconciliation.balanced).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
