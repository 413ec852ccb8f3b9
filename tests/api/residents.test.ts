import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CARE_HOME_SETTINGS, orderDeadlines } from '../../server/orders/orders.models';
import { careHomeId, orderId, orderTableCounts } from '../helpers/orders';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW: Monday 2026-11-23 (Paris). Open week W49 (30 Nov – 6 Dec), cut-off Wednesday 25 Nov 12:00.
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;

let t: App;
let pharmacist: Agent;
let admin: Agent;
let home: number;
let residentId: number;

const line = (over: object = {}) => ({
  cip13: '3400937164665',
  doses: { matin: 1, soir: 0.5 },
  schedule: { kind: 'daily' },
  startDate: '2026-11-01',
  prescriber: 'Dr Lebrun',
  asNeeded: false,
  ...over,
});

async function openOrder(slug = 'ehpad-bugeat', week = '2026-W49') {
  return (await pharmacist.get(`/api/orders/${orderId(t.db, slug, week)}`)).body;
}
const pouchesOf = (order: { residents: { residentId: number; pouches: number }[] }, id: number) =>
  order.residents.find((r) => r.residentId === id)?.pouches;

beforeEach(async () => {
  t = await createTestApp();
  pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
  admin = await t.agentAs('admin@officoop.test');
  home = careHomeId(t.db, 'ehpad-bugeat');
  const res = await pharmacist
    .post('/api/residents')
    .send({ careHomeId: home, lastName: 'Testard', firstName: 'Odette', birthDate: '1938-04-02', room: '212' });
  expect(res.status).toBe(201);
  residentId = res.body.id;
});

