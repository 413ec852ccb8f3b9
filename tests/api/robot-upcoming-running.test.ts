import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app';

describe('the technician’s day card and a batch started ahead of its slot', () => {
  // Found under a faked Thursday: the demo's batches were booked from that morning, a technician
  // started next week's Felletin batch ahead of its slot (its block could not move onto theirs), and
  // the home card « Séries d’aujourd’hui et de demain » no longer listed the batch the robot was making.
  it('When a batch booked next week is started now while other batches hold the time, Then the card lists it first, in production', async () => {
    const t = await createTestApp({ now: '2026-11-26T09:00:00Z' }); // Thursday 10:00, Paris
    const pharmacist = await t.agentAs('pharmacien.felletin@officoop.test');
    const robotId = (await pharmacist.get('/api/robots').expect(200)).body.items[0].id as number;
    const pending = await pharmacist.get(`/api/robots/${robotId}/pending-orders`).expect(200);
    const order = (pending.body.items as { orderId: number; careHomeName: string }[]).find((o) =>
      o.careHomeName.includes('Felletin'),
    );
    if (!order) throw new Error('the demo has no pending Felletin order');
    const slots = await pharmacist.get(`/api/robots/${robotId}/slots?orderIds=${order.orderId}`).expect(200);
    const booked = await pharmacist
      .post('/api/robot-batches')
      .send({ robotId, start: slots.body.starts[0], orderIds: [order.orderId] })
      .expect(201);
    const batchId = booked.body.id as number;
    // Its cut-off passes (the nurse can no longer change the order): it may start from now on.
    t.db.run(sql`UPDATE weekly_orders SET cutoff_at = '2026-11-26T08:00:00.000Z' WHERE id = ${order.orderId}`);

    const technician = await t.agentAs('preparateur.felletin@officoop.test');
    const started = await technician.post(`/api/robot-batches/${batchId}/start`).expect(200);
    expect(started.body.start > '2026-11-27').toBe(true); // its block stays where it was booked

    const card = await technician.get('/api/robot-production/upcoming').expect(200);
    const items = card.body.items as { id: number; status: string; production: { startedAt: string } }[];
    expect(items[0]).toMatchObject({ id: batchId, status: 'in_production' });
    expect(items[0]?.production.startedAt).toBe('2026-11-26T09:00:00.000Z');
  });
});
