import { beforeEach, describe, expect, it } from 'vitest';
import { careHomeId as careHomeIdOf } from '../helpers/orders';
import { type Agent, meymacResidentPatient, reviewAtAnalysis, reviewsTestApp, type TestApp } from '../helpers/reviews';
import { count } from '../helpers/stock';

let t: TestApp;
let meymac: Agent;
let P: string[];
let careHomeId: number;

beforeEach(async () => {
  ({ t, pharmacist: meymac, P } = await reviewsTestApp('meymac'));
  careHomeId = careHomeIdOf(t.db, 'ehpad-meymac');
});

/** A Meymac care-home resident with 5 PDA lines since March, made a patient; returns ids. */
const residentPatient = () => meymacResidentPatient(meymac, t.db, P);

async function acceptedProblem(reviewId: number, body: object) {
  const problem = await meymac
    .post(`/api/reviews/${reviewId}/problems`)
    .send({ problemCode: '4', description: 'À revoir avec le médecin', ...body });
  expect(problem.status).toBe(201);
  const answer = await meymac
    .post(`/api/review-problems/${problem.body.id}/answer`)
    .send({ answer: 'accepted', date: '2026-11-20' });
  expect(answer.status).toBe(200);
  return answer.body;
}

describe('a resident is a patient of the serving pharmacy', () => {
  it('When a resident becomes a patient, Then its identity and PDA lines are the resident’s, not copies', async () => {
    const { residentId, patientId, lines } = await residentPatient();
    const patient = (await meymac.get(`/api/patients/${patientId}`)).body;
    expect(patient).toMatchObject({
      residentId,
      lastName: 'Chassagne',
      firstName: 'Louis',
      birthDate: '1938-04-04',
      room: '12',
    });
    const meds = patient.medications.map((m: { source: string; id: number }) => [m.source, m.id]);
    expect(meds.sort((a: number[], b: number[]) => Number(a[1]) - Number(b[1]))).toEqual(
      lines.map((id) => ['pda', id]),
    );
    expect(patient.eligibility).toMatchObject({ eligible: true, rule: 'age65_substances5' });
    const row = t.db.$client.prepare('SELECT last_name, birth_date FROM patients WHERE id = ?').get(patientId);
    expect(row).toEqual({ last_name: null, birth_date: null });
    const again = await meymac.post('/api/patients').send({ residentId });
    expect([again.status, again.body.error.code]).toEqual([409, 'patients.resident_already_patient']);
    const rename = await meymac.patch(`/api/patients/${patientId}`).send({ lastName: 'Autre' });
    expect([rename.status, rename.body.error.code]).toEqual([422, 'patients.identity_from_resident']);
  });

  it('When another pharmacy names the resident, or the names differ, Then it is refused and nothing is written', async () => {
    const resident = await meymac
      .post('/api/residents')
      .send({ careHomeId, lastName: 'Roux', firstName: 'Anne', birthDate: '1935-01-01', room: '3' });
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const before = count(t.db, 'patients');
    const other = await bugeat.post('/api/patients').send({ residentId: resident.body.id });
    expect([other.status, other.body.error.code]).toEqual([404, 'patients.resident_not_found']);
    const mismatch = await meymac.post('/api/patients').send({ residentId: resident.body.id, lastName: 'Rousse' });
    expect([mismatch.status, mismatch.body.error.code]).toEqual([422, 'patients.identity_from_resident']);
    const same = await meymac
      .post('/api/patients')
      .send({ residentId: resident.body.id, lastName: 'ROUX', firstName: 'anne' });
    expect(same.status).toBe(201);
    expect(count(t.db, 'patients')).toBe(before + 1);
  });
});

