import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CARE_HOME_SETTINGS } from '../../server/orders/orders.models';
import { careHomeId } from '../helpers/orders';
import { count, insertOrder, orderStatus, robotState } from '../helpers/robot';
import { createTestApp } from '../helpers/test-app';

// The demo catalogue is needed for cassettes: this file runs on the whole demo and adds its own
// robot (a second one, "Robot de test") so that it owns what it changes.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let admin: Agent;
let pharmacist: Agent;
/** A member of the cooperative other than the robot's host: reads the robot as any member does. */
let member: Agent;
let carehome: Agent;
let robotId: number;
let products: string[];
let excluded: string;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.agentAs('admin@officoop.test');
  pharmacist = await t.agentAs('pharmacien.felletin@officoop.test');
  member = await t.agentAs('preparateur.royere@officoop.test');
  carehome = await t.agentAs('ehpad.felletin@officoop.test');
  products = (
    t.db.$client
      .prepare('SELECT cip13 FROM catalogue_presentations WHERE pda_excluded = 0 ORDER BY cip13 LIMIT 3')
      .all() as { cip13: string }[]
  ).map((r) => r.cip13);
  excluded = (
    t.db.$client
      .prepare('SELECT cip13 FROM catalogue_presentations WHERE pda_excluded = 1 ORDER BY cip13 LIMIT 1')
      .get() as {
      cip13: string;
    }
  ).cip13;
});

beforeEach(async () => {
  n++;
  const res = await admin
    .post('/api/robots')
    .send({ name: `Robot de test ${n}`, hostPharmacyId: 2, cassetteSlots: 80 });
  robotId = res.body.id;
});

const refusedWithNothingWritten = async (
  send: () => Promise<{ status: number; body: { error: { code: string } } }>,
  status: number,
  code: string,
) => {
  const before = robotState(t.db);
  const res = await send();
  expect([res.status, res.body.error?.code]).toEqual([status, code]);
  expect(robotState(t.db)).toEqual(before);
};

describe('robots (the coordinator manages, every member reads)', () => {
  it('When the admin adds a robot, Then it has the SPEC defaults, Mon–Fri windows and the public holidays as closures', async () => {
    const robot = await admin.get(`/api/robots/${robotId}`);
    expect(robot.body).toMatchObject({
      ratePerMinute: 60,
      setupMinutes: 15,
      cleaningMinutes: 10,
      manualSecondsPerUnit: 4,
      controlMinutes: 240,
      hostPharmacyId: 2,
      hostPharmacyName: 'Pharmacie de Meymac',
    });
    const windows = (await member.get(`/api/robots/${robotId}/windows`)).body.items;
    expect(windows).toHaveLength(10);
    expect(windows[0]).toEqual({ weekday: 1, start: '08:30', end: '12:30' });
    const closures = (await member.get(`/api/robots/${robotId}/closures`)).body.items;
    expect(closures).toHaveLength(22);
    expect(
      closures.find(
        (c: { reason: string; start: string }) => c.reason === 'Lundi de Pentecôte' && c.start.startsWith('2027'),
      ),
    ).toEqual(
      expect.objectContaining({
        kind: 'public_holiday',
        start: '2027-05-16T22:00:00.000Z',
        end: '2027-05-17T22:00:00.000Z',
      }),
    );
  });

  it('When any member lists the robots, Then the contract fields are there', async () => {
    const res = await member.get('/api/robots');
    expect(res.status).toBe(200);
    expect(res.body.items.find((r: { id: number }) => r.id === robotId)).toEqual(
      expect.objectContaining({
        id: robotId,
        name: `Robot de test ${n}`,
        hostPharmacyId: 2,
        ratePerMinute: 60,
        setupMinutes: 15,
        cleaningMinutes: 10,
        manualSecondsPerUnit: 4,
        controlMinutes: 240,
      }),
    );
  });

  it('When the admin changes the throughput, Then it is saved; an empty change is refused', async () => {
    const res = await admin.patch(`/api/robots/${robotId}`).send({ ratePerMinute: 45, controlMinutes: 180 });
    expect(res.body).toMatchObject({ ratePerMinute: 45, controlMinutes: 180 });
    expect((await admin.patch(`/api/robots/${robotId}`).send({})).status).toBe(400);
  });

  it.each([
    ['a name already used', () => ({ name: `Robot de test ${n}`, hostPharmacyId: 1 }), 409, 'robot.name_taken'],
    ['an unknown host pharmacy', () => ({ name: 'Autre', hostPharmacyId: 999 }), 404, 'pharmacies.not_found'],
    [
      'a rate of 0 pouches a minute',
      () => ({ name: 'Autre', hostPharmacyId: 1, ratePerMinute: 0 }),
      400,
      'validation.invalid_input',
    ],
  ])(
    'When a robot is created with %s, Then it is refused and nothing is written',
    async (_name, body, status, code) => {
      await refusedWithNothingWritten(() => admin.post('/api/robots').send(body()), status, code);
    },
  );

  it('When a pharmacist tries to manage the robot, Then 403', async () => {
    await refusedWithNothingWritten(
      () => pharmacist.post('/api/robots').send({ name: 'X', hostPharmacyId: 1 }),
      403,
      'auth.forbidden',
    );
    await refusedWithNothingWritten(
      () => pharmacist.put(`/api/robots/${robotId}/windows`).send({ windows: [] }),
      403,
      'auth.forbidden',
    );
  });
});

