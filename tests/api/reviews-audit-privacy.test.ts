import { beforeEach, describe, expect, it } from 'vitest';
import { distinctSubstanceProducts } from '../helpers/reviews';
import { createTestApp } from '../helpers/test-app';

// SPEC §2: the admin reads the audit log but has no access to patient clinical data. The tester
// found drug codes, Act-IP problem codes and GP answers in the log's details (found by a tester).

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let P: string[];

beforeEach(async () => {
  t = await createTestApp();
  P = distinctSubstanceProducts(t.db, 6);
});

const label = (cip13: string) =>
  (
    t.db.$client
      .prepare(
        `SELECT coalesce(s.name, p.label) AS label FROM catalogue_presentations p
         LEFT JOIN catalogue_specialities s ON s.cis = p.cis WHERE p.cip13 = ?`,
      )
      .get(cip13) as { label: string }
  ).label;

describe('the audit log the admin reads', () => {
  it('When a whole review is recorded, Then its audit rows show ids and actions, no patient, drug, problem or answer', async () => {
    const owner = await t.agentAs('pharmacien.peyrelevade@officoop.test');
    const patientId = (
      await owner
        .post('/api/patients')
        .send({ lastName: 'Confidentiel', firstName: 'Berthe', birthDate: '1944-05-05', gpName: 'Dr Secretan' })
    ).body.id;
    for (const cip13 of P.slice(0, 5))
      await owner.post(`/api/patients/${patientId}/medications`).send({ cip13, startDate: '2025-12-01' });
    const reviewId = (await owner.post('/api/reviews').send({ patientId, startedOn: '2026-10-01' })).body.id;
    for (const [kind, date] of [
      ['adhesion', '2026-10-01'],
      ['recueil', '2026-10-02'],
      ['analyse', '2026-10-05'],
    ]) {
      expect((await owner.post(`/api/reviews/${reviewId}/steps`).send({ kind, date, remote: false })).status).toBe(201);
    }
    const problem = await owner.post(`/api/reviews/${reviewId}/problems`).send({
      problemCode: '6.3',
      interventionCode: '2',
      drugs: [P[0], P[1]],
      description: 'Hyponatrémie sous diurétique',
    });
    expect(problem.status).toBe(201);
    await owner.post(`/api/review-problems/${problem.body.id}/answer`).send({ answer: 'refused', date: '2026-10-10' });
    await owner.get(`/api/reviews/${reviewId}/gp-report`);

    const admin = await t.agentAs('admin@officoop.test');
    const entries = [];
    for (const entity of ['patient', 'review', 'review_problem']) {
      const page = await admin.get(`/api/audit?entity=${entity}&pageSize=200`);
      expect(page.status).toBe(200);
      entries.push(...page.body.items);
    }
    const mine = entries.filter(
      (e) =>
        e.entityId === String(patientId) ||
        e.entityId === String(reviewId) ||
        e.entityId === String(problem.body.id) ||
        e.details?.reviewId === reviewId,
    );
    expect(mine.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'patients.create',
        'patients.add_medication',
        'reviews.start',
        'reviews.step',
        'reviews.add_problem',
        'reviews.gp_answer',
        'reviews.gp_report',
      ]),
    );
    const text = JSON.stringify(entries);
    for (const word of [
      'Confidentiel',
      'Berthe',
      'Secretan',
      'Hyponatrémie',
      'refused',
      '6.3',
      'problemCode',
      'cip13',
    ]) {
      expect(text).not.toContain(word);
    }
    for (const cip13 of P.slice(0, 5)) {
      expect(text).not.toContain(cip13);
      expect(text).not.toContain(label(cip13));
    }
  });

  it('When an older row carries clinical details, Then the admin sees its ids only', async () => {
    t.db.$client
      .prepare(
        `INSERT INTO audit_log (at, actor_user_id, actor_label, action, entity, entity_id, details)
         VALUES ('2026-11-01T10:00:00.000Z', NULL, 'test', 'reviews.add_problem', 'review_problem', '999', ?)`,
      )
      .run(JSON.stringify({ reviewId: 12, problemCode: '6.3', interventionCode: '2', cip13: P[0] }));
    const admin = await t.agentAs('admin@officoop.test');
    const page = await admin.get('/api/audit?entity=review_problem&entityId=999');
    expect(page.body.items).toEqual([
      expect.objectContaining({ action: 'reviews.add_problem', details: { reviewId: 12 } }),
    ]);
  });
});