describe('an accepted intervention becomes a prescription proposal', () => {
  it('When the GP accepts a stop, Then the pharmacist applies it in one click and the next order no longer has the drug', async () => {
    const { patientId, lines, residentId } = await residentPatient();
    const reviewId = await reviewAtAnalysis(meymac, patientId);
    const problem = await acceptedProblem(reviewId, {
      interventionCode: '2',
      drugs: [P[0]],
      prescriptionLineId: lines[0],
    });
    expect(problem.proposal).toMatchObject({ kind: 'stop', status: 'pending' });
    const inbox = (await meymac.get('/api/prescription-proposals?status=pending')).body.items;
    expect(inbox).toContainEqual(
      expect.objectContaining({
        id: problem.proposal.id,
        kind: 'stop',
        prescriptionLineId: lines[0],
        patientName: 'Chassagne Louis',
      }),
    );
    const alerts = (await meymac.get('/api/alerts')).body.items as { kind: string }[];
    expect(alerts.map((a) => a.kind)).toContain('reviews.proposal_pending');

    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect((await bugeat.post(`/api/prescription-proposals/${problem.proposal.id}/apply`)).status).toBe(404);
    const bugeatInbox = (await bugeat.get('/api/prescription-proposals')).body.items as { id: number }[];
    expect(bugeatInbox.map((p) => p.id)).not.toContain(problem.proposal.id);
    const orderId = await nextWeekOrderId();
    expect(orderedFor(orderId, residentId)).toContain(P[0]);
    const technician = await t.agentAs('preparateur.meymac@officoop.test');
    expect((await technician.post(`/api/prescription-proposals/${problem.proposal.id}/apply`)).status).toBe(403);

    const applied = await meymac.post(`/api/prescription-proposals/${problem.proposal.id}/apply`);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'applied', appliedLineId: lines[0] });
    const prescriptions = (await meymac.get(`/api/residents/${residentId}/prescriptions`)).body.items;
    expect(prescriptions.find((l: { id: number }) => l.id === lines[0])).toMatchObject({ endDate: '2026-11-23' });
    const again = await meymac.post(`/api/prescription-proposals/${problem.proposal.id}/apply`);
    expect([again.status, again.body.error.code]).toEqual([409, 'prescription_proposals.already_decided']);

    const ordered = orderedFor(await nextWeekOrderId(), residentId);
    expect(ordered).not.toContain(P[0]);
    expect(ordered).toContain(P[1]);
  });

  it('When the GP accepts a dose change, Then applying replaces the line from tomorrow with the new dose', async () => {
    const { patientId, lines } = await residentPatient();
    const reviewId = await reviewAtAnalysis(meymac, patientId);
    const problem = await acceptedProblem(reviewId, {
      interventionCode: '7',
      drugs: [P[1]],
      prescriptionLineId: lines[1],
      change: { doses: { matin: 0.5 } },
    });
    const applied = (await meymac.post(`/api/prescription-proposals/${problem.proposal.id}/apply`)).body;
    expect(applied.status).toBe('applied');
    const residentId = await residentOf(patientId);
    const items = (await meymac.get(`/api/residents/${residentId}/prescriptions`)).body.items as {
      id: number;
      replacesId: number | null;
      doses: Record<string, number>;
      startDate: string;
    }[];
    expect(items.find((l) => l.id === applied.appliedLineId)).toMatchObject({
      replacesId: lines[1],
      doses: { matin: 0.5 },
      startDate: '2026-11-24',
    });
    // The proposal says what the dose changes from (the pages show « matin 1 → matin ½ »), before and after applying.
    const before = items.find((l) => l.id === lines[1])?.doses;
    expect(before).toBeDefined();
    expect(before).not.toEqual({ matin: 0.5 });
    expect(problem.proposal.id).toBe(applied.id);
    expect(applied.currentDoses).toEqual(before);
    const listed = (await meymac.get('/api/prescription-proposals')).body.items as {
      id: number;
      currentDoses: unknown;
    }[];
    expect(listed.find((p) => p.id === applied.id)?.currentDoses).toEqual(before);
  });

  it('When the line changed since, Then applying is refused as stale; dismissing keeps the prescription', async () => {
    const { patientId, lines } = await residentPatient();
    const reviewId = await reviewAtAnalysis(meymac, patientId);
    const stale = await acceptedProblem(reviewId, {
      interventionCode: '3',
      drugs: [P[2]],
      prescriptionLineId: lines[2],
      change: { cip13: P[3] },
    });
    const replaced = await meymac.post(`/api/prescriptions/${lines[2]}/replace`).send({
      cip13: P[2],
      doses: { matin: 2 },
      schedule: { kind: 'daily' },
      startDate: '2026-11-25',
      prescriber: 'Dr Peyrat',
    });
    expect(replaced.status).toBe(201);
    const lineCount = count(t.db, 'prescription_lines');
    const res = await meymac.post(`/api/prescription-proposals/${stale.proposal.id}/apply`);
    expect([res.status, res.body.error.code]).toEqual([409, 'prescription_proposals.stale']);
    expect(count(t.db, 'prescription_lines')).toBe(lineCount);

    const dismissable = await acceptedProblem(reviewId, {
      interventionCode: '2',
      drugs: [P[4]],
      prescriptionLineId: lines[4],
    });
    const dismissed = await meymac
      .post(`/api/prescription-proposals/${dismissable.proposal.id}/dismiss`)
      .send({ reason: 'Déjà vu avec l’infirmière' });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissReason: 'Déjà vu avec l’infirmière' });
    expect(count(t.db, 'prescription_lines')).toBe(lineCount);
  });

  it('When a problem names a line that is not the resident’s, or a community patient’s problem names a line, Then 422', async () => {
    const { patientId, lines } = await residentPatient();
    const reviewId = await reviewAtAnalysis(meymac, patientId);
    const before = count(t.db, 'review_problems');
    const wrong = await meymac
      .post(`/api/reviews/${reviewId}/problems`)
      .send({ problemCode: '4', interventionCode: '2', drugs: [P[0]], description: 'x', prescriptionLineId: 999_999 });
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'reviews.prescription_not_of_patient']);
    // "Stop metformin" must not end the omeprazole line: the line is one of the problem's drugs.
    const otherDrug = await meymac
      .post(`/api/reviews/${reviewId}/problems`)
      .send({ problemCode: '4', interventionCode: '2', drugs: [P[1]], description: 'x', prescriptionLineId: lines[0] });
    expect([otherDrug.status, otherDrug.body.error.code]).toEqual([422, 'reviews.line_not_of_drugs']);
    const incomplete = await meymac
      .post(`/api/reviews/${reviewId}/problems`)
      .send({ problemCode: '4', interventionCode: '3', drugs: [P[0]], description: 'x', prescriptionLineId: lines[0] });
    expect([incomplete.status, incomplete.body.error.code]).toEqual([422, 'reviews.proposal_details_required']);
    expect(count(t.db, 'review_problems')).toBe(before);
  });
});

