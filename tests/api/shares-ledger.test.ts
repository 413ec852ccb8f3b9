import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { count } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type Category = { id: number; name: string; kind: string; allocationKey: string };
let t: App;
let treasurer: Agent;
let cost: Category;
let revenue: Category;

// One app for the file: each test writes its own entries in the open quarter (October–December
// 2026 in the demo, Q3 being closed), and asserts on what it wrote.
beforeAll(async () => {
  t = await createTestApp();
  treasurer = await t.agentAs('tresorier@officoop.test');
  const cats: Category[] = (await treasurer.get('/api/ledger/categories')).body.items;
  cost = cats.find((c) => c.name === 'Maintenance du robot') as Category;
  revenue = cats.find((c) => c.name === 'Honoraires PDA des EHPAD') as Category;
});

const record = (body: Record<string, unknown>) =>
  treasurer.post('/api/ledger/entries').send({ date: '2026-11-02', description: 'Facture', reference: 'F-1', ...body });
const written = () => [count(t.db, 'ledger_entries'), count(t.db, 'audit_log')];

describe('ledger entries', () => {
  it('When an entry is recorded, Then 201 with its split: one row per member, zeros included, adding up to the cent', async () => {
    const res = await record({ categoryId: cost.id, amountCents: 100_001, kind: 'cost' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      categoryId: cost.id,
      kind: 'cost',
      amountCents: 100_001,
      allocationKey: 'holding',
    });
    expect(res.body.allocation).toHaveLength(5);
    expect(res.body.allocation.reduce((s: number, p: { cents: number }) => s + p.cents, 0)).toBe(100_001);
    // 350 / 300 / 150 / 150 / 50 shares since the mid-year transfer.
    expect(res.body.allocation.map((p: { weight: number }) => p.weight)).toEqual([350, 300, 150, 150, 50]);
    const again = await treasurer.get(`/api/ledger/entries/${res.body.id}`);
    expect(again.body).toEqual(res.body);
  });

  it('When an entry is reversed, Then a negative entry cancels every member part exactly, once', async () => {
    const original = (await record({ categoryId: revenue.id, amountCents: 77_777 })).body;
    const res = await treasurer.post(`/api/ledger/entries/${original.id}/reverse`).send({ reason: 'Facture annulée' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      amountCents: -77_777,
      reversesEntryId: original.id,
      reversalReason: 'Facture annulée',
      date: '2026-11-23',
      allocationDate: original.date,
    });
    for (const [i, part] of original.allocation.entries()) expect(res.body.allocation[i].cents).toBe(-part.cents);
    expect((await treasurer.get(`/api/ledger/entries/${original.id}`)).body.reversedByEntryId).toBe(res.body.id);

    const before = written();
    const twice = await treasurer.post(`/api/ledger/entries/${original.id}/reverse`).send({ reason: 'Encore' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'shares.entry_already_reversed']);
    const ofReversal = await treasurer.post(`/api/ledger/entries/${res.body.id}/reverse`).send({ reason: 'Encore' });
    expect([ofReversal.status, ofReversal.body.error.code]).toEqual([422, 'shares.reversal_not_reversible']);
    expect(written()).toEqual(before);
  });

  it('When entries are listed, Then filters by dates and category apply, newest first', async () => {
    const res = await treasurer.get(`/api/ledger/entries?from=2026-10-01&to=2026-10-31&categoryId=${revenue.id}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBe(3);
    expect(
      res.body.items.every(
        (e: { categoryId: number; date: string }) => e.categoryId === revenue.id && e.date.startsWith('2026-10'),
      ),
    ).toBe(true);
    const dates = res.body.items.map((e: { date: string }) => e.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('When more entries match than a page holds, Then pages cover them all and the totals cover every page', async () => {
    const cat = (await treasurer.post('/api/ledger/categories').send({ name: 'Pagination', kind: 'cost' })).body;
    const amounts = [101, 202, 303, 404, 505, 606, 707];
    const ids: number[] = [];
    for (const [i, amountCents] of amounts.entries())
      ids.push((await record({ categoryId: cat.id, amountCents, date: `2026-11-0${i + 2}` })).body.id);
    await treasurer.post(`/api/ledger/entries/${ids[0]}/reverse`).send({ reason: 'Doublon' });
    const net = amounts.reduce((s, a) => s + a, 0) - 101;

    const pages = [];
    for (const page of [1, 2, 3]) {
      const res = await treasurer.get(`/api/ledger/entries?categoryId=${cat.id}&page=${page}&pageSize=3`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 8, page, pageSize: 3 });
      expect(res.body.totals).toEqual({ costCents: net, revenueCents: 0, netCents: -net });
      pages.push(...res.body.items.map((e: { id: number }) => e.id));
    }
    expect(pages).toHaveLength(8);
    expect(new Set(pages).size).toBe(8);
    const beyond = await treasurer.get(`/api/ledger/entries?categoryId=${cat.id}&page=4&pageSize=3`);
    expect([beyond.body.items.length, beyond.body.total]).toEqual([0, 8]);
    for (const bad of ['page=0', 'page=01', 'pageSize=0', 'pageSize=501', 'page=1.5', 'limit=10'])
      expect((await treasurer.get(`/api/ledger/entries?${bad}`)).status).toBe(400);
  });

  it('When entries of both kinds and several categories are listed under each filter, Then count and totals are those of every matching entry', async () => {
    await record({ categoryId: cost.id, amountCents: 1_234, date: '2026-10-05' });
    await record({ categoryId: revenue.id, amountCents: 5_678, date: '2026-10-20' });
    const reversed = (await record({ categoryId: revenue.id, amountCents: 999, date: '2026-12-01' })).body;
    await treasurer.post(`/api/ledger/entries/${reversed.id}/reverse`).send({ reason: 'Erreur' });
    const shapes = [
      '',
      'from=2026-10-10',
      'to=2026-10-31',
      'from=2026-10-01&to=2026-11-15',
      `categoryId=${revenue.id}`,
      `from=2026-10-10&categoryId=${cost.id}`,
      `to=2026-11-30&categoryId=${revenue.id}`,
      `from=2026-10-01&to=2026-12-31&categoryId=${revenue.id}`,
    ];
    const kinds = new Set<string>();
    for (const filter of shapes) {
      const res = await treasurer.get(`/api/ledger/entries?${filter}&pageSize=500`);
      expect(res.status).toBe(200);
      const items: { kind: string; amountCents: number }[] = res.body.items;
      const sum = (kind: string) => items.filter((e) => e.kind === kind).reduce((s, e) => s + e.amountCents, 0);
      for (const e of items) kinds.add(e.kind);
      expect(res.body.total, filter).toBe(items.length);
      expect(res.body.totals, filter).toEqual({
        costCents: sum('cost'),
        revenueCents: sum('revenue'),
        netCents: sum('revenue') - sum('cost'),
      });
    }
    // The unfiltered list holds both kinds, so a sum mixing them up would show.
    expect([...kinds].sort()).toEqual(['cost', 'revenue']);
  });

  it('When an entry is dated inside the closed quarter, Then 409 shares.period_closed and nothing is written', async () => {
    const before = written();
    const res = await record({ categoryId: cost.id, amountCents: 5_000, date: '2026-08-14' });
    expect([res.status, res.body.error.code]).toEqual([409, 'shares.period_closed']);
    expect(res.body.error.details[0]).toMatchObject({ start: '2026-07-01', end: '2026-09-30', date: '2026-08-14' });
    const share = await treasurer
      .post('/api/shares/transactions')
      .send({ type: 'subscription', date: '2026-08-14', shares: 1, pharmacyId: 1 });
    expect(share.body.error.code).toBe('shares.period_closed');
    // Back-dated before the closed quarter: holdings would change on every day of it.
    const backdated = await treasurer
      .post('/api/shares/transactions')
      .send({ type: 'subscription', date: '2026-06-01', shares: 100, pharmacyId: 1 });
    expect([backdated.status, backdated.body.error.code]).toEqual([409, 'shares.period_closed']);
    expect(backdated.body.error.details[0]).toMatchObject({ end: '2026-09-30', date: '2026-06-01' });
    expect(written()).toEqual(before);
    expect(() =>
      t.db.$client.exec(
        `INSERT INTO ledger_entries (date, category_id, amount_cents, description, created_at) VALUES ('2026-08-14', ${cost.id}, 1, 'x', 'x')`,
      ),
    ).toThrow(/closed period/);
  });

  it.each([
    ['an amount with decimals', { amountCents: 1234.5 }, 400],
    ['an amount as a string', { amountCents: '1234.50' }, 400],
    ['an amount as a numeric string', { amountCents: '1234' }, 400],
    ['a zero amount', { amountCents: 0 }, 400],
    ['a negative amount', { amountCents: -100 }, 400],
    ['an absurd amount', { amountCents: 10_000_000_001 }, 400],
    ['a date before 2000', { amountCents: 100, date: '1999-06-01' }, 400],
    ['a date after 2099', { amountCents: 100, date: '2100-01-01' }, 400],
    ['a date that does not exist', { amountCents: 100, date: '2026-02-29' }, 400],
    ['a date over a year ahead', { amountCents: 100, date: '2027-12-01' }, 422],
    ['a category of the wrong kind', { amountCents: 100, kind: 'revenue' }, 422],
    ['an unknown category', { amountCents: 100, categoryId: 999_999 }, 404],
    ['an empty description', { amountCents: 100, description: '   ' }, 400],
    ['an unknown key', { amountCents: 100, vat: 20 }, 400],
  ])('When an entry has %s, Then it is refused (%i) and nothing is written', async (_label, body, status) => {
    const before = written();
    const res = await record({ categoryId: cost.id, ...body });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBeTruthy();
    expect(written()).toEqual(before);
  });

  it('When an entry is dated a year ahead to the day, Then it is kept; a day later, 422 naming that day', async () => {
    // Today is 2026-11-23 in Paris (TEST_NOW): a year ahead is 2027-11-23, not 366 days on.
    const late = await record({ categoryId: cost.id, amountCents: 100, date: '2027-11-24' });
    expect([late.status, late.body.error.code]).toEqual([422, 'shares.date_too_far']);
    expect(late.body.error.details[0]).toEqual({ date: '2027-11-24', latest: '2027-11-23' });
    const onTheDay = await record({ categoryId: cost.id, amountCents: 100, date: '2027-11-23' });
    expect(onTheDay.status).toBe(201);
  });

  it('When the entries are asked from after to, Then 400 on the field to', async () => {
    const res = await treasurer.get('/api/ledger/entries?from=2026-10-31&to=2026-10-01');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ field: 'query.to', message: 'shares.validation.rangeInverted' });
  });

  it('When the first day itself is wrong, Then the one error is on from, not also "to before from"', async () => {
    for (const from of ['2101-01-01', '2026-02-30']) {
      const res = await treasurer.get(`/api/ledger/entries?from=${from}&to=2026-10-01`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['query.from']);
    }
  });

  it('When an entry is edited or deleted in the database, Then the triggers refuse', () => {
    expect(() => t.db.$client.exec('UPDATE ledger_entries SET amount_cents = 1')).toThrow(/append-only/);
    expect(() => t.db.$client.exec('DELETE FROM ledger_entries')).toThrow(/append-only/);
  });
});

describe('categories and keys', () => {
  it('When a category is created and its key changes from a date, Then entries on each side use their key', async () => {
    const created = await treasurer.post('/api/ledger/categories').send({ name: 'Formation', kind: 'cost' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Formation', kind: 'cost', allocationKey: 'holding' });
    const dup = await treasurer.post('/api/ledger/categories').send({ name: 'Formation', kind: 'revenue' });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'shares.category_exists']);
    // Case aside, French letters included: the error names the category in use.
    const categories = (await treasurer.get('/api/ledger/categories')).body.items.length;
    for (const name of ['FORMATION', 'formation ']) {
      const res = await treasurer.post('/api/ledger/categories').send({ name, kind: 'cost' });
      expect([res.status, res.body.error.code, res.body.error.details]).toEqual([
        409,
        'shares.category_exists',
        [{ name: 'Formation' }],
      ]);
    }
    expect((await treasurer.post('/api/ledger/categories').send({ name: 'Énergie', kind: 'cost' })).status).toBe(201);
    const energy = await treasurer.post('/api/ledger/categories').send({ name: 'ÉNERGIE', kind: 'cost' });
    expect([energy.status, energy.body.error.details]).toEqual([409, [{ name: 'Énergie' }]]);
    expect((await treasurer.get('/api/ledger/categories')).body.items.length).toBe(categories + 1);

    const changed = await treasurer
      .post(`/api/ledger/categories/${created.body.id}/keys`)
      .send({ allocationKey: 'equal', validFrom: '2026-11-10' });
    expect(changed.status).toBe(201);
    expect(changed.body.keys.map((k: { allocationKey: string }) => k.allocationKey)).toEqual(['holding', 'equal']);
    expect(changed.body.allocationKey).toBe('equal');
    const before = (await record({ categoryId: created.body.id, amountCents: 1_000, date: '2026-11-09' })).body;
    const after = (await record({ categoryId: created.body.id, amountCents: 1_000, date: '2026-11-10' })).body;
    expect(before.allocation.map((p: { cents: number }) => p.cents)).toEqual([350, 300, 150, 150, 50]);
    expect(after.allocation.map((p: { cents: number }) => p.cents)).toEqual([200, 200, 200, 200, 200]);
  });

  it.each([
    ['a line separator', 'Formation\u2028bis'],
    ['a paragraph separator', 'Formation\u2029bis'],
    ['a newline', 'Formation\nbis'],
    ['a tab', 'Formation\tbis'],
    ['a bidi override', 'Formation\u202ebis'],
  ])('When a category name holds %s, Then 400 on the name and nothing is written', async (_label, name) => {
    const before = [count(t.db, 'ledger_categories'), count(t.db, 'audit_log')];
    const res = await treasurer.post('/api/ledger/categories').send({ name, kind: 'cost' });
    expect([res.status, res.body.error.details?.[0]?.field]).toEqual([400, 'body.name']);
    expect([count(t.db, 'ledger_categories'), count(t.db, 'audit_log')]).toEqual(before);
  });

  it('When a key change would reach an entry of the closed quarter, Then 409 shares.period_closed', async () => {
    const before = count(t.db, 'ledger_category_keys');
    const res = await treasurer
      .post(`/api/ledger/categories/${revenue.id}/keys`)
      .send({ allocationKey: 'activity', validFrom: '2026-09-01' });
    expect([res.status, res.body.error.code]).toEqual([409, 'shares.period_closed']);
    // The message names the date the treasurer gave, not the closed entry the key would reach.
    expect(res.body.error.details[0]).toMatchObject({ start: '2026-07-01', end: '2026-09-30', date: '2026-09-01' });
    expect(count(t.db, 'ledger_category_keys')).toBe(before);
  });

  it('When a key change is dated inside the closed quarter or more than a year ahead, Then it is refused, even for a category with no entry', async () => {
    const cat = (await treasurer.post('/api/ledger/categories').send({ name: 'Assurance', kind: 'cost' })).body;
    const before = [count(t.db, 'ledger_category_keys'), count(t.db, 'audit_log')];
    const closed = await treasurer
      .post(`/api/ledger/categories/${cat.id}/keys`)
      .send({ allocationKey: 'equal', validFrom: '2026-09-15' });
    expect([closed.status, closed.body.error.code]).toEqual([409, 'shares.period_closed']);
    expect(closed.body.error.details[0]).toMatchObject({ start: '2026-07-01', end: '2026-09-30', date: '2026-09-15' });
    // Today is 2026-11-23 in Paris (TEST_NOW).
    const far = await treasurer
      .post(`/api/ledger/categories/${cat.id}/keys`)
      .send({ allocationKey: 'equal', validFrom: '2027-11-24' });
    expect([far.status, far.body.error.code]).toEqual([422, 'shares.date_too_far']);
    expect([count(t.db, 'ledger_category_keys'), count(t.db, 'audit_log')]).toEqual(before);
  });

  it('When a key change was made with the wrong key, Then posting its date again corrects it; a change to the key in force is refused', async () => {
    const cat = (await treasurer.post('/api/ledger/categories').send({ name: 'Déplacements', kind: 'cost' })).body;
    const keysOf = (body: { keys: { validFrom: string; allocationKey: string }[] }) =>
      body.keys.map((k) => `${k.validFrom} ${k.allocationKey}`);
    const change = (allocationKey: string) =>
      treasurer.post(`/api/ledger/categories/${cat.id}/keys`).send({ allocationKey, validFrom: '2026-11-20' });
    expect((await change('activity')).status).toBe(201);
    const entry = (await record({ categoryId: cat.id, amountCents: 1_000, date: '2026-11-20' })).body;
    const split = async () =>
      (await treasurer.get(`/api/ledger/entries/${entry.id}`)).body.allocation.map((p: { cents: number }) => p.cents);

    const corrected = await change('equal');
    expect(corrected.status).toBe(201);
    expect(keysOf(corrected.body)).toEqual(['2000-01-01 holding', '2026-11-20 equal']);
    expect(await split()).toEqual([200, 200, 200, 200, 200]);
    const audit = t.db.$client
      .prepare("SELECT details FROM audit_log WHERE action = 'ledger.category_key' AND entity_id = ? ORDER BY id DESC")
      .pluck()
      .get(String(cat.id)) as string;
    expect(JSON.parse(audit)).toMatchObject({ allocationKey: 'equal', replaced: 'activity' });
    // The same key again is no change.
    const same = await change('equal');
    expect([same.status, same.body.error.code]).toEqual([409, 'shares.key_exists']);

    // Corrected back to the key of the day before: the history says so, and the split follows.
    const back = await change('holding');
    expect(back.status).toBe(201);
    expect(keysOf(back.body)).toEqual(['2000-01-01 holding', '2026-11-20 holding']);
    expect(await split()).toEqual([350, 300, 150, 150, 50]);
    // A new change to the key already in force changes nothing: refused, nothing stored.
    const rows = count(t.db, 'ledger_category_keys');
    const noop = await treasurer
      .post(`/api/ledger/categories/${cat.id}/keys`)
      .send({ allocationKey: 'holding', validFrom: '2026-12-01' });
    expect([noop.status, noop.body.error.code]).toEqual([409, 'shares.key_unchanged']);
    expect(count(t.db, 'ledger_category_keys')).toBe(rows);
  });

  it('When a category key is activity, Then an entry is shared by the month’s verified pouches, or by holding (said so) when there are none', async () => {
    const cat = (
      await treasurer
        .post('/api/ledger/categories')
        .send({ name: 'Ristournes', kind: 'revenue', allocationKey: 'activity' })
    ).body;
    // October 2026: the demo robot verified no pouches yet.
    expect((await treasurer.get('/api/robot/activity?month=2026-10')).body.total).toBe(0);
    const none = await record({ categoryId: cat.id, amountCents: 10_000, date: '2026-10-15' });
    expect(none.status).toBe(201);
    // Shared by holding until the month's pouches are verified, and it says so.
    expect(none.body).toMatchObject({ allocationKey: 'holding', keyFallback: 'activity', allocationError: null });
    expect(none.body.allocation.map((p: { cents: number }) => p.cents)).toEqual([3_500, 3_000, 1_500, 1_500, 500]);
    // November 2026: pouches verified for two pharmacies' care homes.
    const pouches = (await treasurer.get('/api/robot/activity?month=2026-11')).body.items;
    const some = await record({ categoryId: cat.id, amountCents: 10_001, date: '2026-11-02' });
    expect(some.body.allocationError).toBeNull();
    expect(some.body.allocation.map((p: { pharmacyId: number; weight: number }) => [p.pharmacyId, p.weight])).toEqual(
      pouches.map((p: { pharmacyId: number; pouches: number }) => [p.pharmacyId, p.pouches]),
    );
    expect(some.body.allocation.reduce((s: number, p: { cents: number }) => s + p.cents, 0)).toBe(10_001);
  });
});

describe('who may touch the ledger', () => {
  it.each([
    'admin@officoop.test',
    'pharmacien.meymac@officoop.test',
    'preparateur.felletin@officoop.test',
    'ehpad.felletin@officoop.test',
  ])('When %s reads or writes the ledger, Then 403 and nothing is written', async (email) => {
    const agent = await t.agentAs(email);
    const before = written();
    expect((await agent.get('/api/ledger/categories')).status).toBe(403);
    expect((await agent.get('/api/ledger/entries')).status).toBe(403);
    expect((await agent.get('/api/ledger/entries/1')).status).toBe(403);
    expect(
      (
        await agent
          .post('/api/ledger/entries')
          .send({ date: '2026-11-02', categoryId: cost.id, amountCents: 1, description: 'x' })
      ).status,
    ).toBe(403);
    expect((await agent.post('/api/ledger/entries/1/reverse').send({ reason: 'pour voir' })).status).toBe(403);
    expect((await agent.post('/api/ledger/categories').send({ name: 'X', kind: 'cost' })).status).toBe(403);
    expect(written()).toEqual(before);
  });

  it('When nobody is logged in, Then 401', async () => {
    expect((await request(t.app).get('/api/ledger/entries')).status).toBe(401);
  });

  it('When the treasurer asks for an entry that does not exist, Then 404', async () => {
    expect((await treasurer.get('/api/ledger/entries/999999')).body.error.code).toBe('shares.entry_not_found');
  });
});
