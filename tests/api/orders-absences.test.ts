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

describe('changing the days of an absence (back from hospital a day early)', () => {
  const pouchesOf = async () =>
    ((await ehpad.get(`/api/orders/${order}`)).body as { totals: { pouches: number } }).totals.pouches;

  it('When the nurse ends a Tuesday–Thursday absence on Wednesday, Then Thursday’s pouches come back, the history names both runs', async () => {
    const before = await pouchesOf();
    const added = await ehpad.post(`/api/orders/${order}/absences`).send(absence('2026-12-01', '2026-12-03'));
    const threeDays = before - (await pouchesOf());
    expect(threeDays).toBeGreaterThan(0);
    const res = await ehpad
      .patch(`/api/orders/${order}/absences/${added.body.id}`)
      .send({ from: '2026-12-01', to: '2026-12-02' });
    expect(res.status).toBe(200);
    // The same absence, with new days: its id stays, so a second tab or a retry still finds it.
    expect(res.body).toMatchObject({
      id: added.body.id,
      residentId,
      from: '2026-12-01',
      to: '2026-12-02',
      reason: 'leave',
    });
    const events = async () => ((await ehpad.get(`/api/orders/${order}`)).body.events as unknown[]).length;
    const eventsBefore = await events();
    const again = await ehpad
      .patch(`/api/orders/${order}/absences/${added.body.id}`)
      .send({ from: '2026-12-01', to: '2026-12-02' });
    // The same days again change nothing, and the history does not say they did.
    expect([again.status, again.body.id]).toEqual([200, added.body.id]);
    expect(await events()).toBe(eventsBefore);
    const detail = (await ehpad.get(`/api/orders/${order}`)).body as {
      totals: { pouches: number };
      absences: { id: number; from: string; to: string }[];
      events: { kind: string; details: Record<string, unknown> }[];
    };
    // Two of three days stay away: a daily resident's pouches of one day come back.
    expect(before - detail.totals.pouches).toBe((threeDays / 3) * 2);
    expect(detail.absences.map((a) => [a.from, a.to])).toEqual([['2026-12-01', '2026-12-02']]);
    expect(detail.events.at(-1)).toMatchObject({
      kind: 'absence_changed',
      details: {
        residentId,
        from: '2026-12-01',
        to: '2026-12-02',
        previousFrom: '2026-12-01',
        previousTo: '2026-12-03',
      },
    });
  });

  it('When the new days overlap another absence of the resident or leave the week, Then 409 / 422 and nothing is written', async () => {
    const first = await ehpad.post(`/api/orders/${order}/absences`).send(absence('2026-12-01', '2026-12-02'));
    await ehpad.post(`/api/orders/${order}/absences`).send(absence('2026-12-04', '2026-12-05'));
    const counts = orderTableCounts(t.db);
    const path = `/api/orders/${order}/absences/${first.body.id}`;
    const clash = await ehpad.patch(path).send({ from: '2026-12-01', to: '2026-12-04' });
    expect([clash.status, clash.body.error.code]).toEqual([409, 'orders.absence_overlaps']);
    const outside = await ehpad.patch(path).send({ from: '2026-12-01', to: '2026-12-08' });
    expect([outside.status, outside.body.error.code]).toEqual([422, 'orders.absence_outside_week']);
    const reversed = await ehpad.patch(path).send({ from: '2026-12-02', to: '2026-12-01' });
    expect(reversed.status).toBe(422);
    expect((await ehpad.patch(path).send({ from: '2026-12-01' })).status).toBe(400);
    expect(orderTableCounts(t.db)).toEqual(counts);
    // Within its own days it may shrink at either end.
    expect((await ehpad.patch(path).send({ from: '2026-12-02', to: '2026-12-02' })).status).toBe(200);
  });

  it('When another care home or a removed absence is named, Then 404; after the cut-off, 409 orders.cutoff_passed', async () => {
    const added = await ehpad.post(`/api/orders/${order}/absences`).send(absence('2026-12-01', '2026-12-03'));
    const path = `/api/orders/${order}/absences/${added.body.id}`;
    const meymac = await t.agentAs('ehpad.meymac@officoop.test');
    expect((await meymac.patch(path).send({ from: '2026-12-01', to: '2026-12-02' })).status).toBe(404);
    const otherPharmacy = await t.agentAs('pharmacien.meymac@officoop.test');
    expect((await otherPharmacy.patch(path).send({ from: '2026-12-01', to: '2026-12-02' })).status).toBe(404);
    t.clock.set('2026-11-25T11:30:00.000Z');
    ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
    const late = await ehpad.patch(path).send({ from: '2026-12-01', to: '2026-12-02' });
    expect([late.status, late.body.error.code]).toEqual([409, 'orders.cutoff_passed']);
    t.clock.set('2026-11-23T09:00:00.000Z');
    ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
    expect((await ehpad.delete(path)).status).toBe(204);
    expect((await ehpad.patch(path).send({ from: '2026-12-01', to: '2026-12-02' })).status).toBe(404);
  });
});

describe('an absence on days the resident is already away by status (found by a tester)', () => {
  it('When every day of it is one the resident’s status keeps away, Then 422 orders.resident_away_by_status and nothing is written', async () => {
    const pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    const status = { status: 'hospitalised', statusFrom: '2026-12-01', statusTo: '2026-12-03' };
    expect((await pharmacist.patch(`/api/residents/${residentId}`).send(status)).status).toBe(200);
    const counts = orderTableCounts(t.db);
    const res = await ehpad.post(`/api/orders/${order}/absences`).send(absence('2026-12-02', '2026-12-03'));
    expect([res.status, res.body.error.code]).toEqual([422, 'orders.resident_away_by_status']);
    expect(res.body.error.details[0]).toMatchObject({ residentId, ...status, from: '2026-12-02', to: '2026-12-03' });
    expect(orderTableCounts(t.db)).toEqual(counts);
    // One day the resident is back is enough for the absence to matter.
    expect((await ehpad.post(`/api/orders/${order}/absences`).send(absence('2026-12-03', '2026-12-04'))).status).toBe(
      201,
    );
  });

  it('When the resident left before the week, Then no absence of theirs is accepted in it', async () => {
    const pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    const left = { status: 'discharged', statusFrom: '2026-11-20' };
    expect((await pharmacist.patch(`/api/residents/${residentId}`).send(left)).status).toBe(200);
    const res = await ehpad.post(`/api/orders/${order}/absences`).send(absence('2026-11-30', '2026-12-06'));
    expect([res.status, res.body.error.code]).toEqual([422, 'orders.resident_away_by_status']);
  });
});