describe('residents', () => {
  it('When staff admit a resident, Then 201 with the resident, who joins the open orders with no pouch', async () => {
    expect((await pharmacist.get(`/api/residents/${residentId}`)).body).toMatchObject({
      careHomeId: home,
      lastName: 'Testard',
      status: 'active',
      statusFrom: null,
    });
    expect(pouchesOf(await openOrder(), residentId)).toBe(0);
  });

  it('When names start with a particle or an accent, Then every list puts them in French order, as on the residents page', async () => {
    for (const lastName of ['de La Rochefoucauld', 'Émery']) {
      const res = await pharmacist
        .post('/api/residents')
        .send({ careHomeId: home, lastName, firstName: 'Jeanne', birthDate: '1935-01-01', room: '300' });
      expect(res.status).toBe(201);
    }
    const french = new Intl.Collator('fr', { sensitivity: 'base' });
    const inOrder = (names: string[]) => [...names].sort((a, b) => french.compare(a, b));
    const order = (await openOrder()) as { residents: { name: string }[] };
    const inGrid = order.residents.map((r) => r.name);
    expect(inGrid.some((n) => n.startsWith('DE LA ROCHEFOUCAULD'))).toBe(true);
    expect(inGrid).toEqual(inOrder(inGrid));
    const listed = (await pharmacist.get(`/api/residents?careHomeId=${home}`)).body.items as { lastName: string }[];
    expect(listed.map((r) => r.lastName)).toEqual(inOrder(listed.map((r) => r.lastName)));
  });

  it('When the same person is admitted twice (accents and case aside), Then 409 residents.duplicate naming them, and nothing is written', async () => {
    const counts = orderTableCounts(t.db);
    const again = { careHomeId: home, lastName: 'TESTARD', firstName: 'odette', birthDate: '1938-04-02', room: '214' };
    const res = await pharmacist.post('/api/residents').send(again);
    expect([res.status, res.body.error.code]).toEqual([409, 'residents.duplicate']);
    expect(res.body.error.details).toEqual([
      { residentId, lastName: 'Testard', firstName: 'Odette', birthDate: '1938-04-02', status: 'active' },
    ]);
    expect(orderTableCounts(t.db)).toEqual(counts);
    // A namesake born another day is someone else; a confirmed namesake is admitted.
    expect((await pharmacist.post('/api/residents').send({ ...again, birthDate: '1938-04-03' })).status).toBe(201);
    expect((await pharmacist.post('/api/residents').send({ ...again, allowDuplicate: true })).status).toBe(201);
  });

  it('When a birth date before 1900 is given on admission, Then 422 residents.birth_date_too_early', async () => {
    const res = await pharmacist
      .post('/api/residents')
      .send({ careHomeId: home, lastName: 'Ancien', firstName: 'Jules', birthDate: '1820-01-01', room: '1' });
    expect([res.status, res.body.error.code]).toEqual([422, 'residents.birth_date_too_early']);
  });

  it('When a resident is hospitalised mid-week, Then the open order loses the days away and records why', async () => {
    await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line());
    const before = await openOrder();
    expect(pouchesOf(before, residentId)).toBe(14);
    const res = await pharmacist
      .patch(`/api/residents/${residentId}`)
      .send({ status: 'hospitalised', statusFrom: '2026-12-03', statusTo: '2026-12-05' });
    expect(res.status).toBe(200);
    const after = await openOrder();
    expect(pouchesOf(after, residentId)).toBe(8);
    expect(after.events.at(-1)).toMatchObject({ kind: 'resident_changed', details: { residentId } });
  });

  it.each([
    ['a status without its date', { status: 'discharged' }, 400, 'validation.invalid_input'],
    [
      'an end date on a death',
      { status: 'deceased', statusFrom: '2026-11-20', statusTo: '2026-11-21' },
      400,
      'validation.invalid_input',
    ],
    [
      'a hospitalisation ending before it starts',
      { status: 'hospitalised', statusFrom: '2026-12-03', statusTo: '2026-12-01' },
      400,
      'validation.invalid_input',
    ],
    ['a birth date in the future', { birthDate: '2027-01-01' }, 422, 'residents.birth_date_in_future'],
    ['a birth date before 1900', { birthDate: '1820-01-01' }, 422, 'residents.birth_date_too_early'],
    ['a death dated in the future', { status: 'deceased', statusFrom: '2026-12-25' }, 422, 'residents.death_in_future'],
    ['a room with a control character', { room: '2\u000112' }, 400, 'validation.invalid_input'],
  ])('When a resident change has %s, Then it is refused and nothing is written', async (_name, body, status, code) => {
    const counts = orderTableCounts(t.db);
    const res = await pharmacist.patch(`/api/residents/${residentId}`).send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(orderTableCounts(t.db)).toEqual(counts);
  });
});

