import { describe, expect, it } from 'vitest';
import {
  INTERVENTION_CODES,
  INTERVENTION_LABELS,
  PROBLEM_CODES,
  PROBLEM_LABELS,
} from '../../server/reviews/act-ip.models';
import { SEED_FEE_SCHEDULE } from '../../server/reviews/reviews.models';
import { en, fr, type MessageKey } from '../../web/src/i18n/catalogue';
import { formatMessage } from '../../web/src/i18n/format';
import {
  canAddProblem,
  canAnswerProblem,
  canStartReview,
  criterionTone,
  dosesText,
  feeActName,
  feeScheduleState,
  LIST_STATUSES,
  listStatus,
  notDoneKey,
  planStepState,
  reasonMessage,
  reasonsByRule,
  sortFeeActs,
  startBlockedReason,
  stepKey,
} from '../../web/src/reviews/reviews.rules';

const say = (r: Parameters<typeof reasonMessage>[0]) => {
  const m = reasonMessage(r);
  return formatMessage(fr[m.key], m.params, 'fr');
};

describe('web reviews rules', () => {
  it('When the classification is shown, Then every Act-IP code reads as the SFPC label, in French, and exists in English', () => {
    for (const code of PROBLEM_CODES) {
      expect(fr[`reviews.problem.${code}`]).toBe(PROBLEM_LABELS[code]);
      expect(en[`reviews.problem.${code}`]).toBeTruthy();
    }
    for (const code of INTERVENTION_CODES) {
      expect(fr[`reviews.intervention.${code}`]).toBe(INTERVENTION_LABELS[code]);
      expect(en[`reviews.intervention.${code}`]).toBeTruthy();
    }
  });

  it('When eligibility reasons are read, Then each says whether it holds, with its numbers and French dates', () => {
    expect(say({ rule: 'age65_substances5', code: 'age', met: false, params: { age: 64, min: 65 } })).toBe(
      '64 ans : il faut 65 ans ou plus',
    );
    expect(
      say({ rule: 'age65_substances5', code: 'substances', met: false, params: { count: 4, min: 5, months: 6 } }),
    ).toBe('4 substances actives remboursées prises seulement depuis 6 mois ou plus : il en faut 5');
    expect(
      say({ rule: 'age65_substances5', code: 'substances', met: true, params: { count: 6, min: 5, months: 6 } }),
    ).toBe('6 substances actives remboursées prises depuis 6 mois ou plus (il en faut 5)');
    expect(
      say({ rule: 'gp_over80_lines10', code: 'rule_not_in_force', met: false, params: { from: '2026-01-01' } }),
    ).toBe('Règle en vigueur à partir du 01/01/2026');
    expect(say({ rule: 'gp_over80_lines10', code: 'gp_prescription', met: true, params: { date: '2026-02-03' } })).toBe(
      'Bilan prescrit par le médecin traitant le 03/02/2026',
    );
  });

  it('When reasons are grouped, Then a rule holds only when all its conditions do', () => {
    const groups = reasonsByRule([
      { rule: 'age65_substances5', code: 'age', met: true, params: {} },
      { rule: 'age65_substances5', code: 'substances', met: false, params: {} },
      { rule: 'gp_over80_lines10', code: 'rule_not_in_force', met: false, params: {} },
    ]);
    expect(groups.map((g) => [g.rule, g.holds, g.items.length])).toEqual([
      ['age65_substances5', false, 2],
      ['gp_over80_lines10', false, 1],
    ]);
  });

  it('When a following year analyses again, Then the step reads as the updated analysis', () => {
    expect(fr[stepKey('analyse', 1)]).toBe('Analyse des traitements');
    expect(fr[stepKey('analyse', 2)]).toBe('Actualisation de l’analyse');
    expect(fr[stepKey('observance', 3)]).toBe('Suivi d’observance');
  });

  it('When doses are shown, Then quarters read as fractions', () => {
    expect(dosesText({ matin: 1, soir: 0.5 })).toBe('matin 1 · soir ½');
    expect(dosesText({ midi: 1.25, coucher: 0.75 })).toBe('midi 1¼ · coucher ¾');
  });

  it('When the reviews list reads its status from the address, Then a known status is kept and anything else shows the open ones', () => {
    expect(LIST_STATUSES).toEqual(['open', 'completed', 'interrupted', 'cancelled']);
    expect(listStatus('interrupted')).toBe('interrupted');
    expect(listStatus('cancelled')).toBe('cancelled');
    expect(listStatus(null)).toBe('open');
    expect(listStatus('INTERRUPTED')).toBe('open');
    expect(listStatus('toString')).toBe('open');
    for (const s of LIST_STATUSES) expect(fr[`reviewsUi.list.filter.${s}`]).toBeTruthy();
    expect(fr['reviewsUi.list.filter.interrupted']).toBe('Interrompus');
  });

  it('When an interrupted review is drawn, Then its steps never reached are not done, not to do', () => {
    expect([1, 2, 3, 4, 5].map((seq) => planStepState('interrupted', seq, 2))).toEqual([
      'done',
      'done',
      'notDone',
      'notDone',
      'notDone',
    ]);
    expect([1, 2, 3].map((seq) => planStepState('open', seq, 1))).toEqual(['done', 'toDo', 'toDo']);
    expect(planStepState('cancelled', 1, 0)).toBe('notDone');
    expect(fr[notDoneKey('interrupted')]).toBe('Non réalisée — bilan interrompu');
    expect(fr[notDoneKey('cancelled')]).toBe('Non réalisée — bilan annulé');
  });

  it('When the patient has died, Then no eligibility criterion is drawn as held, whatever it says', () => {
    expect(criterionTone(true, false)).toBe('held');
    expect(criterionTone(false, false)).toBe('unmet');
    expect(criterionTone(true, true)).toBe('muted');
    expect(criterionTone(false, true)).toBe('muted');
  });

  it('When the patient has died, Then no review start is offered, not even the following year', () => {
    expect(canStartReview({ deceasedOn: '2026-11-02', lastReviewYear: 1, eligible: false })).toBe(false);
    expect(canStartReview({ deceasedOn: '2026-11-02', lastReviewYear: null, eligible: true })).toBe(false);
    expect(canStartReview({ deceasedOn: null, lastReviewYear: 1, eligible: false })).toBe(true);
    expect(canStartReview({ deceasedOn: null, lastReviewYear: null, eligible: true })).toBe(true);
    expect(canStartReview({ deceasedOn: null, lastReviewYear: null, eligible: null })).toBe(false);
    // The reason said beside the greyed-out button.
    expect(startBlockedReason({ deceasedOn: '2026-11-02', lastReviewYear: 1, eligible: true })).toBe('deceased');
    expect(startBlockedReason({ deceasedOn: null, lastReviewYear: null, eligible: null })).toBe('birthDateMissing');
    expect(startBlockedReason({ deceasedOn: null, lastReviewYear: null, eligible: false })).toBe('notEligible');
    expect(startBlockedReason({ deceasedOn: null, lastReviewYear: 2, eligible: false })).toBeNull();
  });

  it('When the consent or the analysis is not on record, Then the page offers no problem, no answer', () => {
    expect(canAddProblem({ status: 'open', consentRecorded: false })).toBe(false);
    expect(canAddProblem({ status: 'open', consentRecorded: true })).toBe(true);
    expect(canAddProblem({ status: 'completed', consentRecorded: true })).toBe(false);
    const open = { status: 'open' as const, analysisSent: true };
    expect(canAnswerProblem({ ...open, analysisSent: false }, { gpAnswer: 'pending' })).toBe(false);
    expect(canAnswerProblem(open, { gpAnswer: 'pending' })).toBe(true);
    expect(canAnswerProblem(open, { gpAnswer: 'no_answer' })).toBe(true);
    expect(canAnswerProblem(open, { gpAnswer: 'accepted' })).toBe(false);
    expect(canAnswerProblem({ ...open, status: 'cancelled' }, { gpAnswer: 'pending' })).toBe(false);
  });
});

