import { addCalendarDays, addCalendarYears } from '../shared/dates';

// Pure rules of the share register, the ledger's keys and the periods (SPEC §8): no db, no
// clock, no I/O. Dates are calendar dates `YYYY-MM-DD`; a holding "on" a date counts every
// transaction dated on or before it (the holding at the end of that day).

export const SHARE_TRANSACTION_TYPES = ['subscription', 'transfer', 'redemption'] as const;
export type ShareTransactionType = (typeof SHARE_TRANSACTION_TYPES)[number];
export const LEDGER_KINDS = ['cost', 'revenue'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const ALLOCATION_KEYS = ['holding', 'equal', 'activity'] as const;
export type AllocationKey = (typeof ALLOCATION_KEYS)[number];
export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_STATUSES = ['open', 'closed'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

/** The sane range of the ledger and the register: nothing before the year 2000 or after 2099. */
export const MIN_DATE = '2000-01-01';
export const MAX_DATE = '2099-12-31';
/**
 * How far ahead of today an entry or a transaction may be dated (an invoice for next month), in
 * calendar years: a year ahead to the day (until 2026-12-04 it was 366 days, a day too many).
 */
export const MAX_YEARS_AHEAD = 1;
/** The latest day an entry or a transaction may be dated on `today` ('YYYY-MM-DD', Paris days). */
export const latestOperationDay = (today: string) => addCalendarYears(today, MAX_YEARS_AHEAD);
/** The longest report, in days (ten years): a bound on the work one request may ask for. */
export const MAX_REPORT_DAYS = 3660;

export type ShareTx = {
  date: string;
  type: ShareTransactionType;
  shares: number;
  /** The subscriber, the redeemer, or the member a transfer takes shares from. */
  pharmacyId: number;
  /** The member a transfer gives shares to (null otherwise). */
  toPharmacyId: number | null;
};

/** Days from `a` to `b` (`b - a`), both calendar dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** How a transaction moves holdings: `[pharmacyId, +/- shares]` pairs. */
export function deltasOf(tx: ShareTx): [number, number][] {
  if (tx.type === 'subscription') return [[tx.pharmacyId, tx.shares]];
  if (tx.type === 'redemption') return [[tx.pharmacyId, -tx.shares]];
  return [
    [tx.pharmacyId, -tx.shares],
    [tx.toPharmacyId as number, tx.shares],
  ];
}

export type Holdings = ReadonlyMap<number, number>;
const EMPTY: Holdings = new Map();

/**
 * Holdings through time, derived from the transactions (in any order): `on(date)` is every
 * member's holding at the end of that day (the same map for every day between two dated changes,
 * so that callers may key what they derive from a holding by it); `shareDays(from, to)` sums holdings over each day
 * of `from`…`to` (both included), the numerator of the day-weighted average holding.
 */
export function holdingsTimeline(transactions: readonly ShareTx[]) {
  const byDate = new Map<string, [number, number][]>();
  for (const tx of transactions) {
    const list = byDate.get(tx.date) ?? [];
    list.push(...deltasOf(tx));
    byDate.set(tx.date, list);
  }
  const dates = [...byDate.keys()].sort();
  const states: Holdings[] = [];
  let current = new Map<number, number>();
  for (const date of dates) {
    current = new Map(current);
    for (const [pharmacyId, delta] of byDate.get(date) ?? [])
      current.set(pharmacyId, (current.get(pharmacyId) ?? 0) + delta);
    states.push(current);
  }

  /** Index of the last change on or before `date`, or -1. */
  const indexOn = (date: string) => {
    let lo = 0;
    let hi = dates.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((dates[mid] as string) <= date) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const on = (date: string): Holdings => {
    const i = indexOn(date);
    return i < 0 ? EMPTY : (states[i] as Holdings);
  };

  return {
    on,
    shareDays(from: string, to: string): Map<number, number> {
      const sums = new Map<number, number>();
      const add = (h: Holdings, days: number) => {
        for (const [id, shares] of h) sums.set(id, (sums.get(id) ?? 0) + shares * days);
      };
      let i = indexOn(from);
      let held = i < 0 ? EMPTY : (states[i] as Holdings);
      let segmentStart = from;
      for (i += 1; i < dates.length && (dates[i] as string) <= to; i++) {
        const date = dates[i] as string;
        add(held, daysBetween(segmentStart, date));
        held = states[i] as Holdings;
        segmentStart = date;
      }
      add(held, daysBetween(segmentStart, to) + 1);
      return sums;
    },
    /** The first day on which some holding is below zero, or null: the register's invariant. */
    firstNegative(): { pharmacyId: number; date: string; shares: number } | null {
      for (let i = 0; i < dates.length; i++) {
        for (const [pharmacyId, shares] of states[i] as Holdings) {
          if (shares < 0) return { pharmacyId, date: dates[i] as string, shares };
        }
      }
      return null;
    },
    /** The fewest shares `pharmacyId` holds on any day from `date` on: what may leave it on `date`. */
    minimumFrom(pharmacyId: number, date: string): number {
      let min = on(date).get(pharmacyId) ?? 0;
      for (let i = indexOn(date) + 1; i < dates.length; i++)
        min = Math.min(min, (states[i] as Holdings).get(pharmacyId) ?? 0);
      return min;
    },
  };
}
export type HoldingsTimeline = ReturnType<typeof holdingsTimeline>;

/**
 * The share transactions a register may accept: whole shares, a transfer between two different
 * members. Returns the rule broken, or null. (Holdings are checked on the whole timeline.)
 */
export function checkTransactionShape(
  tx: ShareTx,
): 'shares.transfer_to_self' | 'shares.transfer_needs_recipient' | 'shares.recipient_only_for_transfer' | null {
  if (tx.type === 'transfer') {
    if (tx.toPharmacyId == null) return 'shares.transfer_needs_recipient';
    if (tx.toPharmacyId === tx.pharmacyId) return 'shares.transfer_to_self';
  } else if (tx.toPharmacyId != null) return 'shares.recipient_only_for_transfer';
  return null;
}

/** A dated value (a nominal value, an allocation key): the one in force on `date`, or undefined. */
export function inForce<T extends { validFrom: string }>(sortedByValidFrom: readonly T[], date: string): T | undefined {
  let found: T | undefined;
  for (const row of sortedByValidFrom) {
    if (row.validFrom <= date) found = row;
    else break;
  }
  return found;
}

/** True when `start` opens a period of that kind: the 1st of a month, of a quarter, of January. */
export function isPeriodStart(kind: PeriodKind, start: string): boolean {
  const month = Number(start.slice(5, 7));
  if (start.slice(8, 10) !== '01') return false;
  if (kind === 'quarter') return month % 3 === 1;
  if (kind === 'year') return month === 1;
  return true;
}

/** The last day of the period of `kind` that starts on `start` (a valid period start). */
export function periodEnd(kind: PeriodKind, start: string): string {
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) - 1 + months;
  const next = `${String(y + Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}-01`;
  return addCalendarDays(next, -1);
}

/** The calendar month before the Paris month `YYYY-MM`: its first and last days. */
export function previousMonth(month: string): { month: string; from: string; to: string } {
  const to = addCalendarDays(`${month}-01`, -1);
  return { month: to.slice(0, 7), from: `${to.slice(0, 7)}-01`, to };
}

/**
 * How a category's keys read in the report: its keys in the order they first applied, and the
 * months its `activity` key fell back to holdings (no verified pouch). The fallback is not a key
 * of its own: `holding` is left out of the keys when the fallback explains it (an `activity`
 * category whose holding entries are its fallback months'), and said as "repli" after the key.
 * The report does not tell those from entries of a `holding` key in force earlier in the period.
 */
export function categoryKeys(
  category: { id: number; keys: readonly AllocationKey[] },
  fallbacks: readonly { categoryId: number; month: string }[] | null | undefined,
): { keys: AllocationKey[]; fallbackMonths: string[] } {
  const fallbackMonths = [
    ...new Set((fallbacks ?? []).filter((f) => f.categoryId === category.id).map((f) => f.month)),
  ].sort();
  if (fallbackMonths.length === 0) return { keys: [...category.keys], fallbackMonths };
  const keys = category.keys.filter((k) => k !== 'holding');
  return { keys: keys.includes('activity') ? keys : ['activity', ...keys], fallbackMonths };
}
