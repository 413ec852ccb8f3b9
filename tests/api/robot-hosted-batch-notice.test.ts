import { beforeEach, describe, expect, it } from 'vitest';
import { parisDate, parisTime } from '../../server/shared/dates';
import { orderId } from '../helpers/orders';
import { bookFirstSlot, ensureRobot } from '../helpers/production';
import { count } from '../helpers/robot';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW is Monday 2026-11-23 09:00Z over the demo. Its robot is hosted by Bugeat; Felletin's and
// Meymac's W49 orders are submitted and unplanned, and may be booked on it after their cut-off
// (Wednesday 25, 11:00Z). Bugeat's staff run that robot: each change a colleague makes to a batch
// on it is told to them (SPEC §6), never to the batch's own pharmacy nor to a third one.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type Batch = { id: number; status: string; start: string; end: string; pouches: number; orderIds: number[] };
type Notice = {
  id: number;
  kind: string;
  entity: string;
  entityId: string;
  messageKey: string;
  params: Record<string, string | number>;
  dismissedAt: string | null;
};

const KIND = 'robot.hosted_batch_changed';

let t: App;
let bugeat: Agent;
let felletin: Agent;
let meymac: Agent;
let home: Agent;
let robotId: number;
let order: number;

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  felletin = await t.agentAs('pharmacien.felletin@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  home = await t.agentAs('ehpad.felletin@officoop.test');
  robotId = await ensureRobot(t.db, await t.agentAs('admin@officoop.test'));
  order = orderId(t.db, 'ehpad-felletin', '2026-W49');
});

const notices = async (agent: Agent, state = 'open'): Promise<Notice[]> => {
  const res = await agent.get('/api/alerts').query({ state });
  expect(res.status).toBe(200);
  return (res.body.items as Notice[]).filter((a) => a.kind === KIND);
};
const batchOf = async (id: number): Promise<Batch> => (await felletin.get(`/api/robot-batches/${id}`)).body;
const robotName = () =>
  (t.db.$client.prepare('SELECT name FROM robots WHERE id = ?').get(robotId) as { name: string }).name;
/** The slot as a host reads it: Paris day, start and end times. */
const slotOf = (b: Pick<Batch, 'start' | 'end'>) => ({
  startDay: parisDate(new Date(b.start)),
  startTime: parisTime(new Date(b.start)),
  endTime: parisTime(new Date(b.end)),
});

/** Only the host's staff are told: not the batch's pharmacy, not a pharmacy with no part in it. */
async function onlyHostTold() {
  const technician = await t.agentAs('preparateur.bugeat@officoop.test');
  expect(await notices(technician)).toHaveLength(1);
  expect(await notices(felletin)).toEqual([]);
  expect(await notices(meymac)).toEqual([]);
}

