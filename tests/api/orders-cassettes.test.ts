import { beforeEach, describe, expect, it } from 'vitest';
import { orderId } from '../helpers/orders';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW: Monday 2026-11-23 10:00 Paris. Meymac submitted W49 (cut-off Wednesday 25 Nov 12:00
// Paris, delivery Friday 27 Nov 14:00); the demo robot holds cassettes for the most used products.
type App = Awaited<ReturnType<typeof createTestApp>>;

let t: App;

beforeEach(async () => {
  t = await createTestApp();
});

const routeOf = (order: number, cip13: string) =>
  (
    t.db.$client
      .prepare('SELECT DISTINCT route FROM order_lines WHERE order_id = ? AND cip13 = ?')
      .all(order, cip13) as { route: string }[]
  ).map((r) => r.route);

describe('a cassette removed before production re-routes the closed orders (SPEC §6, found by a tester)', () => {
  it('When a cassette is removed after the cut-off, Then the submitted, unplanned order takes that product to the manual tray', async () => {
    t.clock.set('2026-11-25T12:00:00.000Z');
    const admin = await t.agentAs('admin@officoop.test');
    const pharmacist = await t.agentAs('pharmacien.meymac@officoop.test');
    const order = orderId(t.db, 'ehpad-meymac', '2026-W49');
    const cassette = t.db.$client
      .prepare(
        `SELECT c.id, c.cip13 FROM robot_cassettes c JOIN order_lines l ON l.cip13 = c.cip13
         WHERE c.removed_at IS NULL AND l.order_id = ? AND l.route = 'robot' LIMIT 1`,
      )
      .get(order) as { id: number; cip13: string };
    expect(routeOf(order, cassette.cip13)).toEqual(['robot']);
    const before = (await pharmacist.get(`/api/orders/${order}`)).body;
    const res = await admin.post(`/api/robot-cassettes/${cassette.id}/remove`);
    expect(res.status).toBe(200);
    expect(routeOf(order, cassette.cip13)).toEqual(['manual']);
    const after = (await pharmacist.get(`/api/orders/${order}`)).body;
    expect(after.products.find((p: { cip13: string }) => p.cip13 === cassette.cip13)?.route).toBe('manual');
    // Same pouches and units: only the split moved.
    expect(after.totals.pouches).toBe(before.totals.pouches);
    const units = (o: { totals: { robotUnits: number; manualUnits: number } }) =>
      o.totals.robotUnits + o.totals.manualUnits;
    expect(units(after)).toBe(units(before));
    expect(after.totals.manualUnits).toBeGreaterThan(before.totals.manualUnits);
  });

  it('When every cassette of the robot is removed, Then no unit counts as robot: the whole order goes to the manual tray', async () => {
    t.clock.set('2026-11-25T12:00:00.000Z');
    const admin = await t.agentAs('admin@officoop.test');
    const order = orderId(t.db, 'ehpad-meymac', '2026-W49');
    const ids = (
      t.db.$client.prepare('SELECT id FROM robot_cassettes WHERE removed_at IS NULL').all() as { id: number }[]
    ).map((c) => c.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect((await admin.post(`/api/robot-cassettes/${id}/remove`)).status).toBe(200);
    const routes = t.db.$client
      .prepare("SELECT DISTINCT route FROM order_lines WHERE order_id = ? AND route <> 'hors_pda'")
      .all(order) as { route: string }[];
    expect(routes.map((r) => r.route)).toEqual(['manual']);
  });
});
