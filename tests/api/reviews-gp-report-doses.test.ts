import { writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { dosesText } from '../../reports/posology';
import { loadGpReport } from '../../server/reviews/report.usecases';
import { distinctSubstanceProducts } from '../helpers/reviews';
import { ctxAs, pdfText } from '../helpers/shares';
import { createTestApp } from '../helpers/test-app';

// The GP report's treatment in force (found by QA: no doses): a resident's PDA lines carry their
// doses per administration time, in the order of the care home's day ("matin 1, soir ½").

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let meymac: Agent;
let P: string[];
let careHomeId: number;

const PHARMACIST = 'pharmacien.meymac@officoop.test';

beforeEach(async () => {
  t = await createTestApp();
  meymac = await t.agentAs(PHARMACIST);
  P = distinctSubstanceProducts(t.db, 6);
  careHomeId = (t.db.$client.prepare(`SELECT id FROM care_homes WHERE slug = 'ehpad-meymac'`).get() as { id: number })
    .id;
});

const DOSES: Record<string, number>[] = [
  { soir: 0.5, matin: 1 },
  { coucher: 0.25 },
  { midi: 2, matin: 1.5 },
  { matin: 1 },
  { matin: 0.75, soir: 1.25 },
];

/** The lines' days: two are not taken every day (read as daily, their dose would be wrong). */
const SCHEDULES: Record<number, object> = {
  1: { kind: 'weekdays', weekdays: [1, 4] },
  3: { kind: 'every_n_days', n: 3, from: '2026-03-01' },
};

/** A Meymac resident with five PDA lines (the doses above) and one "si besoin" line, made a patient, under review. */
async function residentUnderReview() {
  const resident = await meymac
    .post('/api/residents')
    .send({ careHomeId, lastName: 'Chassagne', firstName: 'Louis', birthDate: '1938-04-04', room: '12' });
  expect(resident.status).toBe(201);
  const lines: number[] = [];
  for (const [i, cip13] of P.entries()) {
    const res = await meymac.post(`/api/residents/${resident.body.id}/prescriptions`).send({
      cip13,
      doses: DOSES[i] ?? { soir: 1 },
      schedule: SCHEDULES[i] ?? { kind: 'daily' },
      startDate: '2026-03-01',
      prescriber: 'Dr Peyrat',
      asNeeded: i === 5,
    });
    expect(res.status).toBe(201);
    lines.push(res.body.id);
  }
  const patient = await meymac.post('/api/patients').send({ residentId: resident.body.id, gpName: 'Dr Peyrat' });
  expect(patient.status).toBe(201);
  const review = await meymac.post('/api/reviews').send({ patientId: patient.body.id, startedOn: '2026-11-02' });
  expect(review.status).toBe(201);
  return { lines, reviewId: review.body.id as number, pharmacyId: review.body.pharmacyId as number };
}

const pharmacistCtx = () => ctxAs(t.db, t.clock, PHARMACIST);

describe('doses on the GP report', () => {
  it("When a resident's review is printed, Then each PDA line carries its doses in the order of the day", async () => {
    const { lines, reviewId } = await residentUnderReview();
    const report = loadGpReport({ ctx: pharmacistCtx(), id: reviewId });
    const byLine = new Map(report.medications.map((m) => [m.id, m]));
    expect(lines.map((id) => dosesText(byLine.get(id) as NonNullable<ReturnType<typeof byLine.get>>))).toEqual([
      'matin 1, soir ½',
      'coucher ¼ — les lundi et jeudi',
      'matin 1 ½, midi 2',
      'matin 1 — tous les 3 jours à partir du 01/03/2026',
      'matin ¾, soir 1 ¼',
      'soir 1 (si besoin)',
    ]);
    expect(byLine.get(lines[0] as number)?.doses).toEqual([
      { time: 'matin', units: 1 },
      { time: 'soir', units: 0.5 },
    ]);
    const pdf = await meymac.get(`/api/reviews/${reviewId}/gp-report`).buffer(true);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    if (process.env.GP_REPORT_PDF) writeFileSync(process.env.GP_REPORT_PDF, pdf.body);
    // (the column wraps: the PDF's text is read a few words at a time)
    expect(pdfText(pdf.body)).toContain('coucher ¼ — les lundi');
  });

  it('When a community patient is printed, Then lines entered at the pharmacy carry their posology in words, or « — »', async () => {
    expect(dosesText({ doses: null, asNeeded: false })).toBe('—');
    const peyrelevade = await t.agentAs('pharmacien.peyrelevade@officoop.test');
    const patient = await peyrelevade
      .post('/api/patients')
      .send({ lastName: 'Lachaud', firstName: 'Marcelle', birthDate: '1950-03-02' });
    // The first line's posology as the prescription words it; the others without one.
    const dosage = '1 comprimé matin et soir';
    for (const [i, cip13] of P.slice(0, 5).entries()) {
      const line = await peyrelevade
        .post(`/api/patients/${patient.body.id}/medications`)
        .send({ cip13, startDate: '2026-01-15', ...(i === 0 ? { dosage } : {}) });
      expect(line.status).toBe(201);
      expect(line.body.dosage).toBe(i === 0 ? dosage : null);
    }
    // Too long for a posology: refused in words, nothing written.
    const long = await peyrelevade
      .post(`/api/patients/${patient.body.id}/medications`)
      .send({ cip13: P[5], startDate: '2026-01-15', dosage: 'x'.repeat(201) });
    expect([long.status, long.body.error.details[0].field]).toEqual([400, 'body.dosage']);
    const review = await peyrelevade.post('/api/reviews').send({ patientId: patient.body.id, startedOn: '2026-11-02' });
    expect(review.status).toBe(201);
    const ctx = ctxAs(t.db, t.clock, 'pharmacien.peyrelevade@officoop.test');
    const report = loadGpReport({ ctx, id: review.body.id });
    expect(report.medications).toHaveLength(5);
    expect(report.medications.every((m) => m.doses === null && !m.asNeeded)).toBe(true);
    expect(report.medications.map((m) => dosesText(m)).sort()).toEqual([dosage, '—', '—', '—', '—'].sort());
    const pdf = await peyrelevade.get(`/api/reviews/${review.body.id}/gp-report`).buffer(true);
    expect(pdfText(pdf.body).replace(/\s+/g, ' ')).toContain('1 comprimé matin');
    // The patient page reads it too.
    const page = await peyrelevade.get(`/api/patients/${patient.body.id}`);
    expect(page.body.medications.filter((m: { dosage: string | null }) => m.dosage === dosage)).toHaveLength(1);
  });
});
