// Pure helpers of the reviews pages: which catalogue message says what (no React, unit-tested).
import type { GpAnswer, InterventionCode, ProblemCode, ProposalKind } from '../../../server/reviews/act-ip.models';
import {
  planOf,
  REVIEW_STATUSES,
  type ReviewStatus,
  type StepKind,
  TRACKS,
  type Track,
} from '../../../server/reviews/reviews.models';
import { addCalendarDays } from '../../../server/shared/dates';
import type { MessageKey } from '../i18n/catalogue';
import type { Params } from '../i18n/i18n';
import type { EligibilityReason } from './reviews.api';

export { INTERVENTION_CODES, PROBLEM_CODES, proposalKindOf } from '../../../server/reviews/act-ip.models';

/** A step's name: the analysis of a following year is its update. */
export function stepKey(kind: StepKind, followUpYear: number): MessageKey {
  if (kind === 'analyse' && followUpYear > 1) return 'reviews.step.analyseUpdate';
  return `reviews.step.${kind}`;
}

export const trackKey = (track: Track): MessageKey => `reviews.track.${track}`;
export const problemKey = (code: ProblemCode): MessageKey => `reviews.problem.${code}`;
export const interventionKey = (code: InterventionCode): MessageKey => `reviews.intervention.${code}`;
export const proposalKindKey = (kind: ProposalKind): MessageKey => `reviews.proposalKind.${kind}`;

/** An eligibility reason as a sentence: its message (held or not) and its numbers, dates as dd/MM/yyyy. */
export function reasonMessage(reason: EligibilityReason): { key: MessageKey; params: Params } {
  const state = reason.met ? 'met' : 'unmet';
  const key = `reviews.reason.${reason.code}.${state}` as MessageKey;
  const params: Params = {};
  for (const [name, value] of Object.entries(reason.params)) {
    params[name] = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? frenchDate(value) : value;
  }
  return { key, params };
}

const frenchDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** Reasons grouped by rule, in the order the server gives them. */
export function reasonsByRule(reasons: readonly EligibilityReason[]) {
  const groups = new Map<EligibilityReason['rule'], EligibilityReason[]>();
  for (const r of reasons) groups.set(r.rule, [...(groups.get(r.rule) ?? []), r]);
  return [...groups.entries()].map(([rule, items]) => ({ rule, items, holds: items.every((i) => i.met) }));
}

/** The statuses the reviews list filters by, in the order of its control: open first (the default). */
export const LIST_STATUSES = [
  'open',
  'completed',
  'interrupted',
  'cancelled',
] as const satisfies readonly ReviewStatus[];

/** The status the reviews list shows, from the address's `?status=`: `open` when absent or unknown. */
export function listStatus(raw: string | null): ReviewStatus {
  return (REVIEW_STATUSES as readonly string[]).includes(raw ?? '') ? (raw as ReviewStatus) : 'open';
}

/**
 * A planned step as the review page draws it: `done` once recorded (steps are recorded in plan
 * order, `recorded` of them so far); on an open review the others are `toDo`, with their due dates;
 * on a review that ended without them (interrupted, cancelled) they are `notDone`: no work remains.
 */
export function planStepState(status: ReviewStatus, seq: number, recorded: number): 'done' | 'toDo' | 'notDone' {
  if (seq <= recorded) return 'done';
  return status === 'open' ? 'toDo' : 'notDone';
}

/** Why a step was never done, from the review's status: it was interrupted, cancelled (or, oddly, closed). */
export const notDoneKey = (status: ReviewStatus): MessageKey =>
  status === 'interrupted'
    ? 'reviewsUi.review.notDone.interrupted'
    : status === 'cancelled'
      ? 'reviewsUi.review.notDone.cancelled'
      : 'reviewsUi.review.notDone';

/**
 * How the eligibility panel draws a criterion (a rule, or one of its conditions): `held` (green
 * tick) or `unmet` (grey cross) — or `muted` whatever it says once the patient has died: no
 * criterion makes a deceased patient eligible (server: `eligibilityFor`, `diedBy`), so none may
 * look like a passed check; its sentence still says the figures, for the record.
 */
export function criterionTone(holds: boolean, deceased: boolean): 'held' | 'unmet' | 'muted' {
  if (deceased) return 'muted';
  return holds ? 'held' : 'unmet';
}

/** Colour of a due state: red when late, orange this week. */
export const dueColor = (state: 'overdue' | 'due' | 'later') =>
  state === 'overdue' ? 'red' : state === 'due' ? 'orange' : 'gray';

/** Colour of a GP answer. */
export const answerColor = (answer: string) =>
  answer === 'accepted' ? 'teal' : answer === 'refused' ? 'red' : answer === 'no_answer' ? 'gray' : 'yellow';

/** Doses in units per administration time, as "matin 1 · soir ½". */
export function dosesText(doses: Record<string, number> | undefined): string {
  if (!doses) return '';
  const units = (n: number) => {
    const whole = Math.floor(n);
    const rest = n - whole;
    const frac = rest === 0.25 ? '¼' : rest === 0.5 ? '½' : rest === 0.75 ? '¾' : '';
    return whole === 0 && frac ? frac : `${whole}${frac}`;
  };
  return Object.entries(doses)
    .map(([time, n]) => `${time} ${units(n)}`)
    .join(' · ');
}

