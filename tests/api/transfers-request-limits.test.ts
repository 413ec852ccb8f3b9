import { beforeEach, describe, expect, it } from 'vitest';
import { pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp, TEST_NOW } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;
let meymac: Agent;
let felletin: Agent;
let P: string;

const today = TEST_NOW.slice(0, 10);

// Bugeat holds 12 units of P good for months, and 5 units expiring today (they cannot travel).
beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  felletin = await t.agentAs('preparateur.felletin@officoop.test');
  [P] = unheldProducts(t.db, 1) as [string];
  for (const [lotNumber, expiryDate, quantity] of [
    ['GOOD', '2027-05-31', 12],
    ['TODAY', today, 5],
  ] as const) {
    const res = await bugeat
      .post('/api/stock/receipts')
      .send({ cip13: P, lotNumber, expiryDate, quantity, unitCostCents: 300 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});

const ask = (quantity: number, agent = meymac) =>
  agent.post('/api/transfers').send({
    fromPharmacyId: pharmacyId(t.db, 'bugeat'),
    cip13: P,
    quantity,
    reason: 'Patient avec ordonnance',
    urgency: 'normal',
  });
const lendable = (agent = meymac) =>
  agent.get(`/api/transfers/lendable?cip13=${P}&fromPharmacyId=${pharmacyId(t.db, 'bugeat')}`);

describe('what a request may ask', () => {
  it('When Meymac opens the request dialog, Then it reads what Bugeat can lend: on hand minus reserved, lots good after today', async () => {
    const res = await lendable();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cip13: P,
      fromPharmacyId: pharmacyId(t.db, 'bugeat'),
      available: 12,
      nearestExpiry: '2027-05-31',
      openTransfers: [],
    });
  });

  it('When Meymac asks for more than Bugeat can lend, Then 409 transfers.exceeds_available with the figures, and nothing is written', async () => {
    const res = await ask(13);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'transfers.exceeds_available',
      details: [{ cip13: P, fromPharmacyId: pharmacyId(t.db, 'bugeat'), requested: 13, available: 12 }],
    });
    expect(
      (await meymac.get('/api/transfers?box=outbox')).body.items.some((x: { cip13: string }) => x.cip13 === P),
    ).toBe(false);
    expect((await ask(12)).status).toBe(201);
  });

  it('When units are reserved by an accepted transfer, Then they are no longer lendable', async () => {
    const felletinAsk = await felletin.post('/api/transfers').send({
      fromPharmacyId: pharmacyId(t.db, 'bugeat'),
      cip13: P,
      quantity: 9,
      reason: 'Rupture grossiste',
    });
    expect(felletinAsk.status).toBe(201);
    expect((await bugeat.post(`/api/transfers/${felletinAsk.body.id}/accept`).send({})).status).toBe(200);
    expect((await lendable()).body.available).toBe(3);
    const res = await ask(4);
    expect(res.status).toBe(409);
    expect(res.body.error.details[0].available).toBe(3);
  });

  it('When Meymac already has an open request of P to Bugeat, Then the dialog is told, and a second request is still allowed', async () => {
    const first = await ask(4);
    expect(first.status).toBe(201);
    const res = await lendable();
    expect(res.body.openTransfers).toEqual([
      { id: first.body.id, status: 'requested', quantityRequested: 4, requestedAt: TEST_NOW },
    ]);
    // Requests do not reserve: what Bugeat can lend is unchanged until it accepts.
    expect(res.body.available).toBe(12);
    expect((await ask(2)).status).toBe(201);
    // Felletin's view of the same product knows nothing of Meymac's requests.
    expect(
      (await felletin.get(`/api/transfers/lendable?cip13=${P}&fromPharmacyId=${pharmacyId(t.db, 'bugeat')}`)).body
        .openTransfers,
    ).toEqual([]);
  });

  it('When the query is malformed or names oneself, Then 400 or 422', async () => {
    expect((await meymac.get(`/api/transfers/lendable?cip13=${P}&fromPharmacyId=01`)).status).toBe(400);
    expect((await meymac.get(`/api/transfers/lendable?cip13=123&fromPharmacyId=1`)).status).toBe(400);
    const self = await lendable(bugeat);
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('transfers.to_self');
  });
});

describe('the pool and the request agree on what can be lent', () => {
  it('When Bugeat holds a lot expiring today, Then the pool shows only what the request dialog allows: 12, nearest expiry that of the good lot', async () => {
    const pool = await meymac.get(`/api/pool/${P}`);
    expect(pool.status).toBe(200);
    const cell = pool.body.pharmacies.find((p: { pharmacySlug: string }) => p.pharmacySlug === 'bugeat');
    expect(cell).toMatchObject({ available: 12, nearestExpiry: '2027-05-31' });
    const lendable = await meymac.get(
      `/api/transfers/lendable?fromPharmacyId=${pharmacyId(t.db, 'bugeat')}&cip13=${P}`,
    );
    expect(lendable.status, JSON.stringify(lendable.body)).toBe(200);
    expect(lendable.body.available).toBe(cell.available);
  });
});
