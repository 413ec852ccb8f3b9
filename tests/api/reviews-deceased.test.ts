import { beforeEach, describe, expect, it } from 'vitest';
import { type Agent, meymacResidentPatient, recordStep, reviewsTestApp, type TestApp } from '../helpers/reviews';
import { count } from '../helpers/stock';

// A care-home resident marked deceased (found by QA): the patient leaves the worklist, and no
// review starts nor step is recorded (a billed act) after the day of death.

let t: TestApp;
let meymac: Agent;
let P: string[];

const tables = ['reviews', 'review_steps'];
const snapshot = () => tables.map((table) => count(t.db, table));

beforeEach(async () => {
  ({ t, pharmacist: meymac, P } = await reviewsTestApp('meymac'));
});

/** An eligible Meymac resident (5 PDA lines since March) made a patient. */
const residentPatient = () => meymacResidentPatient(meymac, t.db, P);

const decease = async (residentId: number, statusFrom: string) => {
  const res = await meymac.patch(`/api/residents/${residentId}`).send({ status: 'deceased', statusFrom });
  expect(res.status).toBe(200);
};

const worklistIds = async () => {
  const w = (await meymac.get('/api/reviews/worklist')).body;
  return {
    eligible: w.eligible.map((e: { patientId: number }) => e.patientId),
    steps: [...w.due, ...w.overdue].map((e: { patientId: number }) => e.patientId),
  };
};

const step = (reviewId: number, kind: string, date: string) =>
  meymac.post(`/api/reviews/${reviewId}/steps`).send({ kind, date, remote: false });

