import { beforeEach, describe, expect, it } from 'vitest';
import { count, insertOrder, orderStatus } from '../helpers/robot';
import { createTestApp } from '../helpers/test-app';

// The clock reads Monday 23 November 2026, 10:00 Paris, before the cut-off of order week 2026-W49
// (Wednesday 25, 12:00 Paris). The robot is hosted by Bugeat; Felletin books its two care homes'
// orders on it, from Wednesday 25 at 14:00Z, after the cut-off.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type AlertRow = {
  kind: string;
  entity: string;
  entityId: string;
  messageKey: string;
  params: Record<string, unknown>;
  dismissedAt: string | null;
};

const KIND = 'robot.hosted_batch_changed';
const SLOT_START = '2026-11-25T14:00:00.000Z';

let t: App;
let admin: Agent;
let bugeat: Agent;
let felletin: Agent;
let meymac: Agent;
let robotId: number;
let tilleuls: number;
let crocq: number;

const hostAlerts = async (agent: Agent, state = 'open'): Promise<AlertRow[]> => {
  const res = await agent.get('/api/alerts').query({ state });
  expect(res.status).toBe(200);
  return (res.body.items as AlertRow[]).filter((a) => a.kind === KIND);
};

const book = async (orderIds: number[], robot = robotId) => {
  const res = await felletin.post('/api/robot-batches').send({ robotId: robot, start: SLOT_START, orderIds });
  expect(res.status).toBe(201);
  return res.body as { id: number; end: string; pouches: number };
};

