import { beforeEach, describe, expect, it } from 'vitest';
import { careHomeId, dailyResidents, orderId, orderTableCounts, setOrderStatus } from '../helpers/orders';
import { pdfText } from '../helpers/shares';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW is Monday 2026-11-23 10:00 Paris: W48 was delivered last Friday (submitted), W49 is the
// open week (cut-off Wednesday 25 November 12:00 Paris; Bugeat's draft, the others submitted), W50 drafts.
const OPEN = '2026-W49';
const AFTER_CUTOFF = '2026-11-25T11:00:00.000Z';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type Day = { date: string; absent: boolean; pouchesByTime: Record<string, number> };
type OrderResident = { residentId: number; name: string; room: string; pouches: number; days: Day[] };

let t: App;
let ehpad: Agent;
let pharmacist: Agent;
let bugeatOrder: number;

beforeEach(async () => {
  t = await createTestApp();
  ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
  pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
  bugeatOrder = orderId(t.db, 'ehpad-bugeat', OPEN);
});

const dayPouches = (d: Day) => Object.values(d.pouchesByTime).reduce((s, n) => s + n, 0);

async function afterCutoff() {
  t.clock.set(AFTER_CUTOFF);
  ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
  pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
}

describe('the weekly order life cycle', () => {
  it('When the care home opens its open week, Then the order has the contract fields and consistent totals', async () => {
    const list = await ehpad.get(`/api/orders?week=${OPEN}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: bugeatOrder, week: OPEN, status: 'draft', editable: true }),
    ]);
    const res = await ehpad.get(`/api/orders/${bugeatOrder}`);
    expect(res.status).toBe(200);
    const order = res.body;
    expect(order).toMatchObject({
      id: bugeatOrder,
      careHomeId: careHomeId(t.db, 'ehpad-bugeat'),
      week: OPEN,
      status: 'draft',
      cutoffAt: '2026-11-25T11:00:00.000Z',
      deliveryAt: '2026-11-27T13:00:00.000Z',
    });
    expect(order.residents.length).toBe(48);
    const resident = order.residents[0] as OrderResident;
    expect(Object.keys(resident).sort()).toEqual(['days', 'name', 'pouches', 'residentId', 'room']);
    expect(resident.days.map((d) => d.date)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    const sum = (order.residents as OrderResident[]).reduce((s, r) => s + r.pouches, 0);
    expect(order.totals.pouches).toBe(sum);
    const byRoute = (route: string) =>
      (order.products as { units: number; route: string }[])
        .filter((p) => p.route === route)
        .reduce((s, p) => s + p.units, 0);
    expect(order.totals).toEqual({
      pouches: sum,
      robotUnits: byRoute('robot'),
      manualUnits: byRoute('manual'),
      horsPdaUnits: byRoute('hors_pda'),
    });
    expect(order.totals.horsPdaUnits).toBeGreaterThan(0);
    expect(order.products[0]).toEqual({
      cip13: expect.any(String),
      label: expect.any(String),
      units: expect.any(Number),
      route: expect.any(String),
    });
  });

  it('When a resident is marked absent Tuesday to Thursday, Then the total drops by exactly their pouches of those days, and undoing restores it', async () => {
    const before = (await ehpad.get(`/api/orders/${bugeatOrder}`)).body;
    const residentId = dailyResidents(t.db, 'ehpad-bugeat')[0] as number;
    const resident = (before.residents as OrderResident[]).find((r) => r.residentId === residentId) as OrderResident;
    const expectedDrop = resident.days.slice(1, 4).reduce((s, d) => s + dayPouches(d), 0);
    expect(expectedDrop).toBeGreaterThan(0);

    const res = await ehpad
      .post(`/api/orders/${bugeatOrder}/absences`)
      .send({ residentId, from: '2026-12-01', to: '2026-12-03', reason: 'hospitalisation' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orderId: bugeatOrder, residentId, from: '2026-12-01', to: '2026-12-03' });

    const after = (await ehpad.get(`/api/orders/${bugeatOrder}`)).body;
    expect(after.totals.pouches).toBe(before.totals.pouches - expectedDrop);
    const days = (after.residents as OrderResident[]).find((r) => r.residentId === residentId)?.days as Day[];
    expect(days.map((d) => d.absent)).toEqual([false, true, true, true, false, false, false]);
    expect(after.events.at(-1)).toMatchObject({
      kind: 'absence_added',
      details: { before: { pouches: before.totals.pouches }, after: { pouches: after.totals.pouches } },
    });

    expect((await ehpad.delete(`/api/orders/${bugeatOrder}/absences/${res.body.id}`)).status).toBe(204);
    expect((await ehpad.get(`/api/orders/${bugeatOrder}`)).body.totals.pouches).toBe(before.totals.pouches);
  });

  it('When the pharmacy replaces the care home’s notes, Then the history keeps both texts; saving the same text records nothing', async () => {
    expect((await ehpad.patch(`/api/orders/${bugeatOrder}`).send({ notes: 'Mme B. hospitalisée' })).status).toBe(200);
    expect((await pharmacist.patch(`/api/orders/${bugeatOrder}`).send({ notes: 'Appel du 23/11' })).status).toBe(200);
    expect((await pharmacist.patch(`/api/orders/${bugeatOrder}`).send({ notes: 'Appel du 23/11' })).status).toBe(200);
    const order = (await ehpad.get(`/api/orders/${bugeatOrder}`)).body;
    expect(order.notes).toBe('Appel du 23/11');
    const changes = (order.events as { kind: string; details: Record<string, unknown> }[]).filter(
      (e) => e.kind === 'notes_changed',
    );
    expect(changes.map((e) => e.details)).toEqual([
      { previousNotes: '', notes: 'Mme B. hospitalisée' },
      { previousNotes: 'Mme B. hospitalisée', notes: 'Appel du 23/11' },
    ]);
  });

  it('When the care home submits before the cut-off, Then the order is submitted; submitting twice is refused', async () => {
    const res = await ehpad.post(`/api/orders/${bugeatOrder}/submit`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', submittedAt: '2026-11-23T09:00:00.000Z', editable: true });
    const events = t.db.$client.prepare('SELECT count(*) AS n FROM order_events').get() as { n: number };
    const again = await ehpad.post(`/api/orders/${bugeatOrder}/submit`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'orders.invalid_transition',
      details: [{ from: 'submitted', to: 'submitted' }],
    });
    expect((t.db.$client.prepare('SELECT count(*) AS n FROM order_events').get() as { n: number }).n).toBe(events.n);
  });

  it('When the cut-off has passed, Then every direct change is refused with orders.cutoff_passed and nothing is written', async () => {
    const residentId = dailyResidents(t.db, 'ehpad-bugeat')[0] as number;
    await afterCutoff();
    const counts = orderTableCounts(t.db);
    const attempts = [
      ehpad
        .post(`/api/orders/${bugeatOrder}/absences`)
        .send({ residentId, from: '2026-12-01', to: '2026-12-01', reason: 'leave' }),
      ehpad.patch(`/api/orders/${bugeatOrder}`).send({ notes: 'trop tard' }),
      ehpad.post(`/api/orders/${bugeatOrder}/submit`),
      ehpad.post(`/api/orders/${bugeatOrder}/cancel`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('orders.cutoff_passed');
    }
    expect(orderTableCounts(t.db)).toEqual(counts);
    expect((await ehpad.get(`/api/orders/${bugeatOrder}`)).body.editable).toBe(false);
  });

  it('When the care home asks for a late change, Then the pharmacist accepts it and the order drops by the asked absence', async () => {
    const residentId = dailyResidents(t.db, 'ehpad-bugeat')[1] as number;
    const early = await ehpad
      .post(`/api/orders/${bugeatOrder}/change-requests`)
      .send({ message: 'Absence', absences: [] });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('orders.cutoff_not_passed');

    await afterCutoff();
    const before = (await pharmacist.get(`/api/orders/${bugeatOrder}`)).body;
    const res = await ehpad.post(`/api/orders/${bugeatOrder}/change-requests`).send({
      message: 'Hospitalisée depuis ce matin',
      absences: [{ residentId, from: '2026-12-04', to: '2026-12-06', reason: 'hospitalisation' }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orderId: bugeatOrder, status: 'pending' });
    const inbox = await pharmacist.get('/api/order-change-requests?status=pending');
    expect(inbox.body.items.map((r: { id: number }) => r.id)).toContain(res.body.id);
    const listed = (await pharmacist.get(`/api/orders?week=${OPEN}`)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: bugeatOrder, pendingChangeRequests: 1 })]);

    const accepted = await pharmacist.post(`/api/order-change-requests/${res.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const after = (await pharmacist.get(`/api/orders/${bugeatOrder}`)).body;
    const resident = (before.residents as OrderResident[]).find((r) => r.residentId === residentId) as OrderResident;
    const drop = resident.days.slice(4).reduce((s, d) => s + dayPouches(d), 0);
    expect(after.totals.pouches).toBe(before.totals.pouches - drop);
    expect(after.absences).toEqual([expect.objectContaining({ residentId, changeRequestId: res.body.id })]);

    const twice = await pharmacist.post(`/api/order-change-requests/${res.body.id}/accept`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('orders.change_request_decided');
  });

  it('When the pharmacist refuses a late change, Then it says why and the order stays as it was', async () => {
    await afterCutoff();
    const before = (await pharmacist.get(`/api/orders/${bugeatOrder}`)).body.totals;
    const res = await ehpad.post(`/api/orders/${bugeatOrder}/change-requests`).send({ message: 'Ajouter un sachet' });
    expect(res.status).toBe(201);
    const noReason = await pharmacist.post(`/api/order-change-requests/${res.body.id}/refuse`).send({ reason: ' ' });
    expect(noReason.status).toBe(400);
    const refused = await pharmacist
      .post(`/api/order-change-requests/${res.body.id}/refuse`)
      .send({ reason: 'Production déjà lancée' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', refusalReason: 'Production déjà lancée' });
    expect((await pharmacist.get(`/api/orders/${bugeatOrder}`)).body.totals).toEqual(before);
  });

  it('When a late change is asked on a delivered or cancelled order, Then 409 orders.invalid_status and nothing is written', async () => {
    const delivered = orderId(t.db, 'ehpad-bugeat', '2026-W48');
    setOrderStatus(t.db, delivered, 'delivered');
    const counts = orderTableCounts(t.db);
    const res = await ehpad.post(`/api/orders/${delivered}/change-requests`).send({ message: 'Trop tard ?' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'orders.invalid_status', details: [{ status: 'delivered' }] });
    expect(orderTableCounts(t.db)).toEqual(counts);
  });

  it('When a week is created, Then 201 with a draft computed from the prescriptions; creating it again is 409 with its id', async () => {
    const res = await ehpad
      .post('/api/orders')
      .send({ careHomeId: careHomeId(t.db, 'ehpad-bugeat'), week: '2026-W51' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ week: '2026-W51', status: 'draft', cutoffAt: '2026-12-09T11:00:00.000Z' });
    expect(res.body.totals.pouches).toBeGreaterThan(0);
    const counts = orderTableCounts(t.db);
    const again = await pharmacist
      .post('/api/orders')
      .send({ careHomeId: careHomeId(t.db, 'ehpad-bugeat'), week: '2026-W51' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'orders.already_exists', details: [{ id: res.body.id }] });
    expect(orderTableCounts(t.db)).toEqual(counts);
  });

  it('When the care home creates the week whose usual delivery is Christmas Day, Then it is delivered the day before and closes a day earlier', async () => {
    const res = await ehpad
      .post('/api/orders')
      .send({ careHomeId: careHomeId(t.db, 'ehpad-bugeat'), week: '2026-W53' });
    expect(res.status).toBe(201);
    // Thursday 24 December 14:00 and Tuesday 22 December 12:00, Paris (UTC+1).
    expect(res.body).toMatchObject({ cutoffAt: '2026-12-22T11:00:00.000Z', deliveryAt: '2026-12-24T13:00:00.000Z' });
  });

  it('When an order is made weeks ahead for Christmas week, Then the order itself names the holiday that moved it, in the list and the detail', async () => {
    const created = await ehpad
      .post('/api/orders')
      .send({ careHomeId: careHomeId(t.db, 'ehpad-bugeat'), week: '2026-W53' });
    expect(created.body.deliveryMovedFor).toBe('Noël');
    const id = created.body.id as number;
    expect((await ehpad.get(`/api/orders/${id}`)).body.deliveryMovedFor).toBe('Noël');
    const list = (await ehpad.get('/api/orders')).body.items as { id: number; deliveryMovedFor: string | null }[];
    expect(list.find((o) => o.id === id)?.deliveryMovedFor).toBe('Noël');
    // A usual week names none.
    expect(list.find((o) => o.id === bugeatOrder)?.deliveryMovedFor).toBeNull();
    // An order keeps the deadlines it was created with: stored on Christmas Day, nothing moved it.
    t.db.$client.prepare('UPDATE weekly_orders SET delivery_at = ? WHERE id = ?').run('2026-12-25T13:00:00.000Z', id);
    expect((await ehpad.get(`/api/orders/${id}`)).body.deliveryMovedFor).toBeNull();
  });

  it('When the care home creates a week whose cut-off has passed, Then 409 orders.cutoff_passed; staff may until its delivery', async () => {
    const body = { careHomeId: careHomeId(t.db, 'ehpad-bugeat'), week: OPEN };
    await afterCutoff();
    expect((await pharmacist.post(`/api/orders/${bugeatOrder}/cancel`)).status).toBe(200);
    const res = await ehpad.post('/api/orders').send(body);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('orders.cutoff_passed');
    // Staff take a late order by phone: the week is reopened, as a draft.
    const reopened = await pharmacist.post('/api/orders').send(body);
    expect([reopened.status, reopened.body.id, reopened.body.status]).toEqual([201, bugeatOrder, 'draft']);
  });

  it('When a week’s delivery has passed, Then nobody can submit it (409 orders.delivery_passed) and nothing is written', async () => {
    t.clock.set('2026-11-27T13:00:00.000Z'); // Friday 14:00 Paris: the open week's delivery
    pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    const before = orderTableCounts(t.db);
    const submit = await pharmacist.post(`/api/orders/${bugeatOrder}/submit`);
    expect([submit.status, submit.body.error.code]).toEqual([409, 'orders.delivery_passed']);
    expect(orderTableCounts(t.db)).toEqual(before);
    expect((await pharmacist.get(`/api/orders/${bugeatOrder}`)).body.status).toBe('draft');
  });
});

describe('status transitions', () => {
  it('When an order is cancelled, Then it can be neither submitted nor cancelled again', async () => {
    const draft = orderId(t.db, 'ehpad-bugeat', '2026-W50');
    expect((await ehpad.post(`/api/orders/${draft}/cancel`)).body.status).toBe('cancelled');
    for (const action of ['submit', 'cancel']) {
      const res = await pharmacist.post(`/api/orders/${draft}/${action}`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('orders.invalid_transition');
    }
  });

  it.each([
    ['planned', 'submit', 'ehpad'],
    ['in_production', 'cancel', 'pharmacist'],
    ['produced', 'cancel', 'pharmacist'],
    ['verified', 'submit', 'pharmacist'],
    ['delivered', 'cancel', 'pharmacist'],
  ])('When a %s order is asked to %s by the %s, Then 409 orders.invalid_transition', async (status, action, who) => {
    const id = orderId(t.db, 'ehpad-bugeat', '2026-W50');
    setOrderStatus(t.db, id, status);
    const res = await (who === 'ehpad' ? ehpad : pharmacist).post(`/api/orders/${id}/${action}`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'orders.invalid_transition', details: [{ from: status }] });
  });

  it('When staff submit a draft after the cut-off, Then it is submitted (the care home could not)', async () => {
    await afterCutoff();
    expect((await ehpad.post(`/api/orders/${bugeatOrder}/submit`)).status).toBe(409);
    const res = await pharmacist.post(`/api/orders/${bugeatOrder}/submit`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('submitted');
  });

  it('When staff cancel a planned order, Then it is cancelled', async () => {
    const id = orderId(t.db, 'ehpad-bugeat', '2026-W50');
    setOrderStatus(t.db, id, 'planned');
    expect((await pharmacist.post(`/api/orders/${id}/cancel`)).body.status).toBe('cancelled');
  });
});

describe('bad input: a precise code and nothing written', () => {
  it.each([
    [
      'a week that is not an ISO week',
      () => ehpad.post('/api/orders').send({ careHomeId: 1, week: '2026-W60' }),
      400,
      'validation.invalid_input',
    ],
    ['an order list for 2026-W60', () => ehpad.get('/api/orders?week=2026-W60'), 400, 'validation.invalid_input'],
    ['an unknown status filter', () => ehpad.get('/api/orders?status=shipped'), 400, 'validation.invalid_input'],
    ['a padded order id', () => ehpad.get('/api/orders/01'), 400, 'validation.invalid_input'],
    [
      'an unknown key in an absence',
      () =>
        ehpad
          .post(`/api/orders/${bugeatOrder}/absences`)
          .send({ residentId: 1, from: '2026-12-01', to: '2026-12-01', reason: 'leave', colour: 'x' }),
      400,
      'validation.invalid_input',
    ],
    [
      'an unknown absence reason',
      () =>
        ehpad
          .post(`/api/orders/${bugeatOrder}/absences`)
          .send({ residentId: 1, from: '2026-12-01', to: '2026-12-01', reason: 'holiday' }),
      400,
      'validation.invalid_input',
    ],
  ])('When the request has %s, Then it is refused with its code', async (_name, send, status, code) => {
    const counts = orderTableCounts(t.db);
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(orderTableCounts(t.db)).toEqual(counts);
  });

  it('When an order is created more than a year ahead (a mistyped year), Then 422 orders.week_too_far and nothing is written; a year ahead is fine', async () => {
    const counts = orderTableCounts(t.db);
    for (const [agent, week] of [
      [ehpad, '2099-W10'],
      [pharmacist, '2027-W48'],
    ] as const) {
      const res = await agent.post('/api/orders').send({ careHomeId: careHomeId(t.db, 'ehpad-bugeat'), week });
      expect([res.status, res.body.error?.code]).toEqual([422, 'orders.week_too_far']);
      // 52 weeks after this week (2026-W48; 2026 has 53 ISO weeks).
      expect(res.body.error.details).toEqual([{ week, latest: '2027-W47' }]);
    }
    expect(orderTableCounts(t.db)).toEqual(counts);
    const res = await ehpad
      .post('/api/orders')
      .send({ careHomeId: careHomeId(t.db, 'ehpad-bugeat'), week: '2027-W47' });
    expect([res.status, res.body.week]).toEqual([201, '2027-W47']);
  });

  it('When an absence is outside the week, reversed, or of another care home’s resident, Then 422 with its code and nothing is written', async () => {
    const own = dailyResidents(t.db, 'ehpad-bugeat')[0] as number;
    const other = dailyResidents(t.db, 'ehpad-meymac')[0] as number;
    const counts = orderTableCounts(t.db);
    const cases: [object, string][] = [
      [{ residentId: own, from: '2026-11-29', to: '2026-12-01', reason: 'leave' }, 'orders.absence_outside_week'],
      [{ residentId: own, from: '2026-12-06', to: '2026-12-07', reason: 'leave' }, 'orders.absence_outside_week'],
      [{ residentId: own, from: '2026-12-03', to: '2026-12-01', reason: 'leave' }, 'orders.absence_dates'],
      [
        { residentId: other, from: '2026-12-01', to: '2026-12-01', reason: 'leave' },
        'orders.resident_not_in_care_home',
      ],
      [
        { residentId: 999_999, from: '2026-12-01', to: '2026-12-01', reason: 'leave' },
        'orders.resident_not_in_care_home',
      ],
    ];
    for (const [body, code] of cases) {
      const res = await ehpad.post(`/api/orders/${bugeatOrder}/absences`).send(body);
      expect(res.status, code).toBe(422);
      expect(res.body.error.code).toBe(code);
    }
    expect(orderTableCounts(t.db)).toEqual(counts);
  });

  it('When a late change asks an absence outside the week, Then 422 and no request is filed', async () => {
    await afterCutoff();
    const own = dailyResidents(t.db, 'ehpad-bugeat')[0] as number;
    const counts = orderTableCounts(t.db);
    const res = await ehpad.post(`/api/orders/${bugeatOrder}/change-requests`).send({
      message: 'Absence',
      absences: [{ residentId: own, from: '2026-12-07', to: '2026-12-08', reason: 'leave' }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('orders.absence_outside_week');
    // The message gives the week's days, not its code.
    expect(res.body.error.details[0]).toMatchObject({ weekFrom: '2026-11-30', weekTo: '2026-12-06' });
    expect(orderTableCounts(t.db)).toEqual(counts);
  });
});

describe('the weekly-orders job', () => {
  it('When it runs on a Monday, Then it creates next week’s drafts once, and a second run creates nothing', async () => {
    const { createNextWeekDrafts } = await import('../../server/orders/orders.usecases');
    const { systemActor } = await import('../../server/http/context');
    t.clock.set('2026-12-07T05:00:00.000Z');
    const ctx = { db: t.db, clock: t.clock, actor: systemActor('weekly-orders'), log: undefined as never };
    const before = orderTableCounts(t.db).orders;
    expect(createNextWeekDrafts(ctx)).toBe('2026-W51: 3 drafts created, 0 already there');
    expect(orderTableCounts(t.db).orders).toBe(before + 3);
    expect(createNextWeekDrafts(ctx)).toBe('2026-W51: 0 drafts created, 3 already there');
    expect(orderTableCounts(t.db).orders).toBe(before + 3);
    const statuses = t.db.$client.prepare("SELECT DISTINCT status FROM weekly_orders WHERE week = '2026-W51'").all();
    expect(statuses).toEqual([{ status: 'draft' }]);
  });
  it('When the registered job runs on Monday 06:00 and again (even forced), Then the week after gets its drafts once', async () => {
    const pino = (await import('pino')).default;
    const { runJob } = await import('../../jobs/runner');
    const { findJob } = await import('../../jobs/registry');
    const job = findJob('weekly-orders');
    expect(job).toBeDefined();
    t.clock.set('2026-12-14T05:00:00.000Z');
    const deps = { db: t.db, clock: t.clock, log: pino({ level: 'silent' }), backupDir: '', dbPath: '' };
    const before = orderTableCounts(t.db).orders;
    expect(await runJob(job as NonNullable<typeof job>, deps)).toMatchObject({
      status: 'succeeded',
      periodKey: '2026-W51',
    });
    expect(await runJob(job as NonNullable<typeof job>, deps)).toMatchObject({ status: 'skipped' });
    expect(await runJob(job as NonNullable<typeof job>, deps, { force: true })).toMatchObject({
      status: 'succeeded',
      summary: '2026-W52: 0 drafts created, 3 already there',
    });
    expect(orderTableCounts(t.db).orders).toBe(before + 3);
  });

  it('When a holiday pulls a week’s cut-off before the Monday run that would draft it, Then the run a week earlier drafts it', async () => {
    const { createNextWeekDrafts } = await import('../../server/orders/orders.usecases');
    const { systemActor } = await import('../../server/http/context');
    t.clock.set('2027-04-20T08:00:00.000Z');
    const admin = await t.agentAs('admin@officoop.test');
    const meymac = careHomeId(t.db, 'ehpad-meymac');
    const settings = (await admin.get(`/api/care-homes/${meymac}/settings`)).body;
    const { careHomeId: _id, customised: _c, ...body } = settings;
    // Cut-off Tuesday 12:00, delivery Thursday 14:00. 2027-W19 is delivered on Thursday 6 May,
    // Ascension: it moves to Wednesday 5, its cut-off to Monday 3 May 12:00, six hours after the
    // run of that Monday that drafts W19 on a usual week.
    const put = await admin
      .put(`/api/care-homes/${meymac}/settings`)
      .send({ ...body, cutoffWeekday: 2, cutoffTime: '12:00', deliveryWeekday: 4 });
    expect(put.status).toBe(200);
    const ctx = { db: t.db, clock: t.clock, actor: systemActor('weekly-orders'), log: undefined as never };
    t.clock.set('2027-04-26T04:00:00.000Z'); // Monday 06:00 Paris, week 2027-W17
    expect(createNextWeekDrafts(ctx)).toBe(
      "2027-W18: 3 drafts created, 0 already there; 2027-W19: 1 drafted early (cut-off before next Monday's run is over)",
    );
    const early = t.db.$client
      .prepare(
        "SELECT care_home_id AS careHomeId, cutoff_at AS cutoffAt, status FROM weekly_orders WHERE week = '2027-W19'",
      )
      .all();
    expect(early).toEqual([{ careHomeId: meymac, cutoffAt: '2027-05-03T10:00:00.000Z', status: 'draft' }]);
    // The next run drafts the others' W19 as usual and Meymac's once; W20, a usual week, waits.
    t.clock.set('2027-05-03T04:00:00.000Z');
    expect(createNextWeekDrafts(ctx)).toBe('2027-W19: 2 drafts created, 1 already there');
  });

  it('When an open order was created with its delivery on Christmas Day, Then the Monday run moves it to the computed instants, once; a closed one keeps its terms', async () => {
    const { createDraftOrder } = await import('../../server/orders/orders.usecases');
    const { realignOpenOrderDeadlines } = await import('../../server/orders/care-home-settings.usecases');
    const { systemActor } = await import('../../server/http/context');
    t.clock.set('2026-12-07T05:00:00.000Z');
    const ctx = { db: t.db, clock: t.clock, actor: systemActor('weekly-orders'), log: undefined as never };
    const bugeat = careHomeId(t.db, 'ehpad-bugeat');
    const christmas = createDraftOrder(ctx, bugeat, '2026-W53').id;
    const closed = orderId(t.db, 'ehpad-bugeat', '2026-W50');
    // As stored before the holiday rule: Wednesday 23 and Friday 25 December; and a closed order
    // (cut-off 2 December, passed) whose delivery differs from the rule's.
    const set = t.db.$client.prepare('UPDATE weekly_orders SET cutoff_at = ?, delivery_at = ? WHERE id = ?');
    set.run('2026-12-23T11:00:00.000Z', '2026-12-25T13:00:00.000Z', christmas);
    set.run('2026-12-02T11:00:00.000Z', '2026-12-04T15:00:00.000Z', closed);
    const row = t.db.$client.prepare(
      'SELECT cutoff_at AS cutoffAt, delivery_at AS deliveryAt FROM weekly_orders WHERE id = ?',
    );
    expect(realignOpenOrderDeadlines(ctx)).toBe(1);
    expect(row.get(christmas)).toEqual({
      cutoffAt: '2026-12-22T11:00:00.000Z',
      deliveryAt: '2026-12-24T13:00:00.000Z',
    });
    expect(row.get(closed)).toEqual({ cutoffAt: '2026-12-02T11:00:00.000Z', deliveryAt: '2026-12-04T15:00:00.000Z' });
    const events = t.db.$client
      .prepare("SELECT count(*) AS n FROM order_events WHERE order_id = ? AND kind = 'deadlines_realigned'")
      .get(christmas);
    expect(events).toEqual({ n: 1 });
    expect(realignOpenOrderDeadlines(ctx)).toBe(0);
  });
});

describe('the delivery note', () => {
  it('When the care home downloads it, Then it is a PDF, marked provisional before production, whose data add up to the order', async () => {
    const res = await ehpad.get(`/api/orders/${bugeatOrder}/delivery-note`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`bon-de-livraison-${OPEN}`);
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const { loadDeliveryNote } = await import('../../server/orders/delivery-note.usecases');
    const { systemActor } = await import('../../server/http/context');
    const ctx = { db: t.db, clock: t.clock, actor: systemActor('test'), log: undefined as never };
    const order = (await ehpad.get(`/api/orders/${bugeatOrder}`)).body;
    const data = loadDeliveryNote({ ctx, id: bugeatOrder });
    expect(data.provisional).toBe(true);
    expect(data.residents.reduce((s, r) => s + r.perDay.reduce<number>((a, n) => a + (n ?? 0), 0), 0)).toBe(
      order.totals.pouches,
    );
    expect(data.horsPda.reduce((s, h) => s + h.units, 0)).toBe(order.totals.horsPdaUnits);
    setOrderStatus(t.db, bugeatOrder, 'delivered');
    expect(loadDeliveryNote({ ctx, id: bugeatOrder }).provisional).toBe(false);
  });

  it('When a resident is away all week, Then the note counts the residents served as the production sheet does, and names the one without pouches', async () => {
    const order = (await ehpad.get(`/api/orders/${bugeatOrder}`)).body as {
      residents: (OrderResident & { pouches: number })[];
      totals: { pouches: number };
    };
    const away = order.residents.find((r) => r.pouches > 0) as OrderResident & { pouches: number };
    const [from, to] = [away.days[0]?.date, away.days[6]?.date];
    const absence = await ehpad
      .post(`/api/orders/${bugeatOrder}/absences`)
      .send({ residentId: away.residentId, from, to, reason: 'hospitalisation' });
    expect(absence.status).toBe(201);
    const served = order.residents.filter((r) => r.pouches > 0).length - 1;
    const pouches = (await ehpad.get(`/api/orders/${bugeatOrder}`)).body.totals.pouches as number;
    const text = pdfText((await ehpad.get(`/api/orders/${bugeatOrder}/delivery-note`).buffer(true)).body).replace(
      /\s+/g,
      ' ',
    );
    const count = (n: number) => n.toLocaleString('fr-FR').replace(/\s/g, ' ');
    const without = order.residents.length - served;
    expect(text).toContain(
      `${count(pouches)} sachets pour ${count(served)} résidents (et ${without} sans sachet cette semaine)`,
    );
    // Fifty residents take two pages: the second says what its rows are.
    expect(order.residents.length).toBeGreaterThan(40);
    expect(text).toContain('Sachets par résident et par jour (suite) Ch. Résident');
    expect((await ehpad.delete(`/api/orders/${bugeatOrder}/absences/${absence.body.id}`)).status).toBe(204);
  });

  it('When the order was cancelled, Then its note says it is cancelled, not that its pouches may still change', async () => {
    const provisional = pdfText((await ehpad.get(`/api/orders/${bugeatOrder}/delivery-note`).buffer(true)).body);
    expect(provisional.replace(/\s+/g, ' ')).toContain('PROVISOIRE — établi avant la production');
    expect((await ehpad.post(`/api/orders/${bugeatOrder}/cancel`)).body.status).toBe('cancelled');
    const res = await ehpad.get(`/api/orders/${bugeatOrder}/delivery-note`).buffer(true);
    expect(res.status).toBe(200);
    const text = pdfText(res.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain(
      'ANNULÉE — cette commande a été annulée : rien ne sera produit ni livré pour cette semaine.',
    );
    expect(text).not.toContain('PROVISOIRE');
  });

  /** Admits a Bugeat resident taking one tablet each morning, so that they are on the note. */
  async function admitWithALine(lastName: string, firstName: string) {
    const { careHomeId } = await import('../helpers/orders');
    const r = await pharmacist.post('/api/residents').send({
      careHomeId: careHomeId(t.db, 'ehpad-bugeat'),
      lastName,
      firstName,
      birthDate: '1936-02-11',
      room: '3',
    });
    expect(r.status).toBe(201);
    const line = await pharmacist.post(`/api/residents/${r.body.id}/prescriptions`).send({
      cip13: '3400937977661',
      doses: { matin: 1 },
      schedule: { kind: 'daily' },
      startDate: '2026-11-01',
      prescriber: 'Dr Lebrun',
      asNeeded: false,
    });
    expect(line.status).toBe(201);
  }

  it('When a resident name starts with an accent, Then the note lists residents in French order (É with E)', async () => {
    for (const lastName of ['Zola', 'Émery']) await admitWithALine(lastName, 'Jeanne');
    const { loadDeliveryNote } = await import('../../server/orders/delivery-note.usecases');
    const { systemActor } = await import('../../server/http/context');
    const ctx = { db: t.db, clock: t.clock, actor: systemActor('test'), log: undefined as never };
    const names = loadDeliveryNote({ ctx, id: bugeatOrder }).residents.map((r) => r.name.toUpperCase());
    const emery = names.findIndex((n) => n.includes('ÉMERY'));
    const zola = names.findIndex((n) => n.includes('ZOLA'));
    expect(emery).toBeGreaterThanOrEqual(0);
    expect(emery).toBeLessThan(zola);
    // Every name starting with F…Y sorts after Émery and before Zola.
    for (const [i, n] of names.entries()) {
      if (/^[F-Y]/.test(n)) expect(i > emery && i < zola).toBe(true);
    }
  });

  it('When a resident has a long name, Then the note prints it whole on more lines, first name included', async () => {
    await admitWithALine('de La Rochefoucauld-Ségur d’Aubusson', 'Marie-Christine');
    const text = pdfText((await ehpad.get(`/api/orders/${bugeatOrder}/delivery-note`).buffer(true)).body);
    // Wrapped at its hyphens and spaces (the row's pouch counts sit on its first line): every
    // part of the name is there, in order, and nothing is cut with an ellipsis.
    expect(text).toMatch(/DE LA ROCHEFOUCAULD-[\s\d]*SÉGUR D’AUBUSSON Marie-\s*Christine/);
    expect(text).not.toMatch(/ROCHEFOUCAULD[^\n]*…/);
  });
});
