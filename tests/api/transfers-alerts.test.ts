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

describe('the alert of a new request', () => {
  it('When Meymac asks, urgently or not, Then Bugeat’s alert names Meymac and says when it is urgent', async () => {
    const normal = await request();
    const urgent = await meymac.post('/api/transfers').send({
      fromPharmacyId: pharmacyId(t.db, 'bugeat'),
      cip13: P,
      quantity: 2,
      reason: 'Sortie d’hôpital',
      urgency: 'urgent',
    });
    expect(urgent.status).toBe(201);
    const items = (await bugeat.get('/api/alerts')).body.items as {
      entityId: string;
      messageKey: string;
      params: Record<string, unknown>;
    }[];
    const about = (id: number) => items.find((a) => a.entityId === String(id));
    expect(about(normal)).toMatchObject({
      messageKey: 'alerts.transferRequestedBy',
      params: { from: 'Pharmacie de Meymac', quantity: 5, urgency: 'normal' },
    });
    expect(about(urgent.body.id)).toMatchObject({
      messageKey: 'alerts.transferRequestedUrgent',
      params: { from: 'Pharmacie de Meymac', quantity: 2, urgency: 'urgent' },
    });
  });
});

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

  it('When fewer units arrive than were shipped, Then Bugeat is told how many arrived of how many, and why', async () => {
    const id = await request(5);
    const lines = (await bugeat.post(`/api/transfers/${id}/accept`).send({})).body.lines as { id: number }[];
    expect((await bugeat.post(`/api/transfers/${id}/ship`)).status).toBe(200);
    const received = await meymac
      .post(`/api/transfers/${id}/receive`)
      .send({ lines: [{ lineId: lines[0]?.id, quantityReceived: 3 }], note: 'Deux boîtes écrasées' });
    expect(received.status).toBe(200);
    const items = (await bugeat.get('/api/alerts')).body.items as {
      kind: string;
      entityId: string;
      messageKey: string;
      params: Record<string, unknown>;
    }[];
    expect(items.find((a) => a.kind === 'transfers.discrepancy' && a.entityId === String(id))).toMatchObject({
      messageKey: 'alerts.transferShortReceipt',
      params: { received: 3, shipped: 5, note: 'Deux boîtes écrasées' },
    });
  });

  it('When Bugeat refuses, Then its request alert goes and Meymac is told', async () => {
    const id = await request();
    expect((await bugeat.post(`/api/transfers/${id}/reject`).send({ reason: 'Plus en stock' })).status).toBe(200);
    expect(await openAbout(bugeat, id)).toEqual([]);
    expect(await openAbout(meymac, id)).toEqual(['transfers.rejected']);
  });
});

describe('alerts about an anti-waste offer leave the home page once answered', () => {
  const offerAlerts = async (agent: Agent, id: number) =>
    ((await agent.get('/api/alerts')).body.items as { kind: string; entity: string; entityId: string }[])
      .filter((a) => a.entity === 'transfer_offer' && a.entityId === String(id))
      .map((a) => a.kind);

  async function offer() {
    const lotId = (await bugeat.get(`/api/stock/lots?cip13=${P}`)).body.items[0].id as number;
    const res = await bugeat
      .post('/api/transfer-offers')
      .send({ lotId, toPharmacyId: pharmacyId(t.db, 'meymac'), quantity: 4, note: 'Anti-gaspillage' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  }

  it('When Meymac accepts, Then its offer alert goes and Bugeat is told', async () => {
    const id = await offer();
    expect(await offerAlerts(meymac, id)).toEqual(['transfers.offered']);
    expect((await meymac.post(`/api/transfer-offers/${id}/accept`)).status).toBe(200);
    expect(await offerAlerts(meymac, id)).toEqual([]);
    expect(await offerAlerts(bugeat, id)).toEqual(['transfers.offerAccepted']);
  });

  it('When Bugeat withdraws it, Then Meymac has no offer left to answer, only the news', async () => {
    const id = await offer();
    expect((await bugeat.post(`/api/transfer-offers/${id}/cancel`)).status).toBe(200);
    expect(await offerAlerts(meymac, id)).toEqual(['transfers.offerCancelled']);
  });
});