describe('working windows', () => {
  it('When the admin replaces the windows, Then the week follows them (Saturday morning added)', async () => {
    const windows = [
      { weekday: 1, start: '08:00', end: '12:00' },
      { weekday: 1, start: '12:00', end: '17:00' },
      { weekday: 6, start: '09:00', end: '12:00' },
    ];
    const res = await admin.put(`/api/robots/${robotId}/windows`).send({ windows });
    expect(res.body.items).toEqual(windows);
    const calendar = await member.get(`/api/robots/${robotId}/calendar?week=2026-W49`);
    expect(calendar.body.days.map((d: { freeMinutes: number }) => d.freeMinutes)).toEqual([540, 0, 0, 0, 0, 180, 0]);
  });

  it.each([
    [
      'a window ending before it starts',
      [{ weekday: 2, start: '12:00', end: '08:00' }],
      422,
      'robot.window_ends_before_start',
    ],
    [
      'two overlapping windows',
      [
        { weekday: 2, start: '08:00', end: '12:00' },
        { weekday: 2, start: '11:30', end: '14:00' },
      ],
      422,
      'robot.windows_overlap',
    ],
    ['a time that does not exist', [{ weekday: 2, start: '08:00', end: '25:00' }], 400, 'validation.invalid_input'],
    ['weekday 8', [{ weekday: 8, start: '08:00', end: '12:00' }], 400, 'validation.invalid_input'],
  ])('When the windows hold %s, Then it is refused and nothing changes', async (_name, windows, status, code) => {
    await refusedWithNothingWritten(() => admin.put(`/api/robots/${robotId}/windows`).send({ windows }), status, code);
  });
});

