import { describe, expect, it } from 'vitest';
import {
  checkAnswerDate,
  checkBirthBeforeRecords,
  checkBirthDate,
  checkNotAfterDeath,
  checkPrescriptionDate,
  checkReviewStart,
  diedBy,
} from '../../server/reviews/plausibility.models';
import { checkNextStep, nextDue } from '../../server/reviews/reviews.models';

const TODAY = '2026-11-23';

describe('plausible dates of patients and reviews', () => {
  it('a birth date: today and 1900-01-01 pass, tomorrow and 1899-12-31 do not', () => {
    expect(checkBirthDate(TODAY, TODAY)).toBeNull();
    expect(checkBirthDate('1900-01-01', TODAY)).toBeNull();
    expect(checkBirthDate('2026-11-24', TODAY)?.code).toBe('birth_date_in_future');
    expect(checkBirthDate('1899-12-31', TODAY)?.code).toBe('birth_date_too_early');
    expect(checkBirthBeforeRecords('2026-01-15', '2026-01-15')).toBeNull();
    expect(checkBirthBeforeRecords('2026-01-16', '2026-01-15')?.code).toBe('birth_after_records');
    expect(checkBirthBeforeRecords('2026-01-16', null)).toBeNull();
  });

  it('a prescription date: from the birth to today', () => {
    expect(checkPrescriptionDate('1950-03-02', '1950-03-02', TODAY, 'startDate')).toBeNull();
    expect(checkPrescriptionDate('1950-03-01', '1950-03-02', TODAY, 'startDate')?.code).toBe(
      'prescription_before_birth',
    );
    expect(checkPrescriptionDate('1899-12-31', null, TODAY, 'startDate')?.code).toBe('prescription_before_birth');
    expect(checkPrescriptionDate('2026-11-24', null, TODAY, 'startDate')?.code).toBe('prescription_in_future');
  });

  it("a review's start: from 2018 and the patient's birth to today", () => {
    expect(checkReviewStart('2018-01-01', '1940-01-01', TODAY)).toBeNull();
    expect(checkReviewStart('2017-12-31', '1940-01-01', TODAY)?.code).toBe('start_too_early');
    expect(checkReviewStart('2019-01-01', '2019-01-02', TODAY)?.code).toBe('start_before_birth');
    expect(checkReviewStart('2026-11-24', null, TODAY)?.code).toBe('date_in_future');
  });

  it("the GP's answer: on or after the analysis, else on or after the start", () => {
    expect(checkAnswerDate('2026-10-20', TODAY, '2026-10-20', '2026-10-01')).toBeNull();
    expect(checkAnswerDate('2026-10-19', TODAY, '2026-10-20', '2026-10-01')?.code).toBe('answer_before_analysis');
    expect(checkAnswerDate('2026-09-30', TODAY, null, '2026-10-01')?.code).toBe('answer_before_start');
    expect(checkAnswerDate('2026-11-24', TODAY, null, '2026-10-01')?.code).toBe('date_in_future');
  });
});

describe('steps within their year of follow-up', () => {
  const done = [
    { kind: 'adhesion' as const, date: '2025-11-10' },
    { kind: 'recueil' as const, date: '2025-12-01' },
    { kind: 'analyse' as const, date: '2026-01-05' },
    { kind: 'conseil' as const, date: '2026-10-01' },
  ];
  const args = { track: 'first' as const, done, kind: 'observance' as const, today: TODAY, startedOn: '2025-11-10' };

  it('the last day of the year passes, the first day of the next does not', () => {
    expect(checkNextStep({ ...args, date: '2026-11-09' }).ok).toBe(true);
    expect(checkNextStep({ ...args, date: '2026-11-10' })).toMatchObject({ ok: false, code: 'step_after_year_end' });
  });

  it('a follow-up the day of the advice interview is refused, the day after passes', () => {
    expect(checkNextStep({ ...args, date: '2026-10-01' })).toMatchObject({ ok: false, code: 'follow_up_same_day' });
    expect(checkNextStep({ ...args, date: '2026-10-02' }).ok).toBe(true);
    const unchanged = [{ kind: 'observance' as const, date: '2026-11-02' }];
    expect(
      checkNextStep({
        ...args,
        track: 'following_unchanged',
        done: unchanged,
        date: '2026-11-02',
        startedOn: '2026-11-01',
      }),
    ).toMatchObject({ ok: false, code: 'follow_up_same_day' });
  });

  it("a follow-up six months after a late advice interview falls due on the year's last day", () => {
    expect(nextDue('first', '2025-11-10', done)).toMatchObject({ kind: 'observance', dueDate: '2026-11-09' });
  });
});

describe('nothing dated after the death of a resident marked deceased', () => {
  it('the day of death passes, the day after is refused, a living patient has no limit', () => {
    expect(checkNotAfterDeath('2026-11-10', '2026-11-10')).toBeNull();
    expect(checkNotAfterDeath('2026-11-11', '2026-11-10')).toEqual({
      code: 'patient_deceased',
      details: { date: '2026-11-11', deceasedOn: '2026-11-10' },
    });
    expect(checkNotAfterDeath('2030-01-01', null)).toBeNull();
  });
  it('a patient is dead from the day of death on (no eligibility, no worklist), alive the day before', () => {
    expect(diedBy('2026-11-10', '2026-11-09')).toBe(false);
    expect(diedBy('2026-11-10', '2026-11-10')).toBe(true);
    expect(diedBy('2026-11-10', '2026-11-23')).toBe(true);
    expect(diedBy(null, '2026-11-23')).toBe(false);
  });
});
