import { beforeEach, describe, expect, it } from 'vitest';
import { auditRows, distinctSubstanceProducts } from '../helpers/reviews';
import { pdfText } from '../helpers/shares';
import { count } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let pharmacist: Agent;
let technician: Agent;
let P: string[];

beforeEach(async () => {
  t = await createTestApp();
  pharmacist = await t.agentAs('pharmacien.peyrelevade@officoop.test');
  technician = await t.agentAs('preparateur.peyrelevade@officoop.test');
  P = distinctSubstanceProducts(t.db, 6);
});

/** A community patient of Peyrelevade, 76 years old, with `lines` reimbursed substances since January. */
async function eligiblePatient(lines = 5, over: object = {}) {
  const res = await pharmacist.post('/api/patients').send({
    lastName: 'Lachaud',
    firstName: 'Marcelle',
    birthDate: '1950-03-02',
    gpName: 'Dr Vialle',
    gpContact: '05 55 00 00 00',
    ...over,
  });
  expect(res.status).toBe(201);
  for (const cip13 of P.slice(0, lines)) {
    const med = await pharmacist
      .post(`/api/patients/${res.body.id}/medications`)
      .send({ cip13, startDate: '2026-01-15' });
    expect(med.status).toBe(201);
  }
  return res.body.id as number;
}

const step = (agent: Agent, reviewId: number, kind: string, date: string, over: object = {}) =>
  agent.post(`/api/reviews/${reviewId}/steps`).send({ kind, date, remote: false, notes: `${kind} fait`, ...over });

describe('a step is the act of a pharmacist of the pharmacy (SPEC §7, BPM convention)', () => {
  it('When a technician records a step, Then they name one of the pharmacy’s pharmacists, or it is refused and nothing is written', async () => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-11-02' })).body.id;
    const me = (await pharmacist.get('/api/auth/me')).body;
    const tech = (await technician.get('/api/auth/me')).body;
    const other = (await (await t.agentAs('pharmacien.bugeat@officoop.test')).get('/api/auth/me')).body;
    const steps = count(t.db, 'review_steps');
    for (const [body, status, code] of [
      [{}, 422, 'reviews.pharmacist_required'],
      [{ pharmacistId: tech.id }, 422, 'reviews.not_a_pharmacist'],
      [{ pharmacistId: other.id }, 422, 'reviews.not_a_pharmacist'],
      [{ pharmacistId: 999_999 }, 422, 'reviews.not_a_pharmacist'],
      [{ pharmacistId: '1' }, 400, 'validation.invalid_input'],
    ] as const) {
      const res = await step(technician, reviewId, 'adhesion', '2026-11-02', body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    // A pharmacist names nobody else by mistake: another pharmacy's pharmacist is refused too.
    const wrong = await step(pharmacist, reviewId, 'adhesion', '2026-11-02', { pharmacistId: other.id });
    expect([wrong.status, wrong.body.error?.code]).toEqual([422, 'reviews.not_a_pharmacist']);
    expect(count(t.db, 'review_steps')).toBe(steps);
    const named = await step(technician, reviewId, 'adhesion', '2026-11-02', { pharmacistId: me.id });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ pharmacistId: me.id, pharmacistName: me.displayName, actCode: 'TAC' });
  });

  it('When staff ask who may be named, Then they get the pharmacy’s active pharmacists only; others get nothing', async () => {
    const me = (await pharmacist.get('/api/auth/me')).body;
    const listed = await technician.get('/api/reviews/pharmacists');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual({ id: me.id, displayName: me.displayName });
    const ids = listed.body.items.map((p: { id: number }) => p.id);
    const roles = t.db.$client
      .prepare(`SELECT DISTINCT role, pharmacy_id AS pharmacyId, active FROM users WHERE id IN (${ids.join(',')})`)
      .all();
    expect(roles).toEqual([{ role: 'pharmacist', pharmacyId: me.pharmacy.id, active: 1 }]);
    for (const email of ['ehpad.bugeat@officoop.test', 'tresorier@officoop.test', 'admin@officoop.test']) {
      const res = await (await t.agentAs(email)).get('/api/reviews/pharmacists');
      expect([403, 404], email).toContain(res.status);
    }
  });
});

