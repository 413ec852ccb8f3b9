// Pure helpers of the shares pages (unit-tested in tests/unit/web-shares.test.ts).

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Paris, 'YYYY-MM-DD'. */
export const parisToday = (now = new Date()) => PARIS_DAY.format(now);

/** Euros as typed ("1 234,56", 1234.56) into integer cents, exactly; undefined when it is not an amount. */
export function eurosToCents(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const text = typeof value === 'number' ? value.toFixed(10) : value.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return undefined;
  const decimals = (match[3] ?? '').replace(/0+$/, '');
  // More than two decimals is not an amount in cents: the schema then says so.
  if (decimals.length > 2) return Number(text) * 100;
  const cents = Number(match[2]) * 100 + Number(decimals.padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** The first day of the quarter a date is in. */
export function quarterStart(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
}

/** The period that holds `today` among `periods` (the narrowest), else the latest one, else null. */
export function defaultPeriod<P extends { start: string; end: string }>(
  periods: readonly P[],
  today: string,
): P | null {
  const holding = periods.filter((p) => p.start <= today && today <= p.end).sort((a, b) => (a.end < b.end ? -1 : 1));
  return holding[0] ?? [...periods].sort((a, b) => (a.end < b.end ? 1 : -1))[0] ?? null;
}

/** A period's name in French: "T4 2026", "novembre 2026", "exercice 2026". */
export function periodName(p: { kind: 'month' | 'quarter' | 'year'; start: string }, lang: 'fr' | 'en' = 'fr'): string {
  const year = p.start.slice(0, 4);
  const month = Number(p.start.slice(5, 7));
  if (p.kind === 'quarter') return `${lang === 'fr' ? 'T' : 'Q'}${(month + 2) / 3} ${year}`;
  if (p.kind === 'year') return lang === 'fr' ? `exercice ${year}` : `year ${year}`;
  const name = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(
    new Date(`${p.start}T12:00:00Z`),
  );
  return `${name} ${year}`;
}

/** Cents as a signed amount for a net: "+1 234,56 €" / "-12,00 €" (the sign says who pays). */
export function signedMoney(cents: number, format: (cents: number) => string): string {
  return cents > 0 ? `+${format(cents)}` : format(cents);
}