async function residentOf(patientId: number): Promise<number> {
  return (await meymac.get(`/api/patients/${patientId}`)).body.residentId;
}

/** Next week's order of the Meymac care home: the demo's draft, or a new one. */
async function nextWeekOrderId(): Promise<number> {
  const existing = (await meymac.get(`/api/orders?careHomeId=${careHomeId}&week=2026-W49`)).body.items as {
    id: number;
  }[];
  if (existing[0]) return existing[0].id;
  const created = await meymac.post('/api/orders').send({ careHomeId, week: '2026-W49' });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** The products an order prepares for one resident (its order lines, as last computed). */
function orderedFor(orderId: number, residentId: number): string[] {
  return (
    t.db.$client
      .prepare('SELECT cip13 FROM order_lines WHERE order_id = ? AND resident_id = ?')
      .all(orderId, residentId) as {
      cip13: string;
    }[]
  ).map((r) => r.cip13);
}

describe('an answer recorded by mistake is corrected (found by a tester)', () => {
  const answer = (agent: Agent, problemId: number, body: object) =>
    agent.post(`/api/review-problems/${problemId}/answer`).send({ date: '2026-11-20', ...body });
  const pendingAlerts = async () =>
    ((await meymac.get('/api/alerts')).body.items as { kind: string; entityId: string | number }[])
      .filter((a) => a.kind === 'reviews.proposal_pending')
      .map((a) => ({ ...a, entityId: Number(a.entityId) }));

  it('When « accepted » was ticked for a refusal, Then the pharmacist corrects it: the pending change and its alert go; accepted again, a new one comes', async () => {
    const { patientId, lines } = await residentPatient();
    const reviewId = await reviewAtAnalysis(meymac, patientId);
    const problem = await acceptedProblem(reviewId, {
      interventionCode: '2',
      drugs: [P[0]],
      prescriptionLineId: lines[0],
    });
    const wrong = problem.proposal.id as number;
    const proposals = count(t.db, 'prescription_proposals');
    expect((await pendingAlerts()).map((a) => a.entityId)).toContain(wrong);

    // Without saying it is a correction, the answer stands (a second tab, a double click).
    const twice = await answer(meymac, problem.id, { answer: 'refused' });
    expect([twice.status, twice.body.error?.code]).toEqual([409, 'reviews.already_answered']);
    // A technician does not undo a proposal.
    const technician = await t.agentAs('preparateur.meymac@officoop.test');
    const byTechnician = await answer(technician, problem.id, { answer: 'refused', correction: true });
    expect([byTechnician.status, byTechnician.body.error?.code]).toEqual([403, 'reviews.correct_pharmacist_only']);
    // Another pharmacy does not see the problem at all.
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect((await answer(bugeat, problem.id, { answer: 'refused', correction: true })).status).toBe(404);

    const corrected = await answer(meymac, problem.id, {
      answer: 'refused',
      comment: 'Le médecin préfère garder le traitement.',
      correction: true,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ gpAnswer: 'refused', proposal: null });
    expect(count(t.db, 'prescription_proposals')).toBe(proposals - 1);
    expect((await pendingAlerts()).map((a) => a.entityId)).not.toContain(wrong);
    const audit = t.db.$client
      .prepare("SELECT details FROM audit_log WHERE action = 'reviews.gp_answer_corrected' AND entity_id = ?")
      .get(String(problem.id)) as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ from: 'accepted', to: 'refused', withdrawnProposalId: wrong });

    // Corrected back to accepted: a new pending change, announced again.
    const again = await answer(meymac, problem.id, { answer: 'accepted', correction: true });
    expect(again.body).toMatchObject({ gpAnswer: 'accepted', proposal: { kind: 'stop', status: 'pending' } });
    expect((await pendingAlerts()).map((a) => a.entityId)).toContain(again.body.proposal.id);
  });

  it('When a problem the GP has not answered is sent as a correction, Then it is refused: there is nothing to correct', async () => {
    const { patientId } = await residentPatient();
    const reviewId = await reviewAtAnalysis(meymac, patientId);
    const problem = await meymac
      .post(`/api/reviews/${reviewId}/problems`)
      .send({ problemCode: '4', description: 'À revoir avec le médecin', interventionCode: '2', drugs: [P[0]] });
    expect(problem.status).toBe(201);
    const corrected = await answer(meymac, problem.body.id, { answer: 'accepted', correction: true });
    expect([corrected.status, corrected.body.error?.code]).toEqual([409, 'reviews.not_answered']);
    const row = (await meymac.get(`/api/reviews/${reviewId}`)).body.problems.find(
      (p: { id: number }) => p.id === problem.body.id,
    );
    expect([row.gpAnswer, row.proposal]).toEqual(['pending', null]);
    // Recorded as the answer it is, it stands.
    expect((await answer(meymac, problem.body.id, { answer: 'accepted' })).status).toBe(200);
  });

  it('When the change the answer proposed was applied or dismissed, Then the answer can no longer be corrected', async () => {
    const { patientId, lines } = await residentPatient();
    const reviewId = await reviewAtAnalysis(meymac, patientId);
    for (const [i, decide] of [
      [0, 'apply'],
      [1, 'dismiss'],
    ] as const) {
      const problem = await acceptedProblem(reviewId, {
        interventionCode: '2',
        drugs: [P[i]],
        prescriptionLineId: lines[i],
      });
      expect((await meymac.post(`/api/prescription-proposals/${problem.proposal.id}/${decide}`).send({})).status).toBe(
        200,
      );
      const late = await answer(meymac, problem.id, { answer: 'refused', correction: true });
      expect([late.status, late.body.error?.code, late.body.error?.details], decide).toEqual([
        409,
        'reviews.answer_decided',
        [{ proposalId: problem.proposal.id, status: decide === 'apply' ? 'applied' : 'dismissed' }],
      ]);
      const row = (await meymac.get(`/api/reviews/${reviewId}`)).body.problems.find(
        (p: { id: number }) => p.id === problem.id,
      );
      expect(row.gpAnswer).toBe('accepted');
    }
  });
});
