import { beforeEach, describe, expect, it } from 'vitest';
import { count, pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;
let meymac: Agent;
let P: string;

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  [P] = unheldProducts(t.db, 1) as [string];
});

const receipt = (over: Record<string, unknown>) =>
  bugeat
    .post('/api/stock/receipts')
    .send({ cip13: P, lotNumber: 'TAB1', expiryDate: '2027-09-30', quantity: 300, unitCostCents: 4, ...over });

describe('unit costs below the cent', () => {
  it('When a tablet costs 0,043 €, Then the lot keeps 4 300 millicents and a transfer of 250 is worth 10,75 €, not 10,00 €', async () => {
    expect((await receipt({ unitCostMillicents: 4300 })).status).toBe(201);
    const lot = (await bugeat.get(`/api/stock/lots?cip13=${P}`)).body.items[0];
    expect(lot).toMatchObject({ unitCostCents: 4, unitCostMillicents: 4300 });
    const asked = await meymac
      .post('/api/transfers')
      .send({ fromPharmacyId: pharmacyId(t.db, 'bugeat'), cip13: P, quantity: 250, reason: 'Patient de Mme Roux' });
    const id = asked.body.id as number;
    await bugeat.post(`/api/transfers/${id}/accept`).send({});
    await bugeat.post(`/api/transfers/${id}/ship`);
    const received = await meymac.post(`/api/transfers/${id}/receive`).send({});
    expect(received.body.valueCents).toBe(1075);
    // Meymac held none of it: no lot changed cost.
    expect(received.body.lotCosts).toEqual([]);
    const meymacLot = (await meymac.get(`/api/stock/lots?cip13=${P}`)).body.items[0];
    expect(meymacLot).toMatchObject({ unitCostMillicents: 4300 });
  });

  it('When only whole cents are given, Then the finer cost is the same amount', async () => {
    await receipt({ unitCostCents: 152 });
    expect((await bugeat.get(`/api/stock/lots?cip13=${P}`)).body.items[0]).toMatchObject({
      unitCostCents: 152,
      unitCostMillicents: 152_000,
    });
  });

  it('When the finer cost does not round to the cents given, Then 400 and nothing is written', async () => {
    const lots = count(t.db, 'stock_lots');
    const res = await receipt({ unitCostCents: 5, unitCostMillicents: 4300 });
    expect(res.status).toBe(400);
    expect(count(t.db, 'stock_lots')).toBe(lots);
  });
});

describe('receiving more of a lot already held, at another price', () => {
  const lotOf = async (agent: Agent) => (await agent.get(`/api/stock/lots?cip13=${P}`)).body.items;

  it('When 10 units at 3,20 € are on the shelf and 30 arrive at 3,40 €, Then the lot costs 3,35 € a unit, the answer and the audit say so', async () => {
    await receipt({ lotNumber: 'PMP1', quantity: 10, unitCostCents: 320 });
    const res = await receipt({ lotNumber: 'PMP1', quantity: 30, unitCostCents: 340 });
    expect(res.status).toBe(201);
    expect(res.body.unitCost).toEqual({ beforeMillicents: 320_000, afterMillicents: 335_000 });
    const lots = await lotOf(bugeat);
    expect(lots).toHaveLength(1);
    expect(lots[0]).toMatchObject({ quantity: 40, unitCostCents: 335, unitCostMillicents: 335_000 });
    const audit = t.db.$client
      .prepare("SELECT details FROM audit_log WHERE action = 'stock.receive' ORDER BY id DESC LIMIT 1")
      .get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({
      quantity: 30,
      unitCostBeforeCents: 320,
      unitCostAfterCents: 335,
    });
  });

  it('When the same price arrives again, Then the cost is unchanged and nothing is said about it', async () => {
    await receipt({ lotNumber: 'PMP2', quantity: 10, unitCostCents: 320 });
    const res = await receipt({ lotNumber: 'PMP2', quantity: 5, unitCostCents: 320 });
    expect(res.body.unitCost).toBeNull();
    expect((await lotOf(bugeat))[0]).toMatchObject({ quantity: 15, unitCostMillicents: 320_000 });
  });

  it("When a dépannage brings units of a lot the receiver holds at another cost, Then the receiver's lot takes the weighted average and the dépannage is billed at the sender's cost", async () => {
    await receipt({ lotNumber: 'PMP3', quantity: 100, unitCostCents: 200 });
    await meymac
      .post('/api/stock/receipts')
      .send({ cip13: P, lotNumber: 'PMP3', expiryDate: '2027-09-30', quantity: 20, unitCostCents: 260 });
    const asked = await meymac
      .post('/api/transfers')
      .send({ fromPharmacyId: pharmacyId(t.db, 'bugeat'), cip13: P, quantity: 60, reason: 'Patient de Mme Roux' });
    const id = asked.body.id as number;
    await bugeat.post(`/api/transfers/${id}/accept`).send({});
    await bugeat.post(`/api/transfers/${id}/ship`);
    const received = await meymac.post(`/api/transfers/${id}/receive`).send({});
    expect(received.body.valueCents).toBe(12_000);
    // (20 × 2,60 + 60 × 2,00) / 80 = 2,15 €, and the answer says so (the toast reads it).
    expect(received.body.lotCosts).toEqual([
      { lotNumber: 'PMP3', beforeMillicents: 260_000, afterMillicents: 215_000 },
    ]);
    expect((await lotOf(meymac))[0]).toMatchObject({ quantity: 80, unitCostMillicents: 215_000 });
    // The sender's own lot keeps its cost.
    expect((await lotOf(bugeat))[0]).toMatchObject({ quantity: 40, unitCostMillicents: 200_000 });
  });
});