describe('PDA prescriptions', () => {
  it('When a line is added, Then doses come back in units and the open orders count its pouches', async () => {
    const res = await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      residentId,
      doses: { matin: 1, soir: 0.5 },
      schedule: { kind: 'daily' },
      state: 'active',
      replacesId: null,
      productLabel: expect.stringContaining('RAMIPRIL'),
      // The form tells the dialog whether a half dose may be given (a scored tablet: yes).
      productForm: 'comprimé sécable',
    });
    const order = await openOrder();
    expect(pouchesOf(order, residentId)).toBe(14);
    expect(order.events.at(-1)).toMatchObject({
      kind: 'prescription_changed',
      details: { residentId, lineId: res.body.id, change: 'added' },
    });
    const listed = (await pharmacist.get(`/api/residents?careHomeId=${home}`)).body.items;
    expect(listed.find((r: { id: number }) => r.id === residentId)).toMatchObject({ activeLines: 1 });
    // The week after (a draft) and the submitted orders of other care homes are untouched by Bugeat's line.
    expect(pouchesOf(await openOrder('ehpad-bugeat', '2026-W50'), residentId)).toBe(14);
  });

  it('When a line is replaced, Then the old version ends the day before and both stay in the history', async () => {
    const first = (await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line())).body;
    const res = await pharmacist
      .post(`/api/prescriptions/${first.id}/replace`)
      .send(line({ doses: { matin: 0.25 }, startDate: '2026-12-03' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ replacesId: first.id, doses: { matin: 0.25 }, state: 'planned' });
    const history = (await pharmacist.get(`/api/residents/${residentId}/prescriptions`)).body.items;
    expect(
      history.map((l: { id: number; endDate: string | null; replacedById: number | null; state: string }) => [
        l.id,
        l.endDate,
        l.replacedById,
        l.state,
      ]),
    ).toEqual([
      [first.id, '2026-12-02', res.body.id, 'active'], // still in force until then
      [res.body.id, null, null, 'planned'],
    ]);
    // Mon–Wed: matin + soir (6 pouches); Thu–Sun: matin only (4).
    const order = await openOrder();
    expect(pouchesOf(order, residentId)).toBe(10);
    // The order's history can say what changed: doses before and after, from when.
    expect(order.events.at(-1)).toMatchObject({
      kind: 'prescription_changed',
      details: {
        change: 'replaced',
        previousDoses: { matin: 1, soir: 0.5 },
        doses: { matin: 0.25 },
        startDate: '2026-12-03',
      },
    });
    const again = await pharmacist
      .post(`/api/prescriptions/${first.id}/replace`)
      .send(line({ startDate: '2026-12-03' }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('prescriptions.already_replaced');
  });

  it('When a line is replaced from its own start date, Then the old version never applies', async () => {
    const first = (
      await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line({ startDate: '2026-11-30' }))
    ).body;
    await pharmacist
      .post(`/api/prescriptions/${first.id}/replace`)
      .send(line({ doses: { midi: 1 }, startDate: '2026-11-30' }));
    const history = (await pharmacist.get(`/api/residents/${residentId}/prescriptions`)).body.items;
    expect(history[0]).toMatchObject({ id: first.id, endDate: '2026-11-29' });
    expect(pouchesOf(await openOrder(), residentId)).toBe(7);
  });

  it('When a version that has not started yet is replaced earlier, Then the version before it ends too (no double dose)', async () => {
    const first = (
      await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line({ startDate: '2026-11-30' }))
    ).body;
    const second = (
      await pharmacist
        .post(`/api/prescriptions/${first.id}/replace`)
        .send(line({ doses: { midi: 1 }, startDate: '2026-12-04' }))
    ).body;
    const third = await pharmacist
      .post(`/api/prescriptions/${second.id}/replace`)
      .send(line({ doses: { soir: 1 }, startDate: '2026-12-01' }));
    expect(third.status).toBe(201);
    const history = (await pharmacist.get(`/api/residents/${residentId}/prescriptions`)).body.items;
    const endOf = (id: number) => history.find((l: { id: number }) => l.id === id).endDate;
    expect([endOf(first.id), endOf(second.id)]).toEqual(['2026-11-30', '2026-12-03']);
    // Monday: the first version (matin, soir: 2 pouches); Tuesday to Sunday: the third (soir: 1
    // pouch a day). With the first still running to Thursday, Tuesday–Thursday had both: 11.
    expect(pouchesOf(await openOrder(), residentId)).toBe(8);
  });

  it('When a stopped line is stopped again later, Then 409 prescriptions.stop_extends and its end stays', async () => {
    const first = (await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line())).body;
    expect((await pharmacist.post(`/api/prescriptions/${first.id}/stop`).send({ endDate: '2026-11-30' })).status).toBe(
      200,
    );
    const later = await pharmacist.post(`/api/prescriptions/${first.id}/stop`).send({ endDate: '2027-06-30' });
    expect([later.status, later.body.error.code]).toEqual([409, 'prescriptions.stop_extends']);
    const history = (await pharmacist.get(`/api/residents/${residentId}/prescriptions`)).body.items;
    expect(history.find((l: { id: number }) => l.id === first.id)).toMatchObject({ endDate: '2026-11-30' });
    // Bringing the end forward is still a stop.
    expect((await pharmacist.post(`/api/prescriptions/${first.id}/stop`).send({ endDate: '2026-11-29' })).status).toBe(
      200,
    );
  });

  it('When a line is stopped mid-week, Then the order keeps its days up to the end date', async () => {
    const first = (await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line())).body;
    const res = await pharmacist.post(`/api/prescriptions/${first.id}/stop`).send({ endDate: '2026-12-01' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ endDate: '2026-12-01', state: 'active' });
    expect(pouchesOf(await openOrder(), residentId)).toBe(4);
  });

  it('When a prescription changes after the cut-off, Then the closed order stays as submitted', async () => {
    const closed = await openOrder('ehpad-bugeat', '2026-W48');
    await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line());
    expect((await openOrder('ehpad-bugeat', '2026-W48')).totals).toEqual(closed.totals);
  });

  it.each([
    [
      'a dose that is not a multiple of 0.25',
      { doses: { matin: 0.3 } },
      400,
      'validation.invalid_input',
      'validation.doseQuarter',
    ],
    ['a dose above the maximum', { doses: { matin: 11 } }, 400, 'validation.invalid_input', 'validation.doseMax'],
    ['a zero dose', { doses: { matin: 0 } }, 400, 'validation.invalid_input', 'validation.dosePositive'],
    ['no dose at all', { doses: {} }, 400, 'validation.invalid_input', 'validation.doseRequired'],
    [
      'a weekday 8',
      { schedule: { kind: 'weekdays', weekdays: [1, 8] } },
      400,
      'validation.invalid_input',
      'validation.weekday',
    ],
    [
      'every 1 day',
      { schedule: { kind: 'every_n_days', n: 1, from: '2026-11-01' } },
      400,
      'validation.invalid_input',
      'validation.everyN',
    ],
    ['a CIP13 with a bad check digit', { cip13: '3400937977662' }, 400, 'validation.invalid_input', 'validation.cip13'],
    ['an end date before the start', { endDate: '2026-10-31' }, 422, 'prescriptions.end_before_start', undefined],
    [
      'an administration time the care home does not use',
      { doses: { lever: 1 } },
      422,
      'prescriptions.unknown_administration_time',
      undefined,
    ],
    ['a product not in the catalogue', { cip13: '3400900000006' }, 422, 'prescriptions.unknown_product', undefined],
  ])('When a line has %s, Then it is refused and nothing is written', async (_name, over, status, code, detail) => {
    const counts = orderTableCounts(t.db);
    const res = await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line(over));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    if (detail) expect(res.body.error.details.map((d: { message: string }) => d.message)).toContain(detail);
    expect(orderTableCounts(t.db)).toEqual(counts);
  });

  it('When a replacement starts in the past or a stop ends before yesterday, Then 422 and nothing is written', async () => {
    const first = (await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line())).body;
    const counts = orderTableCounts(t.db);
    const replace = await pharmacist
      .post(`/api/prescriptions/${first.id}/replace`)
      .send(line({ startDate: '2026-11-22' }));
    expect(replace.body.error.code).toBe('prescriptions.start_in_past');
    const stop = await pharmacist.post(`/api/prescriptions/${first.id}/stop`).send({ endDate: '2026-11-21' });
    expect(stop.body.error.code).toBe('prescriptions.end_in_past');
    const beforeStart = await pharmacist.post(`/api/prescriptions/${first.id}/stop`).send({ endDate: '2026-10-01' });
    expect(beforeStart.body.error.code).toBe('prescriptions.end_before_start');
    expect(orderTableCounts(t.db)).toEqual(counts);
  });
});

