import { describe, expect, it } from 'vitest';
import { applyLateAbsences, rerouteStoredOrder } from '../../server/orders/late-change.models';
import { deadlinesAfterSettingsChange, type OrderWeek, type ResidentDay } from '../../server/orders/orders.models';

const day = (date: string, pouches: number, absent = false): ResidentDay => ({
  date,
  absent,
  pouchesByTime: { matin: absent ? 0 : pouches, soir: 0 },
});
const DATES = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
const week = (residentId: number, absentFrom: number, quarters: number, extra?: number): OrderWeek => ({
  week: '2026-W49',
  residents: [{ residentId, pouches: absentFrom, days: DATES.map((d, i) => day(d, 1, i >= absentFrom)) }],
  lines: [
    { residentId, cip13: 'A', quarters, units: Math.ceil(quarters / 4), route: 'robot', splitDoses: false },
    ...(extra
      ? [
          {
            residentId,
            cip13: 'B',
            quarters: extra,
            units: Math.ceil(extra / 4),
            route: 'robot' as const,
            splitDoses: false,
          },
        ]
      : []),
  ],
  products: [],
  totals: { pouches: 0, robotUnits: 0, manualUnits: 0, horsPdaUnits: 0 },
});

describe('applyLateAbsences', () => {
  it('takes off the stored order only what the new absences remove, not a line prescribed since', () => {
    const stored = week(1, 7, 14); // 7 days × 2 quarters, as closed at the cut-off
    const before = week(1, 7, 14, 28); // today's data: a line B was added after the cut-off
    const after = week(1, 4, 8, 16); // today's data with the absence from Friday
    const result = applyLateAbsences(stored, before, after);
    expect(result.residents[0]?.pouches).toBe(4);
    expect(result.residents[0]?.days.slice(4).every((d) => d.absent)).toBe(true);
    expect(result.lines).toEqual([
      { residentId: 1, cip13: 'A', quarters: 8, units: 2, route: 'robot', splitDoses: false },
    ]);
    expect(result.totals).toEqual({ pouches: 4, robotUnits: 2, manualUnits: 0, horsPdaUnits: 0 });
  });
});

describe('rerouteStoredOrder', () => {
  it('moves a line without a cassette to the manual tray and keeps its units', () => {
    const result = rerouteStoredOrder(week(1, 7, 14, 6), (cip13) => cip13 === 'A');
    expect(result.lines.map((l) => [l.cip13, l.units, l.route])).toEqual([
      ['A', 4, 'robot'],
      ['B', 2, 'manual'],
    ]);
    expect(result.totals).toMatchObject({ pouches: 7, robotUnits: 4, manualUnits: 2 });
  });

  it('keeps a split-dose line on the manual tray when its product gets a cassette after the cut-off', () => {
    const stored = week(1, 7, 14, 6);
    const split = {
      ...stored,
      lines: stored.lines.map((l) => ({ ...l, route: 'manual' as const, splitDoses: l.cip13 === 'B' })),
    };
    const result = rerouteStoredOrder(split, () => true);
    expect(result.lines.map((l) => [l.cip13, l.route])).toEqual([
      ['A', 'robot'],
      ['B', 'manual'],
    ]);
  });
});

describe('deadlinesAfterSettingsChange', () => {
  const now = new Date('2026-11-25T12:00:00.000Z');
  const next = { cutoffAt: '2026-11-26T09:00:00.000Z', deliveryAt: '2026-11-28T08:00:00.000Z' };
  const past = { cutoffAt: '2026-11-23T07:00:00.000Z', deliveryAt: '2026-11-26T13:00:00.000Z' };
  const order = (status: 'draft' | 'submitted') => ({
    status,
    cutoffAt: '2026-11-25T11:00:00.000Z',
    deliveryAt: '2026-11-27T13:00:00.000Z',
  });
  it('moves a submitted order whose new cut-off is ahead, keeps it when the new one is past', () => {
    expect(deadlinesAfterSettingsChange(order('submitted'), next, now)).toEqual(next);
    expect(deadlinesAfterSettingsChange(order('submitted'), past, now)).toBeNull();
  });
  it('moves a draft in both cases, and nothing whose delivery has passed', () => {
    expect(deadlinesAfterSettingsChange(order('draft'), past, now)).toEqual(past);
    const delivered = { ...order('submitted'), deliveryAt: '2026-11-20T13:00:00.000Z' };
    expect(deadlinesAfterSettingsChange(delivered, next, now)).toBeNull();
  });
});
