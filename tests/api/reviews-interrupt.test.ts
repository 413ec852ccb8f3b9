import { writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type Agent,
  auditRows,
  eligibleCommunityPatient,
  openStepAlerts,
  recordStep,
  reviewsTestApp,
  runReviewReminders,
  type TestApp,
} from '../helpers/reviews';
import { pdfText } from '../helpers/shares';
import { count } from '../helpers/stock';

// A review with billed acts whose patient moved away, went into hospital or refused to go on is
// interrupted: it kept blocking next year's review and stayed overdue forever (found by QA).

let t: TestApp;
let pharmacist: Agent;
let P: string[];

beforeEach(async () => {
  ({ t, pharmacist, P } = await reviewsTestApp('peyrelevade'));
});

const eligiblePatient = () => eligibleCommunityPatient(pharmacist, P, '2025-01-15');
const step = (reviewId: number, kind: string, date: string) => recordStep(pharmacist, reviewId, kind, date);
const interrupt = (agent: Agent, reviewId: number, date: string, reason = 'Parti vivre chez sa fille à Lyon') =>
  agent.post(`/api/reviews/${reviewId}/interrupt`).send({ date, reason });
const runReminders = () => runReviewReminders(t);
const openAlerts = (reviewId: number) => openStepAlerts(pharmacist, reviewId);

/** A first-year review started on 2026-03-02 with consent and the first interview billed, now overdue. */
async function billedOverdueReview() {
  const patientId = await eligiblePatient();
  const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-03-02' })).body.id;
  expect((await step(reviewId, 'adhesion', '2026-03-02')).status).toBe(201);
  expect((await step(reviewId, 'recueil', '2026-03-16')).status).toBe(201);
  return { patientId, reviewId: reviewId as number };
}

