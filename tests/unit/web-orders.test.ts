import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../server/orders/orders.models';
import {
  absenceOn,
  consecutiveRuns,
  dayPouches,
  doseText,
  missedCutoff,
  parisDay,
  splitByWeek,
  treatmentsOn,
} from '../../web/src/orders/orders.rules';

type TestLine = {
  id: number;
  schedule: Schedule;
  doses: Record<string, number>;
  startDate: string;
  endDate: string | null;
  asNeeded: boolean;
  pdaExcluded: boolean;
};

const WEEK = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];

describe('orders page rules', () => {
  it('When days are selected out of order, Then they become runs of consecutive days', () => {
    expect(consecutiveRuns(['2026-12-03', '2026-12-01', '2026-12-02', '2026-12-05'], WEEK)).toEqual([
      { from: '2026-12-01', to: '2026-12-03' },
      { from: '2026-12-05', to: '2026-12-05' },
    ]);
    expect(consecutiveRuns([], WEEK)).toEqual([]);
  });

  it('When a cell is read, Then its pouches are the sum over administration times and its absence is found', () => {
    expect(dayPouches({ date: '2026-12-01', absent: false, pouchesByTime: { matin: 1, midi: 0, soir: 1 } })).toBe(2);
    const absences = [{ id: 7, residentId: 3, from: '2026-12-01', to: '2026-12-03' }];
    expect(absenceOn(absences, 3, '2026-12-02')?.id).toBe(7);
    expect(absenceOn(absences, 3, '2026-12-04')).toBeUndefined();
    expect(absenceOn(absences, 4, '2026-12-02')).toBeUndefined();
  });

  it('When the treatments behind a cell are listed, Then pouched lines go by time and hors-PDA and as-needed apart', () => {
    const base = { startDate: '2026-01-01', endDate: null, asNeeded: false, pdaExcluded: false };
    const lines: TestLine[] = [
      { ...base, id: 1, schedule: { kind: 'daily' }, doses: { matin: 1, soir: 0.5 } },
      { ...base, id: 2, schedule: { kind: 'weekdays', weekdays: [1, 3, 5] }, doses: { midi: 1 } },
      { ...base, id: 3, schedule: { kind: 'daily' }, doses: { soir: 0.75 }, pdaExcluded: true },
      { ...base, id: 4, schedule: { kind: 'daily' }, doses: { soir: 1 }, asNeeded: true },
      { ...base, id: 5, schedule: { kind: 'daily' }, doses: { matin: 1 }, endDate: '2026-11-30' },
    ];
    const tuesday = treatmentsOn(lines, '2026-12-01', ['matin', 'midi', 'soir', 'coucher']);
    expect(tuesday.byTime.map((t) => [t.time, t.lines.map((l) => l.id)])).toEqual([
      ['matin', [1]],
      ['midi', []],
      ['soir', [1]],
      ['coucher', []],
    ]);
    expect(tuesday.horsPda.map((l) => l.id)).toEqual([3]);
    expect(tuesday.asNeeded.map((l) => l.id)).toEqual([4]);
    const wednesday = treatmentsOn(lines, '2026-12-02', ['midi']);
    expect(wednesday.byTime[0]?.lines.map((l) => l.id)).toEqual([2]);
  });

  it('When doses are shown, Then quarters read as fractions', () => {
    expect([0.25, 0.5, 0.75, 1, 1.5, 2.75, 3].map(doseText)).toEqual(['¼', '½', '¾', '1', '1 ½', '2 ¾', '3']);
  });

  it('When orders are split around the current week, Then upcoming ones come first-to-last and history newest first', () => {
    const orders = ['2026-W47', '2026-W49', '2026-W48', '2026-W50'].map((week) => ({ week }));
    expect(splitByWeek(orders, '2026-W48')).toEqual({
      current: [{ week: '2026-W48' }, { week: '2026-W49' }, { week: '2026-W50' }],
      history: [{ week: '2026-W47' }],
    });
  });

  it('When the Paris day is asked late on a UTC evening, Then it is already the next day', () => {
    expect(parisDay(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(parisDay(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });
});

describe('a draft left past its cut-off', () => {
  const order = { status: 'draft', cutoffAt: '2026-11-25T11:00:00.000Z', week: '2026-W49' };
  it('When the cut-off is ahead, Then it is not missed; at and after the cut-off it is', () => {
    expect(missedCutoff(order, new Date('2026-11-25T10:59:00.000Z'))).toBe(false);
    expect(missedCutoff(order, new Date('2026-11-25T11:00:00.000Z'))).toBe(true);
    expect(missedCutoff(order, new Date('2026-12-06T22:59:00.000Z'))).toBe(true); // Sunday 23:59 Paris
  });
  it('When it was sent, or its week is over, Then it is not missed', () => {
    const after = new Date('2026-11-26T09:00:00.000Z');
    expect(missedCutoff({ ...order, status: 'submitted' }, after)).toBe(false);
    expect(missedCutoff(order, new Date('2026-12-06T23:00:00.000Z'))).toBe(false); // Monday 00:00 Paris of W50
  });
});
