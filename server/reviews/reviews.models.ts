/**
 * Pure rules of the bilan partagé de médication (SPEC §7): the steps of each year of follow-up
 * and their order, due dates, the dated fee schedule, and the SFPC Act-IP codes of drug-related
 * problems and pharmacist interventions. No database, no clock, no I/O; the web imports it.
 */
import { addCalendarMonths, addDays } from './calendar.models';

export const STEP_KINDS = ['adhesion', 'recueil', 'analyse', 'conseil', 'observance'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * Whether a step is met with the patient, in person or at a distance (the interviews, and the
 * patient's adhesion): the analysis of the treatments is the pharmacist's own work, with no
 * modality to record (convention pharmaceutique, avenant n° 21, the BPM's steps).
 */
export const stepMeetsPatient = (kind: StepKind): boolean => kind !== 'analyse';

/**
 * The three courses of a year of follow-up: the first year; a following year when the treatment
 * changed (updated analysis, advice, adherence follow-up); a following year without change (two
 * adherence interviews about six months apart). Avenant n° 1 (arrêté du 5 juillet 2024), art. III B.
 */
export const TRACKS = ['first', 'following_changed', 'following_unchanged'] as const;
export type Track = (typeof TRACKS)[number];

/**
 * `cancelled`: started by mistake and cancelled before any act was billed (kept, out of fees and
 * alerts). `interrupted`: stopped for good after acts were billed (the patient moved, went into
 * hospital, refused to go on): its billed acts stay in the fees, no further step is recorded.
 */
export const REVIEW_STATUSES = ['open', 'completed', 'cancelled', 'interrupted'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const STEP_PLANS: Record<Track, readonly StepKind[]> = {
  first: ['adhesion', 'recueil', 'analyse', 'conseil', 'observance'],
  following_changed: ['analyse', 'conseil', 'observance'],
  following_unchanged: ['observance', 'observance'],
};

/** The course of a year: the first year, or a following one with or without a treatment change. */
export function trackOf(followUpYear: number, treatmentChanged: boolean): Track {
  if (followUpYear <= 1) return 'first';
  return treatmentChanged ? 'following_changed' : 'following_unchanged';
}

/** One planned step: its kind, its rank in the plan (1-based) and its rank among steps of that kind. */
export type PlannedStep = { seq: number; kind: StepKind; ordinal: number };

export function planOf(track: Track): PlannedStep[] {
  const seen = new Map<StepKind, number>();
  return STEP_PLANS[track].map((kind, i) => {
    const ordinal = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, ordinal);
    return { seq: i + 1, kind, ordinal };
  });
}

export type DoneStep = { kind: StepKind; date: string };

export type StepCheck =
  | { ok: true; planned: PlannedStep; closes: boolean }
  | {
      ok: false;
      code:
        | 'step_in_future'
        | 'review_completed'
        | 'step_out_of_order'
        | 'step_before_previous'
        | 'step_before_start'
        | 'step_after_year_end'
        | 'follow_up_same_day';
      details: Record<string, string | number>;
    };

/** The first day of the next year of follow-up after a review started on `startedOn` (12 months on). */
export const nextYearFrom = (startedOn: string) => addCalendarMonths(startedOn, 12);

/**
 * Whether `kind` dated `date` may be recorded next: never in the future (Paris `today`), never
 * before the review's start (`startedOn`: a step before it would be billed in a year that had
 * not begun) nor on or after the first day of the next year of follow-up (`step_after_year_end`:
 * year N's acts would overlap year N+1's), only the next step of the plan, never before the
 * previous step's date, and an adherence follow-up strictly after the interview before it
 * (`follow_up_same_day`: it follows the advice up). `closes` is true for the last step of the
 * plan (recording it completes the review).
 */
export function checkNextStep(args: {
  track: Track;
  done: DoneStep[];
  kind: StepKind;
  date: string;
  today: string;
  startedOn?: string;
}): StepCheck {
  const { track, done, kind, date, today, startedOn } = args;
  if (date > today) return { ok: false, code: 'step_in_future', details: { date, today } };
  if (startedOn !== undefined && date < startedOn)
    return { ok: false, code: 'step_before_start', details: { date, startedOn } };
  if (startedOn !== undefined && date >= nextYearFrom(startedOn))
    return { ok: false, code: 'step_after_year_end', details: { date, nextYearFrom: nextYearFrom(startedOn) } };
  const plan = planOf(track);
  const planned = plan[done.length];
  if (!planned) return { ok: false, code: 'review_completed', details: { steps: plan.length } };
  if (planned.kind !== kind)
    return { ok: false, code: 'step_out_of_order', details: { expected: planned.kind, got: kind } };
  const previous = done[done.length - 1];
  if (previous && date < previous.date) {
    return { ok: false, code: 'step_before_previous', details: { date, previousDate: previous.date } };
  }
  if (previous && kind === 'observance' && date === previous.date) {
    return { ok: false, code: 'follow_up_same_day', details: { date, previousKind: previous.kind } };
  }
  return { ok: true, planned, closes: planned.seq === plan.length };
}

/**
 * Whether the patient's consent (adhésion) is on record for a year of follow-up, so that its
 * drug-related problems may be recorded (SPEC §7: problems are recorded during analysis, which
 * comes after consent). The first year needs its own `adhesion` step (`steps`); a following year
 * has no consent step in its plan (STEP_PLANS) and relies on the consent of the patient's
 * first year (`firstYearSteps`, the steps of that review; empty when there is none).
 */
export function consentRecorded(track: Track, steps: readonly DoneStep[], firstYearSteps: readonly DoneStep[]) {
  return (track === 'first' ? steps : firstYearSteps).some((s) => s.kind === 'adhesion');
}

/**
 * Whether the analysis of the treatments was sent to the GP, so that the GP's answer to a
 * problem may be recorded (SPEC §7: the GP answers the analysis sent to him): the year's
 * `analyse` step is recorded. A year whose plan has no analysis (a following year without
 * treatment change: two adherence interviews) sends the GP the problem itself: its answer may
 * be recorded once the problem is (which already needs the first year's consent).
 */
export function analysisSent(track: Track, steps: readonly DoneStep[]) {
  if (!STEP_PLANS[track].includes('analyse')) return true;
  return steps.some((s) => s.kind === 'analyse');
}

export type InterruptCheck =
  | { ok: true }
  | { ok: false; code: 'interrupt_in_future' | 'interrupt_before_last_step'; details: Record<string, string> };

/**
 * Whether a review may be marked interrupted on `date`: never after `today` (Paris), never before
 * the review's start nor before its last recorded step (`lastStepDate`, null when none): the steps
 * done before the interruption stay billed, so the interruption comes after them.
 */
export function checkInterruptDate(args: {
  date: string;
  today: string;
  startedOn: string;
  lastStepDate: string | null;
}): InterruptCheck {
  const { date, today, startedOn, lastStepDate } = args;
  if (date > today) return { ok: false, code: 'interrupt_in_future', details: { date, today } };
  const floor = lastStepDate != null && lastStepDate > startedOn ? lastStepDate : startedOn;
  if (date < floor) return { ok: false, code: 'interrupt_before_last_step', details: { date, lastDate: floor } };
  return { ok: true };
}

/** How long after the review's start (first step) or the previous step a step falls due. */
export type DueDelay = { from: 'start' | 'previous'; months?: number; days?: number };

/**
 * Default delays, per course and step rank (configurable: pass others to `nextDue`). The advice
 * interview's adherence follow-up comes about six months later, as do the two adherence
 * interviews of a year without change.
 */
export const DEFAULT_DUE_DELAYS: Record<Track, readonly DueDelay[]> = {
  first: [
    { from: 'start' },
    { from: 'previous', months: 1 },
    { from: 'previous', months: 1 },
    { from: 'previous', months: 1 },
    { from: 'previous', months: 6 },
  ],
  following_changed: [
    { from: 'start', months: 1 },
    { from: 'previous', months: 1 },
    { from: 'previous', months: 6 },
  ],
  following_unchanged: [
    { from: 'start', months: 1 },
    { from: 'previous', months: 6 },
  ],
};

const shift = (day: string, d: DueDelay) => addDays(addCalendarMonths(day, d.months ?? 0), d.days ?? 0);

/**
 * The next step to record and its due date, or null once the plan is done. A due date never
 * falls in the next year of follow-up: at the latest the last day of the review's year.
 */
export function nextDue(
  track: Track,
  startedOn: string,
  done: DoneStep[],
  delays: Record<Track, readonly DueDelay[]> = DEFAULT_DUE_DELAYS,
): (PlannedStep & { dueDate: string }) | null {
  const planned = planOf(track)[done.length];
  if (!planned) return null;
  const delay = delays[track][planned.seq - 1] ?? { from: 'previous' };
  const previous = done[done.length - 1];
  const base = delay.from === 'previous' && previous ? previous.date : startedOn;
  const due = shift(base, delay);
  const lastDay = addDays(nextYearFrom(startedOn), -1);
  return { ...planned, dueDate: due > lastDay ? lastDay : due };
}

export type DueState = 'overdue' | 'due' | 'later';

/** `overdue` before `today`; `due` from today to `horizon` (the coming seven days: `dueHorizonOf`); else `later`. */
export function dueState(dueDate: string, today: string, horizon: string): DueState {
  if (dueDate < today) return 'overdue';
  return dueDate <= horizon ? 'due' : 'later';
}

/** One billable (or tracer) act of a fee schedule: which step of which course, its code and amount. */
export type FeeAct = { track: Track; kind: StepKind; ordinal: number; actCode: string; amountCents: number };

/** A fee schedule in force from `validFrom` (Paris day) until the next one starts. */
export type FeeSchedule = { validFrom: string; label: string; acts: FeeAct[] };

/**
 * The schedule in force since 8 January 2025 (per-act payment of the BPM, avenant n° 1 to the
 * convention pharmaceutique of 9 March 2022, approved by arrêté du 5 juillet 2024, JORF 7 juillet
 * 2024; tariffs summarised in "Accompagnements pharmaceutiques : tous les tarifs et codes actes",
 * Le Quotidien du pharmacien, January 2025). Consent is the tracer code TAC, priced 0,01 € in the
 * convention's table (art. III C). Totals per SPEC §7: first year 65 € in four acts, following
 * years 30 €. The sources at hand do not give the split of those totals per step nor the per-step
 * act codes, so the split below and the `BPM…` codes are the cooperative's, to be checked against
 * the convention's annex; the admin edits them by adding a schedule (they are data, not code).
 */
export const SEED_FEE_SCHEDULE: FeeSchedule = {
  validFrom: '2025-01-08',
  label: 'Avenant n° 1 — paiement à l’acte du BPM (8 janvier 2025)',
  acts: [
    { track: 'first', kind: 'adhesion', ordinal: 1, actCode: 'TAC', amountCents: 1 },
    { track: 'first', kind: 'recueil', ordinal: 1, actCode: 'BPM1-RECUEIL', amountCents: 2500 },
    { track: 'first', kind: 'analyse', ordinal: 1, actCode: 'BPM1-ANALYSE', amountCents: 1500 },
    { track: 'first', kind: 'conseil', ordinal: 1, actCode: 'BPM1-CONSEIL', amountCents: 1500 },
    { track: 'first', kind: 'observance', ordinal: 1, actCode: 'BPM1-SUIVI', amountCents: 1000 },
    { track: 'following_changed', kind: 'analyse', ordinal: 1, actCode: 'BPMS-ANALYSE', amountCents: 1000 },
    { track: 'following_changed', kind: 'conseil', ordinal: 1, actCode: 'BPMS-CONSEIL', amountCents: 1000 },
    { track: 'following_changed', kind: 'observance', ordinal: 1, actCode: 'BPMS-SUIVI', amountCents: 1000 },
    { track: 'following_unchanged', kind: 'observance', ordinal: 1, actCode: 'BPMS-OBS1', amountCents: 1500 },
    { track: 'following_unchanged', kind: 'observance', ordinal: 2, actCode: 'BPMS-OBS2', amountCents: 1500 },
  ],
};

/** The schedule in force on `day`: the one with the latest `validFrom` on or before it, or null. */
export function scheduleOn<S extends Pick<FeeSchedule, 'validFrom'>>(schedules: readonly S[], day: string): S | null {
  let best: S | null = null;
  for (const s of schedules) if (s.validFrom <= day && (!best || s.validFrom > best.validFrom)) best = s;
  return best;
}

/**
 * The act a step done on `day` records, from the schedule in force that day: its code and amount
 * in cents; null when no schedule covers the day or the schedule does not bill that step.
 */
export function feeFor(
  schedules: readonly FeeSchedule[],
  step: { track: Track; kind: StepKind; ordinal: number; date: string },
): { actCode: string; amountCents: number; validFrom: string } | null {
  const schedule = scheduleOn(schedules, step.date);
  const act = schedule?.acts.find((a) => a.track === step.track && a.kind === step.kind && a.ordinal === step.ordinal);
  return schedule && act ? { actCode: act.actCode, amountCents: act.amountCents, validFrom: schedule.validFrom } : null;
}

/** Total of a course's acts in a schedule, in cents (what a year of follow-up brings in). */
export const trackTotalCents = (schedule: FeeSchedule, track: Track) =>
  schedule.acts.filter((a) => a.track === track).reduce((sum, a) => sum + a.amountCents, 0);

/**
 * The acts of the schedule in force (`current`) that a new schedule leaves out, as
 * `missing:track:kind:ordinal`: a step whose act is missing would be billed nothing.
 */
export function missingFeeActs(current: readonly FeeAct[], next: readonly FeeAct[]): string[] {
  const keyOf = (a: FeeAct) => `${a.track}:${a.kind}:${a.ordinal}`;
  const kept = new Set(next.map(keyOf));
  return current.filter((a) => !kept.has(keyOf(a))).map((a) => `missing:${keyOf(a)}`);
}

/** Problems found in one schedule's acts: each act must match a planned step of its course, once. */
export function checkFeeActs(acts: readonly FeeAct[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const a of acts) {
    const key = `${a.track}:${a.kind}:${a.ordinal}`;
    if (seen.has(key)) problems.push(`duplicate:${key}`);
    seen.add(key);
    if (!planOf(a.track).some((p) => p.kind === a.kind && p.ordinal === a.ordinal)) problems.push(`not_in_plan:${key}`);
    if (!Number.isSafeInteger(a.amountCents) || a.amountCents < 0) problems.push(`amount:${key}`);
  }
  return problems;
}
