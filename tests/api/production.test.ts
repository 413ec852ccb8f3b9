import { beforeAll, describe, expect, it } from 'vitest';
import { demoOrderTimeline } from '../../db/seed/demo-timeline';
import { deliverySignatures } from '../../server/robot/delivery.usecases';
import { lotsOutOfBalance } from '../../server/stock/stock.repository';
import { orderId } from '../helpers/orders';
import {
  bookFirstSlot,
  catalogueLabelOf,
  ensureRobot,
  OPEN_WEEK_CUTOFF,
  orderStatusOf,
  pharmacyIdOf,
  pouchNeeds,
  productionState,
  stockUp,
} from '../helpers/production';
import { binary, pdfText } from '../helpers/shares';
import { createTestApp, TEST_NOW } from '../helpers/test-app';

// The demo is seeded at TEST_NOW, Monday 2026-11-23 09:00Z: its open order week (2026-W49) has
// submitted, unplanned orders of the Felletin and Meymac care homes; the robot is hosted by Bugeat,
// so the batches consume Bugeat's lots. Lots must last until the week's Sunday, 2026-12-06. The
// tests run from that week's cut-off on (OPEN_WEEK_CUTOFF): no batch starts before it.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
const as: Record<string, Agent> = {};
let robotId: number;
const week = demoOrderTimeline(new Date(TEST_NOW)).open;

const q = <T>(sql: string, ...args: unknown[]) => t.db.$client.prepare(sql).all(...args) as T[];

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(OPEN_WEEK_CUTOFF); // the demo as seeded on Monday, run from the open week's cut-off on
  for (const [key, email] of Object.entries({
    admin: 'admin@officoop.test',
    treasurer: 'tresorier@officoop.test',
    felletin: 'pharmacien.felletin@officoop.test',
    felletinTech: 'preparateur.felletin@officoop.test',
    bugeat: 'pharmacien.bugeat@officoop.test',
    bugeatTech: 'preparateur.bugeat@officoop.test',
    meymac: 'pharmacien.meymac@officoop.test',
    homeFelletin: 'ehpad.felletin@officoop.test',
    homeMeymac: 'ehpad.meymac@officoop.test',
  }))
    as[key] = await t.agentAs(email);
  robotId = await ensureRobot(t.db, as.admin as Agent);
});

