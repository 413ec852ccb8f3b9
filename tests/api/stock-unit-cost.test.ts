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
