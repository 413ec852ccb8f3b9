import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { reviewRemindersJob } from '../../jobs/review-reminders';
import { runJob } from '../../jobs/runner';
import { auditRows, distinctSubstanceProducts } from '../helpers/reviews';
import { count } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let patientId: number;
let reviewId: number;
let problemId: number;
let lineId: number;
let P: string[];

const OWNERS = ['pharmacien.peyrelevade@officoop.test', 'preparateur.peyrelevade@officoop.test'];
const OTHER_STAFF = ['pharmacien.bugeat@officoop.test', 'preparateur.meymac@officoop.test'];
const NO_PATIENT_DATA = ['admin@officoop.test', 'tresorier@officoop.test', 'ehpad.meymac@officoop.test'];

beforeAll(async () => {
  t = await createTestApp();
  P = distinctSubstanceProducts(t.db, 5);
  const owner = await t.agentAs(OWNERS[0] as string);
  patientId = (
    await owner
      .post('/api/patients')
      .send({ lastName: 'Secret', firstName: 'Patient', birthDate: '1944-05-05', gpName: 'Dr Lafon' })
  ).body.id;
  for (const cip13 of P) {
    const line = await owner.post(`/api/patients/${patientId}/medications`).send({ cip13, startDate: '2025-12-01' });
    lineId ??= line.body.id;
  }
  reviewId = (await owner.post('/api/reviews').send({ patientId, startedOn: '2026-10-01' })).body.id;
  for (const [kind, date] of [
    ['adhesion', '2026-10-01'],
    ['recueil', '2026-10-01'],
  ]) {
    await owner.post(`/api/reviews/${reviewId}/steps`).send({ kind, date, remote: false });
  }
  problemId = (
    await owner
      .post(`/api/reviews/${reviewId}/problems`)
      .send({ problemCode: '5', interventionCode: '2', drugs: [P[0]], description: 'Sans indication retrouvée' })
  ).body.id;
});

const singleResourceCalls = () =>
  [
    ['GET /api/patients/:id', (a: Agent) => a.get(`/api/patients/${patientId}`)],
    ['PATCH /api/patients/:id', (a: Agent) => a.patch(`/api/patients/${patientId}`).send({ gpName: 'Dr X' })],
    [
      'POST /api/patients/:id/medications',
      (a: Agent) => a.post(`/api/patients/${patientId}/medications`).send({ cip13: P[0], startDate: '2026-01-01' }),
    ],
    [
      'POST /api/patients/:id/medications/:lineId/stop',
      (a: Agent) => a.post(`/api/patients/${patientId}/medications/${lineId}/stop`).send({ endDate: '2026-11-20' }),
    ],
    ['POST /api/reviews (patientId)', (a: Agent) => a.post('/api/reviews').send({ patientId, followUpYear: 2 })],
    ['GET /api/reviews/:id', (a: Agent) => a.get(`/api/reviews/${reviewId}`)],
    ['GET /api/reviews/:id/gp-report', (a: Agent) => a.get(`/api/reviews/${reviewId}/gp-report`)],
    [
      'POST /api/reviews/:id/steps',
      (a: Agent) =>
        a.post(`/api/reviews/${reviewId}/steps`).send({ kind: 'analyse', date: '2026-11-01', remote: false }),
    ],
    [
      'POST /api/reviews/:id/problems',
      (a: Agent) =>
        a
          .post(`/api/reviews/${reviewId}/problems`)
          .send({ problemCode: '1', interventionCode: '2', drugs: [P[1]], description: 'x' }),
    ],
    [
      'POST /api/review-problems/:id/answer',
      (a: Agent) => a.post(`/api/review-problems/${problemId}/answer`).send({ answer: 'refused', date: '2026-11-02' }),
    ],
  ] as const;
type Agent = Awaited<ReturnType<App['agentAs']>>;

