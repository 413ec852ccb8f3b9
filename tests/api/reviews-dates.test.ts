import { beforeEach, describe, expect, it } from 'vitest';
import { distinctSubstanceProducts } from '../helpers/reviews';
import { count } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

// Plausible dates (found by a tester): births, prescriptions, a review's start, the GP's answer
// and the steps of a year of follow-up. Each refusal is a precise 422 and writes nothing.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let pharmacist: Agent;
let P: string[];

const tables = ['patients', 'patient_medications', 'reviews', 'review_steps', 'review_problems'];
const snapshot = () => tables.map((table) => count(t.db, table));

beforeEach(async () => {
  t = await createTestApp();
  pharmacist = await t.agentAs('pharmacien.peyrelevade@officoop.test');
  P = distinctSubstanceProducts(t.db, 6);
});

/** A patient of Peyrelevade with 5 reimbursed substances since `since`: eligible 6 months later. */
async function eligiblePatient(birthDate = '1950-03-02', since = '2026-01-15') {
  const res = await pharmacist
    .post('/api/patients')
    .send({ lastName: 'Lachaud', firstName: 'Marcelle', birthDate, gpName: 'Dr Vialle' });
  expect(res.status).toBe(201);
  for (const cip13 of P.slice(0, 5)) {
    const med = await pharmacist.post(`/api/patients/${res.body.id}/medications`).send({ cip13, startDate: since });
    expect(med.status).toBe(201);
  }
  return res.body.id as number;
}

const step = (reviewId: number, kind: string, date: string) =>
  pharmacist.post(`/api/reviews/${reviewId}/steps`).send({ kind, date, remote: false });

const expectRefused = (res: { status: number; body: { error: { code: string } } }, status: number, code: string) =>
  expect([res.status, res.body.error?.code]).toEqual([status, code]);

describe('birth and prescription dates', () => {
  it.each([
    ['tomorrow', '2026-11-24', 'reviews.birth_date_in_future'],
    ['in 1899', '1899-12-31', 'reviews.birth_date_too_early'],
  ])('When a patient is born %s, Then 422 and no patient is written', async (_n, birthDate, code) => {
    const before = snapshot();
    const res = await pharmacist.post('/api/patients').send({ lastName: 'A', firstName: 'B', birthDate });
    expectRefused(res, 422, code);
    expect(snapshot()).toEqual(before);
  });

  it('When a birth date is changed to tomorrow or after the first medication line, Then 422 and nothing changes', async () => {
    const id = await eligiblePatient();
    const future = await pharmacist.patch(`/api/patients/${id}`).send({ birthDate: '2026-12-01' });
    expectRefused(future, 422, 'reviews.birth_date_in_future');
    const late = await pharmacist.patch(`/api/patients/${id}`).send({ birthDate: '2026-02-01' });
    expectRefused(late, 422, 'reviews.birth_after_records');
    expect(late.body.error.details).toEqual([{ birthDate: '2026-02-01', earliestRecord: '2026-01-15' }]);
    expect((await pharmacist.get(`/api/patients/${id}`)).body.birthDate).toBe('1950-03-02');
  });

  it.each([
    ['starts tomorrow', '2026-11-24', 'reviews.prescription_in_future'],
    ['starts before the patient was born', '1949-12-31', 'reviews.prescription_before_birth'],
  ])('When a medication line %s, Then 422 and nothing is written', async (_n, startDate, code) => {
    const id = await eligiblePatient();
    const before = snapshot();
    const res = await pharmacist.post(`/api/patients/${id}/medications`).send({ cip13: P[5], startDate });
    expectRefused(res, 422, code);
    expect(snapshot()).toEqual(before);
  });

  it("When the GP's prescription date is in the future or before the birth, Then 422", async () => {
    const id = await eligiblePatient();
    const future = await pharmacist.patch(`/api/patients/${id}`).send({ gpPrescriptionDate: '2026-11-30' });
    expectRefused(future, 422, 'reviews.prescription_in_future');
    const before = snapshot();
    const created = await pharmacist
      .post('/api/patients')
      .send({ lastName: 'A', firstName: 'B', birthDate: '1940-01-01', gpPrescriptionDate: '1939-01-01' });
    expectRefused(created, 422, 'reviews.prescription_before_birth');
    expect(snapshot()).toEqual(before);
  });
});