describe('changes that would contradict booked batches are refused', () => {
  // Order week 2027-W11 closes on Wednesday 10 March 2027 at 11:00Z and must be produced by
  // Friday 12 at 09:00Z (winter time): its batch goes on Wednesday afternoon, 12:30Z (13:30 Paris).
  const bookMeymac = async (week: string, start: string) => {
    const order = insertOrder(t.db, { careHome: 'ehpad-meymac', week, pouches: 600 });
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const batch = await meymac.post('/api/robot-batches').send({ robotId, start, orderIds: [order] });
    expect(batch.status).toBe(201);
    return { order, batch: batch.body as { id: number; start: string; end: string } };
  };

  it('When new windows would leave a booked batch outside every window, Then 409 robot.windows_over_batches lists it and nothing changes', async () => {
    const { batch } = await bookMeymac('2027-W11', '2027-03-10T12:30:00.000Z');
    const mornings = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:30', end: '12:30' }));
    await refusedWithNothingWritten(
      () => admin.put(`/api/robots/${robotId}/windows`).send({ windows: mornings }),
      409,
      'robot.windows_over_batches',
    );
    const res = await admin.put(`/api/robots/${robotId}/windows`).send({ windows: mornings });
    expect(res.body.error.details).toEqual([{ id: batch.id, start: batch.start, end: batch.end }]);
    // Windows that still hold it (Wednesday afternoon kept) are saved.
    const kept = [...mornings, { weekday: 3, start: '13:30', end: '18:30' }];
    expect((await admin.put(`/api/robots/${robotId}/windows`).send({ windows: kept })).status).toBe(200);
  });

  it('When a cassette that a booked batch counts on is removed or recalibrated, Then 409 robot.cassette_in_use and nothing changes', async () => {
    const cip13 = products[0] as string;
    const cassette = await admin.post(`/api/robots/${robotId}/cassettes`).send({ slot: 5, cip13 });
    const { order, batch } = await bookMeymac('2027-W12', '2027-03-17T12:30:00.000Z');
    // The order's units of that product are packed by the robot (as the orders domain computed them).
    const resident = t.db.$client
      .prepare(
        `SELECT r.id FROM residents r JOIN care_homes c ON c.id = r.care_home_id WHERE c.slug = 'ehpad-meymac' LIMIT 1`,
      )
      .get() as { id: number };
    t.db.$client
      .prepare(
        `INSERT INTO order_lines (order_id, resident_id, cip13, quarters, units, route) VALUES (?, ?, ?, 28, 7, 'robot')`,
      )
      .run(order, resident.id, cip13);
    for (const send of [
      () => admin.post(`/api/robot-cassettes/${cassette.body.id}/remove`),
      () => admin.post(`/api/robot-cassettes/${cassette.body.id}/replace`).send({ cip13: products[1] }),
    ]) {
      await refusedWithNothingWritten(send, 409, 'robot.cassette_in_use');
      expect((await send()).body.error.details).toEqual([{ id: batch.id, start: batch.start, end: batch.end, cip13 }]);
    }
    // A second cassette of the same product keeps the batch's product in the robot: the first may go.
    await admin.post(`/api/robots/${robotId}/cassettes`).send({ slot: 6, cip13 });
    expect((await admin.post(`/api/robot-cassettes/${cassette.body.id}/remove`)).status).toBe(200);
  });

  it('When a control time would leave a care home no time to produce, Then 422 robot.no_production_time naming it', async () => {
    const home = careHomeId(t.db, 'ehpad-felletin');
    const tight = { cutoffWeekday: 5, cutoffTime: '08:00', deliveryWeekday: 5, deliveryTime: '14:00' };
    const put = await admin
      .put(`/api/care-homes/${home}/settings`)
      .send({ administrationTimes: DEFAULT_CARE_HOME_SETTINGS.administrationTimes, ...tight });
    expect(put.status).toBe(200);
    // Six hours between cut-off and delivery: a 6-hour control leaves nothing, 5 hours leaves one.
    const refused = await admin.patch(`/api/robots/${robotId}`).send({ controlMinutes: 360 });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'robot.no_production_time',
      details: [{ careHomeId: home, careHome: 'EHPAD Les Tilleuls — Felletin' }],
    });
    await refusedWithNothingWritten(
      () => admin.post('/api/robots').send({ name: 'Robot trop prudent', hostPharmacyId: 1, controlMinutes: 400 }),
      422,
      'robot.no_production_time',
    );
    expect((await admin.patch(`/api/robots/${robotId}`).send({ controlMinutes: 300 })).status).toBe(200);
    // Out of service, the robot neither blocks the care home's settings nor is checked; back in
    // service with a control time the care home cannot meet, it is refused.
    expect((await admin.patch(`/api/robots/${robotId}`).send({ active: false, controlMinutes: 600 })).status).toBe(200);
    const tighter = await admin
      .put(`/api/care-homes/${home}/settings`)
      .send({ administrationTimes: DEFAULT_CARE_HOME_SETTINGS.administrationTimes, ...tight, cutoffTime: '09:00' });
    expect(tighter.status).toBe(200);
    const backInService = await admin.patch(`/api/robots/${robotId}`).send({ active: true });
    expect([backInService.status, backInService.body.error.code]).toEqual([422, 'robot.no_production_time']);
    expect((await admin.patch(`/api/robots/${robotId}`).send({ active: true, controlMinutes: 240 })).status).toBe(200);
    // A care home left tight (settings saved before the check) does not stop the robot's other
    // figures from being saved with its control time unchanged, as the settings page sends them.
    t.db.$client.prepare('UPDATE robots SET control_minutes = 330 WHERE id = ?').run(robotId);
    const unchanged = await admin.patch(`/api/robots/${robotId}`).send({ ratePerMinute: 44, controlMinutes: 330 });
    expect(unchanged.status).toBe(200);
    expect((await admin.patch(`/api/robots/${robotId}`).send({ controlMinutes: 240 })).status).toBe(200);
    const back = await admin.put(`/api/care-homes/${home}/settings`).send({ ...DEFAULT_CARE_HOME_SETTINGS });
    expect(back.status).toBe(200);
    expect((await admin.patch(`/api/robots/${robotId}`).send({ controlMinutes: 240 })).status).toBe(200);
  });

  it('When fewer slots would leave a cassette outside them, Then 409 robot.cassette_slots_in_use', async () => {
    await admin.post(`/api/robots/${robotId}/cassettes`).send({ slot: 70, cip13: products[0] });
    await refusedWithNothingWritten(
      () => admin.patch(`/api/robots/${robotId}`).send({ cassetteSlots: 60 }),
      409,
      'robot.cassette_slots_in_use',
    );
    expect((await admin.get(`/api/robots/${robotId}`)).body.cassetteSlots).toBe(80);
    expect((await admin.patch(`/api/robots/${robotId}`).send({ cassetteSlots: 70 })).status).toBe(200);
  });
});

