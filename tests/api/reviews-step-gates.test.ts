import { beforeEach, describe, expect, it } from 'vitest';
import { type Agent, recordStep, reviewsTestApp, type TestApp } from '../helpers/reviews';
import { count } from '../helpers/stock';

// SPEC §7: drug-related problems are recorded during the analysis, after the patient's consent;
// the GP answers the analysis sent to him. The test clock is 2026-11-23 (Paris).
let t: TestApp;
let pharmacist: Agent;
let P: string[];

beforeEach(async () => {
  ({ t, pharmacist, P } = await reviewsTestApp('peyrelevade'));
});

/** A community patient of Peyrelevade with 5 reimbursed substances since `since`. */
async function patient(lastName: string, since: string) {
  const res = await pharmacist.post('/api/patients').send({ lastName, firstName: 'Marcelle', birthDate: '1950-03-02' });
  expect(res.status).toBe(201);
  for (const cip13 of P)
    expect(
      (await pharmacist.post(`/api/patients/${res.body.id}/medications`).send({ cip13, startDate: since })).status,
    ).toBe(201);
  return res.body.id as number;
}

async function start(patientId: number, startedOn: string, over: object = {}) {
  const res = await pharmacist.post('/api/reviews').send({ patientId, startedOn, ...over });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

const addProblem = (reviewId: number) =>
  pharmacist.post(`/api/reviews/${reviewId}/problems`).send({
    problemCode: '6.3',
    interventionCode: '2',
    drugs: [P[0], P[1]],
    description: 'Association déconseillée chez le sujet âgé',
  });

const answer = (problemId: number, date: string) =>
  pharmacist.post(`/api/review-problems/${problemId}/answer`).send({ answer: 'accepted', date });

describe('problems wait for the consent, GP answers for the analysis', () => {
  it('Given a first-year review with no step, When a problem is added, Then 409 reviews.consent_required and nothing is written; after the consent it is recorded', async () => {
    const reviewId = await start(await patient('Lachaud', '2026-01-15'), '2026-11-02');
    const before = count(t.db, 'review_problems');

    const early = await addProblem(reviewId);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('reviews.consent_required');
    expect(count(t.db, 'review_problems')).toBe(before);
    expect((await pharmacist.get(`/api/reviews/${reviewId}`)).body).toMatchObject({
      consentRecorded: false,
      analysisSent: false,
    });

    expect((await recordStep(pharmacist, reviewId, 'adhesion', '2026-11-02')).status).toBe(201);
    expect((await pharmacist.get(`/api/reviews/${reviewId}`)).body.consentRecorded).toBe(true);
    expect((await addProblem(reviewId)).status).toBe(201);
  });

  it('Given a problem recorded before the analysis step, When the GP answer is recorded, Then 409 reviews.analysis_not_sent and the problem stays pending; after the analysis the answer is recorded', async () => {
    const reviewId = await start(await patient('Lachaud', '2026-01-15'), '2026-11-02');
    expect((await recordStep(pharmacist, reviewId, 'adhesion', '2026-11-02')).status).toBe(201);
    expect((await recordStep(pharmacist, reviewId, 'recueil', '2026-11-09')).status).toBe(201);
    const problem = await addProblem(reviewId);
    expect(problem.status).toBe(201);

    const early = await answer(problem.body.id, '2026-11-10');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('reviews.analysis_not_sent');
    const pending = (await pharmacist.get(`/api/reviews/${reviewId}`)).body;
    expect(pending).toMatchObject({ analysisSent: false });
    expect(pending.problems[0]).toMatchObject({ gpAnswer: 'pending', gpAnswerDate: null });

    expect((await recordStep(pharmacist, reviewId, 'analyse', '2026-11-16')).status).toBe(201);
    expect((await pharmacist.get(`/api/reviews/${reviewId}`)).body.analysisSent).toBe(true);
    const late = await answer(problem.body.id, '2026-11-20');
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ gpAnswer: 'accepted', gpAnswerDate: '2026-11-20' });
  });

  it('Given a following year after a first year with its consent, When a problem is added before any step of the year, Then it is recorded, and its answer waits for the updated analysis', async () => {
    const patientId = await patient('Lachaud', '2024-06-01');
    const first = await start(patientId, '2025-01-10');
    expect((await recordStep(pharmacist, first, 'adhesion', '2025-01-10')).status).toBe(201);
    const stop = await pharmacist
      .post(`/api/reviews/${first}/interrupt`)
      .send({ date: '2025-02-01', reason: 'Hospitalisé' });
    expect(stop.status).toBe(200);
    const second = await start(patientId, '2026-01-10', { treatmentChanged: true });

    const problem = await addProblem(second);
    expect(problem.status).toBe(201);
    const early = await answer(problem.body.id, '2026-11-10');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('reviews.analysis_not_sent');
    expect((await recordStep(pharmacist, second, 'analyse', '2026-11-16')).status).toBe(201);
    expect((await answer(problem.body.id, '2026-11-20')).status).toBe(200);
  });

  it('Given a following year without treatment change (no analysis in its plan), When the GP answer is recorded before any step, Then it is recorded, though never dated before the year started', async () => {
    const patientId = await patient('Lachaud', '2024-06-01');
    const first = await start(patientId, '2025-01-10');
    expect((await recordStep(pharmacist, first, 'adhesion', '2025-01-10')).status).toBe(201);
    const stop = await pharmacist
      .post(`/api/reviews/${first}/interrupt`)
      .send({ date: '2025-02-01', reason: 'Hospitalisé' });
    expect(stop.status).toBe(200);
    const second = await start(patientId, '2026-01-10');
    expect((await pharmacist.get(`/api/reviews/${second}`)).body).toMatchObject({
      track: 'following_unchanged',
      consentRecorded: true,
      analysisSent: true,
    });

    const problem = await addProblem(second);
    expect(problem.status).toBe(201);
    const early = await answer(problem.body.id, '2026-01-05');
    expect([early.status, early.body.error?.code]).toEqual([422, 'reviews.answer_before_start']);
    expect((await answer(problem.body.id, '2026-11-20')).status).toBe(200);
  });

  it('Given a following year after a first year interrupted before the consent, When a problem is added, Then 409 reviews.consent_required', async () => {
    const patientId = await patient('Lachaud', '2024-06-01');
    const first = await start(patientId, '2025-01-10');
    const stop = await pharmacist
      .post(`/api/reviews/${first}/interrupt`)
      .send({ date: '2025-01-20', reason: 'Déménagé' });
    expect(stop.status).toBe(200);
    const second = await start(patientId, '2026-01-10', { treatmentChanged: true });

    const res = await addProblem(second);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('reviews.consent_required');
  });
});