describe('a colleague books a batch on the host’s robot', () => {
  it('When Felletin books its order on Bugeat’s robot, Then Bugeat is told who booked which slot with how many pouches, with a link to the batch', async () => {
    const batch = await batchOf(await bookFirstSlot(felletin, robotId, [order]));
    const told = await notices(bugeat);
    expect(told).toEqual([
      expect.objectContaining({
        entity: 'robot_batch',
        entityId: String(batch.id),
        messageKey: 'alerts.hostedBatchBooked',
        params: expect.objectContaining({
          batchId: batch.id,
          change: 'booked',
          robot: robotName(),
          pharmacy: expect.stringContaining('Felletin'),
          ...slotOf(batch),
          pouches: batch.pouches,
        }),
      }),
    ]);
    // The first slot after Wednesday's 12:00 (Paris) cut-off.
    expect(told[0]?.params.startDay).toBe('2026-11-25');
    await onlyHostTold();
  });

  it('When Meymac tries to book Felletin’s order, Then it gets 404 and nobody is told', async () => {
    const slots = await felletin.get(`/api/robots/${robotId}/slots`).query({ orderIds: String(order) });
    const res = await meymac
      .post('/api/robot-batches')
      .send({ robotId, start: slots.body.starts[0], orderIds: [order] });
    expect([res.status, res.body.error.code]).toEqual([404, 'robot.order_not_found']);
    expect(count(t.db, 'alerts', `kind = '${KIND}'`)).toBe(0);
  });

  it('When Felletin applies the planner to its week, Then Bugeat is told of each batch it placed', async () => {
    const res = await felletin.post('/api/robot-batches/plan').send({ robotId, orderWeek: '2026-W49', apply: true });
    expect([res.status, res.body.applied]).toEqual([200, true]);
    const placed = res.body.batches as { id: number; pouches: number; start: string; end: string }[];
    expect(placed.length).toBeGreaterThan(0);
    const told = await notices(bugeat);
    expect(told.map((n) => n.entityId).sort()).toEqual(placed.map((b) => String(b.id)).sort());
    for (const b of placed) {
      expect(told.find((n) => n.entityId === String(b.id))).toMatchObject({
        messageKey: 'alerts.hostedBatchBooked',
        params: { pharmacy: expect.stringContaining('Felletin'), ...slotOf(b), pouches: b.pouches },
      });
    }
    expect(await notices(felletin)).toEqual([]);
    expect(await notices(meymac)).toEqual([]);
  });

  it('When the robot is Felletin’s own, Then booking, moving and cancelling on it tell nobody', async () => {
    const admin = await t.agentAs('admin@officoop.test');
    const own = await admin.post('/api/robots').send({ name: 'Robot PDA de Felletin', hostPharmacyId: 4 });
    expect(own.status).toBe(201);
    const id = await bookFirstSlot(felletin, own.body.id, [order]);
    const slots = await felletin
      .get(`/api/robots/${own.body.id}/slots`)
      .query({ orderIds: String(order), excludeBatchId: id });
    const { start } = await batchOf(id);
    const later = (slots.body.starts as string[]).find((s) => s !== start);
    expect((await felletin.post(`/api/robot-batches/${id}/reschedule`).send({ start: later })).status).toBe(200);
    expect((await felletin.post(`/api/robot-batches/${id}/cancel`)).status).toBe(200);
    expect(count(t.db, 'alerts', `kind = '${KIND}'`)).toBe(0);
  });
});

