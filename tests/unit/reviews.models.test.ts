import { describe, expect, it } from 'vitest';
import {
  INTERVENTION_CODES,
  INTERVENTION_LABELS,
  PROBLEM_CODES,
  PROBLEM_LABELS,
  proposalKindOf,
} from '../../server/reviews/act-ip.models';
import { addCalendarMonths, ageOn } from '../../server/reviews/calendar.models';
import {
  activeSubstances,
  BirthDateMissing,
  type EligibilityLine,
  evaluateEligibility,
} from '../../server/reviews/eligibility.models';
import {
  analysisSent,
  checkFeeActs,
  checkInterruptDate,
  checkNextStep,
  consentRecorded,
  dueState,
  type FeeSchedule,
  feeFor,
  nextDue,
  planOf,
  SEED_FEE_SCHEDULE,
  trackOf,
  trackTotalCents,
} from '../../server/reviews/reviews.models';

const TODAY = '2026-11-23';
const SIX_MONTHS_AGO = '2026-05-23';

/** A reimbursed line of one substance, taken since `startDate`, open-ended. */
const line = (code: string, over: Partial<EligibilityLine> = {}): EligibilityLine => ({
  cip13: `34009${code.padStart(8, '0')}`,
  startDate: SIX_MONTHS_AGO,
  endDate: null,
  reimbursed: true,
  substances: [{ code, name: `SUBSTANCE ${code}` }],
  ...over,
});
const fiveLines = () => ['1', '2', '3', '4', '5'].map((c) => line(c));
const rule1 = (e: ReturnType<typeof evaluateEligibility>, code: string) =>
  e.reasons.find((r) => r.rule === 'age65_substances5' && r.code === code);

describe('calendar helpers', () => {
  it('When adding months to the 31st, Then the month end is kept', () => {
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-05-23', 6)).toBe('2026-11-23');
    expect(addCalendarMonths('2027-01-15', -2)).toBe('2026-11-15');
  });
  it('When born on 29 February, Then the birthday is 1 March in common years', () => {
    expect(ageOn('1960-02-29', '2025-02-28')).toBe(64);
    expect(ageOn('1960-02-29', '2025-03-01')).toBe(65);
  });
});