describe('interrupting a review whose acts are billed', () => {
  it('When a pharmacist interrupts it, Then it leaves the worklist and reminders, its acts stay billed and no step can follow', async () => {
    const { patientId, reviewId } = await billedOverdueReview();
    await runReminders();
    expect((await openAlerts(reviewId)).map((a) => a.kind)).toEqual(['reviews.step_overdue']);
    const feesBefore = (await pharmacist.get('/api/reviews/fees?year=2026')).body;

    const res = await interrupt(pharmacist, reviewId, '2026-05-10');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'interrupted',
      interruptedOn: '2026-05-10',
      interruptReason: 'Parti vivre chez sa fille à Lyon',
      next: null,
      feesCents: 2501,
    });
    expect(auditRows(t.db, 'reviews.interrupt', reviewId)).toBe(1);
    expect(await openAlerts(reviewId)).toEqual([]);
    await runReminders();
    expect(await openAlerts(reviewId)).toEqual([]);

    const worklist = (await pharmacist.get('/api/reviews/worklist')).body;
    expect([...worklist.due, ...worklist.overdue].map((i: { reviewId: number }) => i.reviewId)).not.toContain(reviewId);
    // It was this year's review: the patient is not "without a review this year" until 12 months after its start.
    expect(worklist.eligible).not.toContainEqual(expect.objectContaining({ patientId }));

    const feesAfter = (await pharmacist.get('/api/reviews/fees?year=2026')).body;
    expect(feesAfter.totalCents).toBe(feesBefore.totalCents);
    expect(feesAfter.lines.filter((l: { reviewId: number }) => l.reviewId === reviewId)).toHaveLength(2);

    const steps = count(t.db, 'review_steps');
    const late = await step(reviewId, 'analyse', '2026-11-20');
    expect([late.status, late.body.error.code]).toEqual([409, 'reviews.interrupted']);
    const problem = await pharmacist
      .post(`/api/reviews/${reviewId}/problems`)
      .send({ problemCode: '4', interventionCode: '2', drugs: [P[0]], description: 'Trop tard' });
    expect([problem.status, problem.body.error?.code]).toEqual([409, 'reviews.interrupted']);
    expect((await interrupt(pharmacist, reviewId, '2026-05-10')).body.error.code).toBe('reviews.interrupted');
    expect((await pharmacist.post(`/api/reviews/${reviewId}/cancel`).send({ reason: 'Erreur' })).status).toBe(409);
    expect(count(t.db, 'review_steps')).toBe(steps);

    const pdf = await pharmacist.get(`/api/reviews/${reviewId}/gp-report`).buffer(true);
    expect(pdf.status).toBe(200);
    if (process.env.GP_REPORT_PDF) writeFileSync(process.env.GP_REPORT_PDF, pdf.body);
    expect(pdfText(pdf.body)).toContain('Bilan interrompu le : 10/05/2026');
  });

  it('When twelve months have passed since it started, Then the patient is eligible again and the next year starts as usual', async () => {
    const { patientId, reviewId } = await billedOverdueReview();
    expect((await interrupt(pharmacist, reviewId, '2026-05-10')).status).toBe(200);
    const tooSoon = await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-11-20' });
    expect([tooSoon.status, tooSoon.body.error.code]).toEqual([409, 'reviews.year_not_over']);

    t.clock.set('2027-03-10T09:00:00.000Z');
    pharmacist = await t.agentAs('pharmacien.peyrelevade@officoop.test'); // the session expired meanwhile
    const worklist = (await pharmacist.get('/api/reviews/worklist')).body;
    expect(worklist.eligible).toContainEqual(expect.objectContaining({ patientId, lastReviewYear: 1 }));
    const next = await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2027-03-08' });
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ followUpYear: 2, status: 'open' });
  });

  it('When the date is in the future or before the last step, or a technician asks, Then it is refused and the review stays open', async () => {
    const { reviewId } = await billedOverdueReview();
    const future = await interrupt(pharmacist, reviewId, '2026-11-24');
    expect([future.status, future.body.error.code]).toEqual([422, 'reviews.interrupt_in_future']);
    const early = await interrupt(pharmacist, reviewId, '2026-03-15');
    expect([early.status, early.body.error.code]).toEqual([422, 'reviews.interrupt_before_last_step']);
    expect(early.body.error.details).toEqual([{ date: '2026-03-15', lastDate: '2026-03-16' }]);
    const noReason = await pharmacist
      .post(`/api/reviews/${reviewId}/interrupt`)
      .send({ date: '2026-05-10', reason: '' });
    expect(noReason.status).toBe(400);
    const noDate = await pharmacist.post(`/api/reviews/${reviewId}/interrupt`).send({ reason: 'Refus du patient' });
    expect(noDate.status).toBe(400);
    const technician = await t.agentAs('preparateur.peyrelevade@officoop.test');
    const byTech = await interrupt(technician, reviewId, '2026-05-10');
    expect([byTech.status, byTech.body.error.code]).toEqual([403, 'reviews.interrupt_pharmacist_only']);
    expect(auditRows(t.db, 'reviews.interrupt', reviewId)).toBe(0);
    expect((await pharmacist.get(`/api/reviews/${reviewId}`)).body.status).toBe('open');
  });

  it('When another pharmacy asks, Then 404; a care home or the admin (no patient data), Then 403; nothing changes', async () => {
    const { reviewId } = await billedOverdueReview();
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect((await interrupt(bugeat, reviewId, '2026-05-10')).status).toBe(404);
    for (const email of ['admin@officoop.test', 'ehpad.bugeat@officoop.test']) {
      const res = await interrupt(await t.agentAs(email), reviewId, '2026-05-10');
      expect([res.status, res.body.error?.code]).toEqual([403, 'auth.forbidden']);
    }
    const unknown = await interrupt(pharmacist, 999_999, '2026-05-10');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'reviews.not_found']);
    expect((await pharmacist.get(`/api/reviews/${reviewId}`)).body.status).toBe('open');
  });

  it('When a completed review is interrupted, Then 409 reviews.review_completed', async () => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-01-05' })).body.id;
    for (const [kind, date] of [
      ['adhesion', '2026-01-05'],
      ['recueil', '2026-02-05'],
      ['analyse', '2026-03-05'],
      ['conseil', '2026-04-05'],
      ['observance', '2026-10-05'],
    ] as const)
      expect((await step(reviewId, kind, date)).status).toBe(201);
    const res = await interrupt(pharmacist, reviewId, '2026-11-01');
    expect([res.status, res.body.error.code]).toEqual([409, 'reviews.review_completed']);
  });
});
