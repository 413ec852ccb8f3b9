import { beforeEach, describe, expect, it } from 'vitest';
import { demoOrderTimeline } from '../../db/seed/demo-timeline';
import { orderId } from '../helpers/orders';
import { ensureRobot, OPEN_WEEK_CUTOFF, pharmacyIdOf, pouchNeeds, stockUp } from '../helpers/production';
import { createTestApp, TEST_NOW } from '../helpers/test-app';

// The demo's open week (2026-W49) has submitted, unplanned orders of Felletin and Meymac; the robot
// is hosted by Bugeat, whose lots both batches draw on. From the cut-off (Wednesday 25 Nov 12:00
// Paris) on, batch A is booked on Wednesday and batch B on Thursday 26 Nov.
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type Item = { batchId: number; shortages: { cip13: string; missing: number }[] };

const week = demoOrderTimeline(new Date(TEST_NOW)).open;
let t: App;
let robotId: number;
let batchA: number;
let batchB: number;
let shared: string;

const paris = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', dateStyle: 'short' }).format(new Date(iso));

async function book(agent: Agent, order: number, day: string): Promise<number> {
  const slots = await agent.get(`/api/robots/${robotId}/slots`).query({ orderIds: String(order) });
  expect(slots.status).toBe(200);
  const start = (slots.body.starts as string[]).find((s) => paris(s) === day);
  expect(start, `a slot on ${day}`).toBeDefined();
  const res = await agent.post('/api/robot-batches').send({ robotId, start, orderIds: [order] });
  expect(res.status).toBe(201);
  return res.body.id;
}

const card = async (email: string): Promise<Item[]> => {
  const res = await (await t.agentAs(email)).get('/api/robot-production/shortages');
  expect(res.status).toBe(200);
  return res.body.items as Item[];
};

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set(OPEN_WEEK_CUTOFF);
  const admin = await t.agentAs('admin@officoop.test');
  const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  const felletin = await t.agentAs('pharmacien.felletin@officoop.test');
  const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  robotId = await ensureRobot(t.db, admin);
  const orderA = orderId(t.db, 'ehpad-felletin', week);
  const orderB = orderId(t.db, 'ehpad-meymac', week);
  const needsA = pouchNeeds(t.db, orderA);
  const needsB = pouchNeeds(t.db, orderB);
  shared = (needsB.find((n) => needsA.some((a) => a.cip13 === n.cip13)) as { cip13: string }).cip13;
  expect(shared).toBeDefined();
  // Bugeat holds just what B needs of the shared product, and plenty of everything else.
  const host = pharmacyIdOf(t.db, 'bugeat');
  const lots = t.db.$client
    .prepare('SELECT id, quantity FROM stock_lots WHERE pharmacy_id = ? AND cip13 = ? AND quantity > 0')
    .all(host, shared) as { id: number; quantity: number }[];
  for (const lot of lots) {
    const res = await bugeat
      .post('/api/stock/destructions')
      .send({ lotId: lot.id, quantity: lot.quantity, reason: 'damaged' });
    expect(res.status).toBe(201);
  }
  const others = [...needsA, ...needsB].filter((n) => n.cip13 !== shared);
  await stockUp(bugeat, others, { prefix: 'ALL', expiryDate: '2027-12-31', extra: 1000 });
  await stockUp(bugeat, [needsB.find((n) => n.cip13 === shared) as { cip13: string; units: number }], {
    prefix: 'JUST',
    expiryDate: '2027-12-31',
  });
  batchA = await book(felletin, orderA, '2026-11-25');
  batchB = await book(meymac, orderB, '2026-11-26');
});

