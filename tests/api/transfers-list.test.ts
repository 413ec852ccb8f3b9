import { beforeAll, describe, expect, it } from 'vitest';
import { matchesTransferSearch } from '../../server/stock/transfers.repository';
import { pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

// One demo database for the file: each test makes its own transfers of products no demo
// pharmacy holds, and reads only those (or counts that only grow).
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type Row = { id: number; status: string; productLabel: string };
let t: App;
let bugeat: Agent;
let bugeatTech: Agent;
let meymac: Agent;
let meymacTech: Agent;
let felletin: Agent;
let P: string[];

beforeAll(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  bugeatTech = await t.agentAs('preparateur.bugeat@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  meymacTech = await t.agentAs('preparateur.meymac@officoop.test');
  felletin = await t.agentAs('pharmacien.felletin@officoop.test');
  P = unheldProducts(t.db, 5);
  for (const [i, cip13] of P.slice(0, 3).entries()) {
    const res = await bugeat
      .post('/api/stock/receipts')
      .send({ cip13, lotNumber: `LST${i}`, expiryDate: '2027-10-31', quantity: 100, unitCostCents: 150 });
    expect(res.status).toBe(201);
  }
}, 120_000);

/** Meymac asks Bugeat for `quantity` units of `cip13`; answers the transfer's id. */
async function ask(cip13: string, quantity = 2, agent = meymac) {
  const res = await agent
    .post('/api/transfers')
    .send({ fromPharmacyId: pharmacyId(t.db, 'bugeat'), cip13, quantity, reason: 'Patient en attente' });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

describe('who did each step of a transfer', () => {
  it('When a pharmacist asks, a technician accepts, a pharmacist ships and a technician receives, Then each step names its person', async () => {
    const id = await ask(P[0]!, 3);
    expect((await bugeatTech.post(`/api/transfers/${id}/accept`).send({})).status).toBe(200);
    expect((await bugeat.post(`/api/transfers/${id}/ship`)).status).toBe(200);
    expect((await meymacTech.post(`/api/transfers/${id}/receive`).send({})).status).toBe(200);

    for (const agent of [meymac, bugeat]) {
      const res = await agent.get(`/api/transfers/${id}`);
      expect(res.body).toMatchObject({
        toPharmacyName: 'Pharmacie de Meymac',
        fromPharmacyName: 'Pharmacie de Bugeat',
        requestedByName: 'Pharmacien·ne de Meymac',
        decidedByName: 'Préparateur·rice de Bugeat',
        shippedByName: 'Pharmacien·ne de Bugeat',
        receivedByName: 'Préparateur·rice de Meymac',
        cancelledByName: null,
        cancelledByPharmacyName: null,
      });
    }
    // The list carries the same names.
    const listed = (await meymac.get(`/api/transfers?box=outbox&q=n°${id}`)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id, receivedByName: 'Préparateur·rice de Meymac' })]);
  });

  it('When the lender cancels an accepted transfer, Then the cancel names the person and the lending pharmacy', async () => {
    const id = await ask(P[0]!, 1);
    await bugeat.post(`/api/transfers/${id}/accept`).send({});
    expect((await bugeatTech.post(`/api/transfers/${id}/cancel`)).status).toBe(200);
    const res = await meymac.get(`/api/transfers/${id}`);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      decidedByName: 'Pharmacien·ne de Bugeat',
      shippedByName: null,
      cancelledByName: 'Préparateur·rice de Bugeat',
      cancelledByPharmacyId: pharmacyId(t.db, 'bugeat'),
      cancelledByPharmacyName: 'Pharmacie de Bugeat',
    });
  });

  it('When a lot has moved, Then each movement names who moved it, in which pharmacy, and the other side of a dépannage', async () => {
    const id = await ask(P[1]!, 4);
    await bugeat.post(`/api/transfers/${id}/accept`).send({});
    await bugeatTech.post(`/api/transfers/${id}/ship`);
    await meymac.post(`/api/transfers/${id}/receive`).send({});

    const senderLot = (await bugeat.get(`/api/stock/lots?cip13=${P[1]}`)).body.items[0];
    const sent = (await bugeat.get(`/api/stock/lots/${senderLot.id}`)).body.movements;
    expect(
      sent.map((m: Record<string, unknown>) => [m.kind, m.userName, m.pharmacyName, m.counterpartPharmacyName]),
    ).toEqual([
      ['transfer_out', 'Préparateur·rice de Bugeat', 'Pharmacie de Bugeat', 'Pharmacie de Meymac'],
      ['receipt', 'Pharmacien·ne de Bugeat', 'Pharmacie de Bugeat', null],
    ]);
    const receiverLot = (await meymac.get(`/api/stock/lots?cip13=${P[1]}`)).body.items[0];
    const received = (await meymac.get(`/api/stock/lots/${receiverLot.id}`)).body.movements;
    expect(received).toEqual([
      expect.objectContaining({
        kind: 'transfer_in',
        quantity: 4,
        transferId: id,
        userName: 'Pharmacien·ne de Meymac',
        pharmacyName: 'Pharmacie de Meymac',
        counterpartPharmacyName: 'Pharmacie de Bugeat',
      }),
    ]);
  });

  it('When another pharmacy asks for the lot, Then it is not found', async () => {
    const lot = (await bugeat.get(`/api/stock/lots?cip13=${P[1]}`)).body.items[0];
    expect((await felletin.get(`/api/stock/lots/${lot.id}`)).status).toBe(404);
  });
});

