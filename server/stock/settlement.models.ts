// Pure rules of the monthly settlement's state (SPEC §4, issue #15): whether a month is still
// provisional, which months a year's list shows, and a transfer's lots as one line. No database,
// no clock, no I/O; the netting itself is `settle` in stock.models.ts.

/**
 * A month's statement (or one pair's line of it) is provisional while the Paris month is not over
 * (`now` before the month's end) or while a transfer asked for or shipped during the month is
 * still open (requested, accepted or shipped): its figures may still move, so it is not paid yet.
 */
export function isProvisional(monthEnd: Date, now: Date, openTransfers: number): boolean {
  return now.getTime() < monthEnd.getTime() || openTransfers > 0;
}

/**
 * The months of `year` a year's list shows (`YYYY-MM`, January first): every month up to
 * `currentMonth` (the Paris month of today) — all twelve for a past year, none for a future one.
 */
export function monthsOfYear(year: number, currentMonth: string): string[] {
  const months: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > currentMonth) break;
    months.push(month);
  }
  return months;
}

/** `${debtorId}|${creditorId}`: the key of one payment line of a month. */
export const paymentKey = (debtorId: number, creditorId: number) => `${debtorId}|${creditorId}`;

/**
 * The lots a transfer moved, as printed on the statement: `LOT1 (6), LOT2 (4)` — units
 * received per lot (shipped units when the receipt recorded none), lots of 0 units left out.
 */
export function lotsLine(lines: { lotNumber: string; quantity: number; quantityReceived: number | null }[]): {
  lots: string;
  quantity: number;
} {
  const parts: string[] = [];
  let quantity = 0;
  for (const l of lines) {
    const units = l.quantityReceived ?? l.quantity;
    if (units <= 0) continue;
    quantity += units;
    parts.push(`${l.lotNumber} (${units})`);
  }
  return { lots: parts.join(', '), quantity };
}
