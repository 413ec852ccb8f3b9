import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, insertOrder, orderStatus, resetRobotData, robotState } from '../helpers/robot';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW is Monday 2026-11-23 09:00Z (10:00 Paris, winter time). Orders of week 2026-W49 close
// on Wednesday 25 at 12:00 Paris (11:00Z) and are delivered on Friday 27 at 14:00 Paris: with 4 h
// of pharmacist control, their batch must end by Friday 10:00 Paris (09:00Z). Windows 08:30–12:30
// and 13:30–18:30 Paris are 07:30Z–11:30Z and 12:30Z–17:30Z.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let admin: Agent;
let felletin: Agent;
let meymac: Agent;
let robotId: number;
const orders: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp({ seed: 'organisation' });
  admin = await t.agentAs('admin@officoop.test');
  felletin = await t.agentAs('pharmacien.felletin@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  // A second care home served by Felletin, so that one pharmacy has two orders in a week.
  await admin.post('/api/care-homes').send({ name: 'EHPAD La Creuse — Crocq', finess: '230000937', pharmacyId: 4 });
});

beforeEach(async () => {
  resetRobotData(t.db);
  const robot = await admin.post('/api/robots').send({ name: 'Robot PDA de Bugeat', hostPharmacyId: 1 });
  robotId = robot.body.id;
  // 1 121 pouches and 46 tray units: 15 + ⌈1121/60⌉ 19 + ⌈46 × 4 / 60⌉ 4 + 10 = 48 min.
  orders.felletin = insertOrder(t.db, { careHome: 'ehpad-felletin', week: '2026-W49', pouches: 1121, manualUnits: 46 });
  // 2 240 pouches: 15 + 38 + 10 = 63 min.
  orders.meymac = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2026-W49', pouches: 2240 });
  orders.bugeatDraft = insertOrder(t.db, { careHome: 'ehpad-bugeat', week: '2026-W49', pouches: 600, status: 'draft' });
  orders.felletinNext = insertOrder(t.db, { careHome: 'ehpad-felletin', week: '2026-W50', pouches: 600 });
});

const book = (agent: Agent, start: string, orderIds: number[], over: object = {}) =>
  agent.post('/api/robot-batches').send({ robotId, start, orderIds, ...over });

describe('booking a batch', () => {
  it('When the Felletin pharmacist books its order in a free window, Then 201 with the contract fields and the order is planned', async () => {
    const res = await book(felletin, '2026-11-25T12:30:00.000Z', [orders.felletin as number]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      robotId,
      start: '2026-11-25T12:30:00.000Z',
      end: '2026-11-25T13:18:00.000Z',
      status: 'booked',
      orderIds: [orders.felletin],
      pouches: 1121,
      manualUnits: 46,
      durationMinutes: 48,
      breakdown: { setup: 15, pouches: 19, manual: 4, cleaning: 10 },
    });
    expect(orderStatus(t.db, orders.felletin as number)).toBe('planned');
    expect(count(t.db, 'audit_log', `action = 'robot_batches.book' AND entity_id = '${res.body.id}'`)).toBe(1);
    expect(count(t.db, 'order_events', `order_id = ${orders.felletin} AND kind = 'planned'`)).toBe(1);
  });

  it("When two orders of one pharmacy's care homes go in one batch, Then one set-up and one cleaning for both", async () => {
    const crocq = insertOrder(t.db, { careHome: 'ehpad-la-creuse-crocq', week: '2026-W49', pouches: 600 });
    const res = await book(felletin, '2026-11-25T12:30:00.000Z', [orders.felletin as number, crocq]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      pouches: 1721,
      durationMinutes: 15 + 29 + 4 + 10,
      end: '2026-11-25T13:28:00.000Z',
    });
  });

  it('When a technician of the pharmacy books, Then it is allowed (SPEC §2)', async () => {
    const technician = await t.agentAs('preparateur.felletin@officoop.test');
    expect((await book(technician, '2026-11-25T12:30:00.000Z', [orders.felletin as number])).status).toBe(201);
  });

  it('When the slot is taken, Then 409 robot.slot_taken names the batch in the way and the next three starts that fit', async () => {
    const first = await book(felletin, '2026-11-25T12:30:00.000Z', [orders.felletin as number]);
    const before = robotState(t.db);
    const res = await book(meymac, '2026-11-25T12:45:00.000Z', [orders.meymac as number]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('robot.slot_taken');
    expect(res.body.error.details).toEqual([
      {
        batch: { id: first.body.id, start: '2026-11-25T12:30:00.000Z', end: '2026-11-25T13:18:00.000Z' },
        nextStarts: ['2026-11-25T13:18:00.000Z', '2026-11-26T07:30:00.000Z', '2026-11-26T12:30:00.000Z'],
      },
    ]);
    expect(robotState(t.db)).toEqual(before);
    const retry = await book(meymac, res.body.error.details[0].nextStarts[0], [orders.meymac as number]);
    expect(retry.status).toBe(201);
  });

  it('When the order is already in a batch, Then 409 robot.order_already_planned', async () => {
    await book(felletin, '2026-11-25T12:30:00.000Z', [orders.felletin as number]);
    const res = await book(felletin, '2026-11-26T07:30:00.000Z', [orders.felletin as number]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('robot.order_already_planned');
  });
});

