import { beforeAll, describe, expect, it } from 'vitest';
import { pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp, TEST_NOW } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let felletin: Agent;
let meymac: Agent;
let bugeat: Agent;
let P: string;
let Q: string;

type Suggestion = {
  lotId: number;
  cip13: string;
  lotNumber: string;
  daysLeft: number;
  atRiskQuantity: number;
  fromPharmacyId: number;
  toPharmacyId: number;
  openTransferId: number | null;
  openOfferId: number | null;
};

const DAY = 24 * 3600 * 1000;

async function receipt(agent: Agent, cip13: string, lotNumber: string, expiryDate: string, quantity: number) {
  const res = await agent
    .post('/api/stock/receipts')
    .send({ cip13, lotNumber, expiryDate, quantity, unitCostCents: 90 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.movements[0].lotId as number;
}

const suggestions = async (agent: Agent): Promise<Suggestion[]> => {
  const res = await agent.get('/api/pool/rebalance');
  expect(res.status).toBe(200);
  return res.body.items;
};

// Meymac dispenses P and Q fast (2 a day, over the last weeks); Felletin and Bugeat hold lots
// of them that nobody there uses.
beforeAll(async () => {
  t = await createTestApp({ config: { SESSION_TTL_HOURS: 24 * 30 } });
  felletin = await t.agentAs('preparateur.felletin@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  [P, Q] = unheldProducts(t.db, 2) as [string, string];
  t.clock.set(new Date(Date.parse(TEST_NOW) - 30 * DAY));
  for (const c of [P, Q]) {
    await receipt(meymac, c, 'MEYMAC', '2029-12-31', 400);
    const res = await meymac.post('/api/stock/dispenses').send({ cip13: c, quantity: 180 });
    expect(res.status).toBe(201);
  }
  t.clock.set(TEST_NOW);
  await receipt(felletin, P, 'FP-SOON', '2026-12-23', 30); // 30 days left, 30 at risk
  await receipt(felletin, Q, 'FQ-SOON', '2026-12-23', 60); // same day, more units at risk
  await receipt(felletin, P, 'FP-LATER', '2027-02-21', 50); // later
  await receipt(bugeat, P, 'BP-1', '2027-01-22', 40);
});

describe('anti-waste suggestions', () => {
  it('When several lots are at risk, Then they come most urgent first: soonest expiry, then most units at risk', async () => {
    const items = await suggestions(meymac);
    const ours = items.filter((s) => [P, Q].includes(s.cip13)).map((s) => s.lotNumber);
    expect(ours).toEqual(['FQ-SOON', 'FP-SOON', 'BP-1', 'FP-LATER']);
    // The whole list follows the rule, the demo's own suggestions included.
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!, items[i]!];
      expect(a.daysLeft < b.daysLeft || (a.daysLeft === b.daysLeft && a.atRiskQuantity >= b.atRiskQuantity)).toBe(true);
    }
  });

  it('When Bugeat sends its lot to Felletin by dépannage, Then Felletin’s copy is not suggested for sending on', async () => {
    const ask = await felletin.post('/api/transfers').send({
      fromPharmacyId: pharmacyId(t.db, 'bugeat'),
      cip13: P,
      quantity: 10,
      reason: 'Patient de passage',
    });
    expect(ask.status).toBe(201);
    await bugeat.post(`/api/transfers/${ask.body.id}/accept`).send({});
    await bugeat.post(`/api/transfers/${ask.body.id}/ship`);
    expect((await felletin.post(`/api/transfers/${ask.body.id}/receive`).send({})).status).toBe(200);
    const items = (await suggestions(meymac)).filter((s) => s.lotNumber === 'BP-1');
    expect(items.map((s) => s.fromPharmacyId)).toEqual([pharmacyId(t.db, 'bugeat')]);
    expect((await suggestions(felletin)).some((s) => s.lotNumber === 'BP-1')).toBe(false);
  });

  it('When Felletin offers a suggested lot to Meymac, Then both see the open offer on the suggestion', async () => {
    const row = (await suggestions(felletin)).find((s) => s.lotNumber === 'FP-LATER')!;
    expect(row).toMatchObject({ toPharmacyId: pharmacyId(t.db, 'meymac'), openOfferId: null });
    const res = await felletin
      .post('/api/transfer-offers')
      .send({ lotId: row.lotId, toPharmacyId: row.toPharmacyId, quantity: 20, note: 'Anti-gaspillage' });
    expect(res.status).toBe(201);
    expect((await suggestions(meymac)).find((s) => s.lotNumber === 'FP-LATER')?.openOfferId).toBe(res.body.id);
    expect((await suggestions(felletin)).find((s) => s.lotNumber === 'FP-LATER')?.openOfferId).toBe(res.body.id);
  });
});
