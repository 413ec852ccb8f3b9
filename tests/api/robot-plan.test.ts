import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertOrder, orderStatus, resetRobotData, robotState } from '../helpers/robot';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW Monday 2026-11-23 09:00Z. W49 orders close Wednesday 25 at 11:00Z and must be produced
// by Friday 27 at 09:00Z; the planner starts their batches after the cut-off, in windows
// 07:30Z–11:30Z and 12:30Z–17:30Z.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let admin: Agent;
let felletin: Agent;
let meymac: Agent;
let robotId: number;
let felletinOrder: number;
let meymacOrder: number;
let secondFelletinHome: number;

beforeAll(async () => {
  t = await createTestApp({ seed: 'organisation' });
  admin = await t.agentAs('admin@officoop.test');
  felletin = await t.agentAs('pharmacien.felletin@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  // A second care home served by Felletin, so that one pharmacy has two orders in a week.
  const home = await admin
    .post('/api/care-homes')
    .send({ name: 'EHPAD La Creuse — Crocq', finess: '230000937', pharmacyId: 4 });
  secondFelletinHome = home.body.careHome?.id ?? home.body.id;
});

beforeEach(async () => {
  resetRobotData(t.db);
  robotId = (await admin.post('/api/robots').send({ name: 'Robot PDA de Bugeat', hostPharmacyId: 1 })).body.id;
  felletinOrder = insertOrder(t.db, { careHome: 'ehpad-felletin', week: '2026-W49', pouches: 1121, manualUnits: 46 });
  meymacOrder = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2026-W49', pouches: 2240 });
});

afterEach(() => {
  t.db.$client.exec('DROP TRIGGER IF EXISTS temp.fail_second_batch');
});

const plan = (agent: Agent, body: object = {}) =>
  agent.post('/api/robot-batches/plan').send({ robotId, orderWeek: '2026-W49', ...body });

describe('auto-planning an order week', () => {
  it('When the Felletin pharmacist plans next week, Then only its own order is placed, after the cut-off, and nothing is written', async () => {
    const before = robotState(t.db);
    const res = await plan(felletin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      batches: [
        expect.objectContaining({
          start: '2026-11-25T12:30:00.000Z',
          end: '2026-11-25T13:18:00.000Z',
          orderIds: [felletinOrder],
          durationMinutes: 48,
        }),
      ],
      unplaced: [],
      applied: false,
    });
    expect(res.body.batches[0].id).toBeUndefined();
    expect(robotState(t.db)).toEqual(before);
  });

  it("When another pharmacy's batch is booked, Then the plan goes around it", async () => {
    await meymac
      .post('/api/robot-batches')
      .send({ robotId, start: '2026-11-25T12:30:00.000Z', orderIds: [meymacOrder] });
    const res = await plan(felletin);
    expect(res.body.batches).toEqual([
      expect.objectContaining({ start: '2026-11-25T13:33:00.000Z', orderIds: [felletinOrder] }),
    ]);
  });

  it('When the coordinator plans, Then every pharmacy’s orders are placed, one batch per pharmacy', async () => {
    const res = await plan(admin);
    expect(res.body.batches.map((b: { orderIds: number[]; start: string }) => [b.orderIds, b.start])).toEqual([
      [[felletinOrder], '2026-11-25T12:30:00.000Z'],
      [[meymacOrder], '2026-11-25T13:18:00.000Z'],
    ]);
  });

  it("When one pharmacy has two care homes' orders, Then they share one batch (one set-up, one cleaning)", async () => {
    const second = insertOrder(t.db, { careHome: 'ehpad-la-creuse-crocq', week: '2026-W49', pouches: 600 });
    const res = await plan(felletin);
    expect(res.body.batches).toEqual([
      expect.objectContaining({
        orderIds: [felletinOrder, second].sort((a, b) => a - b),
        durationMinutes: 15 + 29 + 4 + 10,
      }),
    ]);
    expect(secondFelletinHome).toBeGreaterThan(0);
  });

  it('When it is applied, Then the batches are booked, the orders planned, and planning again finds nothing left', async () => {
    const res = await plan(felletin, { apply: true });
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(true);
    const id = res.body.batches[0].id;
    expect(id).toEqual(expect.any(Number));
    expect(orderStatus(t.db, felletinOrder)).toBe('planned');
    const stored = await felletin.get(`/api/robot-batches/${id}`);
    expect(stored.body).toMatchObject({
      start: '2026-11-25T12:30:00.000Z',
      orderIds: [felletinOrder],
      status: 'booked',
    });
    expect((await plan(felletin, { apply: true })).body).toMatchObject({ batches: [], unplaced: [], applied: false });
  });

  it('When the previewed plan is applied with its fingerprint, Then exactly that plan is booked', async () => {
    const preview = await plan(felletin);
    expect((await plan(felletin)).body.fingerprint).toBe(preview.body.fingerprint);
    const res = await plan(felletin, { apply: true, fingerprint: preview.body.fingerprint });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, fingerprint: preview.body.fingerprint });
    expect(res.body.batches.map((b: { start: string }) => b.start)).toEqual(['2026-11-25T12:30:00.000Z']);
  });

  it('When bookings changed since the preview, Then applying it is 409 robot.plan_changed with the new plan, and nothing is booked', async () => {
    const preview = await plan(felletin);
    // Meanwhile Meymac takes the slot the preview proposed.
    await meymac
      .post('/api/robot-batches')
      .send({ robotId, start: '2026-11-25T12:30:00.000Z', orderIds: [meymacOrder] });
    const before = robotState(t.db);
    const res = await plan(felletin, { apply: true, fingerprint: preview.body.fingerprint });
    expect([res.status, res.body.error.code]).toEqual([409, 'robot.plan_changed']);
    const changed = res.body.error.details[0];
    expect(changed).toMatchObject({
      previewed: preview.body.fingerprint,
      fingerprint: expect.not.stringMatching(preview.body.fingerprint),
      batches: [expect.objectContaining({ start: '2026-11-25T13:33:00.000Z', orderIds: [felletinOrder] })],
      unplaced: [],
      applied: false,
    });
    expect(robotState(t.db)).toEqual(before);
    expect(orderStatus(t.db, felletinOrder)).toBe('submitted');
    // The user reviews the new proposal and applies it.
    const again = await plan(felletin, { apply: true, fingerprint: changed.fingerprint });
    expect(again.status).toBe(200);
    expect(again.body.batches[0]).toMatchObject({ id: expect.any(Number), start: '2026-11-25T13:33:00.000Z' });
  });

  it('When writing the second batch fails, Then the whole plan is rolled back (all or nothing)', async () => {
    t.db.$client.exec(`CREATE TEMP TRIGGER fail_second_batch BEFORE INSERT ON main.robot_batches
      WHEN (SELECT count(*) FROM main.robot_batches) >= 1 BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const before = robotState(t.db);
    const res = await plan(admin, { apply: true });
    expect(res.status).toBe(500);
    expect(robotState(t.db)).toEqual(before);
    expect([orderStatus(t.db, felletinOrder), orderStatus(t.db, meymacOrder)]).toEqual(['submitted', 'submitted']);
  });

  it('When the robot is closed until the deadline, Then the order is left out with its minutes needed and free', async () => {
    await admin
      .post(`/api/robots/${robotId}/closures`)
      .send({ start: '2026-11-23T09:00:00.000Z', end: '2026-11-25T11:00:00.000Z', reason: 'Maintenance' });
    await admin
      .post(`/api/robots/${robotId}/closures`)
      .send({ start: '2026-11-25T12:00:00.000Z', end: '2026-11-27T12:00:00.000Z', reason: 'Panne du robot' });
    const res = await plan(felletin);
    expect(res.body).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      batches: [],
      unplaced: [
        {
          orderId: felletinOrder,
          reason: 'not_enough_time',
          neededMinutes: 48,
          freeMinutes: 30,
          deadline: '2026-11-27T09:00:00.000Z',
          earliestStart: '2026-11-25T11:00:00.000Z',
        },
      ],
      applied: false,
    });
  });

  it('When the week is too full for both, Then the earlier deadline is placed and the other explained in minutes', async () => {
    // Only Thursday 07:30Z–08:30Z stays open from now to Friday's deadline: room for one batch of 48 min.
    await admin
      .post(`/api/robots/${robotId}/closures`)
      .send({ start: '2026-11-23T09:00:00.000Z', end: '2026-11-26T07:30:00.000Z', reason: 'Maintenance' });
    await admin
      .post(`/api/robots/${robotId}/closures`)
      .send({ start: '2026-11-26T08:30:00.000Z', end: '2026-11-27T12:00:00.000Z', reason: 'Maintenance' });
    const res = await plan(admin);
    expect(res.body.batches.map((b: { orderIds: number[] }) => b.orderIds)).toEqual([[felletinOrder]]);
    expect(res.body.unplaced).toEqual([
      {
        orderId: meymacOrder,
        reason: 'not_enough_time',
        neededMinutes: 63,
        freeMinutes: 12,
        deadline: '2026-11-27T09:00:00.000Z',
        earliestStart: '2026-11-25T11:00:00.000Z',
      },
    ]);
  });

  it('When the only free time before the deadline lies before the cut-off, Then the order is left out because of its cut-off', async () => {
    // Tuesday is free, but the order is final only on Wednesday 25 at 11:00Z; from then on the
    // robot is closed until after the deadline. It is never proposed before its cut-off.
    await admin
      .post(`/api/robots/${robotId}/closures`)
      .send({ start: '2026-11-25T11:00:00.000Z', end: '2026-11-27T12:00:00.000Z', reason: 'Panne du robot' });
    const res = await plan(felletin);
    expect(res.body).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      batches: [],
      unplaced: [
        {
          orderId: felletinOrder,
          reason: 'cutoff_too_late',
          neededMinutes: 48,
          freeMinutes: 0,
          deadline: '2026-11-27T09:00:00.000Z',
          earliestStart: '2026-11-25T11:00:00.000Z',
        },
      ],
      applied: false,
    });
  });

  it.each([
    ['an order week that does not exist', { orderWeek: '2026-W60' }, 400, 'validation.invalid_input'],
    ['apply as text', { apply: 'yes' }, 400, 'validation.invalid_input'],
    ['an unknown key', { dryRun: true }, 400, 'validation.invalid_input'],
    ['an unknown robot', { robotId: 999 }, 404, 'robot.not_found'],
    ['a fingerprint that is no SHA-256', { fingerprint: 'abc' }, 400, 'validation.invalid_input'],
    ['a fingerprint of another plan', { fingerprint: '0'.repeat(64) }, 409, 'robot.plan_changed'],
  ])('When the plan asks for %s, Then it is refused and nothing is written', async (_name, body, status, code) => {
    const before = robotState(t.db);
    const res = await plan(felletin, { apply: true, ...body });
    expect([res.status, res.body.error.code]).toEqual([status, code]);
    expect(robotState(t.db)).toEqual(before);
  });

  it('When a care home or the treasurer asks for a plan, Then 403', async () => {
    for (const email of ['ehpad.felletin@officoop.test', 'tresorier@officoop.test']) {
      const agent = await t.agentAs(email);
      expect((await plan(agent)).status).toBe(403);
    }
  });
});