describe('a first-year review, from eligibility to the fees', () => {
  it('When a patient has 5 reimbursed substances for 10 months, Then the patient page says eligible with its reasons', async () => {
    const id = await eligiblePatient();
    const res = await pharmacist.get(`/api/patients/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.medications).toHaveLength(5);
    expect(res.body.medications[0]).toMatchObject({ source: 'other', reimbursed: true, active: true });
    expect(res.body.eligibility).toMatchObject({ eligible: true, rule: 'age65_substances5', day: '2026-11-23' });
    expect(res.body.eligibility.reasons).toContainEqual(
      expect.objectContaining({ code: 'substances', met: true, params: { count: 5, min: 5, months: 6 } }),
    );
    expect(res.body.eligibility.reasons).toContainEqual(
      expect.objectContaining({ code: 'age', met: true, params: { age: 76, min: 65 } }),
    );
  });

  it('When every step is recorded in order, Then the review closes and each act is billed at the schedule amount', async () => {
    const patientId = await eligiblePatient();
    const feesBefore = (await pharmacist.get('/api/reviews/fees?year=2026')).body;
    const started = await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-11-02' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ followUpYear: 1, track: 'first', status: 'open' });
    expect(started.body.next).toMatchObject({ kind: 'adhesion', dueDate: '2026-11-02', state: 'overdue' });
    const reviewId = started.body.id;

    // The technician records the consent the pharmacist took, naming them.
    const me = (await pharmacist.get('/api/auth/me')).body;
    const adhesion = await step(technician, reviewId, 'adhesion', '2026-11-02', { pharmacistId: me.id });
    expect([adhesion.status, adhesion.body.pharmacistName]).toEqual([201, me.displayName]);
    expect((await step(pharmacist, reviewId, 'recueil', '2026-11-09', { remote: true })).status).toBe(201);
    // The analysis is the pharmacist's own work: no « à distance » on it, whatever a client sends.
    const analyse = await step(pharmacist, reviewId, 'analyse', '2026-11-16', { remote: true });
    expect([analyse.status, analyse.body.remote]).toEqual([201, false]);
    const problem = await pharmacist.post(`/api/reviews/${reviewId}/problems`).send({
      problemCode: '6.3',
      interventionCode: '2',
      drugs: [P[0], P[1]],
      description: 'Association déconseillée chez le sujet âgé',
    });
    expect(problem.status).toBe(201);
    expect(problem.body).toMatchObject({ gpAnswer: 'pending', proposal: null });
    const answer = await pharmacist
      .post(`/api/review-problems/${problem.body.id}/answer`)
      .send({ answer: 'accepted', date: '2026-11-20' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ gpAnswer: 'accepted', gpAnswerDate: '2026-11-20', proposal: null });
    expect((await step(technician, reviewId, 'conseil', '2026-11-21', { pharmacistId: me.id })).status).toBe(201);

    const closeByTechnician = await step(technician, reviewId, 'observance', '2026-11-23');
    expect(closeByTechnician.status).toBe(403);
    expect(closeByTechnician.body.error.code).toBe('reviews.close_pharmacist_only');
    const close = await step(pharmacist, reviewId, 'observance', '2026-11-23');
    expect(close.status).toBe(201);
    expect(close.body).toMatchObject({
      kind: 'observance',
      actCode: 'BPM1-SUIVI',
      amountCents: 1000,
      reviewStatus: 'completed',
    });

    const review = (await pharmacist.get(`/api/reviews/${reviewId}`)).body;
    expect(review).toMatchObject({ status: 'completed', completedOn: '2026-11-23', next: null, feesCents: 6501 });
    expect(review.steps.map((s: { actCode: string }) => s.actCode)).toEqual([
      'TAC',
      'BPM1-RECUEIL',
      'BPM1-ANALYSE',
      'BPM1-CONSEIL',
      'BPM1-SUIVI',
    ]);

    const fees = await pharmacist.get('/api/reviews/fees?year=2026');
    expect(fees.status).toBe(200);
    expect(fees.body.totalCents - feesBefore.totalCents).toBe(6501);
    expect(fees.body.lines.filter((l: { reviewId: number }) => l.reviewId === reviewId)).toHaveLength(5);
    const tac = (body: { acts: { actCode: string; count: number }[] }) =>
      body.acts.find((a) => a.actCode === 'TAC')?.count ?? 0;
    expect(tac(fees.body) - tac(feesBefore)).toBe(1);
    const csv = await pharmacist.get('/api/reviews/fees?year=2026&format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFFDate;Bilan;Patient;Étape;À distance;Code acte;Montant (€)\r\n')).toBe(true);
    expect(csv.text).toContain(`${reviewId};Lachaud Marcelle;Entretien de recueil;oui;BPM1-RECUEIL;25,00`);
    // The analysis meets no patient: no modality.
    expect(csv.text).toContain(`${reviewId};Lachaud Marcelle;Analyse des traitements;;BPM1-ANALYSE;15,00`);
    expect(csv.text).toContain(`${reviewId};Lachaud Marcelle;Adhésion du patient;`);
    expect(csv.text).toContain(`Total;;${fees.body.lines.length} actes;;;;`);

    const pdf = await pharmacist.get(`/api/reviews/${reviewId}/gp-report`).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('When the GP report is printed before any step, Then the pharmacist printing it is named in the signature box', async () => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-11-20' })).body.id;
    const me = (await pharmacist.get('/api/auth/me')).body;
    const byPharmacist = await pharmacist.get(`/api/reviews/${reviewId}/gp-report`).buffer(true);
    expect(byPharmacist.status).toBe(200);
    const signatureBox = (pdf: Buffer) => pdfText(pdf).split('Le pharmacien')[1] ?? '';
    expect(signatureBox(byPharmacist.body)).toContain(me.displayName);
    // The GP knows where to answer: the pharmacy's address and phone, on page 1.
    const pharmacy = t.db.$client
      .prepare(
        'SELECT p.name, p.address, p.postal_code AS postalCode, p.phone FROM pharmacies p JOIN users u ON u.pharmacy_id = p.id WHERE u.id = ?',
      )
      .get(me.id) as { name: string; address: string; postalCode: string; phone: string };
    expect(pdfText(byPharmacist.body).replace(/\s+/g, ' ')).toContain(
      `${pharmacy.name} : ${pharmacy.address}, ${pharmacy.postalCode}`,
    );
    expect(pdfText(byPharmacist.body).replace(/\s+/g, ' ')).toContain(`tél. ${pharmacy.phone}`);
    // A technician is no signer: the box is left for the pharmacist's hand.
    const byTechnician = await technician.get(`/api/reviews/${reviewId}/gp-report`).buffer(true);
    expect(byTechnician.status).toBe(200);
    expect(signatureBox(byTechnician.body)).not.toContain(me.displayName);

    // A step the technician recorded names the pharmacist who did it, in the steps and the box.
    const tech = (await technician.get('/api/auth/me')).body;
    expect((await step(technician, reviewId, 'adhesion', '2026-11-21', { pharmacistId: me.id })).status).toBe(201);
    const afterStep = await technician.get(`/api/reviews/${reviewId}/gp-report`).buffer(true);
    expect(pdfText(afterStep.body)).toContain(`par ${me.displayName}`);
    expect(pdfText(afterStep.body)).not.toContain(tech.displayName);
    expect(signatureBox(afterStep.body)).toContain(me.displayName);
  });

  it('When a review is in progress, Then the worklist shows its next step as due or overdue', async () => {
    const patientId = await eligiblePatient();
    let worklist = (await pharmacist.get('/api/reviews/worklist')).body;
    expect(worklist.eligible).toContainEqual(expect.objectContaining({ patientId, rule: 'age65_substances5' }));
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-10-01' })).body.id;
    await step(pharmacist, reviewId, 'adhesion', '2026-10-01');
    worklist = (await pharmacist.get('/api/reviews/worklist')).body;
    expect(worklist.eligible).not.toContainEqual(expect.objectContaining({ patientId }));
    expect(worklist.overdue).toContainEqual(
      expect.objectContaining({ reviewId, kind: 'recueil', dueDate: '2026-11-01', patientName: 'Lachaud Marcelle' }),
    );
    await step(pharmacist, reviewId, 'recueil', '2026-10-29');
    worklist = (await pharmacist.get('/api/reviews/worklist')).body;
    expect(worklist.due).toContainEqual(expect.objectContaining({ reviewId, kind: 'analyse', dueDate: '2026-11-29' }));
  });

  it('When a step falls due within the coming seven days, Then it is to do now, across the weekend too', async () => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-10-01' })).body.id;
    await step(pharmacist, reviewId, 'adhesion', '2026-10-01');
    await step(pharmacist, reviewId, 'recueil', '2026-11-02');
    const next = { reviewId, kind: 'analyse', dueDate: '2026-12-02' };
    // Monday 23 November: Wednesday 2 December is nine days away.
    let worklist = (await pharmacist.get('/api/reviews/worklist')).body;
    expect(worklist.due).not.toContainEqual(expect.objectContaining(next));
    // Saturday 28 November: four days away, next week — it was missing from « à faire » until Monday.
    t.clock.set(new Date('2026-11-28T09:00:00Z'));
    pharmacist = await t.agentAs('pharmacien.peyrelevade@officoop.test'); // a new day's session
    worklist = (await pharmacist.get('/api/reviews/worklist')).body;
    expect(worklist.due).toContainEqual(expect.objectContaining(next));
  });
});

describe('bad input: precise errors, nothing written', () => {
  const tables = ['patients', 'patient_medications', 'reviews', 'review_steps', 'review_problems'];
  const snapshot = () => tables.map((table) => count(t.db, table));

  it('When a step skips one, or is dated tomorrow, before the previous one or before the review started, Then it is refused', async () => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-11-20' })).body.id;
    const early = await step(pharmacist, reviewId, 'adhesion', '2026-11-01');
    expect(early.body.error).toMatchObject({
      code: 'reviews.step_before_start',
      details: [{ date: '2026-11-01', startedOn: '2026-11-20' }],
    });
    expect(early.status).toBe(422);
    await step(pharmacist, reviewId, 'adhesion', '2026-11-21');
    const before = snapshot();
    const skipped = await step(pharmacist, reviewId, 'analyse', '2026-11-23');
    expect(skipped.status).toBe(409);
    expect(skipped.body.error).toMatchObject({
      code: 'reviews.step_out_of_order',
      details: [{ expected: 'recueil', got: 'analyse' }],
    });
    const future = await step(pharmacist, reviewId, 'recueil', '2026-11-24');
    expect([future.status, future.body.error.code]).toEqual([422, 'reviews.step_in_future']);
    const backwards = await step(pharmacist, reviewId, 'recueil', '2026-11-20');
    expect([backwards.status, backwards.body.error.code]).toEqual([422, 'reviews.step_before_previous']);
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['a problem code not in the list', { problemCode: '11' }],
    ['the bare interaction code 6 (a level 6.1–6.5 is required)', { problemCode: '6' }],
    ['an intervention code not in the list', { interventionCode: '8' }],
    ['no drug', { drugs: [] }],
    ['an empty description', { description: '   ' }],
  ])('When a problem has %s, Then 400 and nothing is written', async (_name, over) => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId })).body.id;
    const before = snapshot();
    const res = await pharmacist
      .post(`/api/reviews/${reviewId}/problems`)
      .send({ problemCode: '4', interventionCode: '7', drugs: [P[0]], description: 'Surdosage', ...over });
    expect([res.status, res.body.error.code]).toEqual([400, 'validation.invalid_input']);
    expect(snapshot()).toEqual(before);
  });

  it('When a second first-year review is started, Then 409, whether the first is open or completed', async () => {
    const patientId = await eligiblePatient();
    const first = (await pharmacist.post('/api/reviews').send({ patientId, startedOn: '2026-11-02' })).body.id;
    const before = snapshot();
    const again = await pharmacist.post('/api/reviews').send({ patientId, followUpYear: 1 });
    expect([again.status, again.body.error.code]).toEqual([409, 'reviews.year_exists']);
    const open = await pharmacist.post('/api/reviews').send({ patientId });
    expect([open.status, open.body.error.code]).toEqual([409, 'reviews.open_review_exists']);
    for (const [kind, date] of [
      ['adhesion', '2026-11-02'],
      ['recueil', '2026-11-02'],
      ['analyse', '2026-11-10'],
      ['conseil', '2026-11-17'],
      ['observance', '2026-11-23'],
    ] as const) {
      expect((await step(pharmacist, first, kind, date)).status).toBe(201);
    }
    const stepsNow = count(t.db, 'review_steps');
    const year1 = await pharmacist.post('/api/reviews').send({ patientId, followUpYear: 1 });
    expect([year1.status, year1.body.error.code]).toEqual([409, 'reviews.year_exists']);
    const tooSoon = await pharmacist.post('/api/reviews').send({ patientId, treatmentChanged: true });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error).toMatchObject({ code: 'reviews.year_not_over', details: [{ nextFrom: '2027-11-02' }] });
    expect(snapshot()).toEqual([...before.slice(0, 3), stepsNow, before[4]]);
  });

  it('When the patient has no birth date, Then eligibility says so and no review can start', async () => {
    const patientId = await eligiblePatient(5, { birthDate: null });
    const patient = (await pharmacist.get(`/api/patients/${patientId}`)).body;
    expect(patient.eligibility).toMatchObject({ eligible: false, rule: null, error: 'reviews.birth_date_missing' });
    const before = snapshot();
    const res = await pharmacist.post('/api/reviews').send({ patientId });
    expect([res.status, res.body.error.code]).toEqual([422, 'reviews.birth_date_missing']);
    expect(snapshot()).toEqual(before);
  });

  it('When the patient is not eligible, Then the review is refused with the reasons and their numbers', async () => {
    const patientId = await eligiblePatient(4);
    const res = await pharmacist.post('/api/reviews').send({ patientId });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('reviews.not_eligible');
    expect(res.body.error.details).toContainEqual(
      expect.objectContaining({ code: 'substances', params: { count: 4, min: 5, months: 6 } }),
    );
  });

  it.each([
    ['a CIP13 not in the catalogue', { cip13: '3400900000006' }, 422, 'reviews.unknown_product'],
    ['an end before the start', { endDate: '2026-01-01' }, 400, 'validation.invalid_input'],
    ['an unknown key', { dose: 2 }, 400, 'validation.invalid_input'],
  ])('When a medication line has %s, Then it is refused and nothing is written', async (_name, over, status, code) => {
    const patientId = await eligiblePatient(0);
    const before = snapshot();
    const res = await pharmacist
      .post(`/api/patients/${patientId}/medications`)
      .send({ cip13: P[0], startDate: '2026-02-01', ...over });
    expect([res.status, res.body.error.code]).toEqual([status, code]);
    expect(snapshot()).toEqual(before);
  });

  it('When a community patient has no names, or a resident-only field is sent for one, Then it is refused', async () => {
    const before = snapshot();
    const res = await pharmacist.post('/api/patients').send({ lastName: 'Seul', birthDate: '1940-01-01' });
    expect([res.status, res.body.error.code]).toEqual([400, 'validation.invalid_input']);
    const problem = await pharmacist
      .post('/api/patients')
      .send({ lastName: 'A', firstName: 'B', birthDate: '1940-02-30' });
    expect(problem.status).toBe(400);
    expect(snapshot()).toEqual(before);
  });
});

describe('patient search', () => {
  it('When the pharmacist types the first name first, without accents, Then the patient is found, as by the last name', async () => {
    const patientId = await eligiblePatient(0, { lastName: 'Lathière', firstName: 'Suzanne' });
    for (const q of ['suzanne lathiere', 'LATHIERE suz', 'thière']) {
      const res = await pharmacist.get('/api/patients').query({ q });
      expect(res.status).toBe(200);
      expect(res.body.items.map((p: { id: number }) => p.id)).toEqual([patientId]);
    }
    const none = await pharmacist.get('/api/patients').query({ q: 'suzanne martin' });
    expect(none.body.items).toEqual([]);
  });
});

describe('audit', () => {
  it('When a patient, a review or the worklist is read, Then an audit row is written for each read', async () => {
    const patientId = await eligiblePatient();
    const reviewId = (await pharmacist.post('/api/reviews').send({ patientId })).body.id;
    const reads = auditRows(t.db, 'patients.read', patientId);
    await pharmacist.get(`/api/patients/${patientId}`);
    await pharmacist.get(`/api/patients/${patientId}`);
    expect(auditRows(t.db, 'patients.read', patientId)).toBe(reads + 2);
    await pharmacist.get(`/api/reviews/${reviewId}`);
    expect(auditRows(t.db, 'reviews.read', reviewId)).toBe(1);
    await pharmacist.get('/api/reviews/worklist');
    await pharmacist.get('/api/patients');
    await pharmacist.get('/api/reviews');
    expect(auditRows(t.db, 'reviews.worklist')).toBe(1);
    expect(auditRows(t.db, 'patients.list')).toBe(1);
    expect(auditRows(t.db, 'reviews.list')).toBe(1);
    expect(auditRows(t.db, 'reviews.start', reviewId)).toBe(1);
  });
});