describe('a batch from production to delivery', () => {
  let order: number;
  let batch: number;
  let needs: { cip13: string; units: number }[];
  let activityBefore: number;

  beforeAll(async () => {
    order = orderId(t.db, 'ehpad-felletin', week);
    needs = pouchNeeds(t.db, order);
    expect(needs.length).toBeGreaterThan(2);
    const bugeat = as.bugeat as Agent;
    await stockUp(bugeat, needs, { prefix: 'FEL', expiryDate: '2027-12-31' });
    const first = needs[0] as { cip13: string };
    await stockUp(bugeat, [{ cip13: first.cip13, units: 2 }], { prefix: 'EARLY', expiryDate: '2026-12-06' });
    await stockUp(bugeat, [{ cip13: first.cip13, units: 50 }], { prefix: 'TOOSOON', expiryDate: '2026-12-05' });
    batch = await bookFirstSlot(as.felletin as Agent, robotId, [order]);
    const activity = await (as.treasurer as Agent).get('/api/robot/activity').query({ month: '2026-11' });
    activityBefore = activity.body.items.find(
      (i: { pharmacyId: number }) => i.pharmacyId === pharmacyIdOf(t.db, 'felletin'),
    ).pouches;
  });

  it('When a Felletin technician starts the booked batch, Then it and its order are in production', async () => {
    const res = await (as.felletinTech as Agent).post(`/api/robot-batches/${batch}/start`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'in_production',
      production: { startedAt: OPEN_WEEK_CUTOFF, completedAt: null },
    });
    expect(orderStatusOf(t.db, order)).toBe('in_production');
  });

  it('When it completes, Then Bugeat lots are consumed FEFO and each order line records its lots', async () => {
    const before = q<{ id: number; quantity: number; lot_number: string }>(
      "SELECT id, quantity, lot_number FROM stock_lots WHERE pharmacy_id = ? AND lot_number LIKE 'TOOSOON%'",
      pharmacyIdOf(t.db, 'bugeat'),
    );
    const pouches = (await (as.felletin as Agent).get(`/api/robot-batches/${batch}`)).body.pouches;
    const res = await (as.felletinTech as Agent)
      .post(`/api/robot-batches/${batch}/complete`)
      .send({ pouchesProduced: pouches });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'produced',
      production: { pouchesProduced: pouches, completedAt: OPEN_WEEK_CUTOFF },
    });
    expect(orderStatusOf(t.db, order)).toBe('produced');

    const consumption = res.body.consumption as {
      orderId: number;
      cip13: string;
      lot: string;
      expiry: string;
      units: number;
    }[];
    for (const n of needs) {
      expect(consumption.filter((c) => c.cip13 === n.cip13).reduce((s, c) => s + c.units, 0)).toBe(n.units);
    }
    expect(consumption.every((c) => c.orderId === order && c.expiry >= '2026-12-06')).toBe(true);
    // The lot expiring on the last pouch day goes first; the one expiring the day before is not usable.
    expect(consumption).toContainEqual(
      expect.objectContaining({
        orderId: order,
        cip13: needs[0]?.cip13,
        lot: 'EARLY0',
        expiry: '2026-12-06',
        units: 2,
      }),
    );
    expect(
      q(
        'SELECT id, quantity, lot_number FROM stock_lots WHERE id IN (SELECT value FROM json_each(?))',
        JSON.stringify(before.map((b) => b.id)),
      ),
    ).toEqual(before);

    // Every pouch line got exactly its units, from Bugeat's lots, with its resident.
    const lines = q<{
      id: number;
      resident_id: number;
      units: number;
      got: number;
      residents: number;
      pharmacies: number;
    }>(
      `SELECT ol.id, ol.resident_id, ol.units, sum(c.units) AS got, count(DISTINCT c.resident_id) AS residents,
         max(s.pharmacy_id) AS pharmacies
       FROM order_lines ol JOIN robot_batch_consumption c ON c.order_line_id = ol.id JOIN stock_lots s ON s.id = c.lot_id
       WHERE ol.order_id = ? GROUP BY ol.id`,
      order,
    );
    expect(lines.length).toBe(
      q<{ n: number }>(
        "SELECT count(*) AS n FROM order_lines WHERE order_id = ? AND route <> 'hors_pda' AND units > 0",
        order,
      )[0]?.n,
    );
    expect(lines.every((l) => l.got === l.units && l.pharmacies === pharmacyIdOf(t.db, 'bugeat'))).toBe(true);
    // One robot_consumption movement per lot, and balances still equal the sum of movements.
    const movements = q<{ lot_id: number; quantity: number; reason: string }>(
      "SELECT lot_id, quantity, reason FROM stock_movements WHERE kind = 'robot_consumption' AND reason = ?",
      `Série robot n° ${batch}`,
    );
    expect(new Set(movements.map((m) => m.lot_id)).size).toBe(movements.length);
    expect(-movements.reduce((s, m) => s + m.quantity, 0)).toBe(needs.reduce((s, n) => s + n.units, 0));
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });

  it('When it completes a second time, Then 409 robot.batch_already_completed and nothing is written', async () => {
    const before = productionState(t.db);
    const res = await (as.felletinTech as Agent)
      .post(`/api/robot-batches/${batch}/complete`)
      .send({ pouchesProduced: 1 });
    expect([res.status, res.body.error.code]).toEqual([409, 'robot.batch_already_completed']);
    expect(productionState(t.db)).toEqual(before);
  });

  it('When a technician tries to verify, Then 403 and nothing is written', async () => {
    const before = productionState(t.db);
    const res = await (as.felletinTech as Agent).post(`/api/robot-batches/${batch}/verify`).send({ pouchesChecked: 1 });
    expect([res.status, res.body.error.code]).toEqual([403, 'auth.forbidden']);
    expect(productionState(t.db)).toEqual(before);
  });

  it('When another pharmacy’s pharmacist tries to verify, Then 404 as for a missing batch', async () => {
    const before = productionState(t.db);
    const res = await (as.meymac as Agent).post(`/api/robot-batches/${batch}/verify`).send({ pouchesChecked: 1 });
    expect([res.status, res.body.error.code]).toEqual([404, 'robot.batch_not_found']);
    expect(productionState(t.db)).toEqual(before);
  });

  it('When the host pharmacy’s pharmacist tries to verify Felletin’s batch, Then 403: a pharmacist verifies its own care homes’ pouches', async () => {
    const before = productionState(t.db);
    const pouches = (await (as.felletin as Agent).get(`/api/robot-batches/${batch}`)).body.pouches;
    const res = await (as.bugeat as Agent).post(`/api/robot-batches/${batch}/verify`).send({ pouchesChecked: pouches });
    expect([res.status, res.body.error.code]).toEqual([403, 'robot.verify_own_care_homes_only']);
    const resident = (await (as.bugeat as Agent).get(`/api/robot-batches/${batch}/verification`)).body.residents[0];
    const anomaly = await (as.bugeat as Agent)
      .post(`/api/robot-batches/${batch}/verify`)
      .send({ pouchesChecked: 1, anomalies: [{ residentId: resident.residentId, description: 'Sachet vide' }] });
    expect([anomaly.status, anomaly.body.error.code]).toEqual([403, 'robot.verify_own_care_homes_only']);
    expect(productionState(t.db)).toEqual(before);
    const toVerify = await (as.bugeat as Agent).get('/api/robot-production/to-verify');
    expect(toVerify.body.items.map((b: { id: number }) => b.id)).not.toContain(batch);
  });

  it('When an anomaly names a resident with no pouch in the batch, Then 422 and nothing is written', async () => {
    const stranger = q<{ id: number }>(
      "SELECT r.id FROM residents r JOIN care_homes c ON c.id = r.care_home_id WHERE c.slug = 'ehpad-meymac' LIMIT 1",
    )[0]?.id;
    const before = productionState(t.db);
    const res = await (as.felletin as Agent)
      .post(`/api/robot-batches/${batch}/verify`)
      .send({ pouchesChecked: 10, anomalies: [{ residentId: stranger, description: 'Sachet déchiré' }] });
    expect([res.status, res.body.error.code]).toEqual([422, 'robot.anomaly_resident_not_in_batch']);
    expect(productionState(t.db)).toEqual(before);
  });

  it('When the pharmacist finds an anomaly, Then it blocks verification until resolved', async () => {
    const felletin = as.felletin as Agent;
    const view = (await felletin.get(`/api/robot-batches/${batch}/verification`)).body;
    const resident = view.residents[0];
    const found = await felletin.post(`/api/robot-batches/${batch}/verify`).send({
      pouchesChecked: 120,
      anomalies: [{ residentId: resident.residentId, description: 'Sachet du mardi midi vide' }],
    });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ status: 'produced', production: { openAnomalies: 1 } });

    const produced = found.body.production.pouchesProduced;
    const before = productionState(t.db);
    const blocked = await felletin.post(`/api/robot-batches/${batch}/verify`).send({ pouchesChecked: produced });
    expect([blocked.status, blocked.body.error.code]).toEqual([409, 'robot.open_anomalies']);
    expect(productionState(t.db)).toEqual(before);

    const anomaly = (await felletin.get(`/api/robot-batches/${batch}/verification`)).body.anomalies[0];
    expect(anomaly).toMatchObject({ residentId: resident.residentId, resolvedAt: null });
    const byTech = await (as.felletinTech as Agent)
      .post(`/api/robot-batch-anomalies/${anomaly.id}/resolve`)
      .send({ resolution: 'Sachet refait' });
    expect(byTech.status).toBe(403);
    const byMeymac = await (as.meymac as Agent)
      .post(`/api/robot-batch-anomalies/${anomaly.id}/resolve`)
      .send({ resolution: 'Sachet refait' });
    expect([byMeymac.status, byMeymac.body.error.code]).toEqual([404, 'robot.anomaly_not_found']);
    const resolved = await felletin
      .post(`/api/robot-batch-anomalies/${anomaly.id}/resolve`)
      .send({ resolution: 'Sachet refait et recontrôlé' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ resolvedAt: OPEN_WEEK_CUTOFF, resolution: 'Sachet refait et recontrôlé' });
    const again = await felletin.post(`/api/robot-batch-anomalies/${anomaly.id}/resolve`).send({ resolution: 'x' });
    expect([again.status, again.body.error.code]).toEqual([409, 'robot.anomaly_already_resolved']);

    const partial = await felletin.post(`/api/robot-batches/${batch}/verify`).send({ pouchesChecked: produced - 1 });
    expect([partial.status, partial.body.error.code]).toEqual([422, 'robot.pouches_not_all_checked']);
    const verified = await felletin.post(`/api/robot-batches/${batch}/verify`).send({ pouchesChecked: produced });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      status: 'verified',
      production: { verifiedAt: OPEN_WEEK_CUTOFF, openAnomalies: 0 },
    });
    expect(orderStatusOf(t.db, order)).toBe('verified');
    const twice = await felletin.post(`/api/robot-batches/${batch}/verify`).send({ pouchesChecked: produced });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'robot.batch_already_verified']);
  });

  it('When the care home looks at its order, Then it sees it verified, with the batch and its lots', async () => {
    const home = as.homeFelletin as Agent;
    const progress = await home.get(`/api/orders/${order}/progress`);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({
      status: 'verified',
      batch: { id: batch, status: 'verified' },
      delivery: null,
    });
    expect(progress.body.steps.find((s: { status: string }) => s.status === 'verified').at).toBe(OPEN_WEEK_CUTOFF);
    expect(progress.body.steps.find((s: { status: string }) => s.status === 'delivered').at).toBeNull();
    const own = (await (as.felletin as Agent).get(`/api/robot-batches/${batch}`)).body;
    const lots = own.consumption
      .filter((c: { orderId: number }) => c.orderId === order)
      .map((c: { lot: string }) => c.lot);
    expect(lots.length).toBeGreaterThan(0);
    const note = await home.get(`/api/orders/${order}/delivery-note`).buffer(true).parse(binary);
    expect(note.status).toBe(200);
    const text = pdfText(note.body as Buffer);
    for (const lot of lots) expect(text).toContain(lot);
    // The pharmacy's box is the pharmacist's release of the checked pouches, dated when verified
    // (not a hand-over that has not happened yet); the care home's box waits for the receipt.
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Contrôlé et libéré par la pharmacie');
    expect(flat).not.toContain('Remis par la pharmacie');
    expect(flat).toContain('Signature : Sachets vérifiés dans Officoop (pharmacien)');
    // Product names wrap on the note rather than end in an ellipsis: the nurse reads every word.
    expect(text).not.toContain('…');
    // The week reads the same on the title and on every page's footer, as the web app names it.
    const weekName = `semaine ${Number(week.slice(6))} de ${week.slice(0, 4)}`;
    expect(text.split('\f').filter((page) => page.trim() !== '' && !page.includes(weekName))).toEqual([]);
    expect(text).not.toMatch(/\d{4} S\d{2}/);
    const other = await (as.homeMeymac as Agent).get(`/api/orders/${order}/progress`);
    expect([other.status, other.body.error.code]).toEqual([404, 'orders.not_found']);
  });

  it('When another pharmacy reads the batch, Then it sees a time block, not its lots nor who ran it; care homes and the treasurer do not read the robot', async () => {
    const own = (await (as.felletin as Agent).get(`/api/robot-batches/${batch}`)).body;
    expect(own.consumption.length).toBeGreaterThan(0);
    expect(own.production.verifiedBy).not.toBeNull();
    for (const key of ['homeFelletin', 'homeMeymac', 'treasurer'] as const) {
      const res = await (as[key] as Agent).get(`/api/robot-batches/${batch}`);
      expect([res.status, res.body.error.code], key).toEqual([403, 'auth.forbidden']);
    }
    for (const key of ['meymac'] as const) {
      const res = await (as[key] as Agent).get(`/api/robot-batches/${batch}`);
      expect(res.status, key).toBe(200);
      expect(res.body.start).toBe(own.start);
      expect(res.body.consumption, key).toEqual([]);
      expect([res.body.production.startedBy, res.body.production.completedBy, res.body.production.verifiedBy]).toEqual([
        null,
        null,
        null,
      ]);
    }
  });

  it('When the pharmacy signs the delivery on the care home’s behalf with remarks, Then 403: the remarks are the care home’s, and nothing is written', async () => {
    const before = productionState(t.db);
    for (const key of ['felletin', 'felletinTech'] as const) {
      const res = await (as[key] as Agent)
        .post(`/api/orders/${order}/deliver`)
        .send({ receivedBy: 'Pharmacie de Felletin', notes: 'Tout est conforme' });
      expect([key, res.status, res.body.error?.code]).toEqual([key, 403, 'orders.delivery_remarks_carehome_only']);
    }
    expect(productionState(t.db)).toEqual(before);
    expect(orderStatusOf(t.db, order)).toBe('verified');
  });

  it('When the care home signs the delivery with reserves, Then the order is delivered, once, and its pharmacy reads them', async () => {
    const before = productionState(t.db);
    const other = await (as.homeMeymac as Agent).post(`/api/orders/${order}/deliver`).send({ receivedBy: 'A. Martin' });
    expect([other.status, other.body.error.code]).toEqual([404, 'orders.not_found']);
    expect(productionState(t.db)).toEqual(before);
    const res = await (as.homeFelletin as Agent)
      .post(`/api/orders/${order}/deliver`)
      .send({ receivedBy: 'Infirmière de garde', notes: '2 sachets déchirés (ch. 12)' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'delivered',
      signer: 'carehome',
      receivedBy: 'Infirmière de garde',
      notes: '2 sachets déchirés (ch. 12)',
      signedAt: OPEN_WEEK_CUTOFF,
    });
    expect(orderStatusOf(t.db, order)).toBe('delivered');
    // The reserves reach the serving pharmacy as an alert on the order, and print on the note.
    const alerts = (await (as.felletin as Agent).get('/api/alerts')).body.items as {
      kind: string;
      entityId: string;
      params: Record<string, unknown>;
    }[];
    expect(alerts.find((a) => a.kind === 'orders.delivery_reserves')).toMatchObject({
      entityId: String(order),
      params: { notes: '2 sachets déchirés (ch. 12)' },
    });
    const others = (await (as.meymac as Agent).get('/api/alerts')).body.items as { kind: string; entityId: string }[];
    expect(others.filter((a) => a.kind === 'orders.delivery_reserves' && a.entityId === String(order))).toEqual([]);
    expect(deliverySignatures(t.db, order).received?.notes).toBe('2 sachets déchirés (ch. 12)');
    const twice = await (as.felletin as Agent).post(`/api/orders/${order}/deliver`).send({ receivedBy: 'X' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'orders.already_delivered']);
  });

  it('When the treasurer reads the month’s activity, Then Felletin counts the verified pouches', async () => {
    const res = await (as.treasurer as Agent).get('/api/robot/activity').query({ month: '2026-11' });
    expect(res.status).toBe(200);
    const pouches = (await (as.felletin as Agent).get(`/api/robot-batches/${batch}`)).body.pouches;
    const felletin = res.body.items.find(
      (i: { pharmacyId: number }) => i.pharmacyId === pharmacyIdOf(t.db, 'felletin'),
    );
    expect(felletin.pouches).toBe(activityBefore + pouches);
    expect(res.body.total).toBe(res.body.items.reduce((s: number, i: { pouches: number }) => s + i.pouches, 0));
    const december = await (as.admin as Agent).get('/api/robot/activity').query({ month: '2026-12' });
    expect(december.body.total).toBe(0);
    expect((await (as.homeFelletin as Agent).get('/api/robot/activity').query({ month: '2026-11' })).status).toBe(403);
    expect((await (as.treasurer as Agent).get('/api/robot/activity').query({ month: '2026-13' })).status).toBe(400);
  });
});

