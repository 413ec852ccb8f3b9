import { beforeEach, describe, expect, it } from 'vitest';
import { orderId } from '../helpers/orders';
import { bookFirstSlot, ensureRobot, orderStatusOf } from '../helpers/production';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW is Monday 2026-11-23 09:00Z. The demo's open week 2026-W49 has Felletin's and Meymac's
// orders submitted and unplanned; their cut-off is Wednesday 25 at 11:00Z (12:00 Paris). The
// pharmacy may book an order before its cut-off, for a batch that starts after it (README, robot
// rules): until the cut-off the care home's and the prescriber's changes still reach the order,
// and its batch follows.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type Batch = { id: number; status: string; start: string; end: string; pouches: number; orderIds: number[] };

let t: App;
let felletin: Agent;
let home: Agent;
let robotId: number;
let order: number;
let batchId: number;

beforeEach(async () => {
  t = await createTestApp();
  felletin = await t.agentAs('pharmacien.felletin@officoop.test');
  home = await t.agentAs('ehpad.felletin@officoop.test');
  robotId = await ensureRobot(t.db, await t.agentAs('admin@officoop.test'));
  order = orderId(t.db, 'ehpad-felletin', '2026-W49');
  batchId = await bookFirstSlot(felletin, robotId, [order]);
});

const batch = async (id = batchId): Promise<Batch> => (await felletin.get(`/api/robot-batches/${id}`)).body;
const orderOf = async (id = order) => (await felletin.get(`/api/orders/${id}`)).body;

/** A resident of the order with pouches on Tuesday and Wednesday, and their pouches those two days. */
async function residentWithPouches() {
  const o = await orderOf();
  const r = o.residents.find((x: { days: { date: string; pouchesByTime: Record<string, number> }[] }) =>
    x.days.slice(1, 3).every((d) => Object.values(d.pouchesByTime).some((n) => n > 0)),
  );
  const pouches = r.days
    .slice(1, 3)
    .reduce(
      (s: number, d: { pouchesByTime: Record<string, number> }) =>
        s + Object.values(d.pouchesByTime).reduce((a, n) => a + n, 0),
      0,
    );
  return { residentId: r.residentId as number, pouches: pouches as number, total: o.totals.pouches as number };
}

