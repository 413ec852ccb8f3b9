import { beforeAll, describe, expect, it } from 'vitest';
import { insertOrder } from '../helpers/robot';
import { createTestApp } from '../helpers/test-app';

// The clock reads Wednesday 25 November 2026 at 14:07:30 Paris (13:07:30Z), after the cut-off of
// order week 2026-W49 (11:00Z); its batches must end by Friday 27 at 09:00Z. Windows are
// 07:30Z–11:30Z and 12:30Z–17:30Z. Whatever lies before now is not free time.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let felletin: Agent;
let robotId: number;
let order: number;

beforeAll(async () => {
  t = await createTestApp({ seed: 'organisation', now: '2026-11-25T13:07:30.000Z' });
  const admin = await t.agentAs('admin@officoop.test');
  felletin = await t.agentAs('pharmacien.felletin@officoop.test');
  robotId = (await admin.post('/api/robots').send({ name: 'Robot PDA de Bugeat', hostPharmacyId: 1 })).body.id;
  // 1 121 pouches and 46 tray units: 48 min.
  order = insertOrder(t.db, { careHome: 'ehpad-felletin', week: '2026-W49', pouches: 1121, manualUnits: 46 });
});

describe('time already past', () => {
  it('When the week is read mid-Wednesday, Then Monday and Tuesday have no free minutes and Wednesday only what is left', async () => {
    const res = await felletin.get(`/api/robots/${robotId}/calendar?week=2026-W48`);
    expect(res.status).toBe(200);
    expect(res.body.days.map((d: { freeMinutes: number }) => d.freeMinutes)).toEqual([0, 0, 262, 540, 540, 0, 0]);
  });

  it('When the start picker proposes starts, Then the first is the next whole minute, not the start of the window', async () => {
    const res = await felletin.get(`/api/robots/${robotId}/slots?orderIds=${order}`);
    expect(res.body.earliest).toBe('2026-11-25T13:08:00.000Z');
    expect(res.body.starts[0]).toBe('2026-11-25T13:08:00.000Z');
    expect(res.body.starts.every((s: string) => s >= '2026-11-25T13:07:30.000Z')).toBe(true);
  });

  it('When the week is planned, Then its batch starts from now, not earlier in the window', async () => {
    const res = await felletin.post('/api/robot-batches/plan').send({ robotId, orderWeek: '2026-W49' });
    expect(res.body.batches.map((b: { start: string }) => b.start)).toEqual(['2026-11-25T13:08:00.000Z']);
  });

  it('When a booking takes the slot that was the first free one, Then the next starts offered are all ahead', async () => {
    const meymacOrder = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2026-W49', pouches: 600 });
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    expect(
      (
        await meymac
          .post('/api/robot-batches')
          .send({ robotId, start: '2026-11-25T13:08:00.000Z', orderIds: [meymacOrder] })
      ).status,
    ).toBe(201);
    const taken = await felletin
      .post('/api/robot-batches')
      .send({ robotId, start: '2026-11-25T13:10:00.000Z', orderIds: [order] });
    expect(taken.body.error.code).toBe('robot.slot_taken');
    expect(taken.body.error.details[0].nextStarts[0]).toBe('2026-11-25T13:43:00.000Z');
  });
});
