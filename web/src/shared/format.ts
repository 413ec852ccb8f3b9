// Numbers, amounts, dates and times are written as French writes them whatever the UI
// language: the cooperative, its documents and its users are French (SPEC §3, §12), and
// 07/12/2026 reads the same in English. Words are not: the names of weekdays and months follow
// the UI language (« lun. 07/12 », "Mon 07/12").
const PARIS = 'Europe/Paris';

/** The UI languages (i18n's `Lang`), as the locales that name their weekdays and months. */
export type DisplayLang = 'fr' | 'en';
const LOCALE: Record<DisplayLang, string> = { fr: 'fr-FR', en: 'en-GB' };

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const moneyFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(instant: Date | string): Date {
  return typeof instant === 'string' ? new Date(instant) : instant;
}

/** An instant (ISO string or Date) as dd/MM/yyyy in Paris time. */
export function formatDate(instant: Date | string): string {
  return dateFormat.format(toDate(instant));
}

/** An instant as HH:mm in Paris time. */
export function formatTime(instant: Date | string): string {
  return timeFormat.format(toDate(instant));
}

/** An instant as "dd/MM/yyyy HH:mm" in Paris time. */
export function formatDateTime(instant: Date | string): string {
  return `${formatDate(instant)} ${formatTime(instant)}`;
}

/**
 * The end of a period (exclusive instant) as "dd/MM/yyyy HH:mm" in Paris time, a Paris midnight
 * as "24:00" of the day before: a closure of Christmas Day reads 25/12 00:00 → 25/12 24:00, not
 * → 26/12 00:00, which reads like two days.
 */
export function formatEndDateTime(instant: Date | string): string {
  if (formatTime(instant) !== '00:00') return formatDateTime(instant);
  return `${formatDate(new Date(toDate(instant).getTime() - 1))} 24:00`;
}

/** A calendar date 'YYYY-MM-DD' as dd/MM/yyyy, with no time-zone shift. */
export function formatCalendarDate(day: string): string {
  const match = CALENDAR_DATE.exec(day);
  if (!match) throw new Error(`Not a calendar date: ${day}`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

const countFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A count (units, lots, rows) as French writes it, thousands grouped: 11732 → "11 732". */
export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** Integer cents as "1 234,56 €". */
export function formatMoney(cents: number): string {
  if (!Number.isInteger(cents)) throw new Error(`Money must be integer cents, got ${cents}`);
  return moneyFormat.format(cents / 100);
}

const unitCostFormat = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 5,
});

/**
 * A unit cost as bought, in millicents (thousandths of a cent; 100 000 per euro), as "0,043 €":
 * two decimals at least, up to the five the millicent carries, never rounded to the cent (a
 * tablet may cost less than one). Amounts (quantity × cost) are rounded once and use formatMoney.
 */
export function formatUnitCost(millicents: number): string {
  if (!Number.isInteger(millicents)) throw new Error(`Unit cost must be integer millicents, got ${millicents}`);
  return unitCostFormat.format(millicents / 100_000);
}

/** Wall-clock parts of an instant in Paris time. */
export function parisParts(instant: Date): {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
} {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: PARIS,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    weekday: weekdays.indexOf(get('weekday')) + 1,
    hour: Number(get('hour')),
    minute: Number(get('minute')),
  };
}

/** An instant as the API writes it (UTC, ISO 8601). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

const ISO_WEEK = /^\d{4}-W(\d{2})$/;

/**
 * A message placeholder as shown: a calendar date 'YYYY-MM-DD' as dd/MM/yyyy, an instant as
 * dd/MM/yyyy HH:mm in Paris (`formatDateTime`), an ISO week '2026-W52' as its number (« la semaine
 * 52 », as the pages name weeks), anything else unchanged.
 */
export function displayParam(value: string | number): string | number {
  if (typeof value !== 'string') return value;
  if (CALENDAR_DATE.test(value)) return formatCalendarDate(value);
  const week = ISO_WEEK.exec(value);
  if (week) return Number(week[1]);
  return INSTANT.test(value) ? formatDateTime(value) : value;
}

/** Intl formatters by language, built once each (one costs tens of µs to create). */
function perLang(options: Intl.DateTimeFormatOptions): Record<DisplayLang, Intl.DateTimeFormat> {
  return { fr: new Intl.DateTimeFormat(LOCALE.fr, options), en: new Intl.DateTimeFormat(LOCALE.en, options) };
}
const monthFormats = perLang({ month: 'long', year: 'numeric', timeZone: 'UTC' });
const weekdayFormats = {
  short: perLang({ weekday: 'short', timeZone: PARIS }),
  long: perLang({ weekday: 'long', timeZone: PARIS }),
};

/** A month 'YYYY-MM' as "octobre 2026" (French) or "October 2026" (English). */
export function formatMonth(month: string, lang: DisplayLang): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return monthFormats[lang].format(new Date(Date.UTC(year, m - 1, 1)));
}

/**
 * The weekday of a calendar date 'YYYY-MM-DD' or of an instant (in Paris), in the UI language:
 * short « lun. » / "Mon", long « lundi » / "Monday".
 */
export function formatWeekday(day: Date | string, lang: DisplayLang, width: 'short' | 'long'): string {
  // A calendar date's noon UTC is the same day in Paris, summer or winter.
  const instant = typeof day === 'string' && CALENDAR_DATE.test(day) ? new Date(`${day}T12:00:00Z`) : toDate(day);
  return weekdayFormats[width][lang].format(instant);
}
