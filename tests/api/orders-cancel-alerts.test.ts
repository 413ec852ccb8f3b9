import { beforeEach, describe, expect, it } from 'vitest';
import { dailyResidents, orderId } from '../helpers/orders';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW: Monday 2026-11-23 10:00 Paris; Bugeat's W49 draft closes Wednesday 25 Nov 12:00 Paris.
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type AlertRow = { id: number; kind: string; entity: string; entityId: string; messageKey: string; params: object };

let t: App;
let ehpad: Agent;
let pharmacist: Agent;
let order: number;

const openAlerts = async (agent: Agent): Promise<AlertRow[]> => {
  const res = await agent.get('/api/alerts');
  expect(res.status).toBe(200);
  return res.body.items as AlertRow[];
};
const alertRows = () => (t.db.$client.prepare('SELECT COUNT(*) AS n FROM alerts').get() as { n: number }).n;

beforeEach(async () => {
  t = await createTestApp();
  order = orderId(t.db, 'ehpad-bugeat', '2026-W49');
  ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
  pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
});

describe('the pharmacy cancels a weekly order (SPEC §5)', () => {
  it('When staff cancel it, Then the care home gets an alert saying so, with the week', async () => {
    expect((await ehpad.post(`/api/orders/${order}/submit`)).status).toBe(200);
    const res = await pharmacist.post(`/api/orders/${order}/cancel`);
    expect([res.status, res.body.status]).toEqual([200, 'cancelled']);
    const told = (await openAlerts(ehpad)).filter((a) => a.kind === 'orders.cancelled');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      entity: 'weekly_order',
      entityId: String(order),
      messageKey: 'alerts.orderCancelled',
      params: { week: '2026-W49', weekNumber: 49, weekFrom: '2026-11-30', weekTo: '2026-12-06' },
    });
    // Addressed to the care home only, not to the pharmacy that did it.
    expect((await openAlerts(pharmacist)).filter((a) => a.kind === 'orders.cancelled')).toEqual([]);
  });

  it('When an order-updated alert was still open, Then cancelling resolves it for the care home', async () => {
    expect((await ehpad.post(`/api/orders/${order}/submit`)).status).toBe(200);
    const residentId = dailyResidents(t.db, 'ehpad-bugeat')[0] as number;
    const line = await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send({
      cip13: '3400937977661',
      doses: { midi: 1 },
      schedule: { kind: 'daily' },
      startDate: '2026-11-30',
      prescriber: 'Dr Lebrun',
      asNeeded: false,
    });
    expect(line.status).toBe(201);
    const stale = (await openAlerts(ehpad)).filter((a) => a.kind === 'orders.changed' && a.entityId === String(order));
    expect(stale).toHaveLength(1);

    expect((await pharmacist.post(`/api/orders/${order}/cancel`)).status).toBe(200);
    const open = await openAlerts(ehpad);
    expect(open.filter((a) => a.kind === 'orders.changed' && a.entityId === String(order))).toEqual([]);
    expect(open.filter((a) => a.kind === 'orders.cancelled' && a.entityId === String(order))).toHaveLength(1);
  });

  it('When a late change request was waiting, Then cancelling resolves the pharmacy’s alert about it', async () => {
    expect((await ehpad.post(`/api/orders/${order}/submit`)).status).toBe(200);
    t.clock.set('2026-11-25T11:30:00.000Z'); // after the cut-off (sessions start again)
    ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
    pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    const request = await ehpad.post(`/api/orders/${order}/change-requests`).send({ message: 'Hospitalisée jeudi' });
    expect(request.status).toBe(201);
    const asked = (await openAlerts(pharmacist)).filter(
      (a) => a.kind === 'orders.change_requested' && a.entityId === String(request.body.id),
    );
    expect(asked).toHaveLength(1);

    expect((await pharmacist.post(`/api/orders/${order}/cancel`)).status).toBe(200);
    expect(
      (await openAlerts(pharmacist)).filter(
        (a) => a.kind === 'orders.change_requested' && a.entityId === String(request.body.id),
      ),
    ).toEqual([]);
    expect((await openAlerts(ehpad)).filter((a) => a.kind === 'orders.cancelled')).toHaveLength(1);
    // Nothing is left to answer: the request is refused, saying why.
    const pending = (await pharmacist.get('/api/order-change-requests?status=pending')).body.items as { id: number }[];
    expect(pending.map((r) => r.id)).not.toContain(request.body.id);
    const mine = (await ehpad.get(`/api/order-change-requests?orderId=${order}`)).body.items as {
      id: number;
      status: string;
      refusalReason: string | null;
    }[];
    expect(mine.find((r) => r.id === request.body.id)).toMatchObject({
      status: 'refused',
      refusalReason: 'Commande annulée.',
    });
  });

  it('When the care home cancels its own draft, Then it gets no alert about what it just did', async () => {
    expect((await ehpad.post(`/api/orders/${order}/cancel`)).status).toBe(200);
    expect((await openAlerts(ehpad)).filter((a) => a.kind === 'orders.cancelled')).toEqual([]);
  });

  it('When staff of another pharmacy try to cancel it, Then 404 and no alert is written', async () => {
    const other = await t.agentAs('pharmacien.meymac@officoop.test');
    const before = alertRows();
    const res = await other.post(`/api/orders/${order}/cancel`);
    expect([res.status, res.body.error.code]).toEqual([404, 'orders.not_found']);
    expect(alertRows()).toBe(before);
    expect((await openAlerts(ehpad)).filter((a) => a.kind === 'orders.cancelled')).toEqual([]);
  });
});