describe('eligibility: 65 and over with 5 reimbursed substances for 6 months', () => {
  it('When the 65th birthday is tomorrow, Then the patient is not eligible, and the age says 64', () => {
    const e = evaluateEligibility({ day: TODAY, birthDate: '1961-11-24', lines: fiveLines() });
    expect(e.eligible).toBe(false);
    expect(rule1(e, 'age')).toMatchObject({ met: false, params: { age: 64, min: 65 } });
    expect(rule1(e, 'substances')).toMatchObject({ met: true, params: { count: 5, min: 5, months: 6 } });
  });

  it('When today is the 65th birthday, Then the patient is eligible by the first rule', () => {
    const e = evaluateEligibility({ day: TODAY, birthDate: '1961-11-23', lines: fiveLines() });
    expect(e).toMatchObject({ eligible: true, rule: 'age65_substances5' });
    expect(rule1(e, 'age')).toMatchObject({ met: true, params: { age: 65 } });
  });

  it('When only 4 substances are taken, Then not eligible, with the count 4 of 5', () => {
    const e = evaluateEligibility({ day: TODAY, birthDate: '1950-01-01', lines: fiveLines().slice(0, 4) });
    expect(e.eligible).toBe(false);
    expect(rule1(e, 'substances')).toMatchObject({ met: false, params: { count: 4, min: 5 } });
  });

  it('When one substance started one day short of 6 months ago, Then it does not count', () => {
    const lines = [...fiveLines().slice(0, 4), line('5', { startDate: '2026-05-24' })];
    const e = evaluateEligibility({ day: TODAY, birthDate: '1950-01-01', lines });
    expect(e.eligible).toBe(false);
    expect(rule1(e, 'substances')?.params.count).toBe(4);
  });

  it('When a line has a planned end 6 months after its start, Then its planned duration counts', () => {
    const lines = [...fiveLines().slice(0, 4), line('5', { startDate: '2026-11-01', endDate: '2027-05-01' })];
    expect(evaluateEligibility({ day: TODAY, birthDate: '1950-01-01', lines }).eligible).toBe(true);
    const short = [...fiveLines().slice(0, 4), line('5', { startDate: '2026-11-01', endDate: '2027-04-30' })];
    expect(evaluateEligibility({ day: TODAY, birthDate: '1950-01-01', lines: short }).eligible).toBe(false);
  });

  it('When renewals follow each other day after day, Then the run is continuous; a one-day gap breaks it', () => {
    const renewed = [
      line('5', { startDate: '2026-03-01', endDate: '2026-08-31' }),
      line('5', { startDate: '2026-09-01', endDate: null }),
    ];
    const gap = [
      line('5', { startDate: '2026-03-01', endDate: '2026-08-30' }),
      line('5', { startDate: '2026-09-01', endDate: null }),
    ];
    const base = fiveLines().slice(0, 4);
    expect(evaluateEligibility({ day: TODAY, birthDate: '1950-01-01', lines: [...base, ...renewed] }).eligible).toBe(
      true,
    );
    expect(evaluateEligibility({ day: TODAY, birthDate: '1950-01-01', lines: [...base, ...gap] }).eligible).toBe(false);
  });

  it('When a substance is not reimbursed, Then it is not counted', () => {
    const lines = [...fiveLines().slice(0, 4), line('5', { reimbursed: false })];
    const e = evaluateEligibility({ day: TODAY, birthDate: '1950-01-01', lines });
    expect(e.eligible).toBe(false);
    expect(rule1(e, 'substances')?.params.count).toBe(4);
  });

  it('When two presentations of one substance are taken, Then it counts once', () => {
    const lines = [...fiveLines().slice(0, 4), line('4', { cip13: '3400930000001' })];
    const e = evaluateEligibility({ day: TODAY, birthDate: '1950-01-01', lines });
    expect(rule1(e, 'substances')?.params.count).toBe(4);
    expect(rule1(e, 'substances')?.items).toHaveLength(4);
  });

  it('When a line ended before today, Then it no longer counts', () => {
    const lines = [...fiveLines().slice(0, 4), line('5', { startDate: '2025-01-01', endDate: '2026-11-22' })];
    expect(evaluateEligibility({ day: TODAY, birthDate: '1950-01-01', lines }).eligible).toBe(false);
  });

  it('When the birth date is unknown, Then an explicit error is thrown', () => {
    expect(() => evaluateEligibility({ day: TODAY, birthDate: null, lines: fiveLines() })).toThrow(BirthDateMissing);
    try {
      evaluateEligibility({ day: TODAY, birthDate: null, lines: [] });
    } catch (e) {
      expect((e as BirthDateMissing).code).toBe('reviews.birth_date_missing');
    }
  });
});

describe('eligibility: the 2026 rule (GP prescription, over 80, 10 lines)', () => {
  // 10 lines of 2 substances only: the first rule fails, only the 2026 rule can hold.
  const tenLines = Array.from({ length: 10 }, (_, i) => line(String(i % 2), { startDate: '2025-12-01' }));
  const patient = (day: string) =>
    evaluateEligibility({ day, birthDate: '1940-06-01', lines: tenLines, gpPrescriptionDate: '2025-12-15' });

  it('When the day before 2026-01-01, Then the rule is not in force and says since when', () => {
    const e = patient('2025-12-31');
    expect(e.eligible).toBe(false);
    expect(e.reasons).toContainEqual({
      rule: 'gp_over80_lines10',
      code: 'rule_not_in_force',
      met: false,
      params: { from: '2026-01-01' },
    });
  });

  it('When on 2026-01-01, Then the GP prescription makes the patient eligible', () => {
    const e = patient('2026-01-01');
    expect(e).toMatchObject({ eligible: true, rule: 'gp_over80_lines10' });
    expect(e.reasons.filter((r) => r.rule === 'gp_over80_lines10').map((r) => [r.code, r.met])).toEqual([
      ['age', true],
      ['lines', true],
      ['gp_prescription', true],
    ]);
  });

  it('When 9 lines, or no GP prescription, or aged 79, Then the 2026 rule fails with its numbers', () => {
    const nine = evaluateEligibility({
      day: TODAY,
      birthDate: '1940-06-01',
      lines: tenLines.slice(1),
      gpPrescriptionDate: '2026-02-01',
    });
    expect(nine.eligible).toBe(false);
    expect(nine.reasons).toContainEqual({
      rule: 'gp_over80_lines10',
      code: 'lines',
      met: false,
      params: { count: 9, min: 10 },
    });
    expect(evaluateEligibility({ day: TODAY, birthDate: '1940-06-01', lines: tenLines }).eligible).toBe(false);
    expect(
      evaluateEligibility({ day: TODAY, birthDate: '1946-11-24', lines: tenLines, gpPrescriptionDate: '2026-02-01' })
        .eligible,
    ).toBe(false);
  });
});