const writtenRows = () =>
  ['patients', 'patient_medications', 'reviews', 'review_steps', 'review_problems', 'prescription_proposals'].map((x) =>
    count(t.db, x),
  );

describe('privacy matrix: every role and pharmacy on every patient-data route', () => {
  it.each(OTHER_STAFF)(
    'When %s asks for a Peyrelevade patient, review or problem by id, Then 404 and nothing is written',
    async (email) => {
      const agent = await t.agentAs(email);
      const before = writtenRows();
      const audits = count(t.db, 'audit_log');
      for (const [name, call] of singleResourceCalls()) {
        const res = await call(agent);
        expect([name, res.status]).toEqual([name, 404]);
      }
      expect(writtenRows()).toEqual(before);
      expect(count(t.db, 'audit_log')).toBe(audits);
    },
  );

  // SPEC §2: the role check comes before the scope lookup. A role with no patient data gets the
  // 403 its lists give, whatever the id (the answer tells nothing about which ids exist).
  it.each(NO_PATIENT_DATA)(
    'When %s asks for a Peyrelevade patient, review or problem by id, Then 403 auth.forbidden and nothing is written',
    async (email) => {
      const agent = await t.agentAs(email);
      const before = writtenRows();
      const audits = count(t.db, 'audit_log');
      for (const [name, call] of singleResourceCalls()) {
        const res = await call(agent);
        expect([name, res.status, res.body.error?.code]).toEqual([name, 403, 'auth.forbidden']);
      }
      const unknown = await agent.get('/api/reviews/999999');
      expect([unknown.status, unknown.body.error?.code]).toEqual([403, 'auth.forbidden']);
      expect(writtenRows()).toEqual(before);
      expect(count(t.db, 'audit_log')).toBe(audits);
    },
  );

  it.each(OWNERS)('When %s reads its own patient and review, Then 200 and each read is audited', async (email) => {
    const agent = await t.agentAs(email);
    const reads = auditRows(t.db, 'patients.read', patientId);
    const reviewReads = auditRows(t.db, 'reviews.read', reviewId);
    expect((await agent.get(`/api/patients/${patientId}`)).status).toBe(200);
    expect((await agent.get(`/api/reviews/${reviewId}`)).status).toBe(200);
    expect((await agent.get(`/api/reviews/${reviewId}/gp-report`)).status).toBe(200);
    expect(auditRows(t.db, 'patients.read', patientId)).toBe(reads + 1);
    expect(auditRows(t.db, 'reviews.read', reviewId)).toBe(reviewReads + 1);
    expect(auditRows(t.db, 'reviews.gp_report', reviewId)).toBeGreaterThan(0);
  });

  const lists = [
    '/api/patients',
    '/api/reviews',
    '/api/reviews/worklist',
    '/api/prescription-proposals',
    '/api/reviews/fees?year=2026',
  ];

  it.each(NO_PATIENT_DATA)('When %s asks for any review list, Then 403', async (email) => {
    const agent = await t.agentAs(email);
    for (const url of lists) expect([url, (await agent.get(url)).status]).toEqual([url, 403]);
    expect((await agent.post('/api/patients').send({ lastName: 'A', firstName: 'B', birthDate: null })).status).toBe(
      403,
    );
  });

  it.each(OTHER_STAFF)(
    'When %s lists its own patients and reviews, Then the Peyrelevade ones are not in them',
    async (email) => {
      const agent = await t.agentAs(email);
      const patients = (await agent.get('/api/patients')).body.items as { id: number }[];
      expect(patients.map((p) => p.id)).not.toContain(patientId);
      const reviews = (await agent.get('/api/reviews')).body.items as { id: number }[];
      expect(reviews.map((r) => r.id)).not.toContain(reviewId);
      const worklist = (await agent.get('/api/reviews/worklist')).body;
      expect(JSON.stringify(worklist)).not.toContain('Secret');
    },
  );

  it('When the owning pharmacist lists, Then the patient and the review are there; every list read is audited', async () => {
    const agent = await t.agentAs(OWNERS[0] as string);
    const before = auditRows(t.db, 'patients.list');
    expect(((await agent.get('/api/patients')).body.items as { id: number }[]).map((p) => p.id)).toContain(patientId);
    expect(((await agent.get('/api/reviews')).body.items as { id: number }[]).map((r) => r.id)).toContain(reviewId);
    expect(auditRows(t.db, 'patients.list')).toBe(before + 1);
  });

  it('When the admin reads the fee schedules, Then it sees them (no patient data) and only it may add one', async () => {
    const admin = await t.agentAs('admin@officoop.test');
    const schedules = (await admin.get('/api/review-fee-schedules')).body.items;
    expect(schedules[0]).toMatchObject({ validFrom: '2025-01-08' });
    // Every act of the schedule in force, the first one's amount changed.
    const inForce = schedules.at(-1).acts as { track: string; kind: string; ordinal: number; amountCents: number }[];
    const body = {
      validFrom: '2027-01-01',
      label: 'Test',
      acts: inForce.map((a, i) => (i === 0 ? { ...a, amountCents: 1 } : a)),
    };
    const pharmacist = await t.agentAs(OWNERS[0] as string);
    expect((await pharmacist.post('/api/review-fee-schedules').send(body)).status).toBe(403);
    const past = await admin.post('/api/review-fee-schedules').send({ ...body, validFrom: '2026-11-22' });
    expect([past.status, past.body.error.code]).toEqual([422, 'reviews.schedule_in_past']);
    const wrong = await admin.post('/api/review-fee-schedules').send({
      ...body,
      acts: [{ track: 'following_unchanged', kind: 'conseil', ordinal: 1, actCode: 'X', amountCents: 0 }],
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'reviews.schedule_invalid']);
    // An act of the schedule in force left out would stop billing that step without a word.
    const incomplete = await admin.post('/api/review-fee-schedules').send({ ...body, acts: body.acts.slice(1) });
    expect([incomplete.status, incomplete.body.error.code]).toEqual([422, 'reviews.schedule_invalid']);
    const first = inForce[0] as (typeof inForce)[number];
    expect(incomplete.body.error.details).toContainEqual({
      problem: `missing:${first.track}:${first.kind}:${first.ordinal}`,
    });
    expect((await admin.get('/api/review-fee-schedules')).body.items).toHaveLength(1);
    expect((await admin.post('/api/review-fee-schedules').send(body)).status).toBe(201);
    expect((await admin.get('/api/review-fee-schedules')).body.items).toHaveLength(2);
  });
});