/** Why the patient page cannot start a review, said beside its greyed-out button (see `canStartReview`). */
export type StartBlockedReason = 'deceased' | 'birthDateMissing' | 'notEligible';

/**
 * Why the patient page does not offer to start a review, or null when it does: never for a deceased
 * patient (the server refuses a start dated after the death: `reviews.patient_deceased`); a
 * following year whenever a review was started before; a first one only when the patient is
 * eligible today (`eligible` null: eligibility unknown, the birth date is missing).
 */
export function startBlockedReason(p: {
  deceasedOn: string | null;
  lastReviewYear: number | null;
  eligible: boolean | null;
}): StartBlockedReason | null {
  if (p.deceasedOn != null) return 'deceased';
  if (p.lastReviewYear !== null || p.eligible === true) return null;
  return p.eligible === null ? 'birthDateMissing' : 'notEligible';
}

/** Whether the patient page offers to start a review (`startBlockedReason` is null). */
export const canStartReview = (p: Parameters<typeof startBlockedReason>[0]) => startBlockedReason(p) === null;

/**
 * Whether the review page offers "Ajouter un problème": on an open review once the patient's
 * consent is on record (`consentRecorded`, a following year's from its first year): the server
 * refuses a problem before it (409 `reviews.consent_required`, SPEC §7).
 */
export const canAddProblem = (r: { status: ReviewStatus; consentRecorded: boolean }) =>
  r.status === 'open' && r.consentRecorded;

/**
 * Whether a problem offers to record the GP's answer: still unanswered (or "no answer" so far),
 * on a review not cancelled, once the analysis was sent to the GP (`analysisSent`): the server
 * refuses an answer before it (409 `reviews.analysis_not_sent`, SPEC §7).
 */
export const canAnswerProblem = (r: { status: ReviewStatus; analysisSent: boolean }, p: { gpAnswer: GpAnswer }) =>
  r.status !== 'cancelled' && r.analysisSent && (p.gpAnswer === 'pending' || p.gpAnswer === 'no_answer');

/**
 * Whether a problem offers to correct the GP's answer recorded by mistake: a pharmacist's, on an
 * answer given (accepted or refused), while the change it proposed (if any) is still pending: the
 * server refuses a technician (403 `reviews.correct_pharmacist_only`) and an answer whose change
 * was applied or dismissed (409 `reviews.answer_decided`).
 */
export const canCorrectAnswer = (
  r: { status: ReviewStatus },
  p: { gpAnswer: GpAnswer; proposal: { status: string } | null },
  role: string,
) =>
  role === 'pharmacist' &&
  r.status !== 'cancelled' &&
  (p.gpAnswer === 'accepted' || p.gpAnswer === 'refused') &&
  (p.proposal === null || p.proposal.status === 'pending');

type FeeActKey = { track: Track; kind: StepKind; ordinal: number };

/**
 * An act's step as a fee schedule names it: the step (« Analyse des traitements »; its update in
 * a following year), numbered when its course has it more than once (« Suivi d’observance n° 2 »:
 * two looked the same to a tester).
 */
export function feeActName(
  t: (key: MessageKey, params?: Params) => string,
  act: FeeActKey,
  acts: readonly FeeActKey[],
): string {
  const name = t(stepKey(act.kind, act.track === 'first' ? 1 : 2));
  const repeated = acts.some((a) => a.track === act.track && a.kind === act.kind && a.ordinal !== act.ordinal);
  return repeated ? t('reviewsUi.schedules.numbered', { step: name, ordinal: act.ordinal }) : name;
}

/**
 * Where a schedule stands on `today` (Paris 'YYYY-MM-DD') among `all` (any order): `upcoming`
 * (starts later), `inForce` (the latest started), or `past` with the last day it applied (the day
 * before the next one starts).
 */
export function feeScheduleState<S extends { validFrom: string }>(
  all: readonly S[],
  schedule: S,
  today: string,
): { kind: 'upcoming' } | { kind: 'inForce' } | { kind: 'past'; until: string } {
  if (schedule.validFrom > today) return { kind: 'upcoming' };
  const next = all
    .map((s) => s.validFrom)
    .filter((from) => from > schedule.validFrom)
    .sort()[0];
  if (next === undefined || next > today) return { kind: 'inForce' };
  return { kind: 'past', until: addCalendarDays(next, -1) };
}

/** A schedule's acts in the order a review meets them: the first year's course, then the following years', step by step. */
export function sortFeeActs<A extends FeeActKey>(acts: readonly A[]): A[] {
  const rank = (a: FeeActKey) => {
    const seq = planOf(a.track).find((s) => s.kind === a.kind && s.ordinal === a.ordinal)?.seq ?? 99;
    return TRACKS.indexOf(a.track) * 100 + seq;
  };
  return [...acts].sort((a, b) => rank(a) - rank(b));
}