describe('active substances from the BDPM compositions', () => {
  it('When a speciality lists a salt and its therapeutic fraction, Then the fraction is the substance', () => {
    const rows = [
      { cis: '63458349', linkNo: 1, nature: 'FT', substanceCode: '39727', substanceName: 'AMLODIPINE' },
      { cis: '63458349', linkNo: 1, nature: 'SA', substanceCode: '93748', substanceName: "BÉSILATE D'AMLODIPINE" },
      { cis: '65728601', linkNo: 1, nature: 'SA', substanceCode: '93748', substanceName: "BÉSILATE D'AMLODIPINE" },
      { cis: '65728601', linkNo: 1, nature: 'FT', substanceCode: '39727', substanceName: 'AMLODIPINE' },
      { cis: '60092590', linkNo: 2, nature: 'SA', substanceCode: '03885', substanceName: 'LÉVODOPA' },
      { cis: '60092590', linkNo: 3, nature: 'SA', substanceCode: '11448', substanceName: 'CARBIDOPA MONOHYDRATÉE' },
      { cis: '60092590', linkNo: 3, nature: 'FT', substanceCode: '04090', substanceName: 'CARBIDOPA ANHYDRE' },
    ];
    expect(activeSubstances(rows).map((s) => s.name)).toEqual(['AMLODIPINE', 'LÉVODOPA', 'CARBIDOPA ANHYDRE']);
  });
});

describe('review steps', () => {
  it('When first year, Then adhesion, intake, analysis, advice, adherence follow-up in that order', () => {
    expect(planOf(trackOf(1, false)).map((s) => s.kind)).toEqual([
      'adhesion',
      'recueil',
      'analyse',
      'conseil',
      'observance',
    ]);
  });

  it('When a following year, Then updated analysis, advice and follow-up if the treatment changed, else two adherence interviews', () => {
    expect(planOf(trackOf(2, true)).map((s) => s.kind)).toEqual(['analyse', 'conseil', 'observance']);
    expect(planOf(trackOf(3, false))).toEqual([
      { seq: 1, kind: 'observance', ordinal: 1 },
      { seq: 2, kind: 'observance', ordinal: 2 },
    ]);
  });

  it('When a step skips one, Then it is refused with the expected step', () => {
    const done = [{ kind: 'adhesion' as const, date: '2026-11-02' }];
    expect(checkNextStep({ track: 'first', done, kind: 'analyse', date: TODAY, today: TODAY })).toEqual({
      ok: false,
      code: 'step_out_of_order',
      details: { expected: 'recueil', got: 'analyse' },
    });
  });

  it('When a step is dated tomorrow, Then it is refused; today is accepted', () => {
    expect(
      checkNextStep({ track: 'first', done: [], kind: 'adhesion', date: '2026-11-24', today: TODAY }),
    ).toMatchObject({
      ok: false,
      code: 'step_in_future',
    });
    expect(checkNextStep({ track: 'first', done: [], kind: 'adhesion', date: TODAY, today: TODAY })).toMatchObject({
      ok: true,
      closes: false,
    });
  });

  it('When a step is dated before the previous one, Then it is refused', () => {
    const done = [{ kind: 'adhesion' as const, date: '2026-11-10' }];
    expect(checkNextStep({ track: 'first', done, kind: 'recueil', date: '2026-11-09', today: TODAY })).toMatchObject({
      ok: false,
      code: 'step_before_previous',
    });
  });

  it('When the last step of the plan is recorded, Then it closes the review; nothing comes after', () => {
    const done = [{ kind: 'observance' as const, date: '2026-03-01' }];
    expect(
      checkNextStep({ track: 'following_unchanged', done, kind: 'observance', date: TODAY, today: TODAY }),
    ).toMatchObject({ ok: true, closes: true, planned: { ordinal: 2 } });
    expect(
      checkNextStep({
        track: 'following_unchanged',
        done: [...done, done[0]!],
        kind: 'observance',
        date: TODAY,
        today: TODAY,
      }),
    ).toMatchObject({ ok: false, code: 'review_completed' });
  });
});

