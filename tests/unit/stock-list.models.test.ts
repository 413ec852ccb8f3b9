import { describe, expect, it } from 'vitest';
import { frenchCompare } from '../../server/shared/collate';
import { nameSortKey, orderProducts, type ProductTotals, stockSearchTerms } from '../../server/stock/stock-list.models';

const product = (cip13: string, productLabel: string, nearestExpiry: string, quantity: number, valueCents: number) =>
  ({
    cip13,
    productLabel,
    nearestExpiry,
    quantity,
    reserved: 0,
    available: quantity,
    valueCents,
    lots: 1,
  }) satisfies ProductTotals;

const products = [
  product('3400000000001', 'Zopiclone', '2027-03-31', 15, 65),
  product('3400000000002', 'Éfferalgan', '2027-09-30', 30, 45),
  product('3400000000003', 'Amlodipine', '2028-01-31', 100, 200),
];

describe('orderProducts (the stock page, grouped by product)', () => {
  it('orders products by French name, nearest expiry, fewest units or highest value', () => {
    const order = (sort: Parameters<typeof orderProducts>[1]) =>
      orderProducts(products, sort).map((p) => p.productLabel);
    expect(order('product')).toEqual(['Amlodipine', 'Éfferalgan', 'Zopiclone']);
    expect(order('expiry')).toEqual(['Zopiclone', 'Éfferalgan', 'Amlodipine']);
    expect(order('quantity')).toEqual(['Zopiclone', 'Éfferalgan', 'Amlodipine']);
    expect(order('value')).toEqual(['Amlodipine', 'Zopiclone', 'Éfferalgan']);
  });

  it('breaks ties by name, then by CIP13, whatever the input order', () => {
    const tied = [
      product('3400000000009', 'DOLIPRANE 500 mg', '2027-01-31', 10, 10),
      product('3400000000008', 'DOLIPRANE 500 mg', '2027-01-31', 10, 10),
      product('3400000000007', 'ASPEGIC 100 mg', '2027-01-31', 10, 10),
    ];
    for (const sort of ['product', 'expiry', 'quantity', 'value'] as const) {
      expect(orderProducts(tied, sort).map((p) => p.cip13)).toEqual([
        '3400000000007',
        '3400000000008',
        '3400000000009',
      ]);
    }
  });
});

describe('nameSortKey', () => {
  it('orders drug names as frenchCompare does: accents and case ignored, numbers by value', () => {
    const names = [
      'DOLIPRANE 1000 mg, comprimé',
      'DOLIPRANE 500 mg, gélule',
      'Doliprane 500 mg, comprimé',
      'ÉFFERALGAN 1 g',
      'efferalgan 500 mg',
      'LÉVOTHYROX 25 microgrammes',
      'LEVOTHYROX 100 microgrammes',
      'ŒSTRODOSE 0,06 %',
      'OXYCODONE 10 mg',
      'amlodipine 5 mg',
      'AMLODIPINE 10 mg',
    ];
    const byKey = [...names].sort((a, b) =>
      nameSortKey(a) < nameSortKey(b) ? -1 : nameSortKey(a) > nameSortKey(b) ? 1 : 0,
    );
    expect(byKey).toEqual([...names].sort(frenchCompare));
  });
});

describe('stockSearchTerms', () => {
  const words = (q: string) => q.toLowerCase().split(/\s+/).filter(Boolean);
  it('searches the text without spaces in codes, in capitals in lot numbers, and by words in names', () => {
    expect(stockSearchTerms(' ab 12 ', words)).toEqual({ compact: 'ab12', lot: 'AB12', words: ['ab', '12'] });
  });
  it('searches nothing for an empty or blank text', () => {
    expect(stockSearchTerms(undefined, words)).toBeNull();
    expect(stockSearchTerms('   ', words)).toBeNull();
  });
});
