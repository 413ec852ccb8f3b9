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
    .send({ cip13: P, lotNumber: 'ALERTLOT', expiryDate: '2027-10-31', quantity: 20, unitCostCents: 200 });
});

async function request(quantity = 5) {
  const res = await meymac
    .post('/api/transfers')
    .send({ fromPharmacyId: pharmacyId(t.db, 'bugeat'), cip13: P, quantity, reason: 'Dépannage', urgency: 'normal' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

/** The kinds of the open alerts a pharmacy's home page shows about one transfer. */
async function openAbout(agent: Agent, id: number) {
  const items = (await agent.get('/api/alerts')).body.items as { kind: string; entity: string; entityId: string }[];
  return items
    .filter((a) => a.entity === 'transfer' && a.entityId === String(id))
    .map((a) => a.kind)
    .sort();
}

describe('alerts about a dépannage leave the home page once acted on', () => {
  it('When each pharmacy takes its step, Then its own alert about the transfer goes, and all go once received', async () => {
    const id = await request();
    expect(await openAbout(bugeat, id)).toEqual(['transfers.requested']);

    expect((await bugeat.post(`/api/transfers/${id}/accept`).send({})).status).toBe(200);
    expect(await openAbout(bugeat, id)).toEqual([]);
    expect(await openAbout(meymac, id)).toEqual(['transfers.accepted']);

    expect((await bugeat.post(`/api/transfers/${id}/ship`)).status).toBe(200);
    expect(await openAbout(meymac, id)).toEqual(['transfers.accepted', 'transfers.shipped']);

    expect((await meymac.post(`/api/transfers/${id}/receive`).send({})).status).toBe(200);
    expect(await openAbout(meymac, id)).toEqual([]);
    expect(await openAbout(bugeat, id)).toEqual([]);
    // Resolved, not deleted: the alert page still lists them among the hidden ones.
    const hidden = (await bugeat.get('/api/alerts?state=dismissed')).body.items as { entityId: string }[];
    expect(hidden.some((a) => a.entityId === String(id))).toBe(true);
  });

  it('When Meymac withdraws its request, Then Bugeat no longer has a request to answer, only the news of the cancellation', async () => {
    const id = await request();
    expect((await meymac.post(`/api/transfers/${id}/cancel`)).status).toBe(200);
    expect(await openAbout(bugeat, id)).toEqual(['transfers.cancelled']);
  });

  it('When Bugeat refuses, Then its request alert goes and Meymac is told', async () => {
    const id = await request();
    expect((await bugeat.post(`/api/transfers/${id}/reject`).send({ reason: 'Plus en stock' })).status).toBe(200);
    expect(await openAbout(bugeat, id)).toEqual([]);
    expect(await openAbout(meymac, id)).toEqual(['transfers.rejected']);
  });
});
