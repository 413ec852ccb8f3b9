import { beforeEach, describe, expect, it } from 'vitest';
import { loadGpReport } from '../../server/reviews/report.usecases';
import { auditRows, distinctSubstanceProducts } from '../helpers/reviews';
import { ctxAs, pdfText } from '../helpers/shares';
import { createTestApp } from '../helpers/test-app';

// Ending a community patient's medication line (found by QA: lines could only be added), e.g.
// after the GP accepted stopping a drug: POST /api/patients/:id/medications/:lineId/stop {endDate}.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let pharmacist: Agent;
let P: string[];

const PHARMACIST = 'pharmacien.peyrelevade@officoop.test';

beforeEach(async () => {
  t = await createTestApp();
  pharmacist = await t.agentAs(PHARMACIST);
  P = distinctSubstanceProducts(t.db, 6);
});

/** An eligible community patient: 76 years old, 5 reimbursed substances since January. */
async function eligiblePatient() {
  const res = await pharmacist
    .post('/api/patients')
    .send({ lastName: 'Lachaud', firstName: 'Marcelle', birthDate: '1950-03-02', gpName: 'Dr Vialle' });
  expect(res.status).toBe(201);
  const lines: number[] = [];
  for (const cip13 of P.slice(0, 5)) {
    const med = await pharmacist
      .post(`/api/patients/${res.body.id}/medications`)
      .send({ cip13, startDate: '2026-01-15' });
    expect(med.status).toBe(201);
    lines.push(med.body.id);
  }
  return { patientId: res.body.id as number, lines };
}

const stop = (agent: Agent, patientId: number, lineId: number, body: object) =>
  agent.post(`/api/patients/${patientId}/medications/${lineId}/stop`).send(body);

const endDateOf = (lineId: number) =>
  (
    t.db.$client.prepare('SELECT end_date AS e FROM patient_medications WHERE id = ?').get(lineId) as {
      e: string | null;
    }
  ).e;

const eligibleIds = async (agent: Agent) =>
  (await agent.get('/api/reviews/worklist')).body.eligible.map((e: { patientId: number }) => e.patientId);