describe('the transfers list: filtered, searched, paginated on the server', () => {
  it('When the list is read page by page, Then pages are disjoint, newest first, and total counts them all', async () => {
    for (let i = 0; i < 5; i++) await ask(P[2]!, 1);
    const all = (await bugeat.get('/api/transfers?box=inbox&pageSize=500')).body;
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThanOrEqual(5);

    const first = (await bugeat.get('/api/transfers?box=inbox&pageSize=2')).body;
    const second = (await bugeat.get('/api/transfers?box=inbox&pageSize=2&page=2')).body;
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: all.total });
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: all.total });
    expect([...first.items, ...second.items].map((x: Row) => x.id)).toEqual(
      all.items.slice(0, 4).map((x: Row) => x.id),
    );
    const requestedAt = all.items.map((x: { requestedAt: string }) => x.requestedAt);
    expect(requestedAt).toEqual([...requestedAt].sort().reverse());

    const beyond = (await bugeat.get(`/api/transfers?box=inbox&pageSize=2&page=${all.total + 1}`)).body;
    expect(beyond).toMatchObject({ items: [], total: all.total });
  });

  it('When filtered by status, Then only that status comes, and counts per status ignore the filter', async () => {
    const id = await ask(P[2]!, 1);
    await bugeat.post(`/api/transfers/${id}/reject`).send({ reason: 'Plus assez' });
    const rejected = (await meymac.get('/api/transfers?box=outbox&status=rejected')).body;
    expect(rejected.items.length).toBeGreaterThan(0);
    expect(new Set(rejected.items.map((x: Row) => x.status))).toEqual(new Set(['rejected']));
    expect(rejected.items.map((x: Row) => x.id)).toContain(id);
    expect(rejected.total).toBe(rejected.counts.rejected);

    const all = (await meymac.get('/api/transfers?box=outbox&pageSize=500')).body;
    expect(rejected.counts).toEqual(all.counts);
    const byStatus: Record<string, number> = {};
    for (const x of all.items as Row[]) byStatus[x.status] = (byStatus[x.status] ?? 0) + 1;
    for (const [status, n] of Object.entries(all.counts)) expect(n).toBe(byStatus[status] ?? 0);
  });

  it('When searched by product name, CIP13, lot, other pharmacy or number, Then the matching transfers come, accents and case ignored', async () => {
    const id = await ask(P[0]!, 1);
    await bugeat.post(`/api/transfers/${id}/accept`).send({});
    const detail = (await meymac.get(`/api/transfers/${id}`)).body;
    const ids = async (agent: Agent, query: string) =>
      (await agent.get(`/api/transfers?${query}&pageSize=500`)).body.items.map((x: Row) => x.id);

    // The product's name typed without accents, in capitals, one word of it.
    const word = detail.productLabel
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .split(/\s+/)
      .find((w: string) => w.length >= 4) as string;
    expect(await ids(meymac, `q=${encodeURIComponent(word.toUpperCase())}`)).toContain(id);
    expect(await ids(meymac, `q=${P[0]}`)).toContain(id);
    expect(await ids(meymac, `q=${P[0]!.slice(3, 9)}`)).toContain(id);
    // The lot number of its reserved lot, typed in lower case.
    expect(await ids(meymac, 'q=lst0')).toContain(id);
    expect(await ids(meymac, 'q=lst1')).not.toContain(id);
    // The other pharmacy: Bugeat seen from Meymac, Meymac seen from Bugeat; not one's own name.
    expect(await ids(meymac, 'q=bugeat')).toContain(id);
    expect(await ids(bugeat, 'q=meymac')).toContain(id);
    expect(await ids(meymac, 'box=outbox&q=meymac')).toEqual([]);
    // The number, as people write it.
    for (const q of [`${id}`, `n°${id}`, `N° ${id}`, `#${id}`]) {
      expect(await ids(meymac, `q=${encodeURIComponent(q)}`)).toContain(id);
    }
    // A search combines with the status filter.
    expect(await ids(meymac, `status=requested&q=${P[0]}`)).not.toContain(id);
    expect(await ids(meymac, `status=accepted&q=${P[0]}`)).toContain(id);
    // Searching is no way to see other pharmacies' transfers.
    expect(await ids(felletin, `q=${encodeURIComponent(`n°${id}`)}`)).toEqual([]);
    expect(await ids(felletin, `q=${P[0]}`)).toEqual([]);
  });

  it('When the query is malformed, Then 400 with the field named', async () => {
    for (const query of ['page=0', 'pageSize=501', 'pageSize=abc', 'sort=id', 'status=lost']) {
      const res = await bugeat.get(`/api/transfers?${query}`);
      expect(res.status, query).toBe(400);
    }
  });
});