describe('refused bookings write nothing', () => {
  const F = () => [orders.felletin as number];
  it.each([
    ['a start outside the windows (ends after 12:30 Paris)', '2026-11-25T11:00:00.000Z', 422, 'robot.outside_window'],
    ['a start on the robot’s closed Sunday', '2026-11-29T09:00:00.000Z', 422, 'robot.outside_window'],
    ['a batch ending after the order deadline', '2026-11-27T08:30:00.000Z', 422, 'robot.after_deadline'],
    ['a start already past', '2026-11-23T08:00:00.000Z', 422, 'robot.start_in_past'],
    ['a start not on a whole minute', '2026-11-25T12:30:30.000Z', 400, 'validation.invalid_input'],
    ['a start that is no instant', 'mercredi', 400, 'validation.invalid_input'],
  ])('When a booking has %s (%s), Then %i %s', async (_name, start, status, code) => {
    const before = robotState(t.db);
    const res = await book(felletin, start, F());
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(robotState(t.db)).toEqual(before);
  });

  it('When the batch would start before the cut-off of an order it holds, Then 422 robot.before_cutoff names it and the care home keeps its open order', async () => {
    // W49 closes on Wednesday 25 at 12:00 Paris (11:00Z): Tuesday morning is still the care home's.
    const before = robotState(t.db);
    const res = await book(felletin, '2026-11-24T07:30:00.000Z', F());
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('robot.before_cutoff');
    expect(res.body.error.details).toEqual([
      { orderId: orders.felletin, cutoffAt: '2026-11-25T11:00:00.000Z', start: '2026-11-24T07:30:00.000Z' },
    ]);
    expect(robotState(t.db)).toEqual(before);
    expect(orderStatus(t.db, orders.felletin as number)).toBe('submitted');
    // After the cut-off (the first window that holds its 48 min), the same order is booked.
    expect((await book(felletin, '2026-11-25T12:30:00.000Z', F())).status).toBe(201);
  });

  it('When a batch mixes this week’s order with next week’s still open one, Then the later cut-off refuses it', async () => {
    const res = await book(felletin, '2026-11-25T12:30:00.000Z', [
      orders.felletin as number,
      orders.felletinNext as number,
    ]);
    expect([res.status, res.body.error.code]).toEqual([422, 'robot.before_cutoff']);
    expect(res.body.error.details[0]).toMatchObject({
      orderId: orders.felletinNext,
      cutoffAt: '2026-12-02T11:00:00.000Z',
    });
  });

  it('When the deadline is missed, Then the order and its deadline are in the details', async () => {
    const res = await book(felletin, '2026-11-27T08:30:00.000Z', F());
    expect(res.body.error.details).toEqual([
      { orderId: orders.felletin, deadline: '2026-11-27T09:00:00.000Z', end: '2026-11-27T09:18:00.000Z' },
    ]);
  });

  it('When the batch meets a maintenance closure, Then 422 robot.closed with the closure', async () => {
    const closure = await admin
      .post(`/api/robots/${robotId}/closures`)
      .send({ start: '2026-11-26T08:00:00.000Z', end: '2026-11-26T09:00:00.000Z', reason: 'Révision annuelle' });
    expect(closure.status).toBe(201);
    const before = robotState(t.db);
    const res = await book(felletin, '2026-11-26T07:45:00.000Z', F());
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('robot.closed');
    expect(res.body.error.details[0]).toMatchObject({
      id: closure.body.id,
      kind: 'maintenance',
      reason: 'Révision annuelle',
    });
    expect(robotState(t.db)).toEqual(before);
  });

  it('When the batch falls on Christmas, Then the seeded public holiday refuses it', async () => {
    // Orders of 2026-W53 are delivered on Friday 25 December: the robot is closed all that day.
    const christmas = insertOrder(t.db, { careHome: 'ehpad-felletin', week: '2026-W53', pouches: 600 });
    const res = await book(felletin, '2026-12-25T07:30:00.000Z', [christmas]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('robot.closed');
    expect(res.body.error.details[0]).toMatchObject({ kind: 'public_holiday', reason: 'Noël' });
  });

  it.each([
    ['another pharmacy’s order', () => [orders.meymac as number], 404, 'robot.order_not_found'],
    ['an order that does not exist', () => [999_999], 404, 'robot.order_not_found'],
    ['a draft order', () => [orders.bugeatDraft as number], 404, 'robot.order_not_found'],
    ['no order', () => [], 400, 'validation.invalid_input'],
    [
      'the same order twice',
      () => [orders.felletin as number, orders.felletin as number],
      400,
      'validation.invalid_input',
    ],
  ])('When the Felletin pharmacist books %s, Then the refusal is as listed', async (_name, ids, status, code) => {
    const before = robotState(t.db);
    const res = await book(felletin, '2026-11-25T12:30:00.000Z', ids());
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(robotState(t.db)).toEqual(before);
  });

  it('When an order is not submitted, Then 409 robot.order_not_submitted', async () => {
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const before = robotState(t.db);
    const res = await book(bugeat, '2026-11-25T12:30:00.000Z', [orders.bugeatDraft as number]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('robot.order_not_submitted');
    expect(robotState(t.db)).toEqual(before);
  });

  it("When the coordinator mixes two pharmacies' orders, Then 422 robot.mixed_pharmacies", async () => {
    const res = await book(admin, '2026-11-25T12:30:00.000Z', [orders.felletin as number, orders.meymac as number]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('robot.mixed_pharmacies');
  });

  it('When the robot does not exist or a key is unknown, Then 404 robot.not_found / 400', async () => {
    expect((await book(felletin, '2026-11-25T12:30:00.000Z', F(), { robotId: 999 })).body.error.code).toBe(
      'robot.not_found',
    );
    expect((await book(felletin, '2026-11-25T12:30:00.000Z', F(), { colour: 'red' })).status).toBe(400);
    expect((await book(felletin, '2026-11-25T12:30:00.000Z', F(), { robotId: String(robotId) })).status).toBe(400);
  });

  it.each([
    ['a care home', 'ehpad.felletin@officoop.test'],
    ['the treasurer', 'tresorier@officoop.test'],
  ])('When %s tries to book, Then 403', async (_name, email) => {
    const agent = await t.agentAs(email);
    const res = await book(agent, '2026-11-25T12:30:00.000Z', [orders.felletin as number]);
    expect(res.status).toBe(403);
    expect(count(t.db, 'robot_batches')).toBe(0);
  });
});
