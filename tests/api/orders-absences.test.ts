import { beforeEach, describe, expect, it } from 'vitest';
import { dailyResidents, orderId, orderTableCounts } from '../helpers/orders';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW: Monday 2026-11-23 10:00 Paris; Bugeat's W49 (30 Nov – 6 Dec) is an open draft.
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;

let t: App;
let ehpad: Agent;
let order: number;
let residentId: number;

beforeEach(async () => {
  t = await createTestApp();
  ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
  order = orderId(t.db, 'ehpad-bugeat', '2026-W49');
  residentId = dailyResidents(t.db, 'ehpad-bugeat')[0] as number;
});

const absence = (from: string, to: string) => ({ residentId, from, to, reason: 'leave' });

describe('absences of one resident do not overlap (found by a tester)', () => {
  it('When an absence overlaps one already marked, Then 409 orders.absence_overlaps and nothing is written', async () => {
    expect((await ehpad.post(`/api/orders/${order}/absences`).send(absence('2026-12-01', '2026-12-03'))).status).toBe(
      201,
    );
    const counts = orderTableCounts(t.db);
    const res = await ehpad.post(`/api/orders/${order}/absences`).send(absence('2026-12-03', '2026-12-05'));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('orders.absence_overlaps');
    // The message names the resident: a late change may carry absences of several.
    const { residents } = (await ehpad.get(`/api/orders/${order}`)).body as {
      residents: { residentId: number; name: string }[];
    };
    const name = residents.find((r) => r.residentId === residentId)?.name;
    expect(res.body.error.details[0]).toMatchObject({ residentId, resident: name });
    expect(orderTableCounts(t.db)).toEqual(counts);
    // Days next to it are fine.
    expect((await ehpad.post(`/api/orders/${order}/absences`).send(absence('2026-12-04', '2026-12-05'))).status).toBe(
      201,
    );
  });

  it('When a late change asks for two overlapping absences, Then 409 and nothing is written', async () => {
    t.clock.set('2026-11-25T11:30:00.000Z');
    ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
    const counts = orderTableCounts(t.db);
    const res = await ehpad.post(`/api/orders/${order}/change-requests`).send({
      message: 'Sorties',
      absences: [absence('2026-12-01', '2026-12-02'), absence('2026-12-02', '2026-12-04')],
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('orders.absence_overlaps');
    expect(orderTableCounts(t.db)).toEqual(counts);
  });
});
