/**
 * Pure rules of the stock page's lists (issue #15: a pharmacy with 20 000 lots): how products
 * are ordered and how a search box's text becomes a lot filter. No db, no clock.
 */
import { keptBy } from '../shared/memo';

/** How the stock page orders its products (grouped view). */
export const PRODUCT_SORTS = ['product', 'expiry', 'quantity', 'value'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** How the flat list of lots can be ordered (FEFO, `expiry`, by default). */
export const LOT_SORTS = ['expiry', 'product', 'lot', 'quantity', 'available'] as const;
export type LotSort = (typeof LOT_SORTS)[number];

/**
 * A key whose plain (code point) order is the French alphabetical order of `frenchCompare`
 * (server/shared/collate.ts) for drug names: accents and case ignored, œ/æ spelled out, and
 * numbers by value ("500 mg" before "1000 mg": each run of digits is padded to 15 digits).
 * Computed once per name, so thousands of products sort without a collator call per comparison,
 * and kept: the names are the catalogue's labels, the same from one request to the next (the
 * normalising was a quarter of `GET /api/stock/products`'s own time, issue 16). The memo forgets
 * everything past `SORT_KEY_MEMO_SIZE` names, which bounds it whatever the names.
 */
export function nameSortKey(name: string): string {
  return sortKeys(name, () =>
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/œ/giu, 'oe')
      .replace(/æ/giu, 'ae')
      .toLocaleLowerCase('fr')
      .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(15, '0')),
  );
}

/** More names than the BDPM has presentations (about 21 000). */
const SORT_KEY_MEMO_SIZE = 50_000;
const sortKeys = keptBy<string>(SORT_KEY_MEMO_SIZE);

/** One product of a pharmacy's stock with the totals of its lots (units, cents). */
export type ProductTotals = {
  cip13: string;
  productLabel: string;
  /** Units on hand, reserved by accepted transfers, and available (on hand − reserved). */
  quantity: number;
  reserved: number;
  available: number;
  /** Value on hand at each lot's cost as bought, rounded once to the cent. */
  valueCents: number;
  /** The nearest expiry among lots holding units (else among all listed lots), `YYYY-MM-DD`. */
  nearestExpiry: string;
  /** How many lots are listed for it. */
  lots: number;
};

/**
 * Orders products: by name (French order, nameSortKey), nearest expiry first, fewest units
 * first, or highest value first; ties by name, then CIP13. Returns a new array.
 */
export function orderProducts<T extends ProductTotals>(products: readonly T[], sort: ProductSort): T[] {
  const keyed = products.map((p) => ({ p, key: nameSortKey(p.productLabel) }));
  type K = (typeof keyed)[number];
  const byName = (a: K, b: K) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.p.cip13 < b.p.cip13 ? -1 : a.p.cip13 > b.p.cip13 ? 1 : 0;
  const order: Record<ProductSort, (a: K, b: K) => number> = {
    product: byName,
    expiry: (a, b) => a.p.nearestExpiry.localeCompare(b.p.nearestExpiry) || byName(a, b),
    quantity: (a, b) => a.p.quantity - b.p.quantity || byName(a, b),
    value: (a, b) => b.p.valueCents - a.p.valueCents || byName(a, b),
  };
  return keyed.sort(order[sort]).map((k) => k.p);
}

/**
 * What a stock search box's text matches: `compact` (the text without spaces) inside a CIP13,
 * `lot` (the same in capitals, as lot numbers are stored) inside a lot number, and `words`
 * (accents and case ignored, catalogue.usecases `queryWords`) as word prefixes of the drug's
 * name or substances. Null when the text holds nothing to search.
 */
export function stockSearchTerms(q: string | undefined, words: (q: string) => string[]) {
  const compact = (q ?? '').replace(/\s+/g, '');
  if (compact === '') return null;
  return { compact, lot: compact.toLocaleUpperCase('fr'), words: words(q ?? '') };
}
