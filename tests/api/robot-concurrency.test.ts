import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { addIsoWeeks, isoWeek } from '../../server/shared/dates';
import { count, insertOrder } from '../helpers/robot';
import { startTestServer } from '../helpers/server';

// The real server (its own process state, a database file, the real clock): pharmacists of three
// pharmacies ask for the same slot at the same moment; exactly one booking may be made.

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function login(email: string) {
  const agent = request.agent(server.url);
  const res = await agent.post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return agent;
}

describe('simultaneous overlapping bookings', () => {
  it('When six bookings for the same start arrive at once, Then exactly one is made and the others get robot.slot_taken', async () => {
    const admin = await login('admin@officoop.test');
    const robot = await admin.post('/api/robots').send({ name: 'Robot de concurrence', hostPharmacyId: 1 });
    expect(robot.status).toBe(201);
    // Order weeks a month ahead, past any demo order, for each of the three care homes.
    const first = addIsoWeeks(isoWeek(new Date()), 5);
    const db = openDb(server.dbPath);
    const orders: { careHome: string; id: number }[] = [];
    try {
      for (const week of [first, addIsoWeeks(first, 1)]) {
        for (const careHome of ['ehpad-bugeat', 'ehpad-meymac', 'ehpad-felletin']) {
          orders.push({ careHome, id: insertOrder(db, { careHome, week, pouches: 600 }) });
        }
      }
      // No batch starts before an order's cut-off: the second week's orders were closed early
      // (as a care home with an earlier cut-off would), so all six may start at the same place.
      db.$client
        .prepare(
          `UPDATE weekly_orders SET cutoff_at = (SELECT cutoff_at FROM weekly_orders WHERE id = ?)
           WHERE id IN (SELECT value FROM json_each(?))`,
        )
        .run(orders[0]?.id, JSON.stringify(orders.map((o) => o.id)));
    } finally {
      db.$client.close();
    }
    const agents = {
      'ehpad-bugeat': await login('pharmacien.bugeat@officoop.test'),
      'ehpad-meymac': await login('pharmacien.meymac@officoop.test'),
      'ehpad-felletin': await login('pharmacien.felletin@officoop.test'),
    } as const;
    const slots = await agents['ehpad-felletin'].get(`/api/robots/${robot.body.id}/slots?orderIds=${orders[2]?.id}`);
    const start = slots.body.starts[0];
    expect(start).toEqual(expect.any(String));

    const answers = await Promise.all(
      orders.map((o) =>
        agents[o.careHome as keyof typeof agents]
          .post('/api/robot-batches')
          .send({ robotId: robot.body.id, start, orderIds: [o.id] }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 201)?.body.id;
    for (const lost of answers.filter((a) => a.status === 409)) {
      expect(lost.body.error.code).toBe('robot.slot_taken');
      expect(lost.body.error.details[0].batch.id).toBe(winner);
      expect(lost.body.error.details[0].nextStarts.length).toBeGreaterThan(0);
    }
    const check = openDb(server.dbPath);
    try {
      expect(count(check, 'robot_batches', `robot_id = ${robot.body.id}`)).toBe(1);
      expect(count(check, 'weekly_orders', `status = 'planned' AND id IN (${orders.map((o) => o.id).join(',')})`)).toBe(
        1,
      );
    } finally {
      check.$client.close();
    }
  });
});
