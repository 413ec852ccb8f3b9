import { beforeEach, describe, expect, it } from 'vitest';
import { dailyResidents, orderId } from '../helpers/orders';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW: Monday 2026-11-23 10:00 Paris; Bugeat's W49 draft closes Wednesday 25 Nov 12:00 Paris.
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type Line = { residentId: number; cip13: string; quarters: number; units: number; route: string };

const CIP13 = '3400937977661';
let t: App;
let ehpad: Agent;
let pharmacist: Agent;
let order: number;

const linesOf = (residentId: number): Line[] =>
  t.db.$client
    .prepare(
      `SELECT resident_id AS residentId, cip13, quarters, units, route FROM order_lines
       WHERE order_id = ? AND resident_id = ? ORDER BY cip13`,
    )
    .all(order, residentId) as Line[];

beforeEach(async () => {
  t = await createTestApp();
  order = orderId(t.db, 'ehpad-bugeat', '2026-W49');
  t.clock.set('2026-11-25T11:30:00.000Z'); // the cut-off has passed
  ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
  pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
});

describe('accepting a late change applies only what it asks (found by a tester)', () => {
  it('When a prescription changed after the cut-off, Then accepting an absence does not bring it into the order', async () => {
    const [away, other] = dailyResidents(t.db, 'ehpad-bugeat').filter(
      (id) => !linesOf(id).some((l) => l.cip13 === CIP13),
    ) as [number, number];
    const before = (await pharmacist.get(`/api/orders/${order}`)).body;
    const awayLines = linesOf(away);
    const otherLines = linesOf(other);
    for (const residentId of [away, other]) {
      const res = await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send({
        cip13: CIP13,
        doses: { midi: 1 },
        schedule: { kind: 'daily' },
        startDate: '2026-11-30',
        prescriber: 'Dr Lebrun',
        asNeeded: false,
      });
      expect(res.status).toBe(201);
    }
    expect((await pharmacist.get(`/api/orders/${order}`)).body.totals).toEqual(before.totals);

    const request = await ehpad.post(`/api/orders/${order}/change-requests`).send({
      message: 'Hospitalisée vendredi',
      absences: [{ residentId: away, from: '2026-12-04', to: '2026-12-06', reason: 'hospitalisation' }],
    });
    expect(request.status).toBe(201);
    expect((await pharmacist.post(`/api/order-change-requests/${request.body.id}/accept`)).status).toBe(200);

    const after = (await pharmacist.get(`/api/orders/${order}`)).body;
    type R = { residentId: number; pouches: number; days: { date: string; absent: boolean; pouchesByTime: object }[] };
    const was = (before.residents as R[]).find((r) => r.residentId === away) as R;
    const now = (after.residents as R[]).find((r) => r.residentId === away) as R;
    const pouchesOf = (d: R['days'][number]) => Object.values(d.pouchesByTime).reduce((s: number, n) => s + n, 0);
    const drop = was.days.slice(4).reduce((s, d) => s + pouchesOf(d), 0);
    expect(drop).toBeGreaterThan(0);
    expect(now.pouches).toBe(was.pouches - drop);
    expect(now.days.slice(0, 4)).toEqual(was.days.slice(0, 4));
    expect(now.days.slice(4).every((d) => d.absent && pouchesOf(d) === 0)).toBe(true);
    expect(after.totals.pouches).toBe(before.totals.pouches - drop);
    // The other resident's order is untouched; neither gets the line prescribed after the cut-off.
    expect(linesOf(other)).toEqual(otherLines);
    expect(linesOf(away).map((l) => l.cip13)).toEqual(awayLines.map((l) => l.cip13));
    for (const line of linesOf(away)) {
      const old = awayLines.find((l) => l.cip13 === line.cip13) as Line;
      expect(line.quarters).toBeLessThanOrEqual(old.quarters);
    }
    expect(after.totals.robotUnits).toBeLessThan(before.totals.robotUnits);
  });
});

describe('a late change sent twice (found by a tester)', () => {
  it('When the care home asks again for an absence a pending request already asks for, Then 409 orders.absence_already_requested and only one request waits for the pharmacy', async () => {
    const [resident, other] = dailyResidents(t.db, 'ehpad-bugeat') as [number, number];
    const ask = (residentId: number, from: string, to: string) =>
      ehpad.post(`/api/orders/${order}/change-requests`).send({
        message: 'Hospitalisation',
        absences: [{ residentId, from, to, reason: 'hospitalisation' }],
      });
    const first = await ask(resident, '2026-12-01', '2026-12-03');
    expect(first.status).toBe(201);
    const again = await ask(resident, '2026-12-03', '2026-12-04');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('orders.absence_already_requested');
    expect(again.body.error.details[0]).toMatchObject({
      residentId: resident,
      resident: expect.stringMatching(/^\p{Lu}[\p{Lu} '-]+ \p{L}/u),
      pending: { changeRequestId: first.body.id, from: '2026-12-01', to: '2026-12-03' },
    });
    // Other days of the same resident, or another resident, are a new request.
    expect((await ask(resident, '2026-12-05', '2026-12-06')).status).toBe(201);
    expect((await ask(other, '2026-12-01', '2026-12-03')).status).toBe(201);
    const pending = (await pharmacist.get(`/api/order-change-requests?orderId=${order}&status=pending`)).body.items;
    expect(pending).toHaveLength(3);
    // Once the first is refused, the same days may be asked again.
    const refused = await pharmacist
      .post(`/api/order-change-requests/${first.body.id}/refuse`)
      .send({ reason: 'Retour prévu le 1er' });
    expect(refused.status).toBe(200);
    expect((await ask(resident, '2026-12-02', '2026-12-03')).status).toBe(201);
  });
});