describe('the fee schedule page', () => {
  const tFr = (key: MessageKey, params?: Record<string, string | number>) => formatMessage(fr[key], params, 'fr');

  it('When a schedule lists its acts, Then they follow each course step by step and a step met twice is numbered', () => {
    const acts = sortFeeActs([...SEED_FEE_SCHEDULE.acts].reverse());
    expect(acts.map((a) => `${a.track}:${a.kind}:${a.ordinal}`)).toEqual([
      'first:adhesion:1',
      'first:recueil:1',
      'first:analyse:1',
      'first:conseil:1',
      'first:observance:1',
      'following_changed:analyse:1',
      'following_changed:conseil:1',
      'following_changed:observance:1',
      'following_unchanged:observance:1',
      'following_unchanged:observance:2',
    ]);
    const names = acts.map((a) => feeActName(tFr, a, acts));
    expect(names[0]).toBe('Adhésion du patient');
    expect(names[5]).toBe('Actualisation de l’analyse');
    expect(names[7]).toBe('Suivi d’observance');
    expect(names.slice(8)).toEqual(['Suivi d’observance n° 1', 'Suivi d’observance n° 2']);
  });

  it('When schedules follow one another, Then each says whether it is in force, coming or past, and until when', () => {
    const all = [{ validFrom: '2025-01-08' }, { validFrom: '2026-03-01' }, { validFrom: '2027-01-01' }];
    const [first, second, third] = all as [(typeof all)[0], (typeof all)[0], (typeof all)[0]];
    expect(feeScheduleState(all, first, '2026-12-07')).toEqual({ kind: 'past', until: '2026-02-28' });
    expect(feeScheduleState(all, second, '2026-12-07')).toEqual({ kind: 'inForce' });
    expect(feeScheduleState(all, third, '2026-12-07')).toEqual({ kind: 'upcoming' });
    // On its first day a schedule is in force, and the one before is past.
    expect(feeScheduleState(all, third, '2027-01-01')).toEqual({ kind: 'inForce' });
    expect(feeScheduleState(all, second, '2027-01-01')).toEqual({ kind: 'past', until: '2026-12-31' });
  });
});
