import { beforeEach, describe, expect, it } from 'vitest';
import { count, insertOrder, orderStatus } from '../helpers/robot';
import { createTestApp } from '../helpers/test-app';

// The clock reads Wednesday 25 November 2026 at 14:07:30 Paris (13:07:30Z), after the cut-off of
// order week 2026-W49; its batches must end by Friday 27 at 09:00Z. The robot is hosted by Bugeat;
// Felletin books its care home's order from 14:00Z to 14:48Z, then nobody starts it.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type AlertRow = {
  id: number;
  kind: string;
  entity: string;
  entityId: string;
  messageKey: string;
  params: Record<string, unknown>;
  dismissedAt: string | null;
};

const KIND = 'robot.batch_slot_missed';
const SLOT_START = '2026-11-25T14:00:00.000Z';
const AFTER_SLOT = '2026-11-25T16:00:00.000Z'; // 17:00 Paris, the slot ended at 14:48Z

let t: App;
let bugeat: Agent;
let felletin: Agent;
let meymac: Agent;
let robotId: number;
let order: number;
let batchId: number;

const slotAlerts = async (agent: Agent, state = 'open'): Promise<AlertRow[]> => {
  const res = await agent.get('/api/alerts').query({ state });
  expect(res.status).toBe(200);
  return (res.body.items as AlertRow[]).filter((a) => a.kind === KIND && a.entityId === String(batchId));
};

