/**
 * Who may have a bilan partagé de médication (BPM), as dated rules (SPEC §7). Pure: no database,
 * no clock; the caller passes the Paris calendar day and the patient's medication lines with
 * what the catalogue says about them (reimbursed or not, active substances).
 *
 * Sources: convention nationale pharmaceutique du 9 mars 2022 (arrêté du 31 mars 2022), art. III
 * as amended by avenant n° 1 (arrêté du 5 juillet 2024, JORF 7 juillet 2024): "patients âgés de
 * 65 ans et plus et polymédiqués (5 traitements différents pour une durée rétrospective ou
 * prévisionnelle d'au moins 6 mois)", counted as reimbursed active substances; and, since
 * 1 January 2026, the BPM prescribed by the médecin traitant for patients over 80 with at least
 * 10 medication lines (convention médicale 2024, consultation de déprescription).
 */
import { addCalendarMonths, addDays, ageOn } from './calendar.models';

export const ELIGIBILITY_RULE_IDS = ['age65_substances5', 'gp_over80_lines10'] as const;
export type EligibilityRuleId = (typeof ELIGIBILITY_RULE_IDS)[number];

/** A dated rule: in force on the days `from` … `to` (both included; `to` null: still in force). */
export type EligibilityRule = {
  id: EligibilityRuleId;
  from: string;
  to: string | null;
  minAge: number;
  /** Rule 1: distinct reimbursed active substances, each prescribed continuously `months`. */
  minSubstances?: number;
  months?: number;
  /** Rule 2: active medication lines on the day, and a GP's prescription of the BPM. */
  minLines?: number;
  needsGpPrescription?: boolean;
};

export const ELIGIBILITY_RULES: readonly EligibilityRule[] = [
  { id: 'age65_substances5', from: '2018-01-01', to: null, minAge: 65, minSubstances: 5, months: 6 },
  { id: 'gp_over80_lines10', from: '2026-01-01', to: null, minAge: 80, minLines: 10, needsGpPrescription: true },
];

/** An active substance as the catalogue's compositions name it (code of BDPM CIS_COMPO). */
export type Substance = { code: string; name: string };

/** One medication line of the patient, with the catalogue facts about its presentation. */
export type EligibilityLine = {
  cip13: string;
  startDate: string;
  /** Last day taken, included; null: open-ended. */
  endDate: string | null;
  /** True when the presentation has a reimbursement rate (BDPM CIS_CIP "taux de remboursement") above 0. */
  reimbursed: boolean;
  substances: Substance[];
};

export type EligibilityInput = {
  /** Paris calendar day the rules are evaluated on. */
  day: string;
  birthDate: string | null;
  lines: EligibilityLine[];
  /** Day a GP prescribed the BPM (rule of 2026), if any. */
  gpPrescriptionDate?: string | null;
};

/** One condition of one rule, held or not, with the numbers a pharmacist reads back. */
export type EligibilityReason = {
  rule: EligibilityRuleId;
  code: 'rule_not_in_force' | 'age' | 'substances' | 'lines' | 'gp_prescription';
  met: boolean;
  params: Record<string, string | number>;
  /** For `substances`: the substances that count, by name. */
  items?: string[];
};

export type Eligibility = { eligible: boolean; rule: EligibilityRuleId | null; reasons: EligibilityReason[] };

/** Thrown when the age cannot be known: the API answers 422 `reviews.birth_date_missing`. */
export class BirthDateMissing extends Error {
  readonly code = 'reviews.birth_date_missing';
  constructor() {
    super('The patient has no birth date: eligibility cannot be computed');
  }
}

const inForce = (rule: EligibilityRule, day: string) => rule.from <= day && (rule.to == null || day <= rule.to);

/**
 * The patient's eligibility on `input.day`: eligible when one rule in force holds; `rule` is
 * the first that holds. Reasons list every condition of every rule (a rule not yet in force
 * says so, with its start day). Throws `BirthDateMissing` without a birth date.
 */
export function evaluateEligibility(
  input: EligibilityInput,
  rules: readonly EligibilityRule[] = ELIGIBILITY_RULES,
): Eligibility {
  if (!input.birthDate) throw new BirthDateMissing();
  const age = ageOn(input.birthDate, input.day);
  const reasons: EligibilityReason[] = [];
  let holding: EligibilityRuleId | null = null;
  for (const rule of rules) {
    if (!inForce(rule, input.day)) {
      reasons.push({ rule: rule.id, code: 'rule_not_in_force', met: false, params: { from: rule.from } });
      continue;
    }
    const conditions = ruleConditions(rule, input, age);
    reasons.push(...conditions);
    if (holding == null && conditions.every((c) => c.met)) holding = rule.id;
  }
  return { eligible: holding != null, rule: holding, reasons };
}