describe("a review's start and the GP's answer", () => {
  it.each([
    ['in 1900', '1900-01-01', 'reviews.start_too_early'],
    ['in 2017', '2017-12-31', 'reviews.start_too_early'],
  ])('When a review starts %s, Then 422 and nothing is written', async (_n, startedOn, code) => {
    const patientId = await eligiblePatient();
    const before = snapshot();
    expectRefused(await pharmacist.post('/api/reviews').send({ patientId, startedOn }), 422, code);
    expect(snapshot()).toEqual(before);
  });

  it('When a review starts before the patient was born, Then 422 reviews.start_before_birth', async () => {
    const patientId = await eligiblePatient('1950-03-02');
    await t.db.$client.prepare('UPDATE patients SET birth_date = ? WHERE id = ?').run('2019-05-01', patientId);
    const before = snapshot();
    const res = await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2018-06-01', followUpYear: 1 });
    expect(res.body.error.code).not.toBe('reviews.start_too_early');
    expectRefused(res, 422, 'reviews.start_before_birth');
    expect(snapshot()).toEqual(before);
  });

  it("When the GP's answer is dated before the analysis it answers, Then 422 and the problem stays pending", async () => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-10-01' })).body.id;
    // A problem is recorded once the patient consented (SPEC §7).
    expect((await step(reviewId, 'adhesion', '2026-10-01')).status).toBe(201);
    const problem = await pharmacist
      .post(`/api/reviews/${reviewId}/problems`)
      .send({ problemCode: '4', interventionCode: '7', drugs: [P[0]], description: 'Surdosage' });
    for (const [kind, date] of [
      ['recueil', '2026-10-08'],
      ['analyse', '2026-10-20'],
    ]) {
      expect((await step(reviewId, kind as string, date as string)).status).toBe(201);
    }
    const res = await pharmacist
      .post(`/api/review-problems/${problem.body.id}/answer`)
      .send({ answer: 'accepted', date: '2026-10-19' });
    expectRefused(res, 422, 'reviews.answer_before_analysis');
    expect(res.body.error.details).toEqual([{ date: '2026-10-19', analysisDate: '2026-10-20' }]);
    const review = (await pharmacist.get(`/api/reviews/${reviewId}`)).body;
    expect(review.problems[0]).toMatchObject({ gpAnswer: 'pending', gpAnswerDate: null });
    const same = await pharmacist
      .post(`/api/review-problems/${problem.body.id}/answer`)
      .send({ answer: 'accepted', date: '2026-10-20' });
    expect(same.status).toBe(200);
  });
});

describe('the steps of a year of follow-up', () => {
  it('When the follow-up is dated the same day as the advice interview, Then 422 reviews.follow_up_same_day', async () => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-09-01' })).body.id;
    for (const [kind, date] of [
      ['adhesion', '2026-09-01'],
      ['recueil', '2026-09-08'],
      ['analyse', '2026-09-15'],
      ['conseil', '2026-11-20'],
    ]) {
      expect((await step(reviewId, kind as string, date as string)).status).toBe(201);
    }
    const before = snapshot();
    expectRefused(await step(reviewId, 'observance', '2026-11-20'), 422, 'reviews.follow_up_same_day');
    expect(snapshot()).toEqual(before);
    expect((await step(reviewId, 'observance', '2026-11-21')).status).toBe(201);
  });

  it("When a step of year N is dated in year N+1, Then 422 reviews.step_after_year_end and it falls due on the year's last day", async () => {
    // Eligible on the day the review starts (SPEC §7): her treatment began in January 2025.
    const patientId = await eligiblePatient('1950-03-02', '2025-01-15');
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2025-11-10' })).body.id;
    for (const [kind, date] of [
      ['adhesion', '2025-11-10'],
      ['recueil', '2025-12-01'],
      ['analyse', '2026-01-05'],
      ['conseil', '2026-10-01'],
    ]) {
      expect((await step(reviewId, kind as string, date as string)).status).toBe(201);
    }
    const review = (await pharmacist.get(`/api/reviews/${reviewId}`)).body;
    expect(review.next).toMatchObject({ kind: 'observance', dueDate: '2026-11-09' });
    const before = snapshot();
    const late = await step(reviewId, 'observance', '2026-11-10');
    expectRefused(late, 422, 'reviews.step_after_year_end');
    expect(late.body.error.details).toEqual([{ date: '2026-11-10', nextYearFrom: '2026-11-10' }]);
    expect(snapshot()).toEqual(before);
    expect((await step(reviewId, 'observance', '2026-11-09')).status).toBe(201);
  });
});