beforeEach(async () => {
  t = await createTestApp({ seed: 'organisation', now: '2026-11-23T09:00:00.000Z' });
  admin = await t.agentAs('admin@officoop.test');
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  felletin = await t.agentAs('pharmacien.felletin@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  robotId = (await admin.post('/api/robots').send({ name: 'Robot PDA de Bugeat', hostPharmacyId: 1 })).body.id;
  // A second care home served by Felletin, so that one of its batches holds two orders.
  const home = await admin
    .post('/api/care-homes')
    .send({ name: 'EHPAD La Creuse — Crocq', finess: '230000937', pharmacyId: 4 });
  expect(home.status).toBe(201);
  const slug = (
    t.db.$client.prepare('SELECT slug FROM care_homes WHERE id = ?').get(home.body.careHome?.id ?? home.body.id) as {
      slug: string;
    }
  ).slug;
  tilleuls = insertOrder(t.db, { careHome: 'ehpad-felletin', week: '2026-W49', pouches: 1121, manualUnits: 46 });
  crocq = insertOrder(t.db, { careHome: slug, week: '2026-W49', pouches: 600 });
});

describe('a cancelled order leaves a batch hosted on another pharmacy’s robot (SPEC §5–6)', () => {
  it('When Felletin cancels one order of a two-order batch, Then Bugeat’s staff are told the batch shrank, with a link to it, and nobody else', async () => {
    const batch = await book([tilleuls, crocq]);
    const res = await felletin.post(`/api/orders/${crocq}/cancel`);
    expect([res.status, res.body.status]).toEqual([200, 'cancelled']);
    const after = (await felletin.get(`/api/robot-batches/${batch.id}`)).body;
    expect(after).toMatchObject({ status: 'booked', orderIds: [tilleuls] });
    expect(Date.parse(after.end)).toBeLessThan(Date.parse(batch.end));

    const told = await hostAlerts(bugeat);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      entity: 'robot_batch',
      entityId: String(batch.id),
      messageKey: 'alerts.hostedBatchOrderCancelled',
      params: {
        batchId: batch.id,
        robot: 'Robot PDA de Bugeat',
        pharmacy: expect.stringContaining('Felletin'),
        careHome: 'EHPAD La Creuse — Crocq',
        weekNumber: 49,
        startDay: '2026-11-25',
        startTime: '15:00',
        pouches: after.pouches,
      },
    });
    const tech = await t.agentAs('preparateur.bugeat@officoop.test');
    expect(await hostAlerts(tech)).toHaveLength(1);
    // The orders' own pharmacy did it; a pharmacy with no part in the batch hears nothing.
    expect(await hostAlerts(felletin)).toEqual([]);
    expect(await hostAlerts(meymac)).toEqual([]);
  });

  it('When the care home cancels the batch’s only order, Then the batch is cancelled and Bugeat is told its slot is free', async () => {
    const batch = await book([tilleuls]);
    const nurse = await t.agentAs('ehpad.felletin@officoop.test');
    expect((await nurse.post(`/api/orders/${tilleuls}/cancel`)).status).toBe(200);
    expect((await felletin.get(`/api/robot-batches/${batch.id}`)).body.status).toBe('cancelled');
    const told = await hostAlerts(bugeat);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      entityId: String(batch.id),
      messageKey: 'alerts.hostedBatchOrderCancelledEmptied',
      params: { careHome: 'EHPAD Les Tilleuls — Felletin', startTime: '15:00', endTime: '15:48' },
    });
  });

  it('When both orders are cancelled one after the other, Then the host keeps one alert, saying the slot is free', async () => {
    const batch = await book([tilleuls, crocq]);
    expect((await felletin.post(`/api/orders/${crocq}/cancel`)).status).toBe(200);
    expect((await felletin.post(`/api/orders/${tilleuls}/cancel`)).status).toBe(200);
    const told = await hostAlerts(bugeat);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      entityId: String(batch.id),
      messageKey: 'alerts.hostedBatchOrderCancelledEmptied',
    });
  });

  it('When the robot is Felletin’s own, Then cancelling an order raises no host alert', async () => {
    const own = (await admin.post('/api/robots').send({ name: 'Robot PDA de Felletin', hostPharmacyId: 4 })).body.id;
    await book([tilleuls, crocq], own);
    expect((await felletin.post(`/api/orders/${crocq}/cancel`)).status).toBe(200);
    expect(await hostAlerts(felletin)).toEqual([]);
    expect(count(t.db, 'alerts', `kind = '${KIND}'`)).toBe(0);
  });

  it('When another pharmacy tries to cancel the order, Then it gets 404 and nobody is alerted', async () => {
    await book([tilleuls, crocq]);
    const before = await hostAlerts(bugeat);
    const res = await meymac.post(`/api/orders/${crocq}/cancel`);
    expect([res.status, res.body.error.code]).toEqual([404, 'orders.not_found']);
    expect(orderStatus(t.db, crocq)).toBe('planned');
    // Only the booking's notice: the refused cancellation told nobody.
    expect(await hostAlerts(bugeat)).toEqual(before);
    expect(before.map((a) => a.messageKey)).toEqual(['alerts.hostedBatchBooked']);
  });

  it('When the shrunk batch starts, Then the host’s alert is resolved by that start', async () => {
    const batch = await book([tilleuls, crocq]);
    expect((await felletin.post(`/api/orders/${crocq}/cancel`)).status).toBe(200);
    expect(await hostAlerts(bugeat)).toHaveLength(1);
    t.clock.set('2026-11-25T12:00:00.000Z'); // after the cut-off, two hours ahead of the slot
    bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect((await bugeat.post(`/api/robot-batches/${batch.id}/start`)).status).toBe(200);
    const row = t.db.$client
      .prepare(`SELECT dismissed_at AS at, dismissed_by AS by FROM alerts WHERE kind = '${KIND}'`)
      .get() as { at: string; by: number | null };
    // Resolved by the pharmacist who started it, not later by a read.
    expect(row.at).toBe('2026-11-25T12:00:00.000Z');
    expect(row.by).not.toBeNull();
    expect(await hostAlerts(bugeat)).toEqual([]);
  });

  it('When the freed slot’s start has gone by, Then the host’s alert about it is resolved on reading', async () => {
    await book([tilleuls]);
    expect((await felletin.post(`/api/orders/${tilleuls}/cancel`)).status).toBe(200);
    t.clock.set('2026-11-25T13:00:00.000Z'); // before the slot: still worth knowing
    bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect(await hostAlerts(bugeat)).toHaveLength(1);
    t.clock.set('2026-11-25T14:30:00.000Z');
    expect(await hostAlerts(bugeat)).toEqual([]);
    expect((await hostAlerts(bugeat, 'all'))[0]?.dismissedAt).toBe('2026-11-25T14:30:00.000Z');
  });
});
