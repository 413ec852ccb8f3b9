import { describe, expect, it } from 'vitest';
import {
  allocateBatch,
  followedBlock,
  type HostLot,
  lastPouchDay,
  type PouchLine,
  productNeeds,
} from '../../server/robot/production.models';

const AMLO = '3400937977661';
const KARDEGIC = '3400934917783';
const SUNDAY = '2026-12-06';

const line = (lineId: number, orderId: number, residentId: number, cip13: string, units: number): PouchLine => ({
  lineId,
  orderId,
  residentId,
  cip13,
  units,
  usableUntil: SUNDAY,
});
const lot = (id: number, cip13: string, expiryDate: string, available: number): HostLot => ({
  id,
  cip13,
  lotNumber: `L${id}`,
  expiryDate,
  available,
});

describe('FEFO allocation of a batch', () => {
  it('When one lot covers every line, Then each line takes its units from it', () => {
    const result = allocateBatch(
      [line(1, 10, 100, AMLO, 7), line(2, 10, 101, AMLO, 14)],
      [lot(5, AMLO, '2027-06-30', 60)],
    );
    expect(result.shortages).toEqual([]);
    expect(result.allocations.map((a) => [a.lineId, a.lotNumber, a.units])).toEqual([
      [1, 'L5', 7],
      [2, 'L5', 14],
    ]);
    expect(result.perLot).toEqual([{ lotId: 5, cip13: AMLO, units: 21 }]);
  });

  it('When lots expire at different dates, Then the first to expire is used first and a line may span two lots', () => {
    const lots = [lot(1, AMLO, '2027-09-30', 100), lot(2, AMLO, '2027-01-31', 10), lot(3, AMLO, '2027-03-31', 5)];
    const result = allocateBatch([line(1, 10, 100, AMLO, 8), line(2, 10, 101, AMLO, 14)], lots);
    expect(result.allocations.map((a) => [a.lineId, a.lotId, a.units])).toEqual([
      [1, 2, 8],
      [2, 2, 2],
      [2, 3, 5],
      [2, 1, 7],
    ]);
    expect(result.perLot).toEqual([
      { lotId: 2, cip13: AMLO, units: 10 },
      { lotId: 3, cip13: AMLO, units: 5 },
      { lotId: 1, cip13: AMLO, units: 7 },
    ]);
  });

  it('When two lots expire the same day, Then the older lot (lower id) goes first', () => {
    const result = allocateBatch(
      [line(1, 10, 100, AMLO, 6)],
      [lot(9, AMLO, '2027-01-31', 10), lot(4, AMLO, '2027-01-31', 3)],
    );
    expect(result.allocations.map((a) => [a.lotId, a.units])).toEqual([
      [4, 3],
      [9, 3],
    ]);
  });

  it('When a lot expires before the last pouch day, Then it is skipped even if it expires first', () => {
    const lots = [lot(1, AMLO, '2026-12-05', 100), lot(2, AMLO, SUNDAY, 10)];
    const result = allocateBatch([line(1, 10, 100, AMLO, 7)], lots);
    expect(result.allocations.map((a) => a.lotId)).toEqual([2]);
  });

  it('When lots are spread over orders, Then lines are served by order, then resident, then line', () => {
    const lines = [line(7, 20, 100, AMLO, 4), line(3, 10, 200, AMLO, 4), line(2, 10, 150, AMLO, 4)];
    const result = allocateBatch(lines, [lot(1, AMLO, '2027-01-31', 6), lot(2, AMLO, '2027-02-28', 50)]);
    expect(result.allocations.map((a) => [a.orderId, a.residentId, a.lotId, a.units])).toEqual([
      [10, 150, 1, 4],
      [10, 200, 1, 2],
      [10, 200, 2, 2],
      [20, 100, 2, 4],
    ]);
  });

  it('When the host lacks units of a product, Then the shortage says needed, available and missing', () => {
    const lines = [line(1, 10, 100, AMLO, 20), line(2, 10, 100, KARDEGIC, 7)];
    const lots = [lot(1, AMLO, '2027-01-31', 12), lot(2, AMLO, '2026-12-01', 50), lot(3, KARDEGIC, '2027-01-31', 7)];
    const result = allocateBatch(lines, lots);
    expect(result.shortages).toEqual([{ cip13: AMLO, needed: 20, available: 12, missing: 8 }]);
    // The covered part is still allocated, so the production sheet can show it.
    expect(result.allocations.filter((a) => a.cip13 === AMLO).map((a) => a.units)).toEqual([12]);
    expect(result.allocations.filter((a) => a.cip13 === KARDEGIC).map((a) => a.units)).toEqual([7]);
  });

  it('When the host holds none of a product, Then it is a shortage of everything', () => {
    const result = allocateBatch([line(1, 10, 100, AMLO, 5)], []);
    expect(result).toEqual({
      allocations: [],
      perLot: [],
      shortages: [{ cip13: AMLO, needed: 5, available: 0, missing: 5 }],
    });
  });

  it('When a line has no units, Then it takes nothing and needs nothing', () => {
    const result = allocateBatch([line(1, 10, 100, AMLO, 0)], []);
    expect(result).toEqual({ allocations: [], perLot: [], shortages: [] });
  });

  it('When allocated, Then every line gets exactly its units and no lot gives more than it has', () => {
    const lines = Array.from({ length: 30 }, (_, i) =>
      line(i + 1, 10 + (i % 3), 100 + i, i % 2 ? AMLO : KARDEGIC, 1 + (i % 9)),
    );
    const lots = [lot(1, AMLO, '2027-01-31', 20), lot(2, AMLO, '2027-05-31', 200), lot(3, KARDEGIC, '2027-03-31', 500)];
    const result = allocateBatch(lines, lots);
    expect(result.shortages).toEqual([]);
    for (const l of lines) {
      expect(result.allocations.filter((a) => a.lineId === l.lineId).reduce((s, a) => s + a.units, 0)).toBe(l.units);
    }
    for (const l of lots) {
      expect(result.perLot.find((p) => p.lotId === l.id)?.units ?? 0).toBeLessThanOrEqual(l.available);
    }
    expect(result.perLot.find((p) => p.lotId === 1)?.units).toBe(20);
  });

  it('When orders of two weeks share a product, Then its lots must last to the later week', () => {
    const lines = [line(1, 10, 100, AMLO, 5), { ...line(2, 11, 101, AMLO, 5), usableUntil: '2026-12-13' }];
    expect(productNeeds(lines).get(AMLO)).toEqual({ needed: 10, usableUntil: '2026-12-13' });
    const result = allocateBatch(lines, [lot(1, AMLO, '2026-12-10', 100), lot(2, AMLO, '2027-01-31', 100)]);
    expect(result.perLot).toEqual([{ lotId: 2, cip13: AMLO, units: 10 }]);
  });

  it('When a week is given, Then its last pouch day is its Sunday (across a year end too)', () => {
    expect(lastPouchDay('2026-W49')).toBe(SUNDAY);
    expect(lastPouchDay('2026-W53')).toBe('2027-01-03');
  });
});