describe('a deceased resident-patient', () => {
  it('When an eligible resident is marked deceased, Then the patient leaves the eligible list and the patient shows the day of death', async () => {
    const { residentId, patientId } = await residentPatient();
    expect((await worklistIds()).eligible).toContain(patientId);
    await decease(residentId, '2026-11-20');
    expect((await worklistIds()).eligible).not.toContain(patientId);
    expect((await meymac.get(`/api/patients/${patientId}`)).body.deceasedOn).toBe('2026-11-20');
  });

  it('When a death is dated in the future, Then it is refused and the patient stays on the worklist', async () => {
    const { residentId, patientId } = await residentPatient();
    const res = await meymac
      .patch(`/api/residents/${residentId}`)
      .send({ status: 'deceased', statusFrom: '2026-11-30' });
    expect([res.status, res.body.error?.code]).toEqual([422, 'residents.death_in_future']);
    expect((await worklistIds()).eligible).toContain(patientId);
  });

  it('When a death is dated before a review act already recorded, Then 409 residents.death_before_review_acts naming its day; on or after it is fine', async () => {
    const { residentId, patientId } = await residentPatient();
    const review = await meymac.post('/api/reviews').send({ patientId });
    expect(review.status).toBe(201);
    expect((await step(review.body.id, 'adhesion', '2026-11-23')).status).toBe(201);
    const before = await meymac.get(`/api/residents/${residentId}`);
    const res = await meymac
      .patch(`/api/residents/${residentId}`)
      .send({ status: 'deceased', statusFrom: '2026-11-22' });
    expect([res.status, res.body.error?.code]).toEqual([409, 'residents.death_before_review_acts']);
    expect(res.body.error.details).toEqual([{ statusFrom: '2026-11-22', lastAct: '2026-11-23' }]);
    expect((await meymac.get(`/api/residents/${residentId}`)).body).toEqual(before.body);
    await decease(residentId, '2026-11-23');
  });

  it('When a review is started today for a deceased patient, Then 422 reviews.patient_deceased and nothing is written', async () => {
    const { residentId, patientId } = await residentPatient();
    await decease(residentId, '2026-11-20');
    const before = snapshot();
    const res = await meymac.post('/api/reviews').send({ patientId });
    expect([res.status, res.body.error?.code]).toEqual([422, 'reviews.patient_deceased']);
    expect(res.body.error.details).toEqual([{ date: '2026-11-23', deceasedOn: '2026-11-20' }]);
    const dated = await meymac.post('/api/reviews').send({ patientId, startedOn: '2026-11-21' });
    expect([dated.status, dated.body.error?.code]).toEqual([422, 'reviews.patient_deceased']);
    expect(snapshot()).toEqual(before);
  });

  it('When a review in progress has its patient die, Then its steps leave the worklist and a step dated after the death is refused', async () => {
    const { residentId, patientId } = await residentPatient();
    const review = await meymac.post('/api/reviews').send({ patientId, startedOn: '2026-11-02' });
    expect(review.status).toBe(201);
    expect((await worklistIds()).steps).toContain(patientId);
    await decease(residentId, '2026-11-10');
    expect(await worklistIds()).toEqual({
      eligible: expect.not.arrayContaining([patientId]),
      steps: expect.not.arrayContaining([patientId]),
    });
    const before = snapshot();
    const late = await step(review.body.id, 'adhesion', '2026-11-11');
    expect([late.status, late.body.error?.code]).toEqual([422, 'reviews.patient_deceased']);
    expect(late.body.error.details).toEqual([{ date: '2026-11-11', deceasedOn: '2026-11-10' }]);
    expect(snapshot()).toEqual(before);
    // What was done before the death is still recorded (entered late, from the paper file).
    expect((await step(review.body.id, 'adhesion', '2026-11-10')).status).toBe(201);
  });

  it('When a deceased patient’s review started before the death is entered late, Then it is accepted', async () => {
    const { residentId, patientId } = await residentPatient();
    await decease(residentId, '2026-11-20');
    const res = await meymac.post('/api/reviews').send({ patientId, startedOn: '2026-11-09' });
    expect(res.status).toBe(201);
    expect(res.body.patient.deceasedOn).toBe('2026-11-20');
  });

  it('When the patient died, Then the patients list and the patient page say not eligible, with the day of death', async () => {
    const { residentId, patientId } = await residentPatient();
    const listed = async () =>
      ((await meymac.get('/api/patients')).body.items as { id: number; eligible: boolean | null }[]).find(
        (p) => p.id === patientId,
      );
    expect((await listed())?.eligible).toBe(true);
    await decease(residentId, '2026-11-20');
    expect((await listed())?.eligible).toBe(false);
    const page = (await meymac.get(`/api/patients/${patientId}`)).body;
    expect(page.eligibility).toMatchObject({ eligible: false, rule: null, deceasedOn: '2026-11-20' });
  });

  it('When a problem is recorded or a GP answer dated after the death, Then 422 reviews.patient_deceased and nothing is written', async () => {
    const { residentId, patientId } = await residentPatient();
    const review = (await meymac.post('/api/reviews').send({ patientId, startedOn: '2026-11-02' })).body;
    // Problems come with the analysis, after the consent; the GP answers the analysis sent (SPEC §7).
    for (const [kind, date] of [
      ['adhesion', '2026-11-02'],
      ['recueil', '2026-11-02'],
      ['analyse', '2026-11-05'],
    ] as const)
      expect((await recordStep(meymac, review.id, kind, date)).status).toBe(201);
    const problem = await meymac.post(`/api/reviews/${review.id}/problems`).send({
      problemCode: '4',
      interventionCode: '2',
      drugs: [P[0]],
      description: 'À revoir avec le médecin',
    });
    expect(problem.status).toBe(201);
    await decease(residentId, '2026-11-10');
    const problems = count(t.db, 'review_problems');
    const late = await meymac.post(`/api/reviews/${review.id}/problems`).send({
      problemCode: '4',
      interventionCode: '2',
      drugs: [P[1]],
      description: 'Après le décès',
    });
    expect([late.status, late.body.error?.code]).toEqual([422, 'reviews.patient_deceased']);
    expect(count(t.db, 'review_problems')).toBe(problems);
    const answer = await meymac
      .post(`/api/review-problems/${problem.body.id}/answer`)
      .send({ answer: 'refused', date: '2026-11-12' });
    expect([answer.status, answer.body.error?.code]).toEqual([422, 'reviews.patient_deceased']);
    expect(answer.body.error.details).toEqual([{ date: '2026-11-12', deceasedOn: '2026-11-10' }]);
    // An answer the GP gave before the death, entered late, is kept.
    const before = await meymac
      .post(`/api/review-problems/${problem.body.id}/answer`)
      .send({ answer: 'refused', date: '2026-11-09' });
    expect(before.status).toBe(200);
  });
});