describe('a colleague moves or cancels a batch on the host’s robot', () => {
  it('When Felletin moves its batch, Then Bugeat is told it moved from the old slot to the new one, in one notice', async () => {
    const booked = await batchOf(await bookFirstSlot(felletin, robotId, [order]));
    const slots = await felletin
      .get(`/api/robots/${robotId}/slots`)
      .query({ orderIds: String(order), excludeBatchId: booked.id });
    const to = (slots.body.starts as string[]).find((s) => s !== booked.start) as string;
    const refused = await meymac.post(`/api/robot-batches/${booked.id}/reschedule`).send({ start: to });
    expect([refused.status, refused.body.error.code]).toEqual([404, 'robot.batch_not_found']);
    expect((await notices(bugeat))[0]?.messageKey).toBe('alerts.hostedBatchBooked');

    const res = await felletin.post(`/api/robot-batches/${booked.id}/reschedule`).send({ start: to });
    expect(res.status).toBe(200);
    const moved = res.body as Batch;
    const from = slotOf(booked);
    expect(await notices(bugeat)).toEqual([
      expect.objectContaining({
        entityId: String(booked.id),
        messageKey: 'alerts.hostedBatchMoved',
        params: expect.objectContaining({
          change: 'moved',
          pharmacy: expect.stringContaining('Felletin'),
          robot: robotName(),
          ...slotOf(moved),
          fromDay: from.startDay,
          fromStartTime: from.startTime,
          fromEndTime: from.endTime,
          pouches: booked.pouches,
        }),
      }),
    ]);
    await onlyHostTold();
  });

  it('When Felletin moves on the next day a batch booked the day before, Then the host keeps only the latest notice open', async () => {
    const booked = await batchOf(await bookFirstSlot(felletin, robotId, [order]));
    t.clock.set('2026-11-24T09:00:00.000Z');
    felletin = await t.agentAs('pharmacien.felletin@officoop.test');
    bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const slots = await felletin
      .get(`/api/robots/${robotId}/slots`)
      .query({ orderIds: String(order), excludeBatchId: booked.id });
    const to = (slots.body.starts as string[]).find((s) => s !== booked.start) as string;
    expect((await felletin.post(`/api/robot-batches/${booked.id}/reschedule`).send({ start: to })).status).toBe(200);
    expect((await notices(bugeat)).map((n) => n.messageKey)).toEqual(['alerts.hostedBatchMoved']);
    expect((await notices(bugeat, 'all')).map((n) => n.messageKey).sort()).toEqual([
      'alerts.hostedBatchBooked',
      'alerts.hostedBatchMoved',
    ]);
  });

  it('When Felletin cancels its batch, Then Bugeat is told the slot is free, with its times and pouches', async () => {
    const booked = await batchOf(await bookFirstSlot(felletin, robotId, [order]));
    const refused = await meymac.post(`/api/robot-batches/${booked.id}/cancel`);
    expect([refused.status, refused.body.error.code]).toEqual([404, 'robot.batch_not_found']);
    expect((await felletin.post(`/api/robot-batches/${booked.id}/cancel`)).status).toBe(200);
    expect(await notices(bugeat)).toEqual([
      expect.objectContaining({
        entityId: String(booked.id),
        messageKey: 'alerts.hostedBatchCancelled',
        params: expect.objectContaining({
          change: 'cancelled',
          pharmacy: expect.stringContaining('Felletin'),
          ...slotOf(booked),
          pouches: booked.pouches,
        }),
      }),
    ]);
    await onlyHostTold();
  });
});