describe('ending a medication line', () => {
  it('When a line is ended yesterday, Then it is no longer active, the patient is no longer eligible, and it is audited', async () => {
    const { patientId, lines } = await eligiblePatient();
    const lineId = lines[0] as number;
    expect(await eligibleIds(pharmacist)).toContain(patientId);
    const res = await stop(pharmacist, patientId, lineId, { endDate: '2026-11-22' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: lineId, source: 'other', endDate: '2026-11-22', active: false });
    const patient = (await pharmacist.get(`/api/patients/${patientId}`)).body;
    expect(patient.medications.find((m: { id: number }) => m.id === lineId)).toMatchObject({ active: false });
    expect(patient.eligibility.eligible).toBe(false);
    expect(await eligibleIds(pharmacist)).not.toContain(patientId);
    expect(auditRows(t.db, 'patients.stop_medication', patientId)).toBe(1);
  });

  it('When a line is ended today, Then it is taken today (its last day) and stops counting tomorrow', async () => {
    const { patientId, lines } = await eligiblePatient();
    expect((await stop(pharmacist, patientId, lines[0] as number, { endDate: '2026-11-23' })).body.active).toBe(true);
    expect((await pharmacist.get(`/api/patients/${patientId}`)).body.eligibility.eligible).toBe(true);
    t.clock.set('2026-11-24T09:00:00.000Z');
    // A new session: yesterday's has gone idle overnight.
    const nextDay = await t.agentAs(PHARMACIST);
    const tomorrow = (await nextDay.get(`/api/patients/${patientId}`)).body;
    expect(tomorrow.medications.find((m: { id: number }) => m.id === lines[0])?.active).toBe(false);
    expect(tomorrow.eligibility.eligible).toBe(false);
  });

  it('When the end is before the start, or the body is wrong, Then 422 or 400 and the line is unchanged', async () => {
    const { patientId, lines } = await eligiblePatient();
    const lineId = lines[0] as number;
    const early = await stop(pharmacist, patientId, lineId, { endDate: '2026-01-14' });
    expect([early.status, early.body.error?.code]).toEqual([422, 'reviews.medication_end_before_start']);
    expect(early.body.error.details).toEqual([{ endDate: '2026-01-14', startDate: '2026-01-15' }]);
    for (const body of [{}, { endDate: '2026-02-30' }, { endDate: '2026-11-20', reason: 'x' }]) {
      expect((await stop(pharmacist, patientId, lineId, body)).status).toBe(400);
    }
    expect(endDateOf(lineId)).toBeNull();
    expect(auditRows(t.db, 'patients.stop_medication')).toBe(0);
  });

  it('When a line already ends on or before the day, Then 409 reviews.medication_ended; an earlier end is accepted', async () => {
    const { patientId, lines } = await eligiblePatient();
    const lineId = lines[0] as number;
    expect((await stop(pharmacist, patientId, lineId, { endDate: '2026-11-20' })).status).toBe(200);
    for (const endDate of ['2026-11-20', '2026-11-22']) {
      const again = await stop(pharmacist, patientId, lineId, { endDate });
      expect([again.status, again.body.error?.code]).toEqual([409, 'reviews.medication_ended']);
    }
    expect((await stop(pharmacist, patientId, lineId, { endDate: '2026-11-10' })).body.endDate).toBe('2026-11-10');
    expect(endDateOf(lineId)).toBe('2026-11-10');
  });

  it('When the technician of the pharmacy ends a line, Then 200 (a patient write like adding one)', async () => {
    const { patientId, lines } = await eligiblePatient();
    const technician = await t.agentAs('preparateur.peyrelevade@officoop.test');
    expect((await stop(technician, patientId, lines[1] as number, { endDate: '2026-11-20' })).status).toBe(200);
  });

  it.each([
    ['pharmacien.meymac@officoop.test', 404, 'patients.not_found'],
    ['preparateur.meymac@officoop.test', 404, 'patients.not_found'],
    ['admin@officoop.test', 403, 'auth.forbidden'],
    ['tresorier@officoop.test', 403, 'auth.forbidden'],
    ['ehpad.meymac@officoop.test', 403, 'auth.forbidden'],
  ])('When %s ends a line of a Peyrelevade patient, Then %i %s and nothing changes', async (email, status, code) => {
    const { patientId, lines } = await eligiblePatient();
    const other = await t.agentAs(email);
    const res = await stop(other, patientId, lines[0] as number, { endDate: '2026-11-20' });
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
    expect(endDateOf(lines[0] as number)).toBeNull();
  });

  it("When the line is another patient's or unknown, Then 404 reviews.medication_not_found", async () => {
    const { patientId, lines } = await eligiblePatient();
    const second = await pharmacist
      .post('/api/patients')
      .send({ lastName: 'Autre', firstName: 'Jean', birthDate: '1960-01-01' });
    expect(second.status).toBe(201);
    const wrong = await stop(pharmacist, second.body.id, lines[0] as number, { endDate: '2026-11-20' });
    expect([wrong.status, wrong.body.error?.code]).toEqual([404, 'reviews.medication_not_found']);
    const unknown = await stop(pharmacist, patientId, 999_999, { endDate: '2026-11-20' });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'reviews.medication_not_found']);
    expect(endDateOf(lines[0] as number)).toBeNull();
  });

  it('When a line is ended, Then the GP report no longer lists it in the treatment in force', async () => {
    const { patientId, lines } = await eligiblePatient();
    const review = await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-11-02' });
    expect(review.status).toBe(201);
    expect((await stop(pharmacist, patientId, lines[0] as number, { endDate: '2026-11-21' })).status).toBe(200);
    const ctx = ctxAs(t.db, t.clock, PHARMACIST);
    const report = loadGpReport({ ctx, id: review.body.id });
    expect(report.medications.map((m) => m.id).sort()).toEqual(lines.slice(1).sort());
    expect((await pharmacist.get(`/api/reviews/${review.body.id}/gp-report`)).status).toBe(200);
    // A line whose last day is today is still in force, and the report says until when.
    expect((await stop(pharmacist, patientId, lines[1] as number, { endDate: '2026-11-23' })).status).toBe(200);
    const pdf = await pharmacist.get(`/api/reviews/${review.body.id}/gp-report`).buffer(true);
    expect(pdfText(pdf.body).replace(/\s+/g, ' ')).toContain('jusqu’au 23/11/2026');
  });
});