describe('due dates', () => {
  it('When a first year starts, Then consent is due at once, then each interview a month after the previous step', () => {
    expect(nextDue('first', '2026-11-02', [])).toMatchObject({ kind: 'adhesion', dueDate: '2026-11-02' });
    expect(nextDue('first', '2026-11-02', [{ kind: 'adhesion', date: '2026-11-05' }])).toMatchObject({
      kind: 'recueil',
      dueDate: '2026-12-05',
    });
  });

  it('When the advice interview is done, Then the adherence follow-up falls due about six months later', () => {
    const done = [
      { kind: 'adhesion' as const, date: '2026-01-05' },
      { kind: 'recueil' as const, date: '2026-01-05' },
      { kind: 'analyse' as const, date: '2026-01-20' },
      { kind: 'conseil' as const, date: '2026-02-28' },
    ];
    expect(nextDue('first', '2026-01-05', done)).toMatchObject({ kind: 'observance', dueDate: '2026-08-28' });
    expect(nextDue('first', '2026-01-05', [...done, { kind: 'observance', date: '2026-08-30' }])).toBeNull();
  });

  it('When other delays are configured, Then they are used', () => {
    const delays = {
      first: [{ from: 'start' as const, days: 7 }],
      following_changed: [],
      following_unchanged: [],
    };
    expect(nextDue('first', '2026-11-02', [], delays)).toMatchObject({ dueDate: '2026-11-09' });
  });

  it('When a due date is before today, this week, or later, Then it is overdue, due, or later', () => {
    expect(dueState('2026-11-22', TODAY, '2026-11-29')).toBe('overdue');
    expect(dueState(TODAY, TODAY, '2026-11-29')).toBe('due');
    expect(dueState('2026-11-29', TODAY, '2026-11-29')).toBe('due');
    expect(dueState('2026-11-30', TODAY, '2026-11-29')).toBe('later');
  });
});

describe('fees by date', () => {
  const older: FeeSchedule = {
    validFrom: '2022-05-07',
    label: 'convention 2022',
    acts: [{ track: 'first', kind: 'observance', ordinal: 1, actCode: 'BMI', amountCents: 6000 }],
  };
  const schedules = [older, SEED_FEE_SCHEDULE];

  it('When the seeded schedule is summed, Then a first year is 65 € in four acts plus the tracer, a following year 30 €', () => {
    const firstYear = SEED_FEE_SCHEDULE.acts.filter((a) => a.track === 'first' && a.actCode !== 'TAC');
    expect(firstYear).toHaveLength(4);
    expect(firstYear.reduce((s, a) => s + a.amountCents, 0)).toBe(6500);
    expect(trackTotalCents(SEED_FEE_SCHEDULE, 'following_changed')).toBe(3000);
    expect(trackTotalCents(SEED_FEE_SCHEDULE, 'following_unchanged')).toBe(3000);
    expect(checkFeeActs(SEED_FEE_SCHEDULE.acts)).toEqual([]);
  });

  it('When consent is recorded, Then it is the tracer act TAC', () => {
    expect(feeFor(schedules, { track: 'first', kind: 'adhesion', ordinal: 1, date: TODAY })).toEqual({
      actCode: 'TAC',
      amountCents: 1,
      validFrom: '2025-01-08',
    });
  });

  it('When a step is done the day before 2025-01-08, Then the older schedule applies; on that day, the new one', () => {
    const step = { track: 'first' as const, kind: 'observance' as const, ordinal: 1 };
    expect(feeFor(schedules, { ...step, date: '2025-01-07' })).toMatchObject({ actCode: 'BMI', amountCents: 6000 });
    expect(feeFor(schedules, { ...step, date: '2025-01-08' })).toMatchObject({
      actCode: 'BPM1-SUIVI',
      amountCents: 1000,
    });
  });

  it('When no schedule covers the day, or the schedule does not bill the step, Then there is no act', () => {
    expect(feeFor(schedules, { track: 'first', kind: 'observance', ordinal: 1, date: '2020-01-01' })).toBeNull();
    expect(feeFor([older], { track: 'first', kind: 'recueil', ordinal: 1, date: TODAY })).toBeNull();
  });

  it('When a schedule names a step its course does not have, Then it is reported', () => {
    expect(
      checkFeeActs([{ track: 'following_unchanged', kind: 'conseil', ordinal: 1, actCode: 'X', amountCents: 1 }]),
    ).toEqual(['not_in_plan:following_unchanged:conseil:1']);
  });
});

