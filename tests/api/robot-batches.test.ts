import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertOrder, orderStatus, resetRobotData, robotState } from '../helpers/robot';
import { createTestApp } from '../helpers/test-app';

// Same week as robot-booking.test.ts: TEST_NOW Monday 2026-11-23 09:00Z; W49 orders close
// Wednesday 25 at 11:00Z, must be produced by Friday 27 at 09:00Z; windows 07:30Z–11:30Z, 12:30Z–17:30Z.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let admin: Agent;
let felletin: Agent;
let meymac: Agent;
let carehome: Agent;
let robotId: number;
let felletinOrder: number;
let meymacOrder: number;
let felletinBatch: number;

beforeAll(async () => {
  t = await createTestApp({ seed: 'organisation' });
  admin = await t.agentAs('admin@officoop.test');
  felletin = await t.agentAs('pharmacien.felletin@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  carehome = await t.agentAs('ehpad.meymac@officoop.test');
});

beforeEach(async () => {
  resetRobotData(t.db);
  robotId = (await admin.post('/api/robots').send({ name: 'Robot PDA de Bugeat', hostPharmacyId: 1 })).body.id;
  felletinOrder = insertOrder(t.db, { careHome: 'ehpad-felletin', week: '2026-W49', pouches: 1121, manualUnits: 46 });
  meymacOrder = insertOrder(t.db, { careHome: 'ehpad-meymac', week: '2026-W49', pouches: 2240 });
  const booked = await felletin
    .post('/api/robot-batches')
    .send({ robotId, start: '2026-11-25T12:30:00.000Z', orderIds: [felletinOrder] });
  felletinBatch = booked.body.id;
});

describe('rescheduling and cancelling before production', () => {
  it('When the pharmacy moves its batch to a free slot, Then it keeps its duration at the new start', async () => {
    const res = await felletin
      .post(`/api/robot-batches/${felletinBatch}/reschedule`)
      .send({ start: '2026-11-26T07:30:00.000Z' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      start: '2026-11-26T07:30:00.000Z',
      end: '2026-11-26T08:18:00.000Z',
      durationMinutes: 48,
    });
  });

  it('When it moves by ten minutes over its own time, Then it does not conflict with itself', async () => {
    const res = await felletin
      .post(`/api/robot-batches/${felletinBatch}/reschedule`)
      .send({ start: '2026-11-25T12:40:00.000Z' });
    expect(res.status).toBe(200);
  });

  it('When it is moved to before the cut-off of its order, Then 422 robot.before_cutoff and nothing moves', async () => {
    const before = robotState(t.db);
    const res = await felletin
      .post(`/api/robot-batches/${felletinBatch}/reschedule`)
      .send({ start: '2026-11-24T12:30:00.000Z' });
    expect([res.status, res.body.error.code]).toEqual([422, 'robot.before_cutoff']);
    expect(res.body.error.details).toEqual([
      { orderId: felletinOrder, cutoffAt: '2026-11-25T11:00:00.000Z', start: '2026-11-24T12:30:00.000Z' },
    ]);
    expect(robotState(t.db)).toEqual(before);
  });

  it('When it moves onto another batch, Then 409 robot.slot_taken and nothing moves', async () => {
    await meymac
      .post('/api/robot-batches')
      .send({ robotId, start: '2026-11-26T07:30:00.000Z', orderIds: [meymacOrder] });
    const before = robotState(t.db);
    const res = await felletin
      .post(`/api/robot-batches/${felletinBatch}/reschedule`)
      .send({ start: '2026-11-26T08:00:00.000Z' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('robot.slot_taken');
    expect(robotState(t.db)).toEqual(before);
  });

  it("When another pharmacy tries to move or cancel it, Then 404 (it cannot probe other pharmacies' batches)", async () => {
    const before = robotState(t.db);
    const move = await meymac
      .post(`/api/robot-batches/${felletinBatch}/reschedule`)
      .send({ start: '2026-11-26T07:30:00.000Z' });
    const cancel = await meymac.post(`/api/robot-batches/${felletinBatch}/cancel`);
    expect([move.status, move.body.error.code]).toEqual([404, 'robot.batch_not_found']);
    expect([cancel.status, cancel.body.error.code]).toEqual([404, 'robot.batch_not_found']);
    expect(robotState(t.db)).toEqual(before);
  });

  it('When the batch is cancelled, Then its order is submitted again and can be booked anew', async () => {
    const res = await felletin.post(`/api/robot-batches/${felletinBatch}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(orderStatus(t.db, felletinOrder)).toBe('submitted');
    const again = await felletin
      .post('/api/robot-batches')
      .send({ robotId, start: '2026-11-25T12:30:00.000Z', orderIds: [felletinOrder] });
    expect(again.status).toBe(201);
  });

  it('When its planned order is cancelled, Then the batch is cancelled with it and the week can be ordered and booked again', async () => {
    const cancelled = await felletin.post(`/api/orders/${felletinOrder}/cancel`);
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
    expect((await felletin.get(`/api/robot-batches/${felletinBatch}`)).body.status).toBe('cancelled');
    // The robot's time is free again, and the care home's order of the week can come back.
    const home = await t.agentAs('ehpad.felletin@officoop.test');
    const careHomeId = (
      t.db.$client.prepare(`SELECT id FROM care_homes WHERE slug = 'ehpad-felletin'`).get() as { id: number }
    ).id;
    const reopened = await home.post('/api/orders').send({ careHomeId, week: '2026-W49' });
    expect([reopened.body.id, reopened.body.status]).toEqual([felletinOrder, 'draft']);
    expect((await home.post(`/api/orders/${felletinOrder}/submit`)).status).toBe(200);
    // The organisation seed has no residents: give the reopened order the pouches it had.
    t.db.$client.prepare('UPDATE weekly_orders SET pouches = 1121, manual_units = 46 WHERE id = ?').run(felletinOrder);
    const pending = await felletin.get(`/api/robots/${robotId}/pending-orders?week=2026-W49`);
    expect(pending.body.items.map((o: { orderId: number }) => o.orderId)).toContain(felletinOrder);
    const again = await felletin
      .post('/api/robot-batches')
      .send({ robotId, start: '2026-11-25T12:30:00.000Z', orderIds: [felletinOrder] });
    expect([again.status, again.body.error]).toEqual([201, undefined]);
  });

  it('When one of the two planned orders of a batch is cancelled, Then the batch keeps its start and shrinks to the other', async () => {
    // A second care home served by Felletin, so that one batch holds two orders of that pharmacy.
    t.db.$client.exec(`INSERT OR IGNORE INTO care_homes (slug, name, finess, pharmacy_id, active, created_at)
      SELECT 'ehpad-felletin-2', 'EHPAD La Creuse — Felletin', '230000999', pharmacy_id, 1, created_at
      FROM care_homes WHERE slug = 'ehpad-felletin'`);
    const second = insertOrder(t.db, { careHome: 'ehpad-felletin-2', week: '2026-W49', pouches: 300 });
    await felletin.post(`/api/robot-batches/${felletinBatch}/cancel`);
    const both = await felletin
      .post('/api/robot-batches')
      .send({ robotId, start: '2026-11-25T12:30:00.000Z', orderIds: [felletinOrder, second] });
    expect([both.status, both.body.pouches]).toEqual([201, 1421]);

    expect((await felletin.post(`/api/orders/${second}/cancel`)).status).toBe(200);
    const batch = (await felletin.get(`/api/robot-batches/${both.body.id}`)).body;
    // 15 set-up + ⌈1121 / 60⌉ = 19 + ⌈46 × 4 s / 60⌉ = 4 + 10 cleaning: the booking of felletinOrder alone.
    expect(batch).toMatchObject({
      status: 'booked',
      start: '2026-11-25T12:30:00.000Z',
      end: '2026-11-25T13:18:00.000Z',
      durationMinutes: 48,
      pouches: 1121,
      orderIds: [felletinOrder],
    });
    expect(orderStatus(t.db, felletinOrder)).toBe('planned');
  });

  it('When a cancelled batch is cancelled again or moved, Then 409 robot.batch_cancelled (not "production has started") and nothing changes', async () => {
    await felletin.post(`/api/robot-batches/${felletinBatch}/cancel`);
    const before = robotState(t.db);
    const twice = await felletin.post(`/api/robot-batches/${felletinBatch}/cancel`);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'robot.batch_cancelled']);
    expect(twice.body.error.details).toEqual([{ status: 'cancelled' }]);
    const move = await felletin
      .post(`/api/robot-batches/${felletinBatch}/reschedule`)
      .send({ start: '2026-11-26T07:30:00.000Z' });
    expect([move.status, move.body.error.code]).toEqual([409, 'robot.batch_cancelled']);
    expect(robotState(t.db)).toEqual(before);
    expect(orderStatus(t.db, felletinOrder)).toBe('submitted');
  });

  it('When production has started, Then the batch can no longer be moved or cancelled', async () => {
    await felletin.post(`/api/robot-batches/${felletinBatch}/cancel`);
    const other = await felletin
      .post('/api/robot-batches')
      .send({ robotId, start: '2026-11-25T12:30:00.000Z', orderIds: [felletinOrder] });
    t.db.$client.prepare(`UPDATE robot_batches SET status = 'in_production' WHERE id = ?`).run(other.body.id);
    const before = robotState(t.db);
    const move = await felletin
      .post(`/api/robot-batches/${other.body.id}/reschedule`)
      .send({ start: '2026-11-26T07:30:00.000Z' });
    expect([move.status, move.body.error.code]).toEqual([409, 'robot.batch_not_movable']);
    const cancel = await felletin.post(`/api/robot-batches/${other.body.id}/cancel`);
    expect([cancel.status, cancel.body.error.code]).toEqual([409, 'robot.batch_not_movable']);
    expect(cancel.body.error.details).toEqual([{ status: 'in_production' }]);
    expect(robotState(t.db)).toEqual(before);
  });

  it('When the database is asked directly for an overlapping batch, Then its trigger refuses it', () => {
    expect(() =>
      t.db.$client
        .prepare(
          `INSERT INTO robot_batches (robot_id, pharmacy_id, start_at, end_at, status, pouches, manual_units,
             duration_minutes, setup_minutes, pouch_minutes, manual_minutes, cleaning_minutes, created_at, updated_at)
           VALUES (?, 2, '2026-11-25T13:00:00.000Z', '2026-11-25T13:25:00.000Z', 'booked', 0, 0, 25, 15, 0, 0, 10, 'x', 'x')`,
        )
        .run(robotId),
    ).toThrow(/overlap/);
  });
});

describe('reading batches, the calendar and what is left to plan', () => {
  it("When another pharmacy lists the week's batches, Then it sees the time block with pharmacy and care home, no resident", async () => {
    const res = await meymac.get(`/api/robot-batches?robotId=${robotId}&week=2026-W48`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: felletinBatch,
        start: '2026-11-25T12:30:00.000Z',
        end: '2026-11-25T13:18:00.000Z',
        pouches: 1121,
        manualUnits: 46,
        durationMinutes: 48,
        pharmacyName: 'Pharmacie de Felletin',
        careHomes: [{ id: expect.any(Number), name: 'EHPAD Les Tilleuls — Felletin' }],
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/resident/i);
    expect((await meymac.get(`/api/robot-batches?robotId=${robotId}&week=2026-W49`)).body.items).toEqual([]);
  });

  it('When any member opens a batch, Then it answers and an unknown one is 404; a care home is refused (SPEC §2)', async () => {
    expect((await meymac.get(`/api/robot-batches/${felletinBatch}`)).status).toBe(200);
    expect((await meymac.get('/api/robot-batches/999999')).body.error.code).toBe('robot.batch_not_found');
    expect((await meymac.get('/api/robot-batches/0x1')).status).toBe(400);
    // Another care home's name, order and pouches are not a care home's to read.
    expect((await carehome.get(`/api/robot-batches/${felletinBatch}`)).status).toBe(403);
  });

  it('When the calendar of the week is read, Then windows, batches and free minutes per day are there', async () => {
    const res = await meymac.get(`/api/robots/${robotId}/calendar?week=2026-W48`);
    expect(res.status).toBe(200);
    expect(res.body.windows).toHaveLength(10);
    expect(res.body.windows[0]).toEqual({
      day: '2026-11-23',
      start: '2026-11-23T07:30:00.000Z',
      end: '2026-11-23T11:30:00.000Z',
    });
    // Monday: it is 09:00Z, the 90 minutes since 07:30Z are past, not free. Wednesday: 48 booked.
    expect(res.body.days.map((d: { freeMinutes: number }) => d.freeMinutes)).toEqual([450, 540, 492, 540, 540, 0, 0]);
    expect(res.body.batches).toEqual([
      expect.objectContaining({ id: felletinBatch, pharmacyName: 'Pharmacie de Felletin', mine: false }),
    ]);
    const own = await felletin.get(`/api/robots/${robotId}/calendar?week=2026-W48`);
    expect(own.body.batches[0].mine).toBe(true);
    expect((await meymac.get(`/api/robots/${robotId}/calendar?week=2026-W60`)).status).toBe(400);
    expect((await meymac.get('/api/robots/999/calendar?week=2026-W48')).body.error.code).toBe('robot.not_found');
  });

  it('When Meymac asks where its order fits, Then the picker gets the next free starts after its cut-off', async () => {
    const res = await meymac.get(`/api/robots/${robotId}/slots?orderIds=${meymacOrder}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      durationMinutes: 63,
      breakdown: { setup: 15, pouches: 38, manual: 0, cleaning: 10 },
      deadline: '2026-11-27T09:00:00.000Z',
      earliest: '2026-11-25T11:00:00.000Z',
      starts: [
        '2026-11-25T13:18:00.000Z',
        '2026-11-26T07:30:00.000Z',
        '2026-11-26T12:30:00.000Z',
        '2026-11-27T07:30:00.000Z',
      ],
    });
    expect((await felletin.get(`/api/robots/${robotId}/slots?orderIds=${meymacOrder}`)).status).toBe(404);
    expect((await meymac.get(`/api/robots/${robotId}/slots?orderIds=1,,2`)).status).toBe(400);
  });

  it('When pending orders are listed, Then each pharmacy sees its own, the coordinator all, a care home nothing', async () => {
    const mine = await meymac.get(`/api/robots/${robotId}/pending-orders?week=2026-W49`);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        orderId: meymacOrder,
        careHomeName: 'EHPAD Le Puy Chabrol — Meymac',
        deadline: '2026-11-27T09:00:00.000Z',
        durationMinutes: 63,
      }),
    ]);
    expect((await felletin.get(`/api/robots/${robotId}/pending-orders`)).body.items).toEqual([]);
    expect((await admin.get(`/api/robots/${robotId}/pending-orders?week=2026-W49`)).body.items).toHaveLength(1);
    expect((await carehome.get(`/api/robots/${robotId}/pending-orders`)).status).toBe(403);
  });
});