describe('FEFO allocation of a large batch (issue 16 grouped lots and lines by product)', () => {
  // The allocation as it was written before the grouping: every product sorted every lot and
  // filtered every line. Same answers expected, for any batch.
  function reference(
    lines: readonly PouchLine[],
    lots: readonly HostLot[],
    named: ReadonlyMap<string, readonly number[]>,
  ) {
    const needs = productNeeds(lines);
    const allocations: unknown[] = [];
    const perLot: unknown[] = [];
    const shortages: unknown[] = [];
    const fefo = (a: HostLot, b: HostLot) => a.expiryDate.localeCompare(b.expiryDate) || a.id - b.id;
    for (const [cip13, need] of [...needs].sort(([a], [b]) => a.localeCompare(b))) {
      const chosen = named.get(cip13);
      const usable = (chosen ? chosen.flatMap((id) => lots.filter((l) => l.id === id)) : [...lots].sort(fefo))
        .filter((l) => l.cip13 === cip13 && l.available > 0 && l.expiryDate >= need.usableUntil)
        .map((l) => ({ lot: l, left: l.available }));
      const available = usable.reduce((s, u) => s + u.left, 0);
      if (available < need.needed)
        shortages.push({ cip13, needed: need.needed, available, missing: need.needed - available });
      const taken = new Map<number, number>();
      let cursor = 0;
      const byLine = (a: PouchLine, b: PouchLine) =>
        a.orderId - b.orderId || a.residentId - b.residentId || a.lineId - b.lineId;
      for (const l of lines.filter((x) => x.cip13 === cip13 && x.units > 0).sort(byLine)) {
        let left = l.units;
        while (left > 0 && cursor < usable.length) {
          const u = usable[cursor] as (typeof usable)[number];
          const take = Math.min(left, u.left);
          allocations.push({
            lineId: l.lineId,
            orderId: l.orderId,
            residentId: l.residentId,
            cip13,
            lotId: u.lot.id,
            lotNumber: u.lot.lotNumber,
            expiryDate: u.lot.expiryDate,
            units: take,
          });
          taken.set(u.lot.id, (taken.get(u.lot.id) ?? 0) + take);
          u.left -= take;
          left -= take;
          if (u.left === 0) cursor++;
        }
      }
      for (const u of usable) {
        const units = taken.get(u.lot.id);
        if (units) perLot.push({ lotId: u.lot.id, cip13, units });
      }
    }
    return { allocations, perLot, shortages };
  }

  it('When batches of random lines and lots (some named, some short, some expiring) are allocated, Then the answer is the ungrouped one', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const products = Array.from({ length: 12 }, (_, i) => `34009${String(10_000_000 + i)}`);
    for (let round = 0; round < 40; round++) {
      const lines = Array.from({ length: 30 + rand(120) }, (_, i) => ({
        ...line(i + 1, 1 + rand(4), 1 + rand(30), products[rand(products.length)] as string, rand(15) - 1),
        usableUntil: ['2026-12-06', '2026-12-13', '2027-01-03'][rand(3)] as string,
      }));
      const lots = Array.from({ length: 5 + rand(40) }, (_, i) =>
        lot(
          1 + rand(500) * 50 + i,
          products[rand(products.length)] as string,
          `202${6 + rand(3)}-${String(1 + rand(12)).padStart(2, '0')}-28`,
          rand(40),
        ),
      );
      const named = new Map<string, number[]>();
      if (round % 3 === 0)
        named.set(
          products[0] as string,
          lots
            .filter((l) => l.cip13 === products[0])
            .map((l) => l.id)
            .reverse(),
        );
      expect(allocateBatch(lines, lots, named)).toEqual(reference(lines, lots, named));
    }
  });
});

