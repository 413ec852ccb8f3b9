/** Posology in French words, as the PDF reports print it (the GP report, the production sheet). */

const WEEKDAYS = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** A dose in units, French: `0.5` → `½`, `1.25` → `1 ¼`. */
export function unitsText(units: number): string {
  const whole = Math.floor(units);
  const quarter = ['', '¼', '½', '¾'][Math.round((units - whole) * 4)] ?? '';
  return whole === 0 ? quarter || '0' : `${whole}${quarter ? ` ${quarter}` : ''}`;
}

/**
 * A PDA line's doses per administration time, French: "matin 1, soir ½", "(si besoin)" after a
 * line taken as needed; for a line entered at the pharmacy, its posology in words as typed
 * (« 1 comprimé matin et soir »), or "—" when none was.
 */
export function dosesText(m: {
  doses: { time: string; units: number }[] | null;
  asNeeded: boolean;
  schedule?: NonNullable<Change['schedule']> | null;
  dosage?: string | null;
}): string {
  // A line entered at the pharmacy has its posology in words, as the prescription gives it.
  if (!m.doses) return m.dosage ?? '—';
  const doses = m.doses.map((d) => `${d.time} ${unitsText(d.units)}`).join(', ');
  // A line not taken every day says on which days: read as daily, the dose would be wrong.
  const days = m.schedule && m.schedule.kind !== 'daily' ? scheduleText(m.schedule) : '';
  const text = doses && days ? `${doses} — ${days}` : doses;
  if (m.asNeeded) return text ? `${text} (si besoin)` : 'si besoin';
  return text || '—';
}

export type Change = {
  cip13?: string;
  doses?: Record<string, number>;
  schedule?:
    | { kind: 'daily' }
    | { kind: 'weekdays'; weekdays: number[] }
    | { kind: 'every_n_days'; n: number; from: string };
};

/** The days a line is taken on, French: "tous les jours", "les lundi et jeudi", "tous les 3 jours à partir du 02/11/2026". */
export function scheduleText(s: NonNullable<Change['schedule']>): string {
  if (s.kind === 'weekdays') {
    const days = s.weekdays.map((d) => WEEKDAYS[d] ?? String(d));
    return `les ${days.length > 1 ? `${days.slice(0, -1).join(', ')} et ${days.at(-1)}` : days[0]}`;
  }
  if (s.kind === 'every_n_days') return `tous les ${s.n} jours à partir du ${frDate(s.from)}`;
  return 'tous les jours';
}

/** `2026-11-23` → `23/11/2026`. */
export function frDate(day: string) {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}
