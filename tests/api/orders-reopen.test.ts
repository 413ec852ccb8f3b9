import { beforeEach, describe, expect, it } from 'vitest';
import { careHomeId, orderId, orderTableCounts } from '../helpers/orders';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW: Monday 2026-11-23 10:00 Paris; Bugeat's W49 draft closes Wednesday 25 Nov 12:00 Paris.
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;

let t: App;
let ehpad: Agent;
let home: number;
let order: number;

beforeEach(async () => {
  t = await createTestApp();
  ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
  home = careHomeId(t.db, 'ehpad-bugeat');
  order = orderId(t.db, 'ehpad-bugeat', '2026-W49');
});

describe('a cancelled week can be ordered again (found by a tester)', () => {
  it('When the care home cancels its week and orders it again before the cut-off, Then the same order is a draft again', async () => {
    const before = (await ehpad.get(`/api/orders/${order}`)).body;
    expect((await ehpad.post(`/api/orders/${order}/cancel`)).body.status).toBe('cancelled');
    const counts = orderTableCounts(t.db);
    const again = await ehpad.post('/api/orders').send({ careHomeId: home, week: '2026-W49' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: order, status: 'draft', cutoffAt: before.cutoffAt, editable: true });
    expect(again.body.totals).toEqual(before.totals);
    expect(again.body.events.map((e: { kind: string }) => e.kind).slice(-2)).toEqual(['cancelled', 'reopened']);
    expect(orderTableCounts(t.db)).toEqual({ ...counts, events: counts.events + 1 });
    expect((await ehpad.post(`/api/orders/${order}/submit`)).body.status).toBe('submitted');
    const twice = await ehpad.post('/api/orders').send({ careHomeId: home, week: '2026-W49' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('orders.already_exists');
  });

  it('When the cut-off has passed, Then the care home cannot reopen a cancelled week and nothing is written', async () => {
    await ehpad.post(`/api/orders/${order}/cancel`);
    t.clock.set('2026-11-25T11:30:00.000Z');
    ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
    const counts = orderTableCounts(t.db);
    const res = await ehpad.post('/api/orders').send({ careHomeId: home, week: '2026-W49' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('orders.cutoff_passed');
    expect(orderTableCounts(t.db)).toEqual(counts);
  });
});