describe('SFPC Act-IP codes', () => {
  it('Then problems are 1–10 with interactions 6.1–6.5, and interventions 1–7, each with a French label', () => {
    expect(PROBLEM_CODES).toEqual(['1', '2', '3', '4', '5', '6.1', '6.2', '6.3', '6.4', '6.5', '7', '8', '9', '10']);
    expect(INTERVENTION_CODES).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(PROBLEM_LABELS['6.4']).toBe('Interaction : association contre-indiquée');
    expect(INTERVENTION_LABELS['2']).toBe('Arrêt');
  });

  it('When an intervention changes a prescription, Then it maps to a proposal; monitoring and route do not', () => {
    expect(INTERVENTION_CODES.map(proposalKindOf)).toEqual([
      'add',
      'stop',
      'substitute',
      null,
      null,
      'change_schedule',
      'adjust_dose',
    ]);
  });
});

describe('checkInterruptDate', () => {
  const base = { today: '2026-11-23', startedOn: '2026-03-02', lastStepDate: '2026-03-16' };
  it('When the date is between the last step and today (both included), Then it is accepted', () => {
    expect(checkInterruptDate({ ...base, date: '2026-03-16' })).toEqual({ ok: true });
    expect(checkInterruptDate({ ...base, date: '2026-11-23' })).toEqual({ ok: true });
  });
  it('When the date is after today, Then interrupt_in_future', () => {
    expect(checkInterruptDate({ ...base, date: '2026-11-24' })).toMatchObject({
      ok: false,
      code: 'interrupt_in_future',
    });
  });
  it('When the date is before the last step, or before the start of a review without steps, Then interrupt_before_last_step', () => {
    expect(checkInterruptDate({ ...base, date: '2026-03-15' })).toEqual({
      ok: false,
      code: 'interrupt_before_last_step',
      details: { date: '2026-03-15', lastDate: '2026-03-16' },
    });
    expect(checkInterruptDate({ ...base, lastStepDate: null, date: '2026-03-01' })).toMatchObject({
      ok: false,
      details: { lastDate: '2026-03-02' },
    });
  });
});

describe('what the steps done allow (SPEC §7)', () => {
  const adhesion = { kind: 'adhesion' as const, date: '2025-01-10' };
  const analyse = { kind: 'analyse' as const, date: '2026-02-10' };

  it('When the first year has no consent step, Then no problem may be recorded; with it, they may', () => {
    expect(consentRecorded('first', [], [])).toBe(false);
    expect(consentRecorded('first', [adhesion], [])).toBe(true);
  });

  it('When a following year has no step yet, Then it relies on the first year consent', () => {
    expect(consentRecorded('following_changed', [], [adhesion])).toBe(true);
    expect(consentRecorded('following_unchanged', [], [])).toBe(false);
  });

  it('When the year plan has an analysis, Then the GP answer waits for it; a year without one does not wait', () => {
    expect(analysisSent('first', [adhesion])).toBe(false);
    expect(analysisSent('first', [adhesion, analyse])).toBe(true);
    expect(analysisSent('following_changed', [])).toBe(false);
    expect(analysisSent('following_unchanged', [])).toBe(true);
  });
});
