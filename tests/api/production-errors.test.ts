import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { productionState } from '../helpers/production';
import { insertOrder, resetRobotData } from '../helpers/robot';
import { createTestApp } from '../helpers/test-app';

// Orders with known totals (no resident lines) on an organisation-only cooperative: the steps'
// rules and scopes, each bad input answering its code with nothing written. W49 orders close on
// Wednesday 2026-11-25 11:00Z; the first window after is 12:30Z. The clock stands at the cut-off:
// a batch may not start before it.
const CUTOFF = '2026-11-25T11:00:00.000Z';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
const as: Record<string, Agent> = {};
let batch: number;

const agent = (key: string) => as[key] as Agent;
const post = (key: string, path: string, body: object = {}) => agent(key).post(path).send(body);

beforeAll(async () => {
  t = await createTestApp({ seed: 'organisation', now: CUTOFF });
  for (const [key, email] of Object.entries({
    admin: 'admin@officoop.test',
    treasurer: 'tresorier@officoop.test',
    felletin: 'pharmacien.felletin@officoop.test',
    felletinTech: 'preparateur.felletin@officoop.test',
    bugeatTech: 'preparateur.bugeat@officoop.test',
    meymac: 'pharmacien.meymac@officoop.test',
    meymacTech: 'preparateur.meymac@officoop.test',
    home: 'ehpad.felletin@officoop.test',
  }))
    as[key] = await t.agentAs(email);
});

beforeEach(async () => {
  t.clock.set(CUTOFF);
  t.db.$client.exec(`DELETE FROM robot_batch_rejections; DELETE FROM robot_batch_anomalies; DELETE FROM robot_batch_verifications;
    DELETE FROM robot_batch_consumption; DELETE FROM robot_batch_runs; DELETE FROM order_deliveries;`);
  resetRobotData(t.db);
  const robot = await post('admin', '/api/robots', { name: 'Robot PDA de Bugeat', hostPharmacyId: 1 });
  const order = insertOrder(t.db, { careHome: 'ehpad-felletin', week: '2026-W49', pouches: 600, manualUnits: 10 });
  const booked = await post('felletin', '/api/robot-batches', {
    robotId: robot.body.id,
    start: '2026-11-25T12:30:00.000Z',
    orderIds: [order],
  });
  batch = booked.body.id;
});

/** Sends a request and checks its status and code, and that nothing production writes changed. */
async function refused(
  send: () => Promise<{ status: number; body: { error?: { code: string } } }>,
  status: number,
  code: string,
) {
  const before = productionState(t.db);
  const res = await send();
  expect([res.status, res.body.error?.code]).toEqual([status, code]);
  expect(productionState(t.db)).toEqual(before);
}

describe('the cut-off before production', () => {
  it('When a batch is started before the cut-off of its order, Then 409 robot.start_before_cutoff (the care home may still change it) and nothing is written', async () => {
    t.clock.set('2026-11-25T10:59:00.000Z');
    await refused(() => post('bugeatTech', `/api/robot-batches/${batch}/start`), 409, 'robot.start_before_cutoff');
    const res = await post('bugeatTech', `/api/robot-batches/${batch}/start`);
    expect(res.body.error.details).toEqual([{ orderId: expect.any(Number), cutoffAt: '2026-11-25T11:00:00.000Z' }]);
    // From the cut-off on, it may start, even ahead of its booked slot (12:30Z).
    t.clock.set(CUTOFF);
    expect((await post('bugeatTech', `/api/robot-batches/${batch}/start`)).status).toBe(200);
  });
});

