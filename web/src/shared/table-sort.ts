export type SortDirection = 'asc' | 'desc';

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/**
 * Rows ordered by a column's value: numbers by size, text in French alphabetical order
 * (accents and case ignored, "lot 9" before "lot 10"). Stable: equal rows keep their order.
 */
export function sortRows<Row>(
  rows: readonly Row[],
  by: (row: Row) => string | number,
  direction: SortDirection,
): Row[] {
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: by(row) }))
    .sort((a, b) => {
      const order =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : collator.compare(String(a.value), String(b.value));
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map(({ row }) => row);
}
