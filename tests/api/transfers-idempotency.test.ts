import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;
let meymac: Agent;
let meymacTech: Agent;
let P: string;

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  meymacTech = await t.agentAs('preparateur.meymac@officoop.test');
  [P] = unheldProducts(t.db, 1) as [string];
  await bugeat
    .post('/api/stock/receipts')
    .send({ cip13: P, lotNumber: 'L1', expiryDate: '2027-10-31', quantity: 20, unitCostCents: 200 });
});

const ask = (quantity = 3) => ({
  fromPharmacyId: pharmacyId(t.db, 'bugeat'),
  cip13: P,
  quantity,
  reason: 'Patiente de Mme Durand',
  urgency: 'normal',
});

const post = (agent: Agent, body: object, key?: string) => {
  const req = agent.post('/api/transfers');
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
};

const transfersOf = (pharmacy: string) =>
  t.db.$client
    .prepare('SELECT count(*) AS n FROM transfers WHERE to_pharmacy_id = ? AND cip13 = ?')
    .get(pharmacyId(t.db, pharmacy), P) as { n: number };

describe('POST /api/transfers with an Idempotency-Key', () => {
  it('When the same request is sent twice at once with one key (a double click), Then one transfer is created and both answers name it with 201', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([post(meymac, ask(), key), post(meymac, ask(), key)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(transfersOf('meymac').n).toBe(1);
    const inbox = await bugeat.get(`/api/transfers?box=inbox&q=${P}`);
    expect(inbox.body.total).toBe(1);
  });

  it('When a request is retried later with its key, Then the first transfer is answered (same id, 201, Idempotent-Replayed) and nothing more is written', async () => {
    const key = randomUUID();
    const first = await post(meymac, ask(), key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    t.clock.advance(2 * 60 * 60 * 1000);
    const again = await post(meymac, ask(), key.toUpperCase());
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ id: first.body.id, status: 'requested', quantityRequested: 3 });
    expect(transfersOf('meymac').n).toBe(1);
    const alerts = t.db.$client
      .prepare("SELECT count(*) AS n FROM alerts WHERE kind = 'transfers.requested' AND entity_id = ?")
      .get(String(first.body.id)) as { n: number };
    expect(alerts.n).toBe(1);
  });

  it('When the same key comes with another body, Then 422 transfers.idempotency_key_reused in the error shape and nothing is created', async () => {
    const key = randomUUID();
    expect((await post(meymac, ask(3), key)).status).toBe(201);
    const other = await post(meymac, ask(4), key);
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: 'transfers.idempotency_key_reused', details: [{ key }] });
    expect(transfersOf('meymac').n).toBe(1);
  });

  it("When another user sends the same key, Then it is independent: that user's request creates its own transfer", async () => {
    const key = randomUUID();
    const mine = await post(meymac, ask(3), key);
    const theirs = await post(meymacTech, ask(3), key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(transfersOf('meymac').n).toBe(2);
  });

  it('When a refused request (more than can be lent) is corrected and sent again with its key, Then the corrected one is created: a refusal keeps no key', async () => {
    const key = randomUUID();
    const refused = await post(meymac, ask(50), key);
    expect(refused.status).toBe(409);
    const fixed = await post(meymac, ask(5), key);
    expect(fixed.status).toBe(201);
    expect(fixed.body.quantityRequested).toBe(5);
  });

  it('When no key is sent, Then two identical requests still create two transfers (older clients), and a key that is not a UUID is a 400', async () => {
    expect((await post(meymac, ask())).status).toBe(201);
    expect((await post(meymac, ask())).status).toBe(201);
    expect(transfersOf('meymac').n).toBe(2);
    const bad = await post(meymac, ask(), 'double-click');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation.invalid_input');
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['headers.idempotency-key']);
    expect(transfersOf('meymac').n).toBe(2);
  });

  it('When a client reads the API document, Then POST /api/transfers declares its optional Idempotency-Key header', async () => {
    const doc = await meymac.get('/api/openapi.json');
    const header = doc.body.paths['/api/transfers'].post.parameters.find(
      (p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key',
    );
    expect(header).toMatchObject({ required: false, schema: { type: 'string' } });
  });
});