describe('the block of a batch started off its slot (followedBlock)', () => {
  // Booked Thursday 13:00–15:00 UTC; the robot's other blocks around it.
  const booked = { start: '2026-12-03T13:00:00.000Z', end: '2026-12-03T15:00:00.000Z' };
  const block = (start: string, end: string, status: string) => ({
    start: `2026-12-03T${start}:00.000Z`,
    end: `2026-12-03T${end}:00.000Z`,
    status,
  });

  it('When it starts ahead with the robot free, Then the block moves to the start for the same two hours', () => {
    expect(followedBlock(booked, '2026-12-03T08:30:00.000Z', [])).toEqual({
      start: '2026-12-03T08:30:00.000Z',
      end: '2026-12-03T10:30:00.000Z',
    });
  });

  it('When it starts on its slot, Then the block stays', () => {
    expect(followedBlock(booked, booked.start, [])).toBeNull();
  });

  it('When a batch produced ahead of its planned end still holds the time, Then the block starts where that one ends', () => {
    const produced = block('07:00', '09:00', 'produced');
    expect(followedBlock(booked, '2026-12-03T08:30:00.000Z', [produced])).toEqual({
      start: '2026-12-03T09:00:00.000Z',
      end: '2026-12-03T11:00:00.000Z',
    });
    // Two finished blocks in a row: after the last of them.
    const verified = block('09:00', '10:00', 'verified');
    expect(followedBlock(booked, '2026-12-03T08:30:00.000Z', [produced, verified])?.start).toBe(
      '2026-12-03T10:00:00.000Z',
    );
  });

  it('When finished blocks push an early start onto its own slot or later, Then the block stays on its slot', () => {
    expect(followedBlock(booked, '2026-12-03T12:30:00.000Z', [block('11:00', '13:00', 'produced')])).toBeNull();
  });

  it('When a booked batch or one in production is in the way, Then the block stays on its slot', () => {
    for (const status of ['booked', 'in_production']) {
      expect(followedBlock(booked, '2026-12-03T08:30:00.000Z', [block('10:00', '11:00', status)]), status).toBeNull();
    }
  });

  it('When it starts late and the time after its slot is free, Then the block moves later', () => {
    expect(followedBlock(booked, '2026-12-03T13:45:00.000Z', [block('11:00', '13:00', 'booked')])).toEqual({
      start: '2026-12-03T13:45:00.000Z',
      end: '2026-12-03T15:45:00.000Z',
    });
  });
});