describe('care-home settings and schedule', () => {
  const settings = (over: object = {}) => ({
    administrationTimes: [
      { name: 'matin', time: '08:00' },
      { name: 'midi', time: '12:00' },
      { name: 'soir', time: '18:00' },
      { name: 'coucher', time: '21:00' },
    ],
    deliveryWeekday: 5,
    deliveryTime: '14:00',
    cutoffWeekday: 3,
    cutoffTime: '12:00',
    ...over,
  });

  it('When a care home never changed its settings, Then they read as the SPEC §5 defaults, not customised', async () => {
    const res = await pharmacist.get(`/api/care-homes/${home}/settings`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ careHomeId: home, ...settings(), customised: false });
  });

  it('When the admin moves the cut-off, Then the schedule and the open orders follow, DST-safe', async () => {
    const res = await admin
      .put(`/api/care-homes/${home}/settings`)
      .send(settings({ cutoffWeekday: 4, cutoffTime: '10:00' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cutoffWeekday: 4, customised: true });
    expect((await openOrder()).cutoffAt).toBe('2026-11-26T09:00:00.000Z');
    const schedule = await pharmacist.get(`/api/care-homes/${home}/schedule?from=2026-W13&weeks=3`);
    expect(schedule.body.items).toEqual([
      {
        week: '2026-W13',
        cutoffAt: '2026-03-19T09:00:00.000Z',
        deliveryAt: '2026-03-20T13:00:00.000Z',
        deliveryMovedFor: null,
      },
      {
        week: '2026-W14',
        cutoffAt: '2026-03-26T09:00:00.000Z',
        deliveryAt: '2026-03-27T13:00:00.000Z',
        deliveryMovedFor: null,
      },
      {
        week: '2026-W15',
        cutoffAt: '2026-04-02T08:00:00.000Z',
        deliveryAt: '2026-04-03T12:00:00.000Z',
        deliveryMovedFor: null,
      },
    ]);
  });

  it('When the schedule is asked for the defaults, Then winter and summer weeks keep Wednesday 12:00 and Friday 14:00 Paris', async () => {
    const res = await pharmacist.get(`/api/care-homes/${home}/schedule?from=2026-W28&weeks=1`);
    expect(res.body.items).toEqual([
      {
        week: '2026-W28',
        cutoffAt: '2026-07-01T10:00:00.000Z',
        deliveryAt: '2026-07-03T12:00:00.000Z',
        deliveryMovedFor: null,
      },
    ]);
    const winter = await pharmacist.get(`/api/care-homes/${home}/schedule?from=2026-W49&weeks=1`);
    expect(winter.body.items[0]).toMatchObject({ cutoffAt: '2026-11-25T11:00:00.000Z' });
  });

  it('When the schedule runs over a 53-week year and up to year 9999, Then each week has its own deadlines and the list stops there', async () => {
    const over = await pharmacist.get(`/api/care-homes/${home}/schedule?from=2026-W52&weeks=4`);
    const weeks = ['2026-W52', '2026-W53', '2027-W01', '2027-W02'];
    expect(over.body.items).toEqual(
      weeks.map((week) => {
        const due = orderDeadlines(DEFAULT_CARE_HOME_SETTINGS, week);
        return {
          week,
          cutoffAt: due.cutoffAt.toISOString(),
          deliveryAt: due.deliveryAt.toISOString(),
          deliveryMovedFor: due.deliveryMovedFor,
        };
      }),
    );
    // Christmas and New Year's Day fall on the usual Friday: both weeks come a day earlier.
    expect(over.body.items.slice(1, 3)).toEqual([
      {
        week: '2026-W53',
        cutoffAt: '2026-12-22T11:00:00.000Z',
        deliveryAt: '2026-12-24T13:00:00.000Z',
        deliveryMovedFor: 'Noël',
      },
      {
        week: '2027-W01',
        cutoffAt: '2026-12-29T11:00:00.000Z',
        deliveryAt: '2026-12-31T13:00:00.000Z',
        deliveryMovedFor: 'Jour de l’an',
      },
    ]);
    const end = await pharmacist.get(`/api/care-homes/${home}/schedule?from=9999-W51&weeks=5`);
    expect(end.status).toBe(200);
    expect(end.body.items.map((i: { week: string }) => i.week)).toEqual(['9999-W51', '9999-W52']);
  });

  it.each([
    ['weeks=27', 'weeks=27'],
    ['weeks=0', 'weeks=0'],
    ['from=2026-W60', 'from=2026-W60'],
    ['an unknown key', 'colour=blue'],
  ])('When the schedule query has %s, Then 400', async (_name, query) => {
    const res = await pharmacist.get(`/api/care-homes/${home}/schedule?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation.invalid_input');
  });

  it('When an administration time still used by prescriptions is dropped, Then 409 with the time and nothing changes', async () => {
    const counts = orderTableCounts(t.db);
    const res = await admin.put(`/api/care-homes/${home}/settings`).send(
      settings({
        administrationTimes: [
          { name: 'matin', time: '08:00' },
          { name: 'soir', time: '18:00' },
        ],
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('care_homes.administration_time_in_use');
    expect(res.body.error.details.map((d: { name: string }) => d.name).sort()).toEqual(['coucher', 'midi']);
    expect(orderTableCounts(t.db)).toEqual(counts);
  });

  it('When a time is added, Then prescriptions may use it', async () => {
    const times = [...settings().administrationTimes, { name: 'nuit', time: '23:30' }];
    expect(
      (await admin.put(`/api/care-homes/${home}/settings`).send(settings({ administrationTimes: times }))).status,
    ).toBe(200);
    const res = await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(line({ doses: { nuit: 1 } }));
    expect(res.status).toBe(201);
  });

  it('When the settings are read after a change, Then the answer is what the change answered, times in their order', async () => {
    const times = [
      { name: 'lever', time: '07:15' },
      ...settings().administrationTimes,
      { name: 'nuit', time: '23:45' },
    ];
    const put = await admin.put(`/api/care-homes/${home}/settings`).send(settings({ administrationTimes: times }));
    expect(put.status).toBe(200);
    const read = await pharmacist.get(`/api/care-homes/${home}/settings`);
    expect(read.status).toBe(200);
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(read.body).toEqual(put.body);
    expect(read.body).toMatchObject({ careHomeId: home, administrationTimes: times, customised: true });
  });

  it.each([
    ['a cut-off after the delivery', { cutoffWeekday: 6 }, 422, 'care_homes.cutoff_after_delivery'],
    [
      'a cut-off the 4-hour control leaves no time after',
      { cutoffWeekday: 5, cutoffTime: '10:00' },
      422,
      'care_homes.no_production_time',
    ],
    [
      'two times with one name',
      {
        administrationTimes: [
          { name: 'matin', time: '08:00' },
          { name: 'Matin', time: '09:00' },
        ],
      },
      400,
      'validation.invalid_input',
    ],
    [
      'times out of order',
      {
        administrationTimes: [
          { name: 'soir', time: '18:00' },
          { name: 'matin', time: '08:00' },
        ],
      },
      400,
      'validation.invalid_input',
    ],
    ['a time 24:00', { deliveryTime: '24:00' }, 400, 'validation.invalid_input'],
    ['weekday 0', { cutoffWeekday: 0 }, 400, 'validation.invalid_input'],
  ])('When the settings have %s, Then they are refused and nothing is written', async (_name, over, status, code) => {
    const counts = orderTableCounts(t.db);
    const res = await admin.put(`/api/care-homes/${home}/settings`).send(settings(over));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(orderTableCounts(t.db)).toEqual(counts);
  });

  it('When the cut-off leaves an hour before delivery less the control time, Then the settings are taken', async () => {
    const res = await admin
      .put(`/api/care-homes/${home}/settings`)
      .send(settings({ cutoffWeekday: 5, cutoffTime: '09:00' }));
    expect(res.status).toBe(200);
    const refused = await admin
      .put(`/api/care-homes/${home}/settings`)
      .send(settings({ cutoffWeekday: 5, cutoffTime: '10:30' }));
    expect(refused.body.error).toMatchObject({
      code: 'care_homes.no_production_time',
      details: [{ controlMinutes: 240 }],
    });
    expect((await admin.put(`/api/care-homes/${home}/settings`).send(settings())).status).toBe(200);
  });
});
