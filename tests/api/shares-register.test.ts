import { beforeEach, describe, expect, it } from 'vitest';
import { count, pharmacyId } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let treasurer: Agent;
let P: Record<string, number>;

const subscribe = (pharmacy: number, shares: number, date = '2026-01-01') =>
  treasurer.post('/api/shares/transactions').send({ type: 'subscription', date, shares, pharmacyId: pharmacy });

beforeEach(async () => {
  t = await createTestApp({ seed: 'organisation' });
  treasurer = await t.agentAs('tresorier@officoop.test');
  P = Object.fromEntries(
    ['bugeat', 'meymac', 'peyrelevade', 'felletin', 'royere'].map((s) => [s, pharmacyId(t.db, s)]),
  );
  expect(
    (await treasurer.post('/api/shares/nominal-values').send({ validFrom: '2026-01-01', valueCents: 5_000 })).status,
  ).toBe(201);
  for (const [slug, n] of [
    ['bugeat', 400],
    ['meymac', 300],
    ['peyrelevade', 100],
    ['felletin', 150],
    ['royere', 50],
  ] as const) {
    expect((await subscribe(P[slug] as number, n)).status).toBe(201);
  }
});

describe('the share register', () => {
  it('When shares are transferred mid-year, Then holdings before and after follow, with percentages adding up to 100', async () => {
    const res = await treasurer.post('/api/shares/transactions').send({
      type: 'transfer',
      date: '2026-06-15',
      shares: 50,
      pharmacyId: P.bugeat,
      toPharmacyId: P.peyrelevade,
      note: 'Cession',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'transfer',
      shares: 50,
      nominalValueCents: 5_000,
      toPharmacyId: P.peyrelevade,
    });

    const before = (await treasurer.get('/api/shares/holdings?date=2026-06-14')).body;
    const after = (await treasurer.get('/api/shares/holdings?date=2026-06-15')).body;
    const shares = (h: { items: { pharmacyId: number; shares: number }[] }) =>
      Object.fromEntries(h.items.map((i) => [i.pharmacyId, i.shares]));
    expect(shares(before)).toMatchObject({ [P.bugeat as number]: 400, [P.peyrelevade as number]: 100 });
    expect(shares(after)).toMatchObject({ [P.bugeat as number]: 350, [P.peyrelevade as number]: 150 });
    expect(after).toMatchObject({ date: '2026-06-15', totalShares: 1_000, nominalValueCents: 5_000 });
    expect(after.items.reduce((s: number, i: { percent: number }) => s + i.percent, 0)).toBeCloseTo(100, 10);

    const list = (await treasurer.get(`/api/shares/transactions?pharmacyId=${P.peyrelevade}`)).body.items;
    expect(list.map((x: { type: string }) => x.type)).toEqual(['subscription', 'transfer']);
  });

  it('When members hold equal numbers of shares, Then they show equal percentages, each rounded on its own', async () => {
    // 400, 300, 200, 200, 200 of 1 300: the three equal holdings are 15.3846… %. Shared out by largest
    // remainder they showed 15.39 / 15.38 / 15.38; the treasurer reads the same holding, the same figure.
    for (const [slug, n] of [
      ['peyrelevade', 100],
      ['felletin', 50],
      ['royere', 150],
    ] as const) {
      expect((await subscribe(P[slug] as number, n, '2026-03-01')).status).toBe(201);
    }
    const holdings = (await treasurer.get('/api/shares/holdings?date=2026-03-01')).body;
    const percent = Object.fromEntries(
      holdings.items.map((i: { pharmacyId: number; percent: number }) => [i.pharmacyId, i.percent]),
    );
    expect(holdings.totalShares).toBe(1_300);
    expect(percent).toEqual({
      [P.bugeat as number]: 30.77,
      [P.meymac as number]: 23.08,
      [P.peyrelevade as number]: 15.38,
      [P.felletin as number]: 15.38,
      [P.royere as number]: 15.38,
    });
  });

  it('When no date is given, Then holdings are those of today in Paris', async () => {
    expect((await treasurer.get('/api/shares/holdings')).body.date).toBe('2026-11-23');
  });

  it('When a transfer or redemption would take more shares than held, on that day or any later one, Then 409 and nothing is written', async () => {
    await treasurer
      .post('/api/shares/transactions')
      .send({ type: 'redemption', date: '2026-09-01', shares: 40, pharmacyId: P.royere });
    const rows = count(t.db, 'share_transactions');
    const audits = count(t.db, 'audit_log');
    const tooMany = await treasurer
      .post('/api/shares/transactions')
      .send({ type: 'transfer', date: '2026-03-01', shares: 51, pharmacyId: P.royere, toPharmacyId: P.meymac });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('shares.negative_holding');
    // 50 held on 1 March, but 40 leave on 1 September: only 10 may go on 1 March.
    const backdated = await treasurer
      .post('/api/shares/transactions')
      .send({ type: 'transfer', date: '2026-03-01', shares: 11, pharmacyId: P.royere, toPharmacyId: P.meymac });
    expect(backdated.status).toBe(409);
    expect(backdated.body.error.details[0]).toMatchObject({ pharmacyId: P.royere, available: 10, requested: 11 });
    const redeemAll = await treasurer
      .post('/api/shares/transactions')
      .send({ type: 'redemption', date: '2026-10-01', shares: 11, pharmacyId: P.royere });
    expect(redeemAll.body.error.code).toBe('shares.negative_holding');
    expect(count(t.db, 'share_transactions')).toBe(rows);
    expect(count(t.db, 'audit_log')).toBe(audits);
    const ok = await treasurer
      .post('/api/shares/transactions')
      .send({ type: 'transfer', date: '2026-03-01', shares: 10, pharmacyId: P.royere, toPharmacyId: P.meymac });
    expect(ok.status).toBe(201);
  });

  it.each([
    ['a transfer to oneself', { type: 'transfer', date: '2026-03-01', shares: 1, pharmacyId: 1, toPharmacyId: 1 }, 400],
    ['a transfer without recipient', { type: 'transfer', date: '2026-03-01', shares: 1, pharmacyId: 1 }, 400],
    [
      'a recipient on a subscription',
      { type: 'subscription', date: '2026-03-01', shares: 1, pharmacyId: 1, toPharmacyId: 2 },
      400,
    ],
    ['fractional shares', { type: 'subscription', date: '2026-03-01', shares: 1.5, pharmacyId: 1 }, 400],
    ['zero shares', { type: 'subscription', date: '2026-03-01', shares: 0, pharmacyId: 1 }, 400],
    ['negative shares', { type: 'subscription', date: '2026-03-01', shares: -5, pharmacyId: 1 }, 400],
    ['shares as a string', { type: 'subscription', date: '2026-03-01', shares: '5', pharmacyId: 1 }, 400],
    ['a date before 2000', { type: 'subscription', date: '1999-12-31', shares: 1, pharmacyId: 1 }, 400],
    ['a date that does not exist', { type: 'subscription', date: '2026-02-30', shares: 1, pharmacyId: 1 }, 400],
    ['a date over a year ahead', { type: 'subscription', date: '2028-01-01', shares: 1, pharmacyId: 1 }, 422],
    ['an unknown member', { type: 'subscription', date: '2026-03-01', shares: 1, pharmacyId: 999 }, 404],
    ['an unknown type', { type: 'gift', date: '2026-03-01', shares: 1, pharmacyId: 1 }, 400],
    ['an unknown key', { type: 'subscription', date: '2026-03-01', shares: 1, pharmacyId: 1, price: 5 }, 400],
    ['a date before any nominal value', { type: 'subscription', date: '2025-12-31', shares: 1, pharmacyId: 1 }, 422],
  ])('When the body has %s, Then it is refused (%i) and nothing is written', async (_label, body, status) => {
    const rows = count(t.db, 'share_transactions');
    const audits = count(t.db, 'audit_log');
    const res = await treasurer.post('/api/shares/transactions').send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBeTruthy();
    expect(count(t.db, 'share_transactions')).toBe(rows);
    expect(count(t.db, 'audit_log')).toBe(audits);
  });

  it('When the nominal value changes, Then later transactions carry it and it cannot reach back over recorded ones', async () => {
    const back = await treasurer
      .post('/api/shares/nominal-values')
      .send({ validFrom: '2025-12-01', valueCents: 4_000 });
    expect(back.body.error.code).toBe('shares.nominal_value_backdated');
    expect(
      (await treasurer.post('/api/shares/nominal-values').send({ validFrom: '2026-07-01', valueCents: 5_500 })).status,
    ).toBe(201);
    expect((await subscribe(P.royere as number, 10, '2026-07-02')).body.nominalValueCents).toBe(5_500);
    expect(
      (await treasurer.get('/api/shares/nominal-values')).body.items.map((v: { valueCents: number }) => v.valueCents),
    ).toEqual([5_000, 5_500]);
  });

  it('When a transaction is recorded, Then it is audited and the table refuses edits and deletions', async () => {
    const res = await subscribe(P.royere as number, 5, '2026-08-01');
    const audit = t.db.$client
      .prepare(
        "SELECT action, entity_id AS entityId FROM audit_log WHERE entity = 'share_transaction' ORDER BY id DESC",
      )
      .get() as { action: string; entityId: string };
    expect(audit).toEqual({ action: 'shares.subscription', entityId: String(res.body.id) });
    expect(() => t.db.$client.exec('UPDATE share_transactions SET shares = 1')).toThrow(/append-only/);
    expect(() => t.db.$client.exec('DELETE FROM share_transactions')).toThrow(/append-only/);
  });
});