describe('the review-reminders job', () => {
  it('When it runs at 07:00, Then overdue steps reach the pharmacy home page; a second run the same day adds nothing', async () => {
    const deps = { db: t.db, clock: t.clock, log: pino({ level: 'silent' }), backupDir: '/tmp', dbPath: ':memory:' };
    expect(await runJob(reviewRemindersJob, deps, { force: true })).toMatchObject({ status: 'succeeded' });
    const pharmacist = await t.agentAs(OWNERS[0] as string);
    const alerts = (await pharmacist.get('/api/alerts')).body.items as { kind: string; entityId: string }[];
    expect(alerts).toContainEqual(
      expect.objectContaining({ kind: 'reviews.step_overdue', entityId: String(reviewId) }),
    );
    const other = await t.agentAs(OTHER_STAFF[0] as string);
    const otherAlerts = (await other.get('/api/alerts')).body.items as { entityId: string; kind: string }[];
    expect(otherAlerts.filter((a) => a.kind.startsWith('reviews.') && a.entityId === String(reviewId))).toEqual([]);
    const rows = count(t.db, 'alerts');
    expect(await runJob(reviewRemindersJob, deps, { force: true })).toMatchObject({ status: 'succeeded' });
    expect(count(t.db, 'alerts')).toBe(rows);
  });
});
