import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, allocateInto, NoWeightsError, prepareWeights, type Weight } from '../../server/shared/money';

/** Members with distinct ids and non-negative integer weights, at least one weight positive. */
const members = (maxWeight = 1_000_000) =>
  fc
    .uniqueArray(
      fc.record({ id: fc.integer({ min: 1, max: 1_000 }), weight: fc.integer({ min: 0, max: maxWeight }) }),
      {
        minLength: 1,
        maxLength: 12,
        selector: (m) => m.id,
      },
    )
    .filter((ms) => ms.some((m) => m.weight > 0));
const manyMembers = fc
  .uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 10_000 }), weight: fc.integer({ min: 0, max: 1_000 }) }), {
    minLength: 1,
    maxLength: 80,
    selector: (m) => m.id,
  })
  .filter((ms) => ms.some((m) => m.weight > 0));
const total = fc.integer({ min: -10_000_000_000, max: 10_000_000_000 });
const byId = (parts: { id: number; cents: number }[]) => Object.fromEntries(parts.map((p) => [p.id, p.cents]));

describe('allocate: largest remainder (Hamilton), SPEC §8', () => {
  it('When any amount is shared, Then the parts add up exactly to it', () => {
    fc.assert(
      fc.property(total, members(), (t, ms) => {
        expect(allocate(t, ms).reduce((s, p) => s + p.cents, 0)).toBe(t);
      }),
    );
  });

  it('When any amount is shared, Then each part is its exact quota rounded down or up, never further', () => {
    fc.assert(
      fc.property(total, members(), (t, ms) => {
        const sum = BigInt(ms.reduce((s, m) => s + m.weight, 0));
        for (const p of allocate(Math.abs(t), ms)) {
          const floor = Number((BigInt(Math.abs(t)) * BigInt(p.weight)) / sum);
          expect(p.cents === floor || p.cents === floor + 1).toBe(true);
        }
      }),
    );
  });

  it('When the members are listed in another order, Then nobody gets a different cent', () => {
    fc.assert(
      fc.property(
        total,
        members(50).chain((ms) => fc.tuple(fc.constant(ms), fc.shuffledSubarray(ms, { minLength: ms.length }))),
        (t, [ms, shuffled]) => {
          expect(allocate(t, shuffled)).toEqual(allocate(t, ms));
        },
      ),
    );
  });

  it('When remainders tie, Then the extra cent goes to the larger remainder, then the larger weight, then the smaller id', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), members(20), (t, ms) => {
        const sum = BigInt(ms.reduce((s, m) => s + m.weight, 0));
        const parts = allocate(t, ms);
        const info = parts.map((p) => {
          const n = BigInt(t) * BigInt(p.weight);
          return { ...p, floor: Number(n / sum), rem: n % sum };
        });
        const winners = info.filter((p) => p.cents > p.floor);
        const losers = info.filter((p) => p.cents === p.floor);
        for (const w of winners) {
          for (const l of losers) {
            const wins =
              w.rem > l.rem || (w.rem === l.rem && (w.weight > l.weight || (w.weight === l.weight && w.id < l.id)));
            expect(wins).toBe(true);
          }
        }
      }),
    );
  });

  it('When a member has no weight, Then it gets nothing, even of a cent left over', () => {
    fc.assert(
      fc.property(total, members(), fc.integer({ min: 1_001, max: 2_000 }), (t, ms, zeroId) => {
        const parts = allocate(t, [...ms, { id: zeroId, weight: 0 }]);
        expect(parts.find((p) => p.id === zeroId)?.cents).toBe(0);
      }),
    );
    expect(
      byId(
        allocate(1, [
          { id: 1, weight: 0 },
          { id: 2, weight: 1 },
          { id: 3, weight: 0 },
        ]),
      ),
    ).toEqual({ 1: 0, 2: 1, 3: 0 });
  });

  it('When one member holds weight, Then it gets the whole amount', () => {
    fc.assert(
      fc.property(total, fc.integer({ min: 1, max: 1_000_000 }), (t, w) => {
        expect(allocate(t, [{ id: 7, weight: w }])).toEqual([{ id: 7, weight: w, cents: t }]);
      }),
    );
  });

  it('When every weight is zero or nobody is listed, Then it refuses explicitly instead of dividing by zero', () => {
    expect(() =>
      allocate(100, [
        { id: 1, weight: 0 },
        { id: 2, weight: 0 },
      ]),
    ).toThrow(NoWeightsError);
    expect(() => allocate(100, [])).toThrow(NoWeightsError);
    expect(() => allocate(0, [{ id: 1, weight: 0 }])).toThrow(NoWeightsError);
  });

  it('When an amount is reversed, Then every part is exactly the negation of the original part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), members(), (t, ms) => {
        expect(allocate(-t, ms).map((p) => p.cents)).toEqual(allocate(t, ms).map((p) => 0 - p.cents + 0));
      }),
    );
  });

  it('When totals and weights are huge, Then the arithmetic stays exact (no float drift)', () => {
    const huge = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(huge, members(2 ** 40), (t, ms) => {
        const parts = allocate(t, ms);
        expect(parts.reduce((s, p) => BigInt(s) + BigInt(p.cents), 0n)).toBe(BigInt(t));
      }),
    );
    const parts = allocate(Number.MAX_SAFE_INTEGER, [
      { id: 1, weight: 1 },
      { id: 2, weight: 2 },
    ]);
    expect(parts.map((p) => p.cents)).toEqual([3_002_399_751_580_330, 6_004_799_503_160_661]);
  });

  it('When 1 € is shared among 400/300/100/150/50 shares, Then the cents follow the holdings', () => {
    const ws: Weight[] = [
      { id: 1, weight: 400 },
      { id: 2, weight: 300 },
      { id: 3, weight: 100 },
      { id: 4, weight: 150 },
      { id: 5, weight: 50 },
    ];
    expect(byId(allocate(100, ws))).toEqual({ 1: 40, 2: 30, 3: 10, 4: 15, 5: 5 });
    // 1 cent in five equal remainders of 0.4, 0.3, … : the largest remainder wins.
    expect(byId(allocate(1, ws))).toEqual({ 1: 1, 2: 0, 3: 0, 4: 0, 5: 0 });
  });

  it('When two remainders are equal, Then the larger weight wins whatever the ids or order', () => {
    // 2 × 1/4 = 0.5 and 2 × 3/4 = 1.5: both remainders are one half.
    expect(
      byId(
        allocate(2, [
          { id: 1, weight: 1 },
          { id: 2, weight: 3 },
        ]),
      ),
    ).toEqual({ 1: 0, 2: 2 });
    expect(
      byId(
        allocate(2, [
          { id: 2, weight: 1 },
          { id: 1, weight: 3 },
        ]),
      ),
    ).toEqual({ 1: 2, 2: 0 });
  });

  it('When remainders and weights are equal, Then the smaller member id wins, not the first listed', () => {
    const three = [
      { id: 9, weight: 1 },
      { id: 4, weight: 1 },
      { id: 6, weight: 1 },
    ];
    expect(byId(allocate(1, three))).toEqual({ 4: 1, 6: 0, 9: 0 });
    expect(byId(allocate(2, three))).toEqual({ 4: 1, 6: 1, 9: 0 });
    expect(byId(allocate(-1, three))).toEqual({ 4: -1, 6: 0, 9: 0 });
  });

  it('When many amounts are accumulated with allocateInto, Then each member gets the sum of its allocate parts', () => {
    fc.assert(
      fc.property(fc.array(total, { maxLength: 20 }), fc.oneof(members(), manyMembers), (amounts, ms) => {
        const prepared = prepareWeights(ms);
        const acc = prepared.ids.map(() => 0);
        const expected = prepared.ids.map(() => 0);
        for (const a of amounts) {
          allocateInto(a, prepared, acc);
          allocate(a, ms).forEach((p, i) => {
            expected[i] = (expected[i] as number) + p.cents;
          });
        }
        expect(acc).toEqual(expected);
      }),
    );
  });

  it('When there are many members, Then the parts still add up and ties still go to weight then id', () => {
    fc.assert(
      fc.property(total, manyMembers, (t, ms) => {
        expect(allocate(t, ms).reduce((s, p) => s + p.cents, 0)).toBe(t);
      }),
    );
    const forty = Array.from({ length: 40 }, (_, i) => ({ id: 40 - i, weight: 1 }));
    expect(
      allocate(3, forty)
        .filter((p) => p.cents === 1)
        .map((p) => p.id),
    ).toEqual([1, 2, 3]);
  });

  it('When an amount is not integer cents or a weight is bad, Then it is a programming error', () => {
    expect(() => allocate(1.5, [{ id: 1, weight: 1 }])).toThrow(RangeError);
    expect(() =>
      allocate(1, [
        { id: 1, weight: -1 },
        { id: 2, weight: 3 },
      ]),
    ).toThrow(RangeError);
    expect(() => allocate(1, [{ id: 1, weight: 0.5 }])).toThrow(RangeError);
    expect(() =>
      allocate(1, [
        { id: 1, weight: 1 },
        { id: 1, weight: 2 },
      ]),
    ).toThrow(RangeError);
  });
});