describe('members', () => {
  it('When a pharmacy has never held a share, Then it is not a member: not in the holdings nor in the report', async () => {
    const fresh = await createTestApp({ seed: 'organisation' });
    const tr = await fresh.agentAs('tresorier@officoop.test');
    await tr.post('/api/shares/nominal-values').send({ validFrom: '2026-01-01', valueCents: 5_000 });
    const [bugeat, meymac] = [pharmacyId(fresh.db, 'bugeat'), pharmacyId(fresh.db, 'meymac')];
    await tr
      .post('/api/shares/transactions')
      .send({ type: 'subscription', date: '2026-01-01', shares: 10, pharmacyId: bugeat });
    await tr
      .post('/api/shares/transactions')
      .send({ type: 'subscription', date: '2026-03-01', shares: 30, pharmacyId: meymac });
    const ids = (h: { items: { pharmacyId: number }[] }) => h.items.map((i) => i.pharmacyId);
    expect(ids((await tr.get('/api/shares/holdings?date=2026-02-01')).body)).toEqual([bugeat]);
    expect(ids((await tr.get('/api/shares/holdings?date=2026-03-01')).body)).toEqual([bugeat, meymac]);
    const report = (await tr.get('/api/reports/shares?from=2026-01-01&to=2026-03-31')).body;
    expect(report.members.map((m: { pharmacyId: number }) => m.pharmacyId)).toEqual([bugeat, meymac]);
    expect(report.members.map((m: { shareDays: number }) => m.shareDays)).toEqual([10 * 90, 30 * 31]);
  });
});

describe('who may touch the register', () => {
  const reads = ['/api/shares/transactions', '/api/shares/holdings', '/api/shares/nominal-values'];
  it.each([
    'admin@officoop.test',
    'pharmacien.bugeat@officoop.test',
    'preparateur.meymac@officoop.test',
    'ehpad.bugeat@officoop.test',
  ])('When %s reads or writes the register, Then 403 and nothing is written', async (email) => {
    const agent = await t.agentAs(email);
    for (const path of reads) expect((await agent.get(path)).status).toBe(403);
    const rows = count(t.db, 'share_transactions');
    const res = await agent
      .post('/api/shares/transactions')
      .send({ type: 'subscription', date: '2026-03-01', shares: 1, pharmacyId: 1 });
    expect(res.status).toBe(403);
    expect(count(t.db, 'share_transactions')).toBe(rows);
    expect(
      (await agent.post('/api/shares/nominal-values').send({ validFrom: '2026-09-01', valueCents: 1 })).status,
    ).toBe(403);
  });

  it('When nobody is logged in, Then 401', async () => {
    const { default: request } = await import('supertest');
    expect((await request(t.app).get('/api/shares/holdings')).status).toBe(401);
  });
});
