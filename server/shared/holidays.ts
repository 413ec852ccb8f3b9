/**
 * French public holidays (jours fériés, Code du travail art. L3133-1): the eleven days the robot's
 * host pharmacy closes and no weekly order is delivered on, Easter-based ones included. Alsace-Moselle's extra days do not apply in
 * the Limousin. Pure: calendar dates only.
 */
import { addCalendarDays } from './dates';
import { keptBy } from './memo';

/** Easter Sunday of a Gregorian year, `YYYY-MM-DD` (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type PublicHoliday = { date: string; name: string };

/** The French public holidays on the Paris days `firstDay` … `lastDay` (both included), any years, in date order. */
export function publicHolidaysBetween(firstDay: string, lastDay: string): Readonly<PublicHoliday>[] {
  const out: Readonly<PublicHoliday>[] = [];
  for (let year = Number(firstDay.slice(0, 4)); year <= Number(lastDay.slice(0, 4)); year++) {
    for (const h of frenchPublicHolidays(year)) if (h.date >= firstDay && h.date <= lastDay) out.push(h);
  }
  return out;
}

/** The French public holiday on the Paris day `day` (`YYYY-MM-DD`), or `undefined` on any other day. */
export function publicHolidayOn(day: string): Readonly<PublicHoliday> | undefined {
  return frenchPublicHolidays(Number(day.slice(0, 4))).find((h) => h.date === day);
}

const holidaysOfYear = keptBy<readonly Readonly<PublicHoliday>[]>(200);

/**
 * The eleven French public holidays of a year, in date order, with their French names. Kept per
 * year, frozen and shared: the robot's calendar, slots and closures ask the year of their week on
 * every request (issue 16).
 */
export function frenchPublicHolidays(year: number): readonly Readonly<PublicHoliday>[] {
  return holidaysOfYear(String(year), () => Object.freeze(holidaysComputed(year).map((h) => Object.freeze(h))));
}

function holidaysComputed(year: number): PublicHoliday[] {
  const y = String(year).padStart(4, '0');
  const easter = easterSunday(year);
  return [
    { date: `${y}-01-01`, name: 'Jour de l’an' },
    { date: addCalendarDays(easter, 1), name: 'Lundi de Pâques' },
    { date: `${y}-05-01`, name: 'Fête du Travail' },
    { date: `${y}-05-08`, name: 'Victoire 1945' },
    { date: addCalendarDays(easter, 39), name: 'Ascension' },
    { date: addCalendarDays(easter, 50), name: 'Lundi de Pentecôte' },
    { date: `${y}-07-14`, name: 'Fête nationale' },
    { date: `${y}-08-15`, name: 'Assomption' },
    { date: `${y}-11-01`, name: 'Toussaint' },
    { date: `${y}-11-11`, name: 'Armistice 1918' },
    { date: `${y}-12-25`, name: 'Noël' },
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
