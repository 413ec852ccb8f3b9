import { beforeEach, describe, expect, it } from 'vitest';
import { pharmacyId, unheldProducts } from '../helpers/stock';
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
  await bugeat
    .post('/api/stock/receipts')
    .send({ cip13: P, lotNumber: 'EARLY', expiryDate: '2027-02-28', quantity: 6, unitCostCents: 210 });
  await bugeat
    .post('/api/stock/receipts')
    .send({ cip13: P, lotNumber: 'LATE', expiryDate: '2027-10-31', quantity: 20, unitCostCents: 200 });
});

/** Meymac asks Bugeat for `quantity` units of P and Bugeat accepts: EARLY is reserved first (FEFO). */
async function reserve(quantity: number) {
  const res = await meymac
    .post('/api/transfers')
    .send({ fromPharmacyId: pharmacyId(t.db, 'bugeat'), cip13: P, quantity, reason: 'Patiente de Mme Durand' });
  expect(res.status).toBe(201);
  expect((await bugeat.post(`/api/transfers/${res.body.id}/accept`).send({})).status).toBe(200);
}

const bugeatInPool = async (path: string) =>
  (await meymac.get(path)).body.pharmacies.find((p: { pharmacySlug: string }) => p.pharmacySlug === 'bugeat');

describe('what can really be lent or used', () => {
  it('When a lot is wholly reserved, Then the pool shows the nearest expiry of what is still available', async () => {
    await reserve(6);
    expect(await bugeatInPool(`/api/pool/${P}`)).toMatchObject({ available: 20, nearestExpiry: '2027-10-31' });
    const search = (await meymac.get(`/api/pool?q=${P}`)).body.items.find((i: { cip13: string }) => i.cip13 === P);
    expect(search.pharmacies.find((p: { pharmacySlug: string }) => p.pharmacySlug === 'bugeat')).toMatchObject({
      available: 20,
      nearestExpiry: '2027-10-31',
    });
  });

  it('When every unit is reserved, Then the pool shows none available and no expiry', async () => {
    await reserve(26);
    expect(await bugeatInPool(`/api/pool/${P}`)).toMatchObject({ available: 0, nearestExpiry: null });
  });

  it('When reserved units bring a product under its threshold, Then it is low stock', async () => {
    expect((await bugeat.put(`/api/stock/thresholds/${P}`).send({ minQuantity: 25 })).status).toBe(200);
    expect((await bugeat.get('/api/stock/low')).body.items.map((i: { cip13: string }) => i.cip13)).not.toContain(P);
    await reserve(6);
    const low = (await bugeat.get('/api/stock/low')).body.items.find((i: { cip13: string }) => i.cip13 === P);
    expect(low).toMatchObject({ minQuantity: 25, onHand: 20, missing: 5 });
  });
});
