import { beforeEach, describe, expect, it } from 'vitest';
import {
  type Agent,
  eligibleCommunityPatient,
  openStepAlerts,
  recordStep,
  reviewsTestApp,
  runReviewReminders,
  type TestApp,
} from '../helpers/reviews';
import { count } from '../helpers/stock';

// A review started by mistake can be cancelled; reminders go once their step is done (found by a tester).

let t: TestApp;
let pharmacist: Agent;
let P: string[];

beforeEach(async () => {
  ({ t, pharmacist, P } = await reviewsTestApp('peyrelevade'));
});

const eligiblePatient = () => eligibleCommunityPatient(pharmacist, P, '2026-01-15');
const step = (reviewId: number, kind: string, date: string) => recordStep(pharmacist, reviewId, kind, date);
const cancel = (agent: Agent, reviewId: number, reason = 'Mauvais patient sélectionné') =>
  agent.post(`/api/reviews/${reviewId}/cancel`).send({ reason });
const runReminders = () => runReviewReminders(t);
const openAlerts = (reviewId: number) => openStepAlerts(pharmacist, reviewId);

describe('cancelling a review started by mistake', () => {
  it('When a pharmacist cancels an unbilled review with a reason, Then it is kept as cancelled, out of worklist, alerts and fees, and the year can start again', async () => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-10-01' })).body.id;
    await runReminders();
    expect(await openAlerts(reviewId)).toHaveLength(1);

    const technician = await t.agentAs('preparateur.peyrelevade@officoop.test');
    const byTech = await cancel(technician, reviewId);
    expect([byTech.status, byTech.body.error.code]).toEqual([403, 'reviews.cancel_pharmacist_only']);
    const noReason = await pharmacist.post(`/api/reviews/${reviewId}/cancel`).send({ reason: ' ' });
    expect(noReason.status).toBe(400);
    const other = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect((await cancel(other, reviewId)).status).toBe(404);

    const res = await cancel(pharmacist, reviewId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: 'Mauvais patient sélectionné', next: null });
    expect(count(t.db, 'reviews')).toBeGreaterThan(0);
    expect(await openAlerts(reviewId)).toEqual([]);
    const worklist = (await pharmacist.get('/api/reviews/worklist')).body;
    expect([...worklist.due, ...worklist.overdue].map((i: { reviewId: number }) => i.reviewId)).not.toContain(reviewId);
    expect(worklist.eligible).toContainEqual(expect.objectContaining({ patientId }));

    const steps = count(t.db, 'review_steps');
    const late = await step(reviewId, 'adhesion', '2026-10-01');
    expect([late.status, late.body.error.code]).toEqual([409, 'reviews.review_cancelled']);
    expect((await cancel(pharmacist, reviewId)).body.error.code).toBe('reviews.review_cancelled');
    expect(count(t.db, 'review_steps')).toBe(steps);

    const again = await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-11-02' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ followUpYear: 1, status: 'open' });
  });

  it('When an act of the review is already billed, Then 409 reviews.review_billed and the review stays open', async () => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-10-01' })).body.id;
    expect((await step(reviewId, 'adhesion', '2026-10-01')).status).toBe(201);
    const res = await cancel(pharmacist, reviewId);
    expect([res.status, res.body.error.code]).toEqual([409, 'reviews.review_billed']);
    expect(res.body.error.details).toEqual([{ actCode: 'TAC', date: '2026-10-01' }]);
    expect((await pharmacist.get(`/api/reviews/${reviewId}`)).body.status).toBe('open');
  });
});

describe('reminders leave the home page once their step is done', () => {
  it('When the overdue step is recorded, Then its alert is resolved at once', async () => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-09-01' })).body.id;
    await runReminders();
    expect((await openAlerts(reviewId)).map((a) => a.kind)).toEqual(['reviews.step_overdue']);
    expect((await step(reviewId, 'adhesion', '2026-09-01')).status).toBe(201);
    expect(await openAlerts(reviewId)).toEqual([]);
  });
});

describe('the fee report', () => {
  it('When no year is given, Then it is the current Paris year', async () => {
    const res = await pharmacist.get('/api/reviews/fees');
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(2026);
    const csv = await pharmacist.get('/api/reviews/fees?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toContain('bilans-actes-2026.csv');
  });
});
