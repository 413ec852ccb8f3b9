import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, pharmacyId } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let treasurer: Agent;
let categoryId: number;

// One app for the file: each test writes its own entries (the open quarter, October–December 2026
// in the demo) and register operations, and counts what it wrote.
beforeAll(async () => {
  t = await createTestApp();
  treasurer = await t.agentAs('tresorier@officoop.test');
  const cats: { id: number; name: string }[] = (await treasurer.get('/api/ledger/categories')).body.items;
  categoryId = (cats.find((c) => c.name === 'Maintenance du robot') as { id: number }).id;
});

const entry = (reference: string, amountCents = 12_345) => ({
  date: '2026-11-03',
  categoryId,
  kind: 'cost',
  amountCents,
  description: 'Contrat de maintenance',
  reference,
});
const postEntry = (body: object, key?: string) => {
  const req = treasurer.post('/api/ledger/entries');
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
};
const entriesWith = (reference: string) =>
  (
    t.db.$client.prepare('SELECT count(*) AS n FROM ledger_entries WHERE reference = ?').get(reference) as {
      n: number;
    }
  ).n;

describe('POST /api/ledger/entries with an Idempotency-Key', () => {
  it('When the treasurer double-clicks (the same entry twice at once, one key), Then one entry is written and both answers name it', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([postEntry(entry('DBL-1'), key), postEntry(entry('DBL-1'), key)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].sort()).toEqual(['true', undefined]);
    expect(b.body.allocation).toEqual(a.body.allocation);
    expect(entriesWith('DBL-1')).toBe(1);
  });

  it('When the same key comes with another amount, Then 422 shares.idempotency_key_reused and nothing is written', async () => {
    const key = randomUUID();
    expect((await postEntry(entry('DBL-2'), key)).status).toBe(201);
    const before = [count(t.db, 'ledger_entries'), count(t.db, 'audit_log')];
    const other = await postEntry(entry('DBL-2', 99_999), key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('shares.idempotency_key_reused');
    expect([count(t.db, 'ledger_entries'), count(t.db, 'audit_log')]).toEqual(before);
  });

  it('When no key is sent, Then two identical entries are two entries (two invoices may look alike), and a key that is not a UUID is a 400', async () => {
    expect((await postEntry(entry('DBL-3'))).status).toBe(201);
    expect((await postEntry(entry('DBL-3'))).status).toBe(201);
    expect(entriesWith('DBL-3')).toBe(2);
    const bad = await postEntry(entry('DBL-3'), 'twice');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('headers.idempotency-key');
    expect(entriesWith('DBL-3')).toBe(2);
  });
});

describe('POST /api/shares/transactions with an Idempotency-Key', () => {
  const subscription = (shares: number) => ({
    type: 'subscription',
    date: '2026-11-20',
    shares,
    pharmacyId: pharmacyId(t.db, 'royere'),
    note: 'Souscription complémentaire',
  });
  const post = (body: object, key: string) =>
    treasurer.post('/api/shares/transactions').set('Idempotency-Key', key).send(body);
  const royereShares = async () =>
    (await treasurer.get('/api/shares/holdings?date=2026-11-30')).body.items.find(
      (h: { pharmacyId: number }) => h.pharmacyId === pharmacyId(t.db, 'royere'),
    ).shares as number;

  it('When a subscription is sent twice with one key, Then the member gains the shares once and the repeat answers the first operation', async () => {
    const before = await royereShares();
    const key = randomUUID();
    const first = await post(subscription(10), key);
    const again = await post(subscription(10), key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await royereShares()).toBe(before + 10);
    const reused = await post(subscription(11), key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('shares.idempotency_key_reused');
    expect(await royereShares()).toBe(before + 10);
  });
});