describe('the calendar follows the start', () => {
  it('When a batch starts ahead of its slot, Then the calendar shows it from its real start and its booked slot is free again', async () => {
    const before = (await agent('felletin').get(`/api/robot-batches/${batch}`)).body;
    expect(before.start).toBe('2026-11-25T12:30:00.000Z');
    const minutes = (Date.parse(before.end) - Date.parse(before.start)) / 60_000;
    t.clock.set('2026-11-25T11:05:00.000Z');
    const started = await post('bugeatTech', `/api/robot-batches/${batch}/start`);
    expect(started.status).toBe(200);
    expect([started.body.start, started.body.end]).toEqual([
      '2026-11-25T11:05:00.000Z',
      new Date(Date.parse('2026-11-25T11:05:00.000Z') + minutes * 60_000).toISOString(),
    ]);
    // The page still tells the slot it was booked at.
    expect(started.body.production.bookedStart).toBe('2026-11-25T12:30:00.000Z');
    // Meymac's order of the week may now take the booked slot.
    const robotId = before.robotId;
    const next = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2026-W49', pouches: 300 });
    const booked = await post('meymac', '/api/robot-batches', {
      robotId,
      start: '2026-11-25T12:30:00.000Z',
      orderIds: [next],
    });
    expect(booked.status).toBe(201);
    // Running over the lunch break, out of every window, it does not hold back the admin's new
    // windows: they are for planning, and this batch is past planning.
    const windows = (await agent('admin').get(`/api/robots/${robotId}/windows`)).body.items;
    expect((await agent('admin').put(`/api/robots/${robotId}/windows`).send({ windows })).status).toBe(200);
  });

  it('When a batch is produced ahead of its planned end, Then its block ends there, and the next batch started at once shows from its real start', async () => {
    t.clock.set('2026-11-25T11:00:00.000Z');
    await post('bugeatTech', `/api/robot-batches/${batch}/start`);
    t.clock.set('2026-11-25T11:20:00.000Z');
    expect((await post('bugeatTech', `/api/robot-batches/${batch}/complete`, { pouchesProduced: 600 })).status).toBe(
      200,
    );
    const felletin = (await agent('felletin').get(`/api/robot-batches/${batch}`)).body;
    // Planned to run past 11:21, it was done at 11:20: the robot is free from then on.
    expect([felletin.start, felletin.end]).toEqual(['2026-11-25T11:00:00.000Z', '2026-11-25T11:20:00.000Z']);
    // Meymac's batch, booked for Thursday afternoon, starts at once on the idle robot.
    const next = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2026-W49', pouches: 300 });
    const booked = await post('meymac', '/api/robot-batches', {
      robotId: felletin.robotId,
      start: '2026-11-26T12:30:00.000Z',
      orderIds: [next],
    });
    expect(booked.status).toBe(201);
    t.clock.set('2026-11-25T11:21:00.000Z');
    const started = await post('bugeatTech', `/api/robot-batches/${booked.body.id}/start`);
    expect(started.status).toBe(200);
    // Meymac's batch runs from its real start, and its Thursday slot is free again.
    const minutes = Date.parse(booked.body.end) - Date.parse(booked.body.start);
    expect([started.body.start, started.body.end]).toEqual([
      '2026-11-25T11:21:00.000Z',
      new Date(Date.parse('2026-11-25T11:21:00.000Z') + minutes).toISOString(),
    ]);
  });

  it('When a batch produced ahead of its planned end is rejected for a redo, Then its block takes its planned minutes again from the redo', async () => {
    t.clock.set('2026-11-25T11:00:00.000Z');
    const started = await post('bugeatTech', `/api/robot-batches/${batch}/start`);
    const planned = Date.parse(started.body.end) - Date.parse(started.body.start);
    t.clock.set('2026-11-25T11:20:00.000Z');
    expect((await post('bugeatTech', `/api/robot-batches/${batch}/complete`, { pouchesProduced: 600 })).status).toBe(
      200,
    );
    t.clock.set('2026-11-25T11:40:00.000Z');
    const redo = await post('felletin', `/api/robot-batches/${batch}/reject`, {
      reason: 'Sachets mal scellés',
      decision: 'redo',
    });
    expect(redo.status).toBe(200);
    expect([redo.body.status, redo.body.start, redo.body.end]).toEqual([
      'in_production',
      '2026-11-25T11:40:00.000Z',
      new Date(Date.parse('2026-11-25T11:40:00.000Z') + planned).toISOString(),
    ]);
  });

  it('When a writer bypasses the booking rules, Then the database still refuses an overlap, and a booked block shorter than its duration', () => {
    const sql = t.db.$client;
    const copy = `INSERT INTO robot_batches (robot_id, pharmacy_id, start_at, end_at, status, pouches, manual_units,
      duration_minutes, setup_minutes, pouch_minutes, manual_minutes, cleaning_minutes, created_at, updated_at)
      SELECT robot_id, pharmacy_id, start_at, end_at, 'booked', pouches, manual_units, duration_minutes, setup_minutes,
      pouch_minutes, manual_minutes, cleaning_minutes, created_at, updated_at FROM robot_batches WHERE id = ?`;
    // The no-overlap triggers of migration 0012 survive the table's rebuild in 0031.
    expect(() => sql.prepare(copy).run(batch)).toThrow(/robot_batches overlap/);
    // Only a batch that left `booked` may end before its duration (produced ahead of its planned end).
    const shorten =
      "UPDATE robot_batches SET end_at = strftime('%Y-%m-%dT%H:%M:%fZ', start_at, '+1 minute') WHERE id = ?";
    expect(() => sql.prepare(shorten).run(batch)).toThrow(/robot_batches_duration/);
  });

  it('When a batch starts ahead of its slot into time another batch holds, Then it keeps its booked slot', async () => {
    const felletin = (await agent('felletin').get(`/api/robot-batches/${batch}`)).body;
    // Meymac's batch is booked right after Felletin's, which has not started when Meymac's does.
    const next = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2026-W49', pouches: 300 });
    const booked = await post('meymac', '/api/robot-batches', {
      robotId: felletin.robotId,
      start: felletin.end,
      orderIds: [next],
    });
    expect(booked.status).toBe(201);
    t.clock.set('2026-11-25T12:40:00.000Z');
    const started = await post('bugeatTech', `/api/robot-batches/${booked.body.id}/start`);
    expect(started.status).toBe(200);
    expect([started.body.start, started.body.end]).toEqual([booked.body.start, booked.body.end]);
    expect(started.body.production.bookedStart).toBe(booked.body.start);
  });
});