describe('public holidays of every year', () => {
  // The robot is created in 2026: its 2026 and 2027 holidays are stored. Ascension 2028 is
  // Thursday 25 May; order week 2028-W22 closes on Wednesday 24 and is delivered on Friday 26.
  it('When a year after the stored ones comes, Then its holidays are computed: the calendar shows them closed and a booking is refused', async () => {
    const calendar = await member.get(`/api/robots/${robotId}/calendar?week=2028-W21`);
    expect(calendar.body.closures).toEqual([
      {
        id: null,
        robotId,
        start: '2028-05-24T22:00:00.000Z',
        end: '2028-05-25T22:00:00.000Z',
        kind: 'public_holiday',
        reason: 'Ascension',
      },
    ]);
    expect(calendar.body.days.map((d: { freeMinutes: number }) => d.freeMinutes)).toEqual([
      540, 540, 540, 0, 540, 0, 0,
    ]);
    const order = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2028-W22', pouches: 600 });
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const before = robotState(t.db);
    const res = await meymac
      .post('/api/robot-batches')
      .send({ robotId, start: '2028-05-25T06:30:00.000Z', orderIds: [order] });
    expect([res.status, res.body.error.code]).toEqual([422, 'robot.closed']);
    expect(res.body.error.details[0]).toMatchObject({ id: null, kind: 'public_holiday', reason: 'Ascension' });
    expect(robotState(t.db)).toEqual(before);
    const plan = await meymac.post('/api/robot-batches/plan').send({ robotId, orderWeek: '2028-W22' });
    expect(plan.body.batches.map((b: { start: string }) => b.start)).toEqual(['2028-05-24T11:30:00.000Z']);
  });

  it('When the admin removes a stored holiday to work that day, Then the robot is open then (stored years are not recomputed)', async () => {
    const whitMonday = (await admin.get(`/api/robots/${robotId}/closures?week=2027-W20`)).body.items[0];
    expect(whitMonday).toMatchObject({ reason: 'Lundi de Pentecôte', id: expect.any(Number) });
    expect((await admin.delete(`/api/robot-closures/${whitMonday.id}`)).status).toBe(204);
    const calendar = await member.get(`/api/robots/${robotId}/calendar?week=2027-W20`);
    expect(calendar.body.closures).toEqual([]);
    expect(calendar.body.days[0].freeMinutes).toBe(540);
  });

  it('When the admin adds a holiday in a computed year, Then that year is stored first; the same holiday twice is 409 robot.closure_exists', async () => {
    const local = await admin.post(`/api/robots/${robotId}/closures`).send({
      start: '2028-06-15T22:00:00.000Z',
      end: '2028-06-16T22:00:00.000Z',
      kind: 'public_holiday',
      reason: 'Fête locale',
    });
    expect(local.status).toBe(201);
    const week = (await admin.get(`/api/robots/${robotId}/closures?week=2028-W21`)).body.items;
    expect(week).toEqual([expect.objectContaining({ reason: 'Ascension', id: expect.any(Number) })]);
    await refusedWithNothingWritten(
      () =>
        admin.post(`/api/robots/${robotId}/closures`).send({
          start: '2028-05-24T22:00:00.000Z',
          end: '2028-05-25T22:00:00.000Z',
          kind: 'public_holiday',
          reason: 'Ascension',
        }),
      409,
      'robot.closure_exists',
    );
  });
});

