/**
 * Calendar arithmetic on `YYYY-MM-DD` days for the review rules (no time, so no time zone):
 * ages and month steps. Pure; shared by the server and the web.
 */

const parts = (day: string) => [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))] as const;

const daysInMonth = (year: number, month: number) => {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `day` plus `months` calendar months; a day that the target month lacks becomes its last day
 * (`2026-08-31` + 6 months → `2027-02-28`). `months` may be negative.
 */
export function addCalendarMonths(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

/**
 * Age in whole years on `day`: the birthday itself counts (65 on the day of the 65th birthday).
 * Someone born on 29 February has their birthday on 1 March in common years.
 */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(day);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/** `day` plus `days` calendar days (negative to go back). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d + days);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}
