import { beforeEach, describe, expect, it } from 'vitest';
import { pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;
let meymac: Agent;
let felletin: Agent;
let P: string;

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  felletin = await t.agentAs('pharmacien.felletin@officoop.test');
  [P] = unheldProducts(t.db, 1) as [string];
  await bugeat
    .post('/api/stock/receipts')
    .send({ cip13: P, lotNumber: 'L1', expiryDate: '2027-10-31', quantity: 20, unitCostCents: 215 });
});

describe('the value of a transfer, for both of its pharmacies', () => {
  it('When a dépannage is received, Then the sender sees its value on the detail and in its list as the receiver does, and a third pharmacy gets 404', async () => {
    const asked = await meymac.post('/api/transfers').send({
      fromPharmacyId: pharmacyId(t.db, 'bugeat'),
      cip13: P,
      quantity: 6,
      reason: 'Patient de passage',
      urgency: 'normal',
    });
    const id = asked.body.id as number;
    await bugeat.post(`/api/transfers/${id}/accept`).send({});
    await bugeat.post(`/api/transfers/${id}/ship`);
    expect((await meymac.post(`/api/transfers/${id}/receive`).send({})).status).toBe(200);
    for (const [agent, box] of [
      [meymac, 'outbox'],
      [bugeat, 'inbox'],
    ] as const) {
      expect((await agent.get(`/api/transfers/${id}`)).body.valueCents).toBe(6 * 215);
      const list = await agent.get(`/api/transfers?box=${box}&q=${P}`);
      expect(list.body.items.find((x: { id: number }) => x.id === id)?.valueCents).toBe(6 * 215);
    }
    expect((await felletin.get(`/api/transfers/${id}`)).status).toBe(404);
  });
});