/** Meymac's order of the same week (300 pouches), booked on the batch's robot at the first start it proposes. */
async function bookMeymacNext() {
  const robotId = (await agent('felletin').get(`/api/robot-batches/${batch}`)).body.robotId;
  const next = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2026-W49', pouches: 300 });
  const slots = await agent('meymac').get(`/api/robots/${robotId}/slots?orderIds=${next}`);
  const booked = await post('meymac', '/api/robot-batches', { robotId, start: slots.body.starts[0], orderIds: [next] });
  expect(booked.status).toBe(201);
  return booked;
}

describe('one batch at a time on a robot', () => {
  it('When a batch is started while another of the robot is in production, Then 409 robot.robot_busy naming it, and it starts once that one is produced', async () => {
    await post('bugeatTech', `/api/robot-batches/${batch}/start`);
    const booked = await bookMeymacNext();
    await refused(() => post('bugeatTech', `/api/robot-batches/${booked.body.id}/start`), 409, 'robot.robot_busy');
    const res = await post('bugeatTech', `/api/robot-batches/${booked.body.id}/start`);
    expect(res.body.error.details).toEqual([{ batchId: batch }]);
    // The batch page says which one runs, so the technician can finish it first.
    const view = await agent('bugeatTech').get(`/api/robot-batches/${booked.body.id}`);
    expect(view.body.production.runningBatchId).toBe(batch);
    expect((await agent('bugeatTech').get(`/api/robot-batches/${batch}`)).body.production.runningBatchId).toBeNull();

    expect((await post('bugeatTech', `/api/robot-batches/${batch}/complete`, { pouchesProduced: 600 })).status).toBe(
      200,
    );
    expect(
      (await agent('bugeatTech').get(`/api/robot-batches/${booked.body.id}`)).body.production.runningBatchId,
    ).toBeNull();
    expect((await post('bugeatTech', `/api/robot-batches/${booked.body.id}/start`)).status).toBe(200);
  });
});

describe('a redo waits for the robot', () => {
  it('When a produced batch is rejected for a redo while another batch of the robot runs, Then 409 robot.robot_busy; abandoning it stays possible', async () => {
    await post('bugeatTech', `/api/robot-batches/${batch}/start`);
    expect((await post('bugeatTech', `/api/robot-batches/${batch}/complete`, { pouchesProduced: 600 })).status).toBe(
      200,
    );
    const booked = await bookMeymacNext();
    expect((await post('bugeatTech', `/api/robot-batches/${booked.body.id}/start`)).status).toBe(200);

    const redo = { reason: 'Sachets mal scellés', decision: 'redo' };
    await refused(() => post('felletin', `/api/robot-batches/${batch}/reject`, redo), 409, 'robot.robot_busy');
    const res = await post('felletin', `/api/robot-batches/${batch}/reject`, redo);
    expect(res.body.error.details).toEqual([{ batchId: booked.body.id }]);
    const abandon = await post('felletin', `/api/robot-batches/${batch}/reject`, { ...redo, decision: 'abandon' });
    expect([abandon.status, abandon.body.status]).toEqual([200, 'cancelled']);
  });
});

