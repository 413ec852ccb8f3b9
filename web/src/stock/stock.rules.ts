// Pure helpers of the stock pages: no React, no fetch, so unit tests can hold them.
import { decodeText } from '../../../server/shared/text-decode';
import type { MessageKey } from '../i18n/catalogue';
import { isMessageKey } from '../i18n/i18n';
import { parisParts } from '../shared/format';
import { parseNumberText } from '../shared/number-text';
import { serverNow } from '../shared/server-clock';
import type { TransferBox, TransferStatus } from './stock.api';

/** Today's calendar date in Paris, 'YYYY-MM-DD'. */
export function parisToday(now: Date = serverNow()): string {
  const p = parisParts(now);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Whole days from `today` to a calendar date, negative when past. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Days left in the Paris calendar month of `today` (0 on its last day). */
export function daysToEndOfMonth(today: string): number {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return daysBetween(today, last);
}

/** The month before the one of `today`, 'YYYY-MM': the one a settlement usually closes. */
export function previousMonth(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * A price typed in euros (number, or text with a comma) as integer cents; undefined when
 * empty or not a price. Rounded to the cent so 0.1 + 0.2 style float noise never reaches the API.
 */
export function eurosToCents(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  // Read as the number fields read it: « 1e3 » or « 0x10 » is not a price (Number() took them for 1 000 and 16).
  const euros = typeof value === 'number' ? value : parseNumberText(value);
  if (typeof euros !== 'number' || !Number.isFinite(euros)) return undefined;
  return Math.round(euros * 100);
}

/**
 * A unit cost typed in euros, kept as bought: thousandths of a cent (0,043 € → 4 300), up to
 * five decimals; undefined when empty or not a price. The API rounds amounts once (centsOf).
 */
export function eurosToMillicents(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  // Read as the number fields read it: « 1e3 » or « 0x10 » is not a price (Number() took them for 1 000 and 16).
  const euros = typeof value === 'number' ? value : parseNumberText(value);
  if (typeof euros !== 'number' || !Number.isFinite(euros)) return undefined;
  return Math.round(euros * 100_000);
}

/** Whole cents of a cost in millicents, halves up: the API's rounding rule (centsOf). */
export const millicentsToCents = (millicents: number | undefined) =>
  millicents === undefined ? undefined : Math.round(millicents / 1000);

/** How close a lot is to its expiry: past, within the expiring-soon window, or fine. */
export function expiryState(today: string, expiryDate: string, soonDays = 90): 'expired' | 'soon' | 'ok' {
  const days = daysBetween(today, expiryDate);
  if (days < 0) return 'expired';
  return days <= soonDays ? 'soon' : 'ok';
}

export type TransferAction = 'accept' | 'reject' | 'ship' | 'cancel' | 'receive';

/**
 * What our side may do with a transfer now (the server's rule, SPEC §4): the sender
 * (inbox) accepts or rejects a request, then ships or cancels; the receiver (outbox)
 * cancels until it is shipped, then receives.
 */
export function transferActions(box: TransferBox, status: TransferStatus): TransferAction[] {
  if (box === 'inbox') {
    if (status === 'requested') return ['accept', 'reject'];
    if (status === 'accepted') return ['ship', 'cancel'];
    return [];
  }
  if (status === 'requested' || status === 'accepted') return ['cancel'];
  if (status === 'shipped') return ['receive'];
  return [];
}

/**
 * A CSV file's text, by the rule the API applies to uploads (server/shared/text-decode.ts): a BOM
 * decides (UTF-8, UTF-16), else UTF-8 when the bytes are valid UTF-8, else Windows-1252, the
 * encoding most pharmacy software still exports in.
 */
export function decodeCsv(bytes: ArrayBuffer): string {
  return decodeText(new Uint8Array(bytes)).text;
}

/**
 * The catalogue message for an import row error: the server sends a code and its values
 * (stock-import.models.ts), read as `stockImport.reason.<code>`; null for a code this
 * version of the app does not know (its English reason is shown instead).
 */
export function importMessage(error: {
  code: string;
  params: Record<string, string | number>;
}): { key: MessageKey; params: Record<string, string | number> } | null {
  const key = `stockImport.reason.${error.code}`;
  return isMessageKey(key) ? { key, params: error.params } : null;
}