beforeEach(async () => {
  t = await createTestApp({ seed: 'organisation', now: '2026-11-25T13:07:30.000Z' });
  const admin = await t.agentAs('admin@officoop.test');
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  felletin = await t.agentAs('pharmacien.felletin@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  robotId = (await admin.post('/api/robots').send({ name: 'Robot PDA de Bugeat', hostPharmacyId: 1 })).body.id;
  order = insertOrder(t.db, { careHome: 'ehpad-felletin', week: '2026-W49', pouches: 1121, manualUnits: 46 });
  const booked = await felletin.post('/api/robot-batches').send({ robotId, start: SLOT_START, orderIds: [order] });
  expect(booked.status).toBe(201);
  batchId = booked.body.id;
});

describe('a booked robot batch whose slot went by without production (SPEC §6)', () => {
  it('When its slot has not ended, Then it is not flagged and nobody is alerted', async () => {
    t.clock.set('2026-11-25T14:30:00.000Z'); // inside the slot
    expect((await felletin.get(`/api/robot-batches/${batchId}`)).body.slotMissed).toBe(false);
    expect(await slotAlerts(bugeat)).toEqual([]);
    expect(await slotAlerts(felletin)).toEqual([]);
  });

  it('When its slot has ended, Then the batch, the calendar, the week’s list and the order’s progress say so', async () => {
    t.clock.set(AFTER_SLOT);
    const batch = await felletin.get(`/api/robot-batches/${batchId}`);
    expect(batch.body).toMatchObject({ status: 'booked', slotMissed: true });
    const calendar = await bugeat.get(`/api/robots/${robotId}/calendar?week=2026-W48`);
    expect(calendar.body.batches.find((b: { id: number }) => b.id === batchId)).toMatchObject({ slotMissed: true });
    const list = await felletin.get('/api/robot-batches').query({ robotId, week: '2026-W48' });
    expect(list.body.items.find((b: { id: number }) => b.id === batchId)).toMatchObject({ slotMissed: true });
    const progress = await felletin.get(`/api/orders/${order}/progress`);
    expect(progress.body).toMatchObject({ status: 'planned', batch: { id: batchId, slotMissed: true } });
  });

  it('When the host’s and the orders’ pharmacy staff read their alerts, Then each is alerted once, with a link to the batch', async () => {
    t.clock.set(AFTER_SLOT);
    for (const agent of [bugeat, felletin]) {
      const alerts = await slotAlerts(agent);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        entity: 'robot_batch',
        messageKey: 'alerts.robotBatchSlotMissed',
        params: {
          batchId,
          robot: 'Robot PDA de Bugeat',
          careHomes: expect.stringContaining('Felletin'),
          startDay: '2026-11-25',
          startTime: '15:00',
          deadlineDay: '2026-11-27',
          deadlineTime: '10:00',
        },
      });
      expect(await slotAlerts(agent)).toHaveLength(1);
    }
    const tech = await t.agentAs('preparateur.bugeat@officoop.test');
    expect(await slotAlerts(tech)).toHaveLength(1);
    expect(count(t.db, 'alerts', `kind = '${KIND}'`)).toBe(2);
  });

  it('When staff of a pharmacy with no part in the batch act on it, Then they get 404 and see no alert', async () => {
    t.clock.set(AFTER_SLOT);
    expect(await slotAlerts(meymac)).toEqual([]);
    for (const action of ['start', 'cancel']) {
      const res = await meymac.post(`/api/robot-batches/${batchId}/${action}`);
      expect([res.status, res.body.error.code]).toEqual([404, 'robot.batch_not_found']);
    }
    const progress = await meymac.get(`/api/orders/${order}/progress`);
    expect(progress.status).toBe(404);
    expect(orderStatus(t.db, order)).toBe('planned');
    expect((await felletin.get(`/api/robot-batches/${batchId}`)).body.status).toBe('booked');
  });

  it('When the host starts it late, Then it runs from now, is no longer flagged, and the alerts are resolved for both pharmacies', async () => {
    t.clock.set(AFTER_SLOT);
    expect(await slotAlerts(felletin)).toHaveLength(1);
    expect(await slotAlerts(bugeat)).toHaveLength(1);
    const tech = await t.agentAs('preparateur.bugeat@officoop.test');
    const started = await tech.post(`/api/robot-batches/${batchId}/start`);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_production', slotMissed: false, start: AFTER_SLOT });
    for (const agent of [bugeat, felletin]) {
      expect(await slotAlerts(agent)).toEqual([]);
      const all = await slotAlerts(agent, 'all');
      expect(all).toHaveLength(1);
      expect(all[0]?.dismissedAt).toBe(AFTER_SLOT);
    }
    expect(orderStatus(t.db, order)).toBe('in_production');
  });

  it('When its pharmacy cancels it, Then its order is submitted again to be re-placed and the alerts are resolved', async () => {
    t.clock.set(AFTER_SLOT);
    expect(await slotAlerts(bugeat)).toHaveLength(1);
    expect(await slotAlerts(felletin)).toHaveLength(1);
    const cancelled = await felletin.post(`/api/robot-batches/${batchId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', slotMissed: false });
    expect(orderStatus(t.db, order)).toBe('submitted');
    expect(await slotAlerts(bugeat)).toEqual([]);
    expect(await slotAlerts(felletin)).toEqual([]);
    const pending = await felletin.get(`/api/robots/${robotId}/pending-orders`);
    expect(pending.body.items.map((o: { orderId: number }) => o.orderId)).toContain(order);
  });

  it('When its pharmacy moves it to a slot ahead, Then it is no longer flagged and the alerts are resolved', async () => {
    t.clock.set(AFTER_SLOT);
    expect(await slotAlerts(felletin)).toHaveLength(1);
    const moved = await felletin
      .post(`/api/robot-batches/${batchId}/reschedule`)
      .send({ start: '2026-11-26T08:00:00.000Z' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'booked', slotMissed: false });
    expect(await slotAlerts(felletin)).toEqual([]);
    expect(await slotAlerts(bugeat)).toEqual([]);
  });

  it('When a batch moved ahead misses its new slot too, Then its pharmacies are alerted again, once', async () => {
    t.clock.set(AFTER_SLOT);
    expect(await slotAlerts(felletin)).toHaveLength(1);
    const moved = await felletin
      .post(`/api/robot-batches/${batchId}/reschedule`)
      .send({ start: '2026-11-26T08:00:00.000Z' });
    expect(moved.status).toBe(200);
    t.clock.set('2026-11-26T12:00:00.000Z'); // Thursday 13:00 Paris: the new slot ended at 08:48Z
    // A new day: yesterday's sessions have lapsed.
    felletin = await t.agentAs('pharmacien.felletin@officoop.test');
    bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const again = await slotAlerts(felletin);
    expect(again).toHaveLength(1);
    expect(again[0]?.params).toMatchObject({ startDay: '2026-11-26', startTime: '09:00' });
    expect(await slotAlerts(bugeat)).toHaveLength(1);
    expect(await slotAlerts(felletin)).toHaveLength(1);
    // Felletin's first alert, then one each for the new slot (Bugeat had not read the first one).
    expect(count(t.db, 'alerts', `kind = '${KIND}' AND entity_id = '${batchId}'`)).toBe(3);
  });

  it('When the daily low-stock job runs after the slot, Then it alerts both pharmacies, and a forced second run raises nothing more', async () => {
    const pino = (await import('pino')).default;
    const { runJob } = await import('../../jobs/runner');
    const { findJob } = await import('../../jobs/registry');
    const job = findJob('low-stock') as NonNullable<ReturnType<typeof findJob>>;
    t.clock.set('2026-11-26T05:45:00.000Z'); // Thursday 06:45 Paris
    const deps = { db: t.db, clock: t.clock, log: pino({ level: 'silent' }), backupDir: '', dbPath: '' };
    const first = await runJob(job, deps);
    expect(first.status === 'succeeded' && first.summary).toMatch(/2 robot batches past their slot alerted/);
    expect(count(t.db, 'alerts', `kind = '${KIND}' AND entity_id = '${batchId}'`)).toBe(2);
    const again = await runJob(job, deps, { force: true });
    expect(again.status === 'succeeded' && again.summary).not.toMatch(/past their slot/);
    expect(count(t.db, 'alerts', `kind = '${KIND}'`)).toBe(2);
  });
});

describe('the orders lists say which planned orders their batch left unproduced (SPEC §5–6)', () => {
  const rowOf = async (agent: Agent, query: Record<string, string | number> = {}) => {
    const res = await agent.get('/api/orders').query(query);
    expect(res.status).toBe(200);
    return (res.body.items as { id: number; status: string; slotMissed: boolean }[]).find((o) => o.id === order);
  };

  it('When the slot has not ended, Then the pharmacy’s and the care home’s lists show the order planned, slot not missed', async () => {
    t.clock.set('2026-11-25T14:30:00.000Z');
    const nurse = await t.agentAs('ehpad.felletin@officoop.test');
    expect(await rowOf(felletin)).toMatchObject({ status: 'planned', slotMissed: false });
    expect(await rowOf(nurse)).toMatchObject({ status: 'planned', slotMissed: false });
  });

  it('When the slot has ended unstarted, Then both lists and the order itself flag it, the status left planned', async () => {
    t.clock.set(AFTER_SLOT);
    const nurse = await t.agentAs('ehpad.felletin@officoop.test');
    expect(await rowOf(felletin)).toMatchObject({ status: 'planned', slotMissed: true });
    expect(await rowOf(felletin, { status: 'planned' })).toMatchObject({ slotMissed: true });
    expect(await rowOf(nurse)).toMatchObject({ status: 'planned', slotMissed: true });
    const detail = await nurse.get(`/api/orders/${order}`);
    expect(detail.body).toMatchObject({ status: 'planned', slotMissed: true });
  });

  it('When the batch is started late, Then the order is in production and no longer flagged', async () => {
    t.clock.set(AFTER_SLOT);
    expect((await bugeat.post(`/api/robot-batches/${batchId}/start`)).status).toBe(200);
    expect(await rowOf(felletin)).toMatchObject({ status: 'in_production', slotMissed: false });
  });

  it('When another pharmacy lists or reads orders, Then it does not see this one (404)', async () => {
    t.clock.set(AFTER_SLOT);
    expect(await rowOf(meymac)).toBeUndefined();
    const res = await meymac.get(`/api/orders/${order}`);
    expect([res.status, res.body.error.code]).toEqual([404, 'orders.not_found']);
  });
});

describe('the batch says when it could still start and whether it would then end in time (SPEC §6)', () => {
  const outlook = async (agent: Agent = felletin) => {
    const res = await agent.get(`/api/robot-batches/${batchId}`);
    expect(res.status).toBe(200);
    return res.body.startOutlook;
  };

  it('When the robot is free now, Then it could start now and end before the orders’ deadline', async () => {
    t.clock.set(AFTER_SLOT);
    expect(await outlook()).toEqual({
      earliestStart: AFTER_SLOT,
      end: '2026-11-25T16:48:00.000Z',
      deadline: '2026-11-27T09:00:00.000Z',
      inTime: true,
    });
  });

  it('When another batch holds the robot now, Then the earliest start is after that batch', async () => {
    t.clock.set('2026-11-25T15:00:00.000Z'); // 16:00 Paris, the slot ended at 14:48Z
    const meymacOrder = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2026-W49', pouches: 2240 });
    const other = await meymac
      .post('/api/robot-batches')
      .send({ robotId, start: '2026-11-25T15:00:00.000Z', orderIds: [meymacOrder] });
    expect(other.status).toBe(201);
    expect(await outlook()).toMatchObject({ earliestStart: other.body.end, inTime: true });
    expect(Date.parse(other.body.end)).toBeGreaterThan(Date.parse('2026-11-25T15:00:00.000Z'));
  });

  it('When the batch no longer fits in today’s hours, Then the earliest start is the next working morning', async () => {
    t.clock.set('2026-11-25T17:00:00.000Z'); // 18:00 Paris: 48 minutes would overrun 18:30
    expect(await outlook()).toMatchObject({
      earliestStart: '2026-11-26T07:30:00.000Z',
      end: '2026-11-26T08:18:00.000Z',
      inTime: true,
    });
  });

  it('When even its earliest start ends after the deadline, Then it is not in time', async () => {
    t.clock.set('2026-11-27T08:30:00.000Z'); // Friday 09:30 Paris, the deadline is 10:00 Paris
    felletin = await t.agentAs('pharmacien.felletin@officoop.test');
    expect(await outlook()).toMatchObject({
      earliestStart: '2026-11-27T08:30:00.000Z',
      end: '2026-11-27T09:18:00.000Z',
      deadline: '2026-11-27T09:00:00.000Z',
      inTime: false,
    });
  });

  it('When the batch has started, Then there is no outlook', async () => {
    t.clock.set(AFTER_SLOT);
    expect((await bugeat.post(`/api/robot-batches/${batchId}/start`)).body.startOutlook).toBeNull();
    expect(await outlook()).toBeNull();
  });

  it('When a care home asks for the batch, Then it is refused, and a missing batch is 404', async () => {
    t.clock.set(AFTER_SLOT);
    const nurse = await t.agentAs('ehpad.felletin@officoop.test');
    const res = await nurse.get(`/api/robot-batches/${batchId}`);
    expect([res.status, res.body.error?.code]).toEqual([403, 'auth.forbidden']);
    const missing = await felletin.get('/api/robot-batches/99999');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'robot.batch_not_found']);
  });
});