describe('a planned order before its cut-off', () => {
  it('When the care home marks a resident away, Then the order and its batch drop those pouches and the batch keeps its start', async () => {
    const before = await batch();
    expect([orderStatusOf(t.db, order), before.pouches]).toEqual(['planned', (await orderOf()).totals.pouches]);
    const listed = (await home.get('/api/orders?week=2026-W49')).body.items.find((o: { id: number }) => o.id === order);
    expect(listed).toMatchObject({ status: 'planned', editable: true });

    const { residentId, pouches, total } = await residentWithPouches();
    const res = await home
      .post(`/api/orders/${order}/absences`)
      .send({ residentId, from: '2026-12-01', to: '2026-12-02', reason: 'hospitalisation' });
    expect(res.status).toBe(201);

    const after = await batch();
    expect((await orderOf()).totals.pouches).toBe(total - pouches);
    expect(after).toMatchObject({ status: 'booked', start: before.start, pouches: total - pouches, orderIds: [order] });
    expect(orderStatusOf(t.db, order)).toBe('planned');
    // The notes stay the care home's too.
    expect((await home.patch(`/api/orders/${order}`).send({ notes: 'Mme B. hospitalisée' })).status).toBe(200);
  });

  it("When a resident's prescriptions are stopped, Then the planned order is recomputed and its batch follows", async () => {
    const { residentId, total } = await residentWithPouches();
    const lines = t.db.$client
      .prepare('SELECT id FROM prescription_lines WHERE resident_id = ? AND end_date IS NULL')
      .all(residentId) as { id: number }[];
    for (const line of lines) {
      const res = await felletin.post(`/api/prescriptions/${line.id}/stop`).send({ endDate: '2026-11-30' });
      expect(res.status).toBe(200);
    }
    const now = await orderOf();
    expect(now.totals.pouches).toBeLessThan(total);
    expect(await batch()).toMatchObject({ pouches: now.totals.pouches, manualUnits: now.totals.manualUnits });
  });

  it('When the order grows and no longer fits its slot, Then it leaves the batch, is submitted again and the pharmacy is told', async () => {
    // Four residents away all week: the batch is a few minutes shorter.
    const o = await orderOf();
    const booked = await batch();
    const absences: number[] = [];
    for (const r of o.residents.slice(0, 4) as { residentId: number }[]) {
      const res = await home
        .post(`/api/orders/${order}/absences`)
        .send({ residentId: r.residentId, from: '2026-11-30', to: '2026-12-06', reason: 'leave' });
      expect(res.status).toBe(201);
      absences.push(res.body.id);
    }
    const shrunk = await batch();
    expect(shrunk.end < booked.end).toBe(true);
    // Meymac's order is booked right at the end of the shrunk batch: no room left to grow into.
    const meymacOrder = orderId(t.db, 'ehpad-meymac', '2026-W49');
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const next = await meymac.post('/api/robot-batches').send({ robotId, start: shrunk.end, orderIds: [meymacOrder] });
    expect(next.status).toBe(201);

    const undo = await home.delete(`/api/orders/${order}/absences/${absences[0]}`);
    expect(undo.status).toBe(204);
    expect(orderStatusOf(t.db, order)).toBe('submitted');
    expect((await batch()).status).toBe('cancelled');
    expect((await batch(next.body.id)).status).toBe('booked');
    const pending = await felletin.get(`/api/robots/${robotId}/pending-orders?week=2026-W49`);
    expect(pending.body.items.map((o: { orderId: number }) => o.orderId)).toContain(order);
    const leftAlerts = async () =>
      ((await felletin.get('/api/alerts')).body.items as { kind: string; params: { orderId?: number } }[]).filter(
        (a) => a.kind === 'robot.order_left_batch',
      );
    expect(await leftAlerts()).toEqual([
      expect.objectContaining({ params: expect.objectContaining({ orderId: order }) }),
    ]);
    const history = (await orderOf()).events.map((e: { kind: string; details: { from?: string } }) => [
      e.kind,
      e.details.from,
    ]);
    expect(history.at(-1)).toEqual(['submitted', 'planned']);

    // Booked again, the order is no longer to plan: the alert is done.
    await bookFirstSlot(felletin, robotId, [order]);
    expect(await leftAlerts()).toEqual([]);
  });

  it('When the care home cancels it, Then it leaves its batch (the batch is cancelled with its only order)', async () => {
    const res = await home.post(`/api/orders/${order}/cancel`);
    expect([res.status, res.body.status]).toEqual([200, 'cancelled']);
    expect((await batch()).status).toBe('cancelled');
  });
});

describe('a planned order after its cut-off', () => {
  beforeEach(async () => {
    t.clock.set('2026-11-25T11:00:00.000Z');
    felletin = await t.agentAs('pharmacien.felletin@officoop.test');
    home = await t.agentAs('ehpad.felletin@officoop.test');
  });

  it('When the care home tries to change it directly, Then 409 orders.cutoff_passed and the batch is unchanged', async () => {
    const before = await batch();
    const { residentId } = await residentWithPouches();
    const res = await home
      .post(`/api/orders/${order}/absences`)
      .send({ residentId, from: '2026-12-01', to: '2026-12-02', reason: 'leave' });
    expect([res.status, res.body.error.code]).toEqual([409, 'orders.cutoff_passed']);
    expect(await batch()).toEqual(before);
  });

  it('When the pharmacy accepts a late absence, Then the batch drops those pouches too', async () => {
    const { residentId, pouches, total } = await residentWithPouches();
    const asked = await home.post(`/api/orders/${order}/change-requests`).send({
      message: 'Hospitalisation de M. R.',
      absences: [{ residentId, from: '2026-12-01', to: '2026-12-02', reason: 'hospitalisation' }],
    });
    expect(asked.status).toBe(201);
    expect((await felletin.post(`/api/order-change-requests/${asked.body.id}/accept`)).status).toBe(200);
    expect((await orderOf()).totals.pouches).toBe(total - pouches);
    expect((await batch()).pouches).toBe(total - pouches);
  });
});
