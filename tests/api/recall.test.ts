import { beforeAll, describe, expect, it } from 'vitest';
import { demoOrderTimeline } from '../../db/seed/demo-timeline';
import { isoWeekDays } from '../../server/shared/dates';
import { lotsOutOfBalance } from '../../server/stock/stock.repository';
import { orderId } from '../helpers/orders';
import {
  bookFirstSlot,
  ensureRobot,
  OPEN_WEEK_CUTOFF,
  pharmacyIdOf,
  pouchNeeds,
  productionState,
  stockUp,
} from '../helpers/production';
import { pdfText } from '../helpers/shares';
import { createTestApp, TEST_NOW } from '../helpers/test-app';

// A lot Felletin received travels to Bugeat by a dépannage, and Bugeat's robot puts it into the
// pouches of Felletin's care home (it expires on the week's last pouch day, so FEFO takes it
// first). The recall must show both pharmacies, the transfer, the batch, the care home and, to
// Felletin only (which serves that care home), the residents by name.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
const as: Record<string, Agent> = {};
const agent = (key: string) => as[key] as Agent;
const LOT = 'RAPPEL-7';
let cip13: string;
let need: number;
let batch: number;
let transferId: number;

const audits = () => (t.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(OPEN_WEEK_CUTOFF); // the demo as seeded on Monday, run from the open week's cut-off on
  for (const [key, email] of Object.entries({
    admin: 'admin@officoop.test',
    treasurer: 'tresorier@officoop.test',
    felletin: 'pharmacien.felletin@officoop.test',
    felletinTech: 'preparateur.felletin@officoop.test',
    bugeat: 'pharmacien.bugeat@officoop.test',
    meymacTech: 'preparateur.meymac@officoop.test',
    meymac: 'pharmacien.meymac@officoop.test',
    home: 'ehpad.felletin@officoop.test',
  }))
    as[key] = await t.agentAs(email);
  const robotId = await ensureRobot(t.db, agent('admin'));
  const order = orderId(t.db, 'ehpad-felletin', demoOrderTimeline(new Date(TEST_NOW)).open);
  const needs = pouchNeeds(t.db, order);
  ({ cip13, units: need } = needs[0] as { cip13: string; units: number });

  // Felletin receives the lot, then sends need + 4 units of it to Bugeat, keeping 6.
  await agent('felletin')
    .post('/api/stock/receipts')
    .send({ cip13, lotNumber: LOT, expiryDate: '2026-12-06', quantity: need + 10, unitCostCents: 9 });
  const requested = await agent('bugeat')
    .post('/api/transfers')
    .send({ fromPharmacyId: pharmacyIdOf(t.db, 'felletin'), cip13, quantity: need + 4, reason: 'Lot robot EHPAD' });
  transferId = requested.body.id;
  expect((await agent('felletin').post(`/api/transfers/${transferId}/accept`).send({})).status).toBe(200);
  expect((await agent('felletin').post(`/api/transfers/${transferId}/ship`)).status).toBe(200);
  const received = await agent('bugeat').post(`/api/transfers/${transferId}/receive`).send({});
  expect(received.status).toBe(200);

  await stockUp(agent('bugeat'), needs.slice(1), { prefix: 'RCL', expiryDate: '2027-12-31' });
  batch = await bookFirstSlot(agent('felletin'), robotId, [order]);
  await agent('felletinTech').post(`/api/robot-batches/${batch}/start`);
  const pouches = (await agent('felletin').get(`/api/robot-batches/${batch}`)).body.pouches;
  const done = await agent('felletinTech')
    .post(`/api/robot-batches/${batch}/complete`)
    .send({ pouchesProduced: pouches });
  expect(done.status).toBe(200);
});