describe('a shortage at the host pharmacy', () => {
  let order: number;
  let batch: number;
  let short: { cip13: string; units: number };

  beforeAll(async () => {
    order = orderId(t.db, 'ehpad-meymac', week);
    const needs = pouchNeeds(t.db, order);
    short = needs[needs.length - 1] as { cip13: string; units: number };
    const bugeat = as.bugeat as Agent;
    // Bugeat loses what it holds of one product; Felletin holds some for a dépannage.
    for (const lot of q<{ id: number; quantity: number }>(
      'SELECT id, quantity FROM stock_lots WHERE pharmacy_id = ? AND cip13 = ? AND quantity > 0',
      pharmacyIdOf(t.db, 'bugeat'),
      short.cip13,
    ))
      await bugeat.post('/api/stock/destructions').send({ lotId: lot.id, quantity: lot.quantity, reason: 'damaged' });
    await stockUp(bugeat, needs.slice(0, -1), { prefix: 'MEY', expiryDate: '2027-10-31' });
    await stockUp(as.felletin as Agent, [short], { prefix: 'DEP', expiryDate: '2027-09-30', extra: 5 });
    // Lots that expire before the week's last pouch day (Sunday 2026-12-06) cannot fill its pouches.
    await stockUp(as.felletin as Agent, [short], { prefix: 'OLD', expiryDate: '2026-12-01', extra: 40 });
    await stockUp(as.meymac as Agent, [short], { prefix: 'OLD', expiryDate: '2026-12-05', extra: 40 });
    batch = await bookFirstSlot(as.meymac as Agent, robotId, [order]);
    expect((await (as.bugeatTech as Agent).post(`/api/robot-batches/${batch}/start`)).status).toBe(200);
  });

  it('When the batch is checked, Then the product shows with what is missing and who holds it in the pool', async () => {
    const res = await (as.meymac as Agent).get(`/api/robot-batches/${batch}/shortages`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        cip13: short.cip13,
        label: catalogueLabelOf(t.db, short.cip13),
        needed: short.units,
        available: 0,
        missing: short.units,
        pool: expect.arrayContaining([
          expect.objectContaining({
            pharmacyId: pharmacyIdOf(t.db, 'felletin'),
            available: short.units + 5,
            nearestExpiry: '2027-09-30',
          }),
        ]),
      }),
    ]);
    // Meymac only holds a lot expiring before the pouch week's Sunday: it is no dépannage source.
    expect(res.body.items[0].pool.map((p: { pharmacyId: number }) => p.pharmacyId)).not.toContain(
      pharmacyIdOf(t.db, 'meymac'),
    );
    // The batch is in production: the robot is making it, so the home card shows its shortage
    // whatever day its block is on (a booked batch shows from the day before: robot-shortages-past).
    const card = async (agent: Agent) =>
      (await agent.get('/api/robot-production/shortages')).body.items.map((i: { batchId: number }) => i.batchId);
    t.clock.set(TEST_NOW); // Monday, two days before its block
    try {
      expect(await card(await t.agentAs('preparateur.bugeat@officoop.test'))).toContain(batch);
    } finally {
      t.clock.set(OPEN_WEEK_CUTOFF);
    }
    expect((await (as.felletin as Agent).get(`/api/robot-batches/${batch}/shortages`)).status).toBe(404);
  });

  it('When the batch is completed short, Then 409 robot.shortage names the product and nothing is written', async () => {
    const before = productionState(t.db);
    const pouches = (await (as.meymac as Agent).get(`/api/robot-batches/${batch}`)).body.pouches;
    const res = await (as.bugeatTech as Agent)
      .post(`/api/robot-batches/${batch}/complete`)
      .send({ pouchesProduced: pouches });
    expect([res.status, res.body.error.code]).toEqual([409, 'robot.shortage']);
    expect(res.body.error.details).toEqual([expect.objectContaining({ cip13: short.cip13, missing: short.units })]);
    expect(productionState(t.db)).toEqual(before);
  });

  it('When the missing units arrive, Then the batch completes and balances still equal movements', async () => {
    await stockUp(as.bugeat as Agent, [short], { prefix: 'ARR', expiryDate: '2027-08-31' });
    const pouches = (await (as.meymac as Agent).get(`/api/robot-batches/${batch}`)).body.pouches;
    const wrong = await (as.bugeatTech as Agent)
      .post(`/api/robot-batches/${batch}/complete`)
      .send({ pouchesProduced: pouches + 1 });
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'robot.pouch_count_mismatch']);
    // One too many is a typing slip, not pouches to remake: the details say so.
    expect(wrong.body.error.details).toEqual([{ expected: pouches, produced: pouches + 1, excess: 1 }]);
    const res = await (as.bugeatTech as Agent)
      .post(`/api/robot-batches/${batch}/complete`)
      .send({ pouchesProduced: pouches });
    expect(res.status).toBe(200);
    expect(orderStatusOf(t.db, order)).toBe('produced');
    const toVerify = await (as.meymac as Agent).get('/api/robot-production/to-verify');
    expect(toVerify.body.items.map((b: { id: number }) => b.id)).toContain(batch);
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });
});