describe('the pool, in stock only', () => {
  const listed = async (agent: Agent, cip13: string, inStock: boolean) =>
    (await agent.get(`/api/pool?q=${cip13}${inStock ? '&inStock=true' : ''}`)).body.items.map(
      (x: { cip13: string }) => x.cip13,
    );

  it('When every unit of a product is reserved, Then "in stock only" hides it; when another pharmacy gets some, it shows again', async () => {
    const cip13 = P[3]!;
    await bugeat
      .post('/api/stock/receipts')
      .send({ cip13, lotNumber: 'RSV1', expiryDate: '2027-10-31', quantity: 5, unitCostCents: 100 });
    const id = await ask(cip13, 5, meymac);
    expect((await bugeat.post(`/api/transfers/${id}/accept`).send({})).status).toBe(200);

    expect(await listed(meymac, cip13, false)).toEqual([cip13]);
    expect(await listed(meymac, cip13, true)).toEqual([]);

    await felletin
      .post('/api/stock/receipts')
      .send({ cip13, lotNumber: 'FEL1', expiryDate: '2027-09-30', quantity: 2, unitCostCents: 100 });
    expect(await listed(meymac, cip13, true)).toEqual([cip13]);
    const item = (await meymac.get(`/api/pool?q=${cip13}&inStock=true`)).body.items[0];
    expect(
      item.pharmacies
        .filter((p: { available: number }) => p.available > 0)
        .map((p: { pharmacySlug: string }) => p.pharmacySlug),
    ).toEqual(['felletin']);
  });

  it('When only my own pharmacy holds a product, Then "in stock only" hides it from me but not from the others', async () => {
    const cip13 = P[4]!;
    await felletin
      .post('/api/stock/receipts')
      .send({ cip13, lotNumber: 'OWN1', expiryDate: '2027-09-30', quantity: 8, unitCostCents: 100 });
    expect(await listed(felletin, cip13, true)).toEqual([]);
    expect(await listed(felletin, cip13, false)).toEqual([cip13]);
    expect(await listed(meymac, cip13, true)).toEqual([cip13]);
  });

  it('When the filter is not true or false, Then 400', async () => {
    expect((await meymac.get(`/api/pool?q=${P[4]}&inStock=yes`)).status).toBe(400);
  });
});

describe('matchesTransferSearch', () => {
  const row = {
    id: 42,
    productLabel: 'DOLIPRANE 1000 mg, comprimé',
    cip13: '3400935955838',
    otherPharmacyName: 'Pharmacie de Royère-de-Vassivière',
    lotNumbers: 'AB12 CD34',
  };
  it('matches every word anywhere, accents and case ignored; a number only as a whole', () => {
    expect(matchesTransferSearch(row, 'royere')).toBe(true);
    expect(matchesTransferSearch(row, 'doliprane ROYÈRE')).toBe(true);
    expect(matchesTransferSearch(row, 'doliprane meymac')).toBe(false);
    expect(matchesTransferSearch(row, 'cd34')).toBe(true);
    expect(matchesTransferSearch(row, '955838')).toBe(true);
    expect(matchesTransferSearch(row, 'n° 42')).toBe(true);
    expect(matchesTransferSearch(row, '#42')).toBe(true);
    expect(matchesTransferSearch(row, '43')).toBe(false);
  });
});
