import { beforeEach, describe, expect, it } from 'vitest';
import { careHomeId, orderTableCounts } from '../helpers/orders';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW: Monday 2026-11-23 (Paris).
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;

let t: App;
let pharmacist: Agent;
let residentId: number;

const line = (over: object = {}) => ({
  cip13: '3400937977661',
  doses: { matin: 1 },
  schedule: { kind: 'daily' },
  startDate: '2026-11-01',
  prescriber: 'Dr Lebrun',
  asNeeded: false,
  ...over,
});

beforeEach(async () => {
  t = await createTestApp();
  pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
  const res = await pharmacist.post('/api/residents').send({
    careHomeId: careHomeId(t.db, 'ehpad-bugeat'),
    lastName: 'Testard',
    firstName: 'Odette',
    birthDate: '1938-04-02',
    room: '212',
  });
  residentId = res.body.id;
});

describe('prescription versions (found by a tester)', () => {
  it('When a change starts next week, Then today’s version is still in force and the next one is planned', async () => {
    const first = (await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line())).body;
    const next = await pharmacist
      .post(`/api/prescriptions/${first.id}/replace`)
      .send(line({ doses: { matin: 2 }, startDate: '2026-11-30' }));
    expect(next.status).toBe(201);
    const items = (await pharmacist.get(`/api/residents/${residentId}/prescriptions`)).body.items as {
      id: number;
      state: string;
      endDate: string | null;
    }[];
    expect(items.find((l) => l.id === first.id)).toMatchObject({ state: 'active', endDate: '2026-11-29' });
    expect(items.find((l) => l.id === next.body.id)).toMatchObject({ state: 'planned', endDate: null });
  });

  it('When a planned version is replaced from its own start, Then it shows as replaced, not planned', async () => {
    const first = (await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line())).body;
    const planned = (
      await pharmacist.post(`/api/prescriptions/${first.id}/replace`).send(line({ startDate: '2026-12-07' }))
    ).body;
    await pharmacist.post(`/api/prescriptions/${planned.id}/replace`).send(line({ startDate: '2026-12-07' }));
    const items = (await pharmacist.get(`/api/residents/${residentId}/prescriptions`)).body.items as {
      id: number;
      state: string;
    }[];
    expect(items.find((l) => l.id === planned.id)?.state).toBe('replaced');
    expect(items.find((l) => l.id === first.id)?.state).toBe('active');
  });

  it('When a line would start before the resident was born, Then 422 prescriptions.start_before_birth and nothing is written', async () => {
    const counts = orderTableCounts(t.db);
    const res = await pharmacist
      .post(`/api/residents/${residentId}/prescriptions`)
      .send(line({ startDate: '1900-01-01' }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('prescriptions.start_before_birth');
    expect(orderTableCounts(t.db)).toEqual(counts);
  });

  it('When a line would start on or after the resident’s death, Then 422 prescriptions.start_after_death, a new version too; an earlier start is history and is kept', async () => {
    const kept = await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line());
    expect(kept.status).toBe(201);
    const died = await pharmacist
      .patch(`/api/residents/${residentId}`)
      .send({ status: 'deceased', statusFrom: '2026-11-20' });
    expect(died.status).toBe(200);
    const counts = orderTableCounts(t.db);
    for (const startDate of ['2026-11-20', '2026-11-24']) {
      const res = await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line({ startDate }));
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'prescriptions.start_after_death',
        details: [{ startDate, deathDate: '2026-11-20' }],
      });
    }
    const replaced = await pharmacist
      .post(`/api/prescriptions/${kept.body.id}/replace`)
      .send(line({ startDate: '2026-11-24', doses: { matin: 2 } }));
    expect(replaced.body.error?.code).toBe('prescriptions.start_after_death');
    expect(orderTableCounts(t.db)).toEqual(counts);
    const history = await pharmacist
      .post(`/api/residents/${residentId}/prescriptions`)
      .send(line({ cip13: '3400930224816', startDate: '2026-11-10', endDate: '2026-11-19' }));
    expect(history.status).toBe(201);
  });
});