describe('the home card of upcoming shortages (SPEC §6)', () => {
  it('When both batches are still to come, Then the later one lacks what the earlier one takes', async () => {
    const items = await card('preparateur.bugeat@officoop.test');
    expect(items.find((i) => i.batchId === batchA)).toBeUndefined();
    expect(items.find((i) => i.batchId === batchB)?.shortages.map((s) => s.cip13)).toEqual([shared]);
  });

  it('When a booked batch’s slot passed without being started, Then it consumes nothing and tomorrow’s batch is not short', async () => {
    t.clock.set('2026-11-25T23:00:00.000Z'); // Thursday 00:00 Paris: Wednesday's slot is over
    for (const email of ['preparateur.bugeat@officoop.test', 'pharmacien.meymac@officoop.test']) {
      const items = await card(email);
      expect(items.map((i) => i.batchId)).not.toContain(batchA);
      expect(items.map((i) => i.batchId)).not.toContain(batchB);
    }
  });

  it('When the earlier batch is in production though its slot passed, Then it still takes its units first', async () => {
    t.clock.set('2026-11-25T23:00:00.000Z');
    const tech = await t.agentAs('preparateur.felletin@officoop.test');
    expect((await tech.post(`/api/robot-batches/${batchA}/start`)).status).toBe(200);
    const items = await card('preparateur.bugeat@officoop.test');
    expect(items.find((i) => i.batchId === batchB)?.shortages.map((s) => s.cip13)).toEqual([shared]);
  });

  it('When staff of a pharmacy with no part in the batches read the card, Then they do not see them', async () => {
    const items = await card('pharmacien.royere@officoop.test');
    expect(items.map((i) => i.batchId)).not.toContain(batchA);
    expect(items.map((i) => i.batchId)).not.toContain(batchB);
  });
});

describe('the home card of production to come (the technician’s day)', () => {
  const upcoming = async (email: string) => {
    const res = await (await t.agentAs(email)).get('/api/robot-production/upcoming');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as {
      until: string;
      items: { id: number; status: string; careHomes: { name: string }[] }[];
      next: { id: number; start: string } | null;
    };
  };

  it('When nothing is to produce today nor tomorrow, Then the card says when the next batch is; with none booked, nothing', async () => {
    t.clock.set('2026-11-23T09:00:00.000Z'); // Monday 10:00 Paris: the batches are Wednesday and Thursday
    const felletin = await upcoming('pharmacien.felletin@officoop.test');
    expect(felletin.items).toEqual([]);
    expect(felletin.next?.id).toBe(batchA);
    expect(paris(felletin.next?.start as string)).toBe('2026-11-25');
    expect((await upcoming('pharmacien.meymac@officoop.test')).next?.id).toBe(batchB);
    // The host's next is its robot's first batch; a pharmacy with no part in them has none.
    expect((await upcoming('preparateur.bugeat@officoop.test')).next?.id).toBe(batchA);
    expect((await upcoming('pharmacien.royere@officoop.test')).next).toBeNull();
    // With batches to show, no « next ».
    t.clock.set(OPEN_WEEK_CUTOFF);
    expect((await upcoming('pharmacien.felletin@officoop.test')).next).toBeNull();
  });

  it('When staff open their home, Then they see the batches of today and tomorrow they host or ordered, in start order', async () => {
    const host = await upcoming('preparateur.bugeat@officoop.test');
    expect(host.items.map((b) => b.id)).toEqual([batchA, batchB]);
    expect(host.until).toBe('2026-11-26T23:00:00.000Z'); // end of Thursday, Paris
    expect(host.items[0]?.status).toBe('booked');
    expect(host.items[0]?.careHomes.map((c) => c.name)).toEqual([expect.stringContaining('Felletin')]);
    expect((await upcoming('pharmacien.felletin@officoop.test')).items.map((b) => b.id)).toEqual([batchA]);
    expect((await upcoming('pharmacien.meymac@officoop.test')).items.map((b) => b.id)).toEqual([batchB]);
    expect((await upcoming('pharmacien.royere@officoop.test')).items).toEqual([]);
  });

  it('When a slot passed unstarted, Then it leaves the card; a batch in production stays on it', async () => {
    t.clock.set('2026-11-25T23:00:00.000Z'); // Thursday 00:00 Paris
    expect((await upcoming('preparateur.bugeat@officoop.test')).items.map((b) => b.id)).toEqual([batchB]);
    const tech = await t.agentAs('preparateur.felletin@officoop.test');
    expect((await tech.post(`/api/robot-batches/${batchA}/start`)).status).toBe(200);
    const items = (await upcoming('preparateur.bugeat@officoop.test')).items;
    expect(items.map((b) => [b.id, b.status])).toEqual([
      [batchA, 'in_production'],
      [batchB, 'booked'],
    ]);
  });

  it('When a care home or the treasurer asks, Then 403', async () => {
    for (const email of ['ehpad.felletin@officoop.test', 'tresorier@officoop.test']) {
      expect((await (await t.agentAs(email)).get('/api/robot-production/upcoming')).status, email).toBe(403);
    }
  });
});
