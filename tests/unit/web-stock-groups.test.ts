import { describe, expect, it } from 'vitest';
import type { Lot } from '../../web/src/stock/stock.api';
import { groupByProduct } from '../../web/src/stock/stock-groups';

let nextId = 1;
const lot = (cip13: string, productLabel: string, expiryDate: string, quantity: number, millicents: number): Lot => ({
  id: nextId++,
  pharmacyId: 1,
  cip13,
  productLabel,
  lotNumber: `L${nextId}`,
  expiryDate,
  unitCostCents: Math.round(millicents / 1000),
  unitCostMillicents: millicents,
  quantity,
  reserved: 1,
  available: quantity - 1,
});

const lots = [
  lot('3400000000001', 'Zopiclone', '2027-06-30', 10, 4_300),
  lot('3400000000002', 'Éfferalgan', '2027-09-30', 30, 1_500),
  lot('3400000000001', 'Zopiclone', '2027-03-31', 5, 4_300),
  lot('3400000000003', 'Amlodipine', '2028-01-31', 100, 2_000),
];

describe('groupByProduct', () => {
  it('groups lots by product, first-expired first, with totals rounded once to the cent', () => {
    const zopiclone = groupByProduct(lots, 'product').find((g) => g.productLabel === 'Zopiclone');
    expect(zopiclone).toMatchObject({
      cip13: '3400000000001',
      quantity: 15,
      reserved: 2,
      available: 13,
      // 15 tablets at 0,043 € = 0,645 € → 0,65 € (halves up, once)
      valueCents: 65,
      nearestExpiry: '2027-03-31',
    });
    expect(zopiclone?.lots.map((l) => l.expiryDate)).toEqual(['2027-03-31', '2027-06-30']);
  });

  it('orders products by French name, nearest expiry, fewest units or highest value', () => {
    const order = (sort: Parameters<typeof groupByProduct>[1]) => groupByProduct(lots, sort).map((g) => g.productLabel);
    expect(order('product')).toEqual(['Amlodipine', 'Éfferalgan', 'Zopiclone']);
    expect(order('expiry')).toEqual(['Zopiclone', 'Éfferalgan', 'Amlodipine']);
    expect(order('quantity')).toEqual(['Zopiclone', 'Éfferalgan', 'Amlodipine']);
    expect(order('value')).toEqual(['Amlodipine', 'Zopiclone', 'Éfferalgan']);
  });
});