describe('lines entered by mistake', () => {
  const lines = async () =>
    (await pharmacist.get(`/api/residents/${residentId}/prescriptions`)).body.items as {
      id: number;
      state: string;
      endDate: string | null;
    }[];

  it('When the same product is entered twice over the same days, Then 409 prescriptions.duplicate_product naming the line, unless confirmed', async () => {
    const first = (await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line())).body;
    const counts = orderTableCounts(t.db);
    const again = await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line());
    expect([again.status, again.body.error.code, again.body.error.details]).toEqual([
      409,
      'prescriptions.duplicate_product',
      [{ lineId: first.id, startDate: '2026-11-01', endDate: null }],
    ]);
    expect(orderTableCounts(t.db)).toEqual(counts);
    // A si-besoin line of the same drug is never pouched: no double dose.
    const asNeeded = await pharmacist
      .post(`/api/residents/${residentId}/prescriptions`)
      .send(line({ asNeeded: true, doses: { soir: 1 } }));
    expect(asNeeded.status).toBe(201);
    // One drug on two schedules, on purpose.
    const sundays = await pharmacist
      .post(`/api/residents/${residentId}/prescriptions`)
      .send(line({ schedule: { kind: 'weekdays', weekdays: [7] }, doses: { soir: 1 }, allowDuplicate: true }));
    expect(sundays.status).toBe(201);
    // Once the first line has ended it no longer counts: only the Sunday line, still running, is named.
    await pharmacist.post(`/api/prescriptions/${first.id}/stop`).send({ endDate: '2026-11-30' });
    const later = await pharmacist
      .post(`/api/residents/${residentId}/prescriptions`)
      .send(line({ startDate: '2026-12-01', schedule: { kind: 'daily' } }));
    expect(later.body.error?.details?.[0]?.lineId).toBe(sundays.body.id);
  });

  it('When a line is changed into a product another running line already gives, Then 409 too, unless confirmed; changing a line itself is no duplicate', async () => {
    const amlodipine = (await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line())).body;
    const other = (
      await pharmacist
        .post(`/api/residents/${residentId}/prescriptions`)
        .send(line({ cip13: '3400930224816', doses: { soir: 1 } }))
    ).body;
    expect(other.id).toBeGreaterThan(0);
    // A new dose of the same line: it replaces it, nothing doubles.
    const newDose = await pharmacist
      .post(`/api/prescriptions/${amlodipine.id}/replace`)
      .send(line({ doses: { matin: 2 }, startDate: '2026-12-01' }));
    expect(newDose.status).toBe(201);
    const counts = orderTableCounts(t.db);
    const into = await pharmacist
      .post(`/api/prescriptions/${other.id}/replace`)
      .send(line({ startDate: '2026-12-10' }));
    expect([into.status, into.body.error.code, into.body.error.details[0].lineId]).toEqual([
      409,
      'prescriptions.duplicate_product',
      newDose.body.id,
    ]);
    expect(orderTableCounts(t.db)).toEqual(counts);
    const confirmed = await pharmacist
      .post(`/api/prescriptions/${other.id}/replace`)
      .send(line({ startDate: '2026-12-10', allowDuplicate: true }));
    expect(confirmed.status).toBe(201);
  });

  it('When a line that has not started is stopped the day before its start, Then it is withdrawn and never applies', async () => {
    // The weeks before its start (W51: 14–20/12) and of it (W52: 21–27/12) are ordered already.
    const week = async (w: string) =>
      (await pharmacist.post('/api/orders').send({ careHomeId: careHomeId(t.db, 'ehpad-bugeat'), week: w })).body
        .id as number;
    const [w51, w52] = [await week('2026-W51'), await week('2026-W52')];
    const planned = (
      await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line({ startDate: '2026-12-21' }))
    ).body;
    const tooEarly = await pharmacist.post(`/api/prescriptions/${planned.id}/stop`).send({ endDate: '2026-12-19' });
    expect([tooEarly.status, tooEarly.body.error.code]).toEqual([422, 'prescriptions.end_before_start']);
    const withdrawn = await pharmacist.post(`/api/prescriptions/${planned.id}/stop`).send({ endDate: '2026-12-20' });
    expect(withdrawn.status).toBe(200);
    expect((await lines()).find((l) => l.id === planned.id)).toMatchObject({ state: 'ended', endDate: '2026-12-20' });
    // Only the week the line would have reached lists its withdrawal; the week before never had it.
    const stops = async (id: number) =>
      (
        (await pharmacist.get(`/api/orders/${id}`)).body.events as { kind: string; details: { change?: string } }[]
      ).filter((e) => e.kind === 'prescription_changed' && e.details.change === 'stopped').length;
    expect([await stops(w51), await stops(w52)]).toEqual([0, 1]);
    // It no longer stands in the way of the right line.
    const right = await pharmacist
      .post(`/api/residents/${residentId}/prescriptions`)
      .send(line({ startDate: '2026-12-21', doses: { midi: 1 } }));
    expect(right.status).toBe(201);
  });

  it('When a line that has started is stopped before its start, Then 422: the days prepared keep it', async () => {
    const running = (await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line())).body;
    const res = await pharmacist.post(`/api/prescriptions/${running.id}/stop`).send({ endDate: '2026-10-31' });
    expect([res.status, res.body.error.code]).toEqual([422, 'prescriptions.end_in_past']);
  });
});

