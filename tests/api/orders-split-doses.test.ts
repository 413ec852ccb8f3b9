import { beforeEach, describe, expect, it } from 'vitest';
import { careHomeId, orderId, setOrderStatus } from '../helpers/orders';
import { bookFirstSlot, ensureRobot, OPEN_WEEK_CUTOFF } from '../helpers/production';
import { binary, pdfText } from '../helpers/shares';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW: Monday 2026-11-23 10:00 Paris; Bugeat's W49 order is open until Wednesday 25 November
// 12:00 Paris. The demo robot holds cassettes for the most prescribed pouch-eligible products.
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;

let t: App;
let pharmacist: Agent;
let residentId: number;
let halved: string;
let whole: string;

const line = (cip13: string, doses: Record<string, number>) => ({
  cip13,
  doses,
  schedule: { kind: 'daily' },
  startDate: '2026-11-01',
  prescriber: 'Dr Lebrun',
  asNeeded: false,
});

const linesOf = (order: number) =>
  t.db.$client
    .prepare(
      'SELECT cip13, quarters, units, route, split_doses AS splitDoses FROM order_lines WHERE order_id = ? AND resident_id = ? ORDER BY cip13',
    )
    .all(order, residentId) as { cip13: string; quarters: number; units: number; route: string; splitDoses: number }[];

beforeEach(async () => {
  t = await createTestApp();
  pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
  // Half a tablet: a scored one (a capsule cannot be cut: prescriptions.dose_not_divisible).
  const cassettes = t.db.$client
    .prepare(
      `SELECT c.cip13, s.form LIKE '%sécable%' AS scored FROM robot_cassettes c
       JOIN catalogue_presentations p ON p.cip13 = c.cip13 JOIN catalogue_specialities s ON s.cis = p.cis
       WHERE c.removed_at IS NULL AND p.pda_excluded = 0 ORDER BY c.slot`,
    )
    .all() as { cip13: string; scored: number }[];
  halved = cassettes.find((c) => c.scored === 1)?.cip13 as string;
  whole = cassettes.find((c) => c.cip13 !== halved)?.cip13 as string;
  const res = await pharmacist.post('/api/residents').send({
    careHomeId: careHomeId(t.db, 'ehpad-bugeat'),
    lastName: 'Demicomprimé',
    firstName: 'Lucienne',
    birthDate: '1936-02-11',
    room: '118',
  });
  expect(res.status).toBe(201);
  residentId = res.body.id;
  for (const body of [line(halved, { matin: 0.5, soir: 0.5 }), line(whole, { matin: 1 })]) {
    expect((await pharmacist.post(`/api/residents/${residentId}/prescriptions`).send(body)).status).toBe(201);
  }
});

describe('split doses are cut and placed by hand, not dropped by a cassette (SPEC §6, §3)', () => {
  it('When a resident takes half a tablet of a product the robot has a cassette for, Then the order puts that line on the manual tray and keeps whole tablets on the robot', async () => {
    const order = orderId(t.db, 'ehpad-bugeat', '2026-W49');
    expect(linesOf(order)).toEqual(
      [
        { cip13: halved, quarters: 28, units: 7, route: 'manual', splitDoses: 1 },
        { cip13: whole, quarters: 28, units: 7, route: 'robot', splitDoses: 0 },
      ].sort((a, b) => a.cip13.localeCompare(b.cip13)),
    );
    const res = await pharmacist.get(`/api/orders/${order}`);
    expect(res.status).toBe(200);
    const routes = (res.body.products as { cip13: string; route: string }[])
      .filter((p) => p.cip13 === halved)
      .map((p) => p.route);
    expect(routes).toContain('manual');
  });

  it('When a cassette is removed after the cut-off and put back, Then the split-dose line stays on the manual tray', async () => {
    const order = orderId(t.db, 'ehpad-bugeat', '2026-W49');
    t.clock.set(OPEN_WEEK_CUTOFF);
    const admin = await t.agentAs('admin@officoop.test');
    const cassette = t.db.$client
      .prepare('SELECT id, robot_id AS robotId, slot FROM robot_cassettes WHERE cip13 = ? AND removed_at IS NULL')
      .get(halved) as { id: number; robotId: number; slot: number };
    expect((await admin.post(`/api/robot-cassettes/${cassette.id}/remove`)).status).toBe(200);
    const added = await admin
      .post(`/api/robots/${cassette.robotId}/cassettes`)
      .send({ cip13: halved, slot: cassette.slot });
    expect(added.status).toBe(201);
    expect(linesOf(order).find((l) => l.cip13 === halved)).toMatchObject({ route: 'manual', splitDoses: 1 });
    expect(linesOf(order).find((l) => l.cip13 === whole)).toMatchObject({ route: 'robot' });
  });

  it('When the order is booked, Then the production sheet lists the split-dose product on the manual tray', async () => {
    const order = orderId(t.db, 'ehpad-bugeat', '2026-W49');
    t.clock.set(OPEN_WEEK_CUTOFF);
    const admin = await t.agentAs('admin@officoop.test');
    setOrderStatus(t.db, order, 'submitted');
    pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    const batch = await bookFirstSlot(pharmacist, await ensureRobot(t.db, admin), [order]);
    const res = await pharmacist.get(`/api/robot-batches/${batch}/production-sheet`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const text = pdfText(res.body as Buffer);
    const tray = text.slice(text.indexOf('Plateau manuel'), text.indexOf('Hors PDA'));
    // Her 7 units, with lots for those 7 only: the cassette's lots stay on the cassette's line.
    expect(tray.split('\n').find((l) => l.includes(halved))).toMatch(/ 7 +\S+ +\d{2}\/\d{2}\/\d{4} +7$/);
    // Per resident, what the operator places by hand: her room, her name, when and how much, the week's units.
    const byResident = tray.slice(tray.indexOf('Plateau manuel par résident'));
    expect(byResident).toMatch(/118 +DEMICOMPRIMÉ Lucienne +.+ +matin ½, soir ½ +7$/m);
    // Product names wrap rather than end in an ellipsis: the operator loads by the whole name and
    // dose (the verification box's dotted lines are the only '…' left).
    expect(text).not.toMatch(/[\p{L}\d]…/u);
  });
});
