import { describe, expect, it } from 'vitest';
import {
  parseCostMillicents,
  parseSnapshotCsv,
  parseSnapshotCsvAsync,
  resolveBoxes,
  unitCostOfBox,
} from '../../server/stock/stock-import.models';

const AMLODIPINE = '3400936404113';

describe('snapshot costs, kept as bought', () => {
  it('When a cost has up to five decimals, Then it is read exactly in millicents', () => {
    expect(parseCostMillicents('0,043')).toBe(4_300);
    expect(parseCostMillicents('0.04321')).toBe(4_321);
    expect(parseCostMillicents('1 234,50 €')).toBe(123_450_000);
    expect(parseCostMillicents('')).toBeNull();
    expect(parseCostMillicents('0,000001')).toBe('invalid');
    expect(parseCostMillicents('-1')).toBe('invalid');
  });

  it('When a box price is split over its units, Then it is rounded once to the millicent, halves up', () => {
    expect(unitCostOfBox(100_000, 30)).toBe(3_333);
    expect(unitCostOfBox(200_000, 3)).toBe(66_667);
    expect(unitCostOfBox(116_000, 8)).toBe(14_500);
  });
});

describe('snapshot boxes', () => {
  it('When a row counts boxes, Then units per box come from the file, else the catalogue, else the row is refused', () => {
    const { rows } = parseSnapshotCsv(
      `CIP13;Lot;Péremption;Boîtes;Unités par boîte;Prix boîte\n${AMLODIPINE};A;2027-01-31;2;30;3,00\n${AMLODIPINE};B;2027-01-31;3;;\n`,
    );
    const resolved = resolveBoxes(rows, () => 28);
    expect(resolved.rows.map((r) => [r.quantity, r.unitCostMillicents])).toEqual([
      [60, 10_000],
      [84, null],
    ]);
    expect(resolveBoxes(rows, () => null).errors).toEqual([
      expect.objectContaining({ line: 3, field: 'boxes', code: 'unitsPerBoxUnknown' }),
    ]);
  });
});

describe('a large snapshot read in pieces', () => {
  it('When 5 000 rows are read in pieces, Then line numbers, errors and duplicates are those of the whole file', async () => {
    const lines = ['', 'sep=;', 'CIP13;Lot;Péremption;Quantité'];
    for (let i = 0; i < 5_000; i++) lines.push(`${AMLODIPINE};L${i};2027-01-31;1`);
    lines[3000] = `${AMLODIPINE};L10;2027-01-31;1`;
    lines[4500] = `${AMLODIPINE};X;2027-01-31;-1`;
    const parsed = await parseSnapshotCsvAsync(`${lines.join('\n')}\n\n`);
    expect(parsed.lines).toBe(5_000);
    expect(parsed.errors).toEqual([
      expect.objectContaining({ line: 3001, code: 'duplicate', params: { line: 14 } }),
      expect.objectContaining({ line: 4501, field: 'quantity', code: 'quantity' }),
    ]);
    expect(parsed.rows[0]?.line).toBe(4);
    expect(parsed.rows.at(-1)?.line).toBe(5_003);
    expect(parseSnapshotCsv(`${lines.join('\n')}\n\n`)).toEqual(parsed);
  });
});