describe('doses a form cannot give (a capsule is not cut)', () => {
  const AMLODIPINE_CAPSULE = '3400937977661';
  const PANTOPRAZOLE_GASTRO_RESISTANT = '3400939321936';
  const QUETIAPINE_PROLONGED = '3400949002535';
  const RAMIPRIL_SCORED = '3400937164665';

  it('When half a capsule or of an unscored slow-release tablet is prescribed, Then 422 prescriptions.dose_not_divisible naming the times, and nothing is written', async () => {
    const counts = orderTableCounts(t.db);
    for (const [cip13, form, rule] of [
      [AMLODIPINE_CAPSULE, 'gélule', 'capsule'],
      [PANTOPRAZOLE_GASTRO_RESISTANT, 'comprimé gastro-résistant(e)', 'gastro_resistant'],
      [QUETIAPINE_PROLONGED, 'comprimé à libération prolongée', 'modified_release'],
    ]) {
      const res = await pharmacist
        .post(`/api/residents/${residentId}/prescriptions`)
        .send(line({ cip13, doses: { matin: 1, soir: 0.5 } }));
      expect([res.status, res.body.error?.code, res.body.error?.details], cip13).toEqual([
        422,
        'prescriptions.dose_not_divisible',
        [{ cip13, form, rule, times: ['soir'] }],
      ]);
    }
    expect(orderTableCounts(t.db)).toEqual(counts);
    expect((await pharmacist.get(`/api/residents/${residentId}/prescriptions`)).body.items).toEqual([]);
  });

  it('When a capsule line is changed to a half dose, Then 422 too and the line in force is unchanged; whole capsules and half a scored tablet are taken', async () => {
    const capsule = await pharmacist
      .post(`/api/residents/${residentId}/prescriptions`)
      .send(line({ cip13: AMLODIPINE_CAPSULE, doses: { matin: 2 } }));
    expect(capsule.status).toBe(201);
    const halved = await pharmacist
      .post(`/api/prescriptions/${capsule.body.id}/replace`)
      .send(line({ cip13: AMLODIPINE_CAPSULE, doses: { matin: 1.5 }, startDate: '2026-11-30' }));
    expect([halved.status, halved.body.error?.code]).toEqual([422, 'prescriptions.dose_not_divisible']);
    const items = (await pharmacist.get(`/api/residents/${residentId}/prescriptions`)).body.items;
    expect(items).toMatchObject([{ id: capsule.body.id, doses: { matin: 2 }, endDate: null }]);
    const scored = await pharmacist
      .post(`/api/residents/${residentId}/prescriptions`)
      .send(line({ cip13: RAMIPRIL_SCORED, doses: { matin: 0.5 } }));
    expect([scored.status, scored.body.doses]).toEqual([201, { matin: 0.5 }]);
  });
});