describe('steps out of order', () => {
  it('When a cancelled batch is started, Then 409 robot.batch_not_booked', async () => {
    await post('felletin', `/api/robot-batches/${batch}/cancel`);
    await refused(() => post('felletinTech', `/api/robot-batches/${batch}/start`), 409, 'robot.batch_not_booked');
  });

  it('When a batch is started twice, Then 409 robot.batch_already_started', async () => {
    expect((await post('bugeatTech', `/api/robot-batches/${batch}/start`)).status).toBe(200);
    await refused(() => post('felletinTech', `/api/robot-batches/${batch}/start`), 409, 'robot.batch_already_started');
  });

  it('When a started batch is cancelled, Then 409 robot.batch_not_movable', async () => {
    await post('felletinTech', `/api/robot-batches/${batch}/start`);
    await refused(() => post('felletin', `/api/robot-batches/${batch}/cancel`), 409, 'robot.batch_not_movable');
  });

  it('When a booked batch is completed, Then 409 robot.batch_not_started', async () => {
    await refused(
      () => post('felletinTech', `/api/robot-batches/${batch}/complete`, { pouchesProduced: 600 }),
      409,
      'robot.batch_not_started',
    );
  });

  it('When a batch is completed twice, Then 409 robot.batch_already_completed', async () => {
    await post('felletinTech', `/api/robot-batches/${batch}/start`);
    expect((await post('felletinTech', `/api/robot-batches/${batch}/complete`, { pouchesProduced: 600 })).status).toBe(
      200,
    );
    await refused(
      () => post('felletinTech', `/api/robot-batches/${batch}/complete`, { pouchesProduced: 600 }),
      409,
      'robot.batch_already_completed',
    );
  });

  it('When a batch in production is verified, Then 409 robot.batch_not_produced', async () => {
    await post('felletinTech', `/api/robot-batches/${batch}/start`);
    await refused(
      () => post('felletin', `/api/robot-batches/${batch}/verify`, { pouchesChecked: 600 }),
      409,
      'robot.batch_not_produced',
    );
  });

  it('When a produced batch is verified by a technician, Then 403; by a pharmacist checking more than produced, 422', async () => {
    await post('felletinTech', `/api/robot-batches/${batch}/start`);
    await post('felletinTech', `/api/robot-batches/${batch}/complete`, { pouchesProduced: 600 });
    await refused(
      () => post('felletinTech', `/api/robot-batches/${batch}/verify`, { pouchesChecked: 600 }),
      403,
      'auth.forbidden',
    );
    await refused(
      () => post('felletin', `/api/robot-batches/${batch}/verify`, { pouchesChecked: 601 }),
      422,
      'robot.pouches_checked_over_produced',
    );
  });

  it('When an order not yet verified is signed for, Then 409 orders.not_verified', async () => {
    const order = (await agent('felletin').get(`/api/robot-batches/${batch}`)).body.orderIds[0];
    await refused(
      () => post('home', `/api/orders/${order}/deliver`, { receivedBy: 'Mme Durand' }),
      409,
      'orders.not_verified',
    );
  });
});

describe('who may act on a batch', () => {
  it('When staff of a pharmacy neither hosting nor ordering act on it, Then 404 on every production route', async () => {
    await refused(() => post('meymacTech', `/api/robot-batches/${batch}/start`), 404, 'robot.batch_not_found');
    await post('felletinTech', `/api/robot-batches/${batch}/start`);
    const complete = { pouchesProduced: 600 };
    await refused(
      () => post('meymacTech', `/api/robot-batches/${batch}/complete`, complete),
      404,
      'robot.batch_not_found',
    );
    await post('felletinTech', `/api/robot-batches/${batch}/complete`, complete);
    const verify = { pouchesChecked: 600 };
    await refused(() => post('meymac', `/api/robot-batches/${batch}/verify`, verify), 404, 'robot.batch_not_found');
    for (const path of ['verification', 'shortages', 'production-sheet']) {
      const res = await agent('meymac').get(`/api/robot-batches/${batch}/${path}`);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 404, 'robot.batch_not_found']);
    }
  });

  it('When the admin, the treasurer or a care home tries to run production, Then 403', async () => {
    for (const key of ['admin', 'treasurer', 'home']) {
      await refused(() => post(key, `/api/robot-batches/${batch}/start`), 403, 'auth.forbidden');
      const sheet = await agent(key).get(`/api/robot-batches/${batch}/production-sheet`);
      expect([key, sheet.status]).toEqual([key, 403]);
    }
  });

  it('When the host pharmacy’s technician reads the production sheet, Then it is a PDF', async () => {
    const res = await agent('bugeatTech').get(`/api/robot-batches/${batch}/production-sheet`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('malformed input', () => {
  it.each([
    ['complete', { pouchesProduced: '600' }],
    ['complete', { pouchesProduced: -1 }],
    ['complete', {}],
    ['complete', { pouchesProduced: 600, extra: 1 }],
    ['verify', { pouchesChecked: 1.5 }],
    ['verify', { pouchesChecked: 1, anomalies: [{ residentId: 1, description: '   ' }] }],
    ['verify', { pouchesChecked: 1, anomalies: [{ residentId: '1', description: 'x' }] }],
  ])('When %s gets %j, Then 400 and nothing is written', async (step, body) => {
    await post('felletinTech', `/api/robot-batches/${batch}/start`);
    await refused(() => post('felletin', `/api/robot-batches/${batch}/${step}`, body), 400, 'validation.invalid_input');
  });

  it('When a path id is not a strict id, Then 400', async () => {
    for (const id of ['0x1', '01', 'abc'])
      await refused(() => post('felletinTech', `/api/robot-batches/${id}/start`), 400, 'validation.invalid_input');
  });
});