describe('closures', () => {
  it('When the admin closes the robot for maintenance, Then it is listed for the week and can be removed', async () => {
    const res = await admin
      .post(`/api/robots/${robotId}/closures`)
      .send({ start: '2026-12-01T07:30:00.000Z', end: '2026-12-01T11:30:00.000Z', reason: 'Révision annuelle' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'maintenance',
      start: '2026-12-01T07:30:00.000Z',
      reason: 'Révision annuelle',
    });
    const week = await member.get(`/api/robots/${robotId}/closures?week=2026-W49`);
    expect(week.body.items.map((c: { id: number }) => c.id)).toEqual([res.body.id]);
    expect((await admin.delete(`/api/robot-closures/${res.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/robot-closures/${res.body.id}`)).body.error.code).toBe('robot.closure_not_found');
  });

  it('When a pharmacist of the host pharmacy declares a breakdown, Then the robot is closed; another pharmacy’s pharmacist or a technician is refused', async () => {
    const host = t.db.$client.prepare('SELECT slug FROM pharmacies WHERE id = 2').get() as { slug: string };
    expect(host.slug).not.toBe('felletin');
    const hostPharmacist = await t.agentAs(`pharmacien.${host.slug}@officoop.test`);
    const hostTechnician = await t.agentAs(`preparateur.${host.slug}@officoop.test`);
    const breakdown = {
      start: '2026-12-01T07:30:00.000Z',
      end: '2026-12-01T11:30:00.000Z',
      reason: 'Panne du bras de préhension',
      kind: 'other',
    };
    const path = `/api/robots/${robotId}/closures`;
    await refusedWithNothingWritten(() => pharmacist.post(path).send(breakdown), 403, 'robot.closure_host_only');
    await refusedWithNothingWritten(() => hostTechnician.post(path).send(breakdown), 403, 'auth.forbidden');
    const res = await hostPharmacist.post(path).send(breakdown);
    expect(res.status).toBe(201);
    expect((await member.get(`${path}?week=2026-W49`)).body.items.map((c: { id: number }) => c.id)).toEqual([
      res.body.id,
    ]);
    // Repaired sooner: the host's pharmacist removes it; another pharmacy's may not.
    await refusedWithNothingWritten(
      () => pharmacist.delete(`/api/robot-closures/${res.body.id}`),
      403,
      'robot.closure_host_only',
    );
    expect((await hostPharmacist.delete(`/api/robot-closures/${res.body.id}`)).status).toBe(204);
  });

  it('When a closure ends before it starts, Then 422 robot.closure_ends_before_start', async () => {
    await refusedWithNothingWritten(
      () =>
        admin
          .post(`/api/robots/${robotId}/closures`)
          .send({ start: '2026-12-01T11:30:00.000Z', end: '2026-12-01T07:30:00.000Z', reason: 'Révision' }),
      422,
      'robot.closure_ends_before_start',
    );
  });

  it('When a closure would cover a booked batch, Then 409 robot.closure_over_batches names it', async () => {
    const order = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2027-W10', pouches: 600 });
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const batch = await meymac
      .post('/api/robot-batches')
      .send({ robotId, start: '2027-03-04T07:30:00.000Z', orderIds: [order] });
    expect(batch.status).toBe(201);
    const before = robotState(t.db);
    const res = await admin
      .post(`/api/robots/${robotId}/closures`)
      .send({ start: '2027-03-04T07:00:00.000Z', end: '2027-03-04T09:00:00.000Z', reason: 'Panne' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'robot.closure_over_batches',
      details: [expect.objectContaining({ id: batch.body.id })],
    });
    expect(robotState(t.db)).toEqual(before);
  });

  it('When the robot breaks down over booked batches, Then the admin closes it anyway: the batches are cancelled, their orders are to plan again and each pharmacy is told', async () => {
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const ours = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2027-W23', pouches: 300 });
    const theirs = insertOrder(t.db, { careHome: 'ehpad-felletin', week: '2027-W23', pouches: 300 });
    const first = await meymac
      .post('/api/robot-batches')
      .send({ robotId, start: '2027-06-03T07:30:00.000Z', orderIds: [ours] });
    const second = await pharmacist
      .post('/api/robot-batches')
      .send({ robotId, start: '2027-06-03T12:30:00.000Z', orderIds: [theirs] });
    expect([first.status, second.status]).toEqual([201, 201]);
    const closure = {
      start: '2027-06-03T06:00:00.000Z',
      end: '2027-06-03T17:00:00.000Z',
      reason: 'Panne du module de scellage',
    };
    // Not asked to cancel them: refused as before, each batch named with its pharmacy.
    const refused = await admin.post(`/api/robots/${robotId}/closures`).send(closure);
    expect(refused.body.error?.details).toEqual([
      expect.objectContaining({ id: first.body.id, status: 'booked', pharmacyName: 'Pharmacie de Meymac' }),
      expect.objectContaining({ id: second.body.id, status: 'booked', pharmacyName: 'Pharmacie de Felletin' }),
    ]);

    // Only the batches shown are cancelled: naming one of the two refuses the closure, and cancels nothing.
    const before = robotState(t.db);
    const partly = await admin
      .post(`/api/robots/${robotId}/closures`)
      .send({ ...closure, cancelBatches: [first.body.id] });
    expect([partly.status, partly.body.error?.code]).toEqual([409, 'robot.closure_over_batches']);
    expect(robotState(t.db)).toEqual(before);

    const closed = await admin
      .post(`/api/robots/${robotId}/closures`)
      .send({ ...closure, cancelBatches: [first.body.id, second.body.id] });
    expect(closed.status).toBe(201);
    for (const [agent, batch, order] of [
      [meymac, first.body.id, ours],
      [pharmacist, second.body.id, theirs],
    ] as const) {
      expect((await agent.get(`/api/robot-batches/${batch}`)).body.status).toBe('cancelled');
      expect(orderStatus(t.db, order)).toBe('submitted');
      const alerts = (await agent.get('/api/alerts')).body.items as {
        kind: string;
        entityId: string | number;
        params: Record<string, unknown>;
      }[];
      const told = alerts.filter((a) => a.kind === 'robot.batch_cancelled_by_closure');
      expect(told.map((a) => Number(a.entityId))).toEqual([batch]);
      expect(told[0]?.params).toMatchObject({
        batchId: batch,
        reason: 'Panne du module de scellage',
        robotWeek: '2027-W22', // Thursday 3 June 2027
      });
    }
  });

  it('When a batch is already in production during the closure, Then the closure is refused even naming it in cancelBatches, and nothing changes', async () => {
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const order = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2027-W24', pouches: 300 });
    const batch = await meymac
      .post('/api/robot-batches')
      .send({ robotId, start: '2027-06-10T07:30:00.000Z', orderIds: [order] });
    expect(batch.status).toBe(201);
    t.db.$client.prepare("UPDATE robot_batches SET status = 'in_production' WHERE id = ?").run(batch.body.id);
    const before = robotState(t.db);
    const res = await admin.post(`/api/robots/${robotId}/closures`).send({
      start: '2027-06-10T06:00:00.000Z',
      end: '2027-06-10T17:00:00.000Z',
      reason: 'Panne',
      cancelBatches: [batch.body.id],
    });
    expect([res.status, res.body.error?.code]).toEqual([409, 'robot.closure_over_batches']);
    expect(res.body.error.details).toEqual([expect.objectContaining({ id: batch.body.id, status: 'in_production' })]);
    expect(robotState(t.db)).toEqual(before);
  });
});

