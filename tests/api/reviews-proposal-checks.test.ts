import { beforeEach, describe, expect, it } from 'vitest';
import { type Agent, meymacResidentPatient, reviewAtAnalysis, reviewsTestApp, type TestApp } from '../helpers/reviews';
import { count } from '../helpers/stock';

// A proposal is checked when the problem is recorded, not when the pharmacist applies it; a drug
// is on a list once (found by a tester).

let t: TestApp;
let meymac: Agent;
let P: string[];

const tables = ['patient_medications', 'review_problems', 'prescription_proposals', 'prescription_lines'];
const snapshot = () => tables.map((table) => count(t.db, table));

beforeEach(async () => {
  ({ t, pharmacist: meymac, P } = await reviewsTestApp('meymac', 6));
});

/** A Meymac resident with 5 PDA lines (P[0..4]) since March, made a patient, at the analysis step. */
async function residentReview() {
  const { patientId, lines } = await meymacResidentPatient(meymac, t.db, P.slice(0, 5));
  return { reviewId: await reviewAtAnalysis(meymac, patientId), lines, patientId };
}

const problem = (reviewId: number, body: object) =>
  meymac.post(`/api/reviews/${reviewId}/problems`).send({ problemCode: '4', description: 'À revoir', ...body });

describe('a proposal is checked when the problem is recorded', () => {
  it('When a dose is given at a time the care home does not have, Then 422 at once and nothing is written', async () => {
    const { reviewId, lines } = await residentReview();
    const before = snapshot();
    const res = await problem(reviewId, {
      interventionCode: '7',
      drugs: [P[0]],
      prescriptionLineId: lines[0],
      change: { doses: { minuit: 1 } },
    });
    expect([res.status, res.body.error.code]).toEqual([422, 'reviews.unknown_administration_time']);
    expect(res.body.error.details[0]).toMatchObject({ name: 'minuit' });
    const add = await problem(reviewId, {
      interventionCode: '1',
      drugs: [P[5]],
      change: { cip13: P[5], doses: { Matin: 1 } },
    });
    expect([add.status, add.body.error.code]).toEqual([422, 'reviews.unknown_administration_time']);
    expect(snapshot()).toEqual(before);
    const good = await problem(reviewId, {
      interventionCode: '7',
      drugs: [P[0]],
      prescriptionLineId: lines[0],
      change: { doses: { matin: 0.5 } },
    });
    expect(good.status).toBe(201);
  });

  it("When an 'add' names a drug already in the resident's pouches, Then 409 reviews.drug_already_prescribed", async () => {
    const { reviewId, lines } = await residentReview();
    const before = snapshot();
    const res = await problem(reviewId, {
      interventionCode: '1',
      drugs: [P[1]],
      change: { cip13: P[1], doses: { matin: 1 } },
    });
    expect([res.status, res.body.error.code]).toEqual([409, 'reviews.drug_already_prescribed']);
    expect(res.body.error.details).toEqual([{ cip13: P[1], prescriptionLineId: lines[1] }]);
    expect(snapshot()).toEqual(before);
  });

  it('When a change leaves the line as it is (same dose, schedule or product), Then 422 reviews.change_changes_nothing; a real change is recorded', async () => {
    const { reviewId, lines } = await residentReview();
    const before = snapshot();
    // The line: P[0], « matin » 1 unit, every day.
    const same = [
      { interventionCode: '7', change: { doses: { matin: 1 } } },
      { interventionCode: '6', change: { schedule: { kind: 'daily' } } },
      { interventionCode: '3', change: { cip13: P[0] } },
    ];
    for (const body of same) {
      const res = await problem(reviewId, { drugs: [P[0]], prescriptionLineId: lines[0], ...body });
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([422, 'reviews.change_changes_nothing']);
      expect(res.body.error.details).toEqual([
        {
          kind: { '7': 'adjust_dose', '6': 'change_schedule', '3': 'substitute' }[body.interventionCode],
          prescriptionLineId: lines[0],
        },
      ]);
    }
    expect(snapshot()).toEqual(before);
    const changed = [
      { interventionCode: '7', change: { doses: { matin: 1, soir: 1 } } },
      { interventionCode: '6', change: { schedule: { kind: 'weekdays', weekdays: [5, 1, 3] } } },
      { interventionCode: '3', change: { cip13: P[5] } },
    ];
    for (const body of changed) {
      const res = await problem(reviewId, { drugs: [P[0]], prescriptionLineId: lines[0], ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  it('When a problem names the same drug twice, Then 422 reviews.duplicate_drugs', async () => {
    const { reviewId } = await residentReview();
    const before = snapshot();
    const res = await problem(reviewId, { interventionCode: '5', drugs: [P[0], P[1], P[0]] });
    expect([res.status, res.body.error.code]).toEqual([422, 'reviews.duplicate_drugs']);
    expect(snapshot()).toEqual(before);
  });
});

describe('a drug is on the medication list once', () => {
  it('When a line of a drug already listed over the same dates is added, Then 409 and nothing is written', async () => {
    const { patientId } = await residentReview();
    const before = snapshot();
    const pda = await meymac
      .post(`/api/patients/${patientId}/medications`)
      .send({ cip13: P[0], startDate: '2026-06-01' });
    expect([pda.status, pda.body.error.code]).toEqual([409, 'reviews.medication_duplicate']);
    const first = await meymac
      .post(`/api/patients/${patientId}/medications`)
      .send({ cip13: P[5], startDate: '2026-01-01', endDate: '2026-04-30' });
    expect(first.status).toBe(201);
    const overlapping = await meymac
      .post(`/api/patients/${patientId}/medications`)
      .send({ cip13: P[5], startDate: '2026-04-30' });
    expect([overlapping.status, overlapping.body.error.code]).toEqual([409, 'reviews.medication_duplicate']);
    expect(snapshot()[0]).toBe((before[0] as number) + 1);
    const after = await meymac
      .post(`/api/patients/${patientId}/medications`)
      .send({ cip13: P[5], startDate: '2026-05-01' });
    expect(after.status).toBe(201);
  });

  it('When the same drug is added from another box (same CIS, another CIP13), Then 409 too: it is the same treatment', async () => {
    const { patientId } = await residentReview();
    const [box30, box90] = t.db.$client
      .prepare(
        `SELECT cip13 FROM catalogue_presentations WHERE cis =
           (SELECT cis FROM catalogue_presentations GROUP BY cis HAVING count(*) >= 2 ORDER BY cis LIMIT 1)
         ORDER BY cip13 LIMIT 2`,
      )
      .pluck()
      .all() as string[];
    const first = await meymac
      .post(`/api/patients/${patientId}/medications`)
      .send({ cip13: box30, startDate: '2026-06-01' });
    expect(first.status).toBe(201);
    const before = snapshot();
    const twin = await meymac
      .post(`/api/patients/${patientId}/medications`)
      .send({ cip13: box90, startDate: '2026-07-01' });
    expect([twin.status, twin.body.error.code]).toEqual([409, 'reviews.medication_duplicate']);
    expect(snapshot()).toEqual(before);
  });
});

describe('the pending proposal alert', () => {
  it('When the pharmacist applies the proposal, Then its alert leaves the home page', async () => {
    const { reviewId, lines } = await residentReview();
    const created = await problem(reviewId, { interventionCode: '2', drugs: [P[2]], prescriptionLineId: lines[2] });
    await meymac
      .post(`/api/review-problems/${created.body.id}/answer`)
      .send({ answer: 'accepted', date: '2026-11-20' });
    const proposalId = (await meymac.get(`/api/reviews/${reviewId}`)).body.problems[0].proposal.id as number;
    const pending = async () =>
      ((await meymac.get('/api/alerts')).body.items as { kind: string; entityId: string }[]).filter(
        (a) => a.kind === 'reviews.proposal_pending' && a.entityId === String(proposalId),
      );
    expect(await pending()).toHaveLength(1);
    expect((await meymac.post(`/api/prescription-proposals/${proposalId}/apply`)).status).toBe(200);
    expect(await pending()).toEqual([]);
  });
});

describe('a proposed dose the drug’s form cannot give (a capsule is not cut)', () => {
  /** A pouch-eligible product of that form, none of the resident's own. */
  const productOfForm = (form: string) =>
    (
      t.db.$client
        .prepare(
          `SELECT p.cip13 FROM catalogue_presentations p JOIN catalogue_specialities s ON s.cis = p.cis
           WHERE s.form = ? AND p.pda_excluded = 0 AND p.cip13 NOT IN (${P.map(() => '?').join(', ')})
           ORDER BY p.cip13 LIMIT 1`,
        )
        .get(form, ...P) as { cip13: string }
    ).cip13;

  it('When a proposal would give half a capsule (added, substituted or kept from the line), Then 422 reviews.dose_not_divisible at once and nothing is written', async () => {
    const { reviewId, lines, residentId } = await (async () => {
      const { patientId, lines, residentId } = await meymacResidentPatient(meymac, t.db, P.slice(0, 5));
      return { reviewId: await reviewAtAnalysis(meymac, patientId), lines, residentId };
    })();
    const capsule = productOfForm('gélule');
    const scored = productOfForm('comprimé sécable');
    // A line of half a scored tablet: a substitute keeps its doses.
    const half = await meymac.post(`/api/residents/${residentId}/prescriptions`).send({
      cip13: scored,
      doses: { matin: 0.5 },
      schedule: { kind: 'daily' },
      startDate: '2026-03-01',
      prescriber: 'Dr Peyrat',
    });
    expect(half.status).toBe(201);
    const before = snapshot();
    const refused = [
      { interventionCode: '1', drugs: [capsule], change: { cip13: capsule, doses: { matin: 0.5 } } },
      { interventionCode: '3', drugs: [scored], prescriptionLineId: half.body.id, change: { cip13: capsule } },
      {
        interventionCode: '3',
        drugs: [P[0]],
        prescriptionLineId: lines[0],
        change: { cip13: capsule, doses: { matin: 1, soir: 0.5 } },
      },
    ];
    for (const body of refused) {
      const res = await problem(reviewId, body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([422, 'reviews.dose_not_divisible']);
      expect(res.body.error.details[0]).toMatchObject({ cip13: capsule, form: 'gélule', rule: 'capsule' });
    }
    expect(snapshot()).toEqual(before);
    const whole = await problem(reviewId, {
      interventionCode: '3',
      drugs: [scored],
      prescriptionLineId: half.body.id,
      change: { cip13: capsule, doses: { matin: 1 } },
    });
    expect(whole.status).toBe(201);
  });
});
