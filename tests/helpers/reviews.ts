import pino from 'pino';
import { expect } from 'vitest';
import type { Db } from '../../db/client';
import { reviewRemindersJob } from '../../jobs/review-reminders';
import { runJob } from '../../jobs/runner';
import { careHomeId } from './orders';
import { createTestApp } from './test-app';

/**
 * `n` presentations of the demo catalogue, reimbursed (or not), each of one active substance that
 * no other returned presentation shares: each one adds one substance to a patient's count.
 */
export function distinctSubstanceProducts(db: Db, n: number, reimbursed = true): string[] {
  const rows = db.$client
    .prepare(
      `SELECT p.cip13, p.cis, min(c.substance_code) AS code FROM catalogue_presentations p
       JOIN catalogue_compositions c ON c.cis = p.cis AND c.nature IN ('SA', 'FT')
       WHERE (coalesce(p.reimbursement_rate_pct, 0) > 0) = ?
       GROUP BY p.cip13 HAVING count(DISTINCT c.link_no) = 1 ORDER BY p.cip13`,
    )
    .all(reimbursed ? 1 : 0) as { cip13: string; cis: string; code: string }[];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of rows) {
    if (seen.has(r.code) || seen.has(r.cis)) continue;
    seen.add(r.code);
    seen.add(r.cis);
    out.push(r.cip13);
    if (out.length === n) return out;
  }
  throw new Error(`only ${out.length} products with distinct substances`);
}

/** Another reimbursed presentation of the same speciality or substance as `cip13`, if any. */
export function samePresentationSubstance(db: Db, cip13: string): string | undefined {
  const row = db.$client
    .prepare(
      `SELECT p2.cip13 FROM catalogue_presentations p1 JOIN catalogue_presentations p2 ON p2.cis = p1.cis AND p2.cip13 <> p1.cip13
       WHERE p1.cip13 = ? AND coalesce(p2.reimbursement_rate_pct, 0) > 0 LIMIT 1`,
    )
    .get(cip13) as { cip13: string } | undefined;
  return row?.cip13;
}

export function userId(db: Db, email: string): number {
  return (db.$client.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id;
}

export function auditRows(db: Db, action: string, entityId?: number): number {
  return (
    db.$client
      .prepare('SELECT count(*) AS n FROM audit_log WHERE action = ? AND (? IS NULL OR entity_id = ?)')
      .get(action, entityId == null ? null : String(entityId), entityId == null ? null : String(entityId)) as {
      n: number;
    }
  ).n;
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
export type Agent = Awaited<ReturnType<TestApp['agentAs']>>;

/**
 * A fresh demo app with a logged-in pharmacist of `slug` and `products` presentations of distinct
 * reimbursed substances (`P`), the set-up of the review tests.
 */
export async function reviewsTestApp(slug: string, products = 5) {
  const t = await createTestApp();
  const pharmacist = await t.agentAs(`pharmacien.${slug}@officoop.test`);
  return { t, pharmacist, P: distinctSubstanceProducts(t.db, products) };
}

/**
 * A community patient of the agent's pharmacy, Lachaud Marcelle (born 1950-03-02), with one line
 * per product started on `since`: eligible (65+, 5 reimbursed substances) once 6 months have passed.
 */
export async function eligibleCommunityPatient(agent: Agent, products: readonly string[], since: string) {
  const res = await agent
    .post('/api/patients')
    .send({ lastName: 'Lachaud', firstName: 'Marcelle', birthDate: '1950-03-02' });
  expect(res.status).toBe(201);
  for (const cip13 of products)
    expect(
      (await agent.post(`/api/patients/${res.body.id}/medications`).send({ cip13, startDate: since })).status,
    ).toBe(201);
  return res.body.id as number;
}

/** Records a review step in person, as the agent. */
export const recordStep = (agent: Agent, reviewId: number, kind: string, date: string) =>
  agent.post(`/api/reviews/${reviewId}/steps`).send({ kind, date, remote: false });

/** Runs the daily review-reminders job now (forced), as the scheduler would. */
export const runReviewReminders = (t: Pick<TestApp, 'db' | 'clock'>) =>
  runJob(
    reviewRemindersJob,
    { db: t.db, clock: t.clock, log: pino({ level: 'silent' }), backupDir: '/tmp', dbPath: ':memory:' },
    { force: true },
  );

/** The agent's open step reminders (`reviews.step_*` alerts) of one review. */
export const openStepAlerts = async (agent: Agent, reviewId: number) =>
  ((await agent.get('/api/alerts')).body.items as { kind: string; entityId: string }[]).filter(
    (a) => a.kind.startsWith('reviews.step_') && a.entityId === String(reviewId),
  );

/**
 * A resident of the Meymac care home, Chassagne Louis (born 1938-04-04, room 12), with one daily
 * PDA line (matin 1, Dr Peyrat) per product since 2026-03-01, made a patient of the Meymac
 * pharmacy with Dr Peyrat as GP: eligible (65+, 5 reimbursed substances) from September 2026.
 * Returns the ids of the resident, the patient and the prescription lines (in product order).
 */
export async function meymacResidentPatient(meymac: Agent, db: Db, products: readonly string[]) {
  const resident = await meymac.post('/api/residents').send({
    careHomeId: careHomeId(db, 'ehpad-meymac'),
    lastName: 'Chassagne',
    firstName: 'Louis',
    birthDate: '1938-04-04',
    room: '12',
  });
  expect(resident.status).toBe(201);
  const lines: number[] = [];
  for (const cip13 of products) {
    const res = await meymac.post(`/api/residents/${resident.body.id}/prescriptions`).send({
      cip13,
      doses: { matin: 1 },
      schedule: { kind: 'daily' },
      startDate: '2026-03-01',
      prescriber: 'Dr Peyrat',
    });
    expect(res.status).toBe(201);
    lines.push(res.body.id);
  }
  const patient = await meymac.post('/api/patients').send({ residentId: resident.body.id, gpName: 'Dr Peyrat' });
  expect(patient.status).toBe(201);
  return { residentId: resident.body.id as number, patientId: patient.body.id as number, lines };
}

/** Starts a first-year review on 2026-11-02 and records consent, intake (that day) and analysis (2026-11-16). */
export async function reviewAtAnalysis(agent: Agent, patientId: number) {
  const review = await agent.post('/api/reviews').send({ patientId, startedOn: '2026-11-02' });
  expect(review.status).toBe(201);
  const reviewId = review.body.id as number;
  for (const [kind, date] of [
    ['adhesion', '2026-11-02'],
    ['recueil', '2026-11-02'],
    ['analyse', '2026-11-16'],
  ] as const)
    expect((await recordStep(agent, reviewId, kind, date)).status).toBe(201);
  return reviewId;
}