describe('cassettes: one product per slot, dated changes', () => {
  it('When a cassette is installed, replaced and removed, Then the history keeps every dated change', async () => {
    const installed = await admin.post(`/api/robots/${robotId}/cassettes`).send({ slot: 7, cip13: products[0] });
    expect(installed.status).toBe(201);
    expect(installed.body).toMatchObject({
      slot: 7,
      cip13: products[0],
      removedAt: null,
      productLabel: expect.any(String),
    });
    const replaced = await admin.post(`/api/robot-cassettes/${installed.body.id}/replace`).send({ cip13: products[1] });
    expect(replaced.status).toBe(201);
    expect(replaced.body).toMatchObject({ slot: 7, cip13: products[1] });
    const now = (await member.get(`/api/robots/${robotId}/cassettes`)).body.items;
    expect(now.map((c: { slot: number; cip13: string }) => [c.slot, c.cip13])).toEqual([[7, products[1]]]);
    const removed = await admin.post(`/api/robot-cassettes/${replaced.body.id}/remove`);
    expect(removed.body.removedAt).toEqual(expect.any(String));
    const history = (await member.get(`/api/robots/${robotId}/cassettes?history=true`)).body.items;
    expect(history.map((c: { cip13: string; removedAt: string | null }) => [c.cip13, c.removedAt !== null])).toEqual([
      [products[1], true],
      [products[0], true],
    ]);
    expect((await member.get(`/api/robots/${robotId}/cassettes`)).body.items).toEqual([]);
    expect(count(t.db, 'audit_log', `action LIKE 'robots.cassette_%'`)).toBeGreaterThanOrEqual(3);
  });

  it.each([
    [
      'a product that is not in the catalogue',
      () => ({ slot: 1, cip13: '3400900000006' }),
      422,
      'robot.unknown_product',
    ],
    [
      'a product flagged hors PDA in the catalogue',
      () => ({ slot: 1, cip13: excluded }),
      422,
      'robot.product_pda_excluded',
    ],
    ['a CIP13 with a wrong check digit', () => ({ slot: 1, cip13: '3400900000007' }), 400, 'validation.invalid_input'],
    [
      'a slot the robot does not have',
      () => ({ slot: 81, cip13: products[0] }),
      422,
      'robot.cassette_slot_out_of_range',
    ],
    ['slot 0', () => ({ slot: 0, cip13: products[0] }), 400, 'validation.invalid_input'],
  ])('When a cassette has %s, Then it is refused and nothing is written', async (_name, body, status, code) => {
    await refusedWithNothingWritten(() => admin.post(`/api/robots/${robotId}/cassettes`).send(body()), status, code);
  });

  it('When a cassette is recalibrated for a product flagged hors PDA, Then 422 robot.product_pda_excluded with the reason', async () => {
    const first = await admin.post(`/api/robots/${robotId}/cassettes`).send({ slot: 4, cip13: products[0] });
    await refusedWithNothingWritten(
      () => admin.post(`/api/robot-cassettes/${first.body.id}/replace`).send({ cip13: excluded }),
      422,
      'robot.product_pda_excluded',
    );
    const res = await admin.post(`/api/robots/${robotId}/cassettes`).send({ slot: 5, cip13: excluded });
    expect(res.body.error.details).toEqual([{ cip13: excluded, reason: expect.stringMatching(/\S/) }]);
  });

  it('When a second cassette goes into an occupied slot, Then 409 robot.cassette_slot_taken', async () => {
    const first = await admin.post(`/api/robots/${robotId}/cassettes`).send({ slot: 3, cip13: products[0] });
    await refusedWithNothingWritten(
      () => admin.post(`/api/robots/${robotId}/cassettes`).send({ slot: 3, cip13: products[2] }),
      409,
      'robot.cassette_slot_taken',
    );
    await refusedWithNothingWritten(
      () => admin.post(`/api/robot-cassettes/${first.body.id}/replace`).send({ cip13: products[0] }),
      422,
      'robot.cassette_same_product',
    );
  });

  it('When a pharmacist tries to change a cassette, Then 403', async () => {
    await refusedWithNothingWritten(
      () => pharmacist.post(`/api/robots/${robotId}/cassettes`).send({ slot: 1, cip13: products[0] }),
      403,
      'auth.forbidden',
    );
  });
});

