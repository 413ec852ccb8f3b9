import { describe, expect, it } from 'vitest';
import {
  parseCostMillicents,
  parseExpiry,
  parseSnapshotCsv,
  parseSnapshotCsvAsync,
  resolveBoxes,
  snapshotCosts,
  unitCostOfBox,
} from '../../server/stock/stock-import.models';
import { EXAMPLE_BOXES, EXAMPLE_UNITS } from '../../web/src/stock/pages/StockImportPage';

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

describe('expiries as packs print them', () => {
  it.each([
    ['07/2027', '2027-07-31'],
    ['7/2027', '2027-07-31'],
    ['07-2027', '2027-07-31'],
    ['2027-07', '2027-07-31'],
    ['2028-02', '2028-02-29'],
    ['02/2027', '2027-02-28'],
    ['31/07/2027', '2027-07-31'],
    ['2027-13', null],
    ['00/2027', null],
    ['2027-7', null],
  ])('When a file gives the expiry %s, Then it reads as %s (a month is its last day)', (raw, iso) => {
    expect(parseExpiry(raw)).toBe(iso);
  });
});

describe('the import page examples', () => {
  it('When the page example headers are read, Then every column is recognised, in units and in boxes', () => {
    const units = parseSnapshotCsv(EXAMPLE_UNITS);
    expect(units).toMatchObject({ errors: [], quantityUnit: 'units' });
    expect(units.rows[0]).toMatchObject({ quantity: 40, unitCostMillicents: 14_500 });
    const boxes = resolveBoxes(parseSnapshotCsv(EXAMPLE_BOXES).rows, () => null);
    expect(boxes).toMatchObject({ errors: [] });
    expect(boxes.rows[0]).toMatchObject({ quantity: 40, expiryDate: '2027-12-31', unitCostMillicents: 14_500 });
  });

  it('When the box columns are written without accents or in capitals, Then they read as the example names them', () => {
    const header = EXAMPLE_BOXES.split('\n')[0] as string;
    expect(header).toBe('CIP13;Lot;Péremption;Boîtes;Unités par boîte;Prix boîte');
    const plain = parseSnapshotCsv(
      EXAMPLE_BOXES.replace(header, 'cip13;LOT;Peremption;Boites;Unites par boite;PRIX BOITE'),
    );
    expect(plain).toMatchObject({ errors: [], quantityUnit: 'boxes' });
    expect(resolveBoxes(plain.rows, () => null).rows).toEqual(
      resolveBoxes(parseSnapshotCsv(EXAMPLE_BOXES).rows, () => null).rows,
    );
  });
});

describe('prices of lots already held', () => {
  const row = (line: number, lotNumber: string, cost: number | null) => ({
    line,
    cip13: AMLODIPINE,
    lotNumber,
    expiryDate: '2027-07-31',
    quantity: 10,
    boxes: null,
    unitsPerBox: null,
    unitCostMillicents: cost,
    boxCostMillicents: null,
  });
  const held = (lotId: number, lotNumber: string, cost: number) => ({
    lotId,
    cip13: AMLODIPINE,
    lotNumber,
    expiryDate: '2027-07-31',
    unitCostMillicents: cost,
  });

  it('When the file prices a held lot, Then its cost as bought is kept and named, and only a lot without cost takes the price', () => {
    const result = snapshotCosts(
      [held(1, 'KEPT', 4_300), held(2, 'NOCOST', 0), held(3, 'SAME', 5_000), held(4, 'NOPRICE', 6_000)],
      [
        row(2, 'KEPT', 9_900),
        row(3, 'NOCOST', 7_000),
        row(4, 'SAME', 5_000),
        row(5, 'NOPRICE', null),
        row(6, 'NEW', 1_000),
      ],
    );
    expect(result.warnings).toEqual([
      { line: 2, code: 'priceIgnored', params: { lot: 'KEPT', cost: 4_300 } },
      { line: 3, code: 'priceSet', params: { lot: 'NOCOST', cost: 7_000 } },
    ]);
    expect(result.updates).toEqual([{ lotId: 2, line: 3, unitCostMillicents: 7_000 }]);
  });
});