describe('an order of a batch on the host’s robot changes before its cut-off', () => {
  /** Residents of the order away all week: the order and its batch shrink. Returns the absences. */
  async function residentsAway(n: number): Promise<number[]> {
    const o = (await felletin.get(`/api/orders/${order}`)).body;
    const ids: number[] = [];
    for (const r of o.residents.slice(0, n) as { residentId: number }[]) {
      const res = await home
        .post(`/api/orders/${order}/absences`)
        .send({ residentId: r.residentId, from: '2026-11-30', to: '2026-12-06', reason: 'leave' });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    return ids;
  }

  it('When residents are away, Then Bugeat is told the batch is shorter, and longer than it last read when residents come back', async () => {
    const booked = await batchOf(await bookFirstSlot(felletin, robotId, [order]));
    const absences = await residentsAway(4);
    const shrunk = await batchOf(booked.id);
    expect(shrunk.end < booked.end).toBe(true);
    const careHome = expect.stringContaining('Felletin');
    expect(await notices(bugeat)).toEqual([
      expect.objectContaining({
        entityId: String(booked.id),
        messageKey: 'alerts.hostedBatchOrderChangedShorter',
        params: expect.objectContaining({
          change: 'shrunk',
          careHome,
          weekNumber: 49,
          ...slotOf(shrunk),
          pouches: shrunk.pouches,
          fromPouches: booked.pouches,
          fromEndTime: parisTime(new Date(booked.end)),
        }),
      }),
    ]);
    await onlyHostTold();

    // A second change while the notice is open: still counted from the figures first told.
    expect((await home.delete(`/api/orders/${order}/absences/${absences[0]}`)).status).toBe(204);
    const back = await batchOf(booked.id);
    expect(back.end > shrunk.end && back.end < booked.end).toBe(true);
    expect(await notices(bugeat)).toEqual([
      expect.objectContaining({
        messageKey: 'alerts.hostedBatchOrderChangedShorter',
        params: expect.objectContaining({
          change: 'shrunk',
          ...slotOf(back),
          pouches: back.pouches,
          fromPouches: booked.pouches,
          fromEndTime: parisTime(new Date(booked.end)),
        }),
      }),
    ]);

    // Bugeat read and dismissed it: a growth is then told against the batch it last read.
    const [read] = await notices(bugeat);
    expect((await bugeat.post(`/api/alerts/${read?.id}/dismiss`)).status).toBe(200);
    expect((await home.delete(`/api/orders/${order}/absences/${absences[1]}`)).status).toBe(204);
    const grown = await batchOf(booked.id);
    expect(grown.end > back.end).toBe(true);
    expect(await notices(bugeat)).toEqual([
      expect.objectContaining({
        messageKey: 'alerts.hostedBatchOrderChangedLonger',
        params: expect.objectContaining({
          change: 'grown',
          ...slotOf(grown),
          pouches: grown.pouches,
          fromPouches: back.pouches,
          fromEndTime: parisTime(new Date(back.end)),
        }),
      }),
    ]);
  });

  it('When the order grows out of its slot, Then it leaves the batch and Bugeat is told the slot is free', async () => {
    const booked = await batchOf(await bookFirstSlot(felletin, robotId, [order]));
    const absences = await residentsAway(4);
    const shrunk = await batchOf(booked.id);
    // Meymac books right after the shrunk batch: no room left to grow into.
    const meymacOrder = orderId(t.db, 'ehpad-meymac', '2026-W49');
    const next = await meymac.post('/api/robot-batches').send({ robotId, start: shrunk.end, orderIds: [meymacOrder] });
    expect(next.status).toBe(201);

    expect((await home.delete(`/api/orders/${order}/absences/${absences[0]}`)).status).toBe(204);
    expect((await batchOf(booked.id)).status).toBe('cancelled');
    const told = await notices(bugeat);
    expect(told.find((n) => n.entityId === String(booked.id))).toMatchObject({
      messageKey: 'alerts.hostedBatchOrderLeftEmptied',
      params: { change: 'emptied', ...slotOf(shrunk), careHome: expect.stringContaining('Felletin') },
    });
    // Meymac's booking is told too; neither booking pharmacy hears of the other's.
    expect(told.find((n) => n.entityId === String(next.body.id))?.messageKey).toBe('alerts.hostedBatchBooked');
    expect(await notices(felletin)).toEqual([]);
    expect(await notices(meymac)).toEqual([]);
    expect(await notices(await t.agentAs('pharmacien.peyrelevade@officoop.test'))).toEqual([]);
  });
});

describe('notices raised before robot.hosted_batch_changed', () => {
  it('When an old robot.hosted_batch_reduced notice’s batch starts, Then it is resolved with the new ones', async () => {
    const id = await bookFirstSlot(felletin, robotId, [order]);
    t.db.$client
      .prepare(
        `INSERT INTO alerts (pharmacy_id, scope_key, kind, entity, entity_id, message_key, params, raised_on, raised_by, created_at)
         VALUES (1, 'pharmacy:1', 'robot.hosted_batch_reduced', 'robot_batch', ?, 'alerts.hostedBatchShrunk', '{}', '2026-11-22', 'x', '2026-11-22T09:00:00.000Z')`,
      )
      .run(String(id));
    expect((await bugeat.get('/api/alerts')).body.items.filter((a: Notice) => a.entityId === String(id))).toHaveLength(
      2,
    );
    t.clock.set('2026-11-25T12:00:00.000Z');
    bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect((await bugeat.post(`/api/robot-batches/${id}/start`)).status).toBe(200);
    expect(
      count(t.db, 'alerts', `entity_id = '${id}' AND kind LIKE 'robot.hosted_batch_%' AND dismissed_at IS NULL`),
    ).toBe(0);
  });
});