describe("the demo robot's cassettes split open orders between robot and manual tray", () => {
  it('When a cassette is removed, Then open orders move its units from robot to manual tray (and back when reinstalled)', async () => {
    const demoRobot = (await admin.get('/api/robots')).body.items.find(
      (r: { name: string }) => r.name === 'Robot PDA de Bugeat',
    );
    const order = t.db.$client
      .prepare(
        `SELECT o.id FROM weekly_orders o JOIN care_homes c ON c.id = o.care_home_id
         WHERE c.slug = 'ehpad-felletin' AND o.status = 'submitted' ORDER BY o.week LIMIT 1`,
      )
      .get() as { id: number };
    const line = t.db.$client
      .prepare(
        `SELECT l.cip13, sum(l.units) AS units FROM order_lines l
         JOIN robot_cassettes c ON c.cip13 = l.cip13 AND c.removed_at IS NULL AND c.robot_id = ?
         WHERE l.order_id = ? AND l.route = 'robot' GROUP BY l.cip13 ORDER BY units DESC LIMIT 1`,
      )
      .get(demoRobot.id, order.id) as { cip13: string; units: number };
    const cassette = (await admin.get(`/api/robots/${demoRobot.id}/cassettes`)).body.items.find(
      (c: { cip13: string }) => c.cip13 === line.cip13,
    );
    const totals = async () => (await pharmacist.get(`/api/orders/${order.id}`)).body.totals;
    const before = await totals();
    const removed = await admin.post(`/api/robot-cassettes/${cassette.id}/remove`);
    expect(removed.status).toBe(200);
    expect(removed.body.recomputedOrders).toBeGreaterThan(0);
    const after = await totals();
    expect(after.manualUnits - before.manualUnits).toBe(line.units);
    expect(before.robotUnits - after.robotUnits).toBe(line.units);
    await admin.post(`/api/robots/${demoRobot.id}/cassettes`).send({ slot: cassette.slot, cip13: line.cip13 });
    expect(await totals()).toEqual(before);
  });
});

describe('care homes and the robot', () => {
  it('When a care home asks for the robots, their calendar, windows, closures, cassettes or batches, Then 403: its scope is its residents, orders and delivery notes (SPEC §2)', async () => {
    const week = '2026-W49';
    for (const path of [
      '/api/robots',
      `/api/robots/${robotId}`,
      `/api/robots/${robotId}/calendar?week=${week}`,
      `/api/robots/${robotId}/windows`,
      `/api/robots/${robotId}/closures`,
      `/api/robots/${robotId}/cassettes`,
      `/api/robot-batches?robotId=${robotId}&week=${week}`,
      '/api/robot-batches/1',
    ]) {
      const res = await carehome.get(path);
      expect([res.status, res.body.error?.code], path).toEqual([403, 'auth.forbidden']);
    }
    // What a care home follows of its own orders' production stays open to it.
    const order = (await carehome.get('/api/orders')).body.items[0] as { id: number };
    expect((await carehome.get(`/api/orders/${order.id}/progress`)).status).toBe(200);
  });
});