function ruleConditions(rule: EligibilityRule, input: EligibilityInput, age: number): EligibilityReason[] {
  const out: EligibilityReason[] = [
    { rule: rule.id, code: 'age', met: age >= rule.minAge, params: { age, min: rule.minAge } },
  ];
  if (rule.minSubstances != null) {
    const months = rule.months ?? 6;
    const counted = continuousSubstances(input.lines, input.day, months);
    out.push({
      rule: rule.id,
      code: 'substances',
      met: counted.length >= rule.minSubstances,
      params: { count: counted.length, min: rule.minSubstances, months },
      items: counted.map((s) => s.name),
    });
  }
  if (rule.minLines != null) {
    const count = activeLines(input.lines, input.day).length;
    out.push({ rule: rule.id, code: 'lines', met: count >= rule.minLines, params: { count, min: rule.minLines } });
  }
  if (rule.needsGpPrescription) {
    const date = input.gpPrescriptionDate;
    const met = date != null && date <= input.day;
    out.push({ rule: rule.id, code: 'gp_prescription', met, params: met ? { date } : {} });
  }
  return out;
}

/** Lines being taken on `day` (started, and not ended before it). */
export function activeLines<L extends Pick<EligibilityLine, 'startDate' | 'endDate'>>(lines: L[], day: string): L[] {
  return lines.filter((l) => l.startDate <= day && (l.endDate == null || l.endDate >= day));
}

/**
 * Distinct reimbursed active substances taken on `day` whose continuous prescription lasts at
 * least `months` months. Lines of one substance (two presentations, a renewal) merge when they
 * overlap or follow each other day after day; a gap of one day breaks the run. The run counts
 * from its first day to its planned end (a line with an end date: durée prévisionnelle) or, when
 * open-ended, to `day` (durée rétrospective): `start + months ≤ end`. Non-reimbursed lines never count.
 */
export function continuousSubstances(lines: EligibilityLine[], day: string, months: number): Substance[] {
  const bySubstance = new Map<string, { substance: Substance; spans: Array<[string, string | null]> }>();
  for (const line of lines) {
    if (!line.reimbursed) continue;
    for (const s of line.substances) {
      const entry = bySubstance.get(s.code) ?? { substance: s, spans: [] };
      entry.spans.push([line.startDate, line.endDate]);
      bySubstance.set(s.code, entry);
    }
  }
  const counted: Substance[] = [];
  for (const { substance, spans } of bySubstance.values()) {
    const run = runContaining(spans, day);
    if (run && addCalendarMonths(run.start, months) <= (run.end ?? day)) counted.push(substance);
  }
  return counted.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** The merged run of spans that contains `day` (end null: open-ended), or null. */
function runContaining(
  spans: Array<[string, string | null]>,
  day: string,
): { start: string; end: string | null } | null {
  const sorted = [...spans].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let run: { start: string; end: string | null } | null = null;
  let found: { start: string; end: string | null } | null = null;
  for (const [start, end] of sorted) {
    if (run && (run.end == null || nextDay(run.end) >= start)) {
      if (run.end != null && (end == null || end > run.end)) run.end = end;
    } else {
      if (found) break;
      run = { start, end };
    }
    if (run.start <= day && (run.end == null || run.end >= day)) found = run;
  }
  return found;
}

const nextDay = (day: string) => addDays(day, 1);

/** A composition line of the BDPM (CIS_COMPO): the presentation's CIS, its link number and nature. */
export type CompositionRow = {
  cis: string;
  linkNo: number;
  nature: string;
  substanceCode: string;
  substanceName: string;
};

/**
 * The active substances of one speciality from its composition lines: per link number, the
 * therapeutic fraction (FT, e.g. AMLODIPINE) when the file gives one, else the substance as
 * written (SA, e.g. BÉSILATE D'AMLODIPINE). So two salts or two brands of one molecule are one
 * substance, and a fixed combination counts each of its molecules.
 */
export function activeSubstances(rows: CompositionRow[]): Substance[] {
  const byLink = new Map<string, CompositionRow>();
  for (const row of rows) {
    if (row.nature !== 'SA' && row.nature !== 'FT') continue;
    const key = `${row.cis}:${row.linkNo}`;
    const seen = byLink.get(key);
    if (!seen || (seen.nature === 'SA' && row.nature === 'FT')) byLink.set(key, row);
  }
  const out = new Map<string, Substance>();
  for (const row of byLink.values())
    out.set(row.substanceCode, { code: row.substanceCode, name: row.substanceName.trim() });
  return [...out.values()];
}