describe('the recall of a lot', () => {
  it('When Felletin recalls the lot, Then it sees both holders, the transfer, the batch and its residents', async () => {
    const res = await agent('felletin').get('/api/recalls').query({ cip13, lot: LOT });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(
      expect.arrayContaining(['cip13', 'lot', 'holdings', 'transfers', 'batches', 'residents']),
    );
    const holdings = Object.fromEntries(
      res.body.holdings.map((h: { pharmacyId: number; quantity: number }) => [h.pharmacyId, h.quantity]),
    );
    expect(holdings).toEqual({ [pharmacyIdOf(t.db, 'felletin')]: 6, [pharmacyIdOf(t.db, 'bugeat')]: 4 });
    expect(res.body.transfers).toEqual([
      expect.objectContaining({
        transferId,
        fromPharmacyId: pharmacyIdOf(t.db, 'felletin'),
        toPharmacyId: pharmacyIdOf(t.db, 'bugeat'),
        status: 'received',
        quantity: need + 4,
        quantityReceived: need + 4,
        receivedAt: OPEN_WEEK_CUTOFF,
      }),
    ]);
    expect(res.body.batches).toEqual([
      expect.objectContaining({
        batchId: batch,
        status: 'produced',
        producedAt: OPEN_WEEK_CUTOFF,
        units: need,
        careHomes: [expect.objectContaining({ careHomeName: expect.stringContaining('Felletin'), units: need })],
      }),
    ]);
    const residents = res.body.residents as { units: number; name: string; batchId: number }[];
    expect(residents.length).toBe(res.body.batches[0].careHomes[0].residents);
    expect(residents.reduce((s, r) => s + r.units, 0)).toBe(need);
    expect(residents.every((r) => r.name.length > 3 && r.batchId === batch)).toBe(true);
    expect(res.body.hiddenResidents).toBe(0);
    expect(res.body.dispensed).toEqual([]);
  });

  it('When Bugeat dispenses a box of the lot at the counter, Then the recall says which pharmacy, how many units and on which day', async () => {
    const holding = (await agent('bugeat').get('/api/recalls').query({ cip13, lot: LOT })).body.holdings.find(
      (h: { pharmacyId: number }) => h.pharmacyId === pharmacyIdOf(t.db, 'bugeat'),
    );
    const sold = await agent('bugeat').post('/api/stock/dispenses').send({ cip13, quantity: 1, lotId: holding.lotId });
    expect(sold.status).toBe(201);
    const res = await agent('meymacTech').get('/api/recalls').query({ cip13, lot: LOT });
    const day = OPEN_WEEK_CUTOFF.slice(0, 10); // 12:00 Paris: the same calendar day in UTC
    expect(res.body.dispensed).toEqual([
      {
        pharmacyId: pharmacyIdOf(t.db, 'bugeat'),
        pharmacyName: 'Pharmacie de Bugeat',
        units: 1,
        firstDay: day,
        lastDay: day,
        dispenses: 1,
      },
    ]);
  });

  it('When the host pharmacy or another one recalls it, Then residents are counted, not named', async () => {
    for (const key of ['bugeat', 'meymacTech']) {
      const res = await agent(key).get('/api/recalls').query({ cip13, lot: LOT.toLowerCase() });
      expect(res.status).toBe(200);
      expect(res.body.residents).toEqual([]);
      expect(res.body.hiddenResidents).toBe(res.body.batches[0].careHomes[0].residents);
      expect(JSON.stringify(res.body)).not.toMatch(/residentId/);
    }
  });

  it('When the admin, the treasurer or a care home asks, Then 403 and nothing is audited', async () => {
    const before = audits();
    for (const key of ['admin', 'treasurer', 'home']) {
      const res = await agent(key).get('/api/recalls').query({ cip13, lot: LOT });
      expect([key, res.status, res.body.error.code]).toEqual([key, 403, 'auth.forbidden']);
    }
    expect(audits()).toBe(before);
  });

  it.each([
    ['a CIP13 with a wrong check digit', { cip13: '3400930000001', lot: LOT }],
    ['a 12-digit CIP13', { cip13: '340093000000', lot: LOT }],
    ['no lot', { cip13: '3400937977661' }],
    ['a lot with a control character', { cip13: '3400937977661', lot: 'A\u0007B' }],
  ])('When the recall has %s, Then 400 and nothing is written', async (_, query) => {
    const before = { audits: audits(), state: productionState(t.db) };
    const res = await agent('felletin').get('/api/recalls').query(query);
    expect([res.status, res.body.error.code]).toEqual([400, 'validation.invalid_input']);
    expect({ audits: audits(), state: productionState(t.db) }).toEqual(before);
  });

  it('When the recall is exported, Then it is a PDF that names weeks as a nurse knows them', async () => {
    const res = await agent('bugeat').get('/api/recalls/pdf').query({ cip13, lot: LOT }).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    const recall = (await agent('bugeat').get('/api/recalls').query({ cip13, lot: LOT })).body;
    const week = recall.batches[0].careHomes[0].week as string;
    const days = isoWeekDays(week);
    const dm = (day: string | undefined) => `${day?.slice(8, 10)}/${day?.slice(5, 7)}`;
    const text = pdfText(res.body).replace(/\s+/g, ' ');
    // « 2026-W50 » is a code; the week reads with its Monday and Sunday (wrapped in its column).
    expect(text).not.toMatch(/\d{4}-W\d{2}/);
    expect(text).toContain(`sem. ${Number(week.slice(6))}`);
    expect(text).toContain(`${dm(days[0])}–${dm(days[6])}`);
  });

  it('When each pharmacy destroys what it holds, Then a recalled destruction empties its lot, once', async () => {
    const res = await agent('bugeat').post('/api/recalls/destroy').send({ cip13, lot: LOT });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pharmacyId: pharmacyIdOf(t.db, 'bugeat'), reserved: 0 });
    expect(res.body.movements.map((m: { quantity: number }) => m.quantity)).toEqual([-3]); // 4 less the box sold
    const movement = t.db.$client
      .prepare(`SELECT kind, reason, quantity FROM stock_movements WHERE kind = 'destruction' ORDER BY id DESC LIMIT 1`)
      .get();
    expect(movement).toEqual({ kind: 'destruction', reason: 'recalled', quantity: -3 });
    // Felletin still holds 6 units of the lot: it is told, once; Meymac, which holds none, is not.
    const recalledAlerts = async (key: string) =>
      ((await agent(key).get('/api/alerts')).body.items as { kind: string; params: Record<string, unknown> }[]).filter(
        (a) => a.kind === 'stock.lot_recalled',
      );
    expect((await recalledAlerts('felletin')).map((a) => a.params)).toEqual([
      expect.objectContaining({ lotNumber: LOT, by: 'Pharmacie de Bugeat', held: 6, inTransit: 0 }),
    ]);
    expect(await recalledAlerts('meymac')).toEqual([]);

    const before = productionState(t.db);
    const again = await agent('bugeat').post('/api/recalls/destroy').send({ cip13, lot: LOT });
    expect([again.status, again.body.error.code]).toEqual([409, 'recall.nothing_to_destroy']);
    expect(productionState(t.db)).toEqual(before);

    // One unit is already in the post to Meymac (shipped, not received): Meymac is told when Felletin destroys.
    const parcel = await agent('meymac')
      .post('/api/transfers')
      .send({ fromPharmacyId: pharmacyIdOf(t.db, 'felletin'), cip13, quantity: 1, reason: 'Ordonnance' });
    expect((await agent('felletin').post(`/api/transfers/${parcel.body.id}/accept`).send({})).status).toBe(200);
    expect((await agent('felletin').post(`/api/transfers/${parcel.body.id}/ship`)).status).toBe(200);

    // Felletin had promised 2 of its 5 units left to Meymac (accepted, not shipped): the recall
    // destroys all 5 and cancels that dépannage, so the recalled box cannot leave by it.
    const ask = await agent('meymac')
      .post('/api/transfers')
      .send({ fromPharmacyId: pharmacyIdOf(t.db, 'felletin'), cip13, quantity: 2, reason: 'Ordonnance' });
    expect((await agent('felletin').post(`/api/transfers/${ask.body.id}/accept`).send({})).status).toBe(200);
    const reservedOfLot = (await agent('felletin').get('/api/recalls').query({ cip13, lot: LOT })).body.holdings.find(
      (h: { pharmacyId: number }) => h.pharmacyId === pharmacyIdOf(t.db, 'felletin'),
    ).reserved;
    expect(reservedOfLot).toBe(2); // FEFO picks the recalled lot: it expires first
    const felletin = await agent('felletinTech').post('/api/recalls/destroy').send({ cip13, lot: LOT });
    expect(felletin.status).toBe(200);
    expect(felletin.body.movements.map((m: { quantity: number }) => m.quantity)).toEqual([-5]);
    expect((await recalledAlerts('meymac')).map((a) => a.params)).toEqual([
      expect.objectContaining({ lotNumber: LOT, by: 'Pharmacie de Felletin', held: 0, inTransit: 1 }),
    ]);
    expect(felletin.body).toMatchObject({
      reserved: reservedOfLot,
      cancelledTransfers: reservedOfLot > 0 ? [ask.body.id] : [],
    });
    if (reservedOfLot > 0) {
      const shipped = await agent('felletin').post(`/api/transfers/${ask.body.id}/ship`);
      expect(shipped.status).toBe(409);
      expect((await agent('meymac').get(`/api/transfers/${ask.body.id}`)).body.status).toBe('cancelled');
      // Meymac is told why: the lot reserved for it was recalled, and it may ask again.
      const told = ((await agent('meymac').get('/api/alerts')).body.items as { entityId: string; messageKey: string }[])
        .filter((a) => a.entityId === String(ask.body.id))
        .map((a) => a.messageKey);
      expect(told).toContain('alerts.transferCancelledRecall');
    }
    const after = await agent('felletin').get('/api/recalls').query({ cip13, lot: LOT });
    expect(after.body.holdings.map((h: { quantity: number }) => h.quantity)).toEqual([0, 0]);
    expect(after.body.batches.length).toBe(1);
    expect(lotsOutOfBalance(t.db)).toEqual([]);
    expect((await agent('home').post('/api/recalls/destroy').send({ cip13, lot: LOT })).status).toBe(403);
  });
});
