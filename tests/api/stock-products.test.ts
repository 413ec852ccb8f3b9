import { beforeEach, describe, expect, it } from 'vitest';
import { frenchCompare } from '../../server/shared/collate';
import { parisDate } from '../../server/shared/dates';
import { centsOf } from '../../server/stock/stock.models';
import { unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

// Issue #15: the stock page groups, totals, sorts and pages on the server (GET /api/stock/products),
// and GET /api/stock/lots pages too, so a pharmacy with 20 000 lots gets one small answer.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type Product = {
  cip13: string;
  productLabel: string;
  quantity: number;
  reserved: number;
  available: number;
  valueCents: number;
  nearestExpiry: string;
  lots: number;
};
type Lot = {
  id: number;
  cip13: string;
  productLabel: string;
  lotNumber: string;
  expiryDate: string;
  quantity: number;
  reserved: number;
  available: number;
  unitCostMillicents: number;
};

let t: App;
let bugeat: Agent;
let meymac: Agent;
let P: string[];

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  meymac = await t.agentAs('preparateur.meymac@officoop.test');
  P = unheldProducts(t.db, 3);
});

const receive = async (agent: Agent, over: object) => {
  const res = await agent.post('/api/stock/receipts').send({
    cip13: P[0],
    lotNumber: 'LOT-A1',
    expiryDate: '2027-06-30',
    quantity: 30,
    unitCostCents: 125,
    ...over,
  });
  expect(res.status).toBe(201);
};

async function allProducts(agent: Agent, query = ''): Promise<Product[]> {
  const items: Product[] = [];
  for (let page = 1; ; page++) {
    const res = await agent.get(`/api/stock/products?pageSize=100&page=${page}${query}`);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    if (items.length >= res.body.total) return items;
  }
}

async function allLots(agent: Agent, query = ''): Promise<Lot[]> {
  const res = await agent.get(`/api/stock/lots?pageSize=500${query}`);
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return res.body.items;
}

describe('GET /api/stock/products', () => {
  it('When Bugeat lists its stock by product, Then each product’s totals equal the sum of its lots, value rounded once', async () => {
    // Two lots of one product at a sub-cent cost: 30 × 0,043 € + 7 × 0,043 € = 1,591 € → 1,59 €.
    await receive(bugeat, { unitCostCents: 4, unitCostMillicents: 4_300 });
    await receive(bugeat, {
      lotNumber: 'LOT-A2',
      expiryDate: '2027-03-31',
      quantity: 7,
      unitCostCents: 4,
      unitCostMillicents: 4_300,
    });
    const lots = await allLots(bugeat);
    const products = await allProducts(bugeat);
    const today = parisDate(t.clock.now());
    const res = await bugeat.get('/api/stock/products?pageSize=100');
    expect(res.body.total).toBe(products.length);
    expect(res.body.lotCount).toBe(lots.length);
    expect(products.length).toBeGreaterThan(3);
    for (const product of products) {
      const own = lots.filter((l) => l.cip13 === product.cip13);
      expect(product).toMatchObject({
        quantity: own.reduce((s, l) => s + l.quantity, 0),
        reserved: own.reduce((s, l) => s + l.reserved, 0),
        // Lots past their expiry hold units that are no longer available (as in the pool).
        available: own.filter((l) => l.expiryDate >= today).reduce((s, l) => s + l.available, 0),
        valueCents: centsOf(own),
        nearestExpiry: own.map((l) => l.expiryDate).sort()[0],
        lots: own.length,
      });
    }
    expect(products.find((p) => p.cip13 === P[0])).toMatchObject({
      quantity: 37,
      valueCents: 159,
      nearestExpiry: '2027-03-31',
      lots: 2,
    });
  });

  it('When one of a product’s lots has expired, Then its units stay on hand but are not available, as the pool counts them', async () => {
    await receive(bugeat, { cip13: P[1], lotNumber: 'OLD-1', expiryDate: '2026-12-31', quantity: 10 });
    await receive(bugeat, { cip13: P[1], lotNumber: 'NEW-1', expiryDate: '2027-06-30', quantity: 5 });
    t.clock.set('2027-01-04T09:00:00.000Z');
    bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const product = (await allProducts(bugeat)).find((p) => p.cip13 === P[1]);
    expect(product).toMatchObject({ quantity: 15, available: 5, lots: 2 });
    meymac = await t.agentAs('preparateur.meymac@officoop.test');
    const pool = await meymac.get(`/api/pool?q=${P[1]}`);
    expect(pool.status).toBe(200);
    expect(JSON.stringify(pool.body)).toContain('"available":5');
  });

  it('When products are asked page by page, Then the pages join into the whole list, without gaps or repeats', async () => {
    const whole = (await allProducts(bugeat)).map((p) => p.cip13);
    const paged: string[] = [];
    for (let page = 1; paged.length < whole.length; page++) {
      const res = await bugeat.get(`/api/stock/products?pageSize=4&page=${page}`);
      expect(res.body).toMatchObject({ page, pageSize: 4, total: whole.length });
      expect(res.body.items.length).toBeLessThanOrEqual(4);
      paged.push(...res.body.items.map((p: Product) => p.cip13));
    }
    expect(paged).toEqual(whole);
    // Past the last page: an empty page, the total still said.
    const after = await bugeat.get('/api/stock/products?pageSize=4&page=999');
    expect(after.body).toMatchObject({ items: [], total: whole.length });
  });

  it('When products are sorted by name, expiry, quantity or value, Then the server orders the whole list', async () => {
    const byName = await allProducts(bugeat, '&sort=product');
    const names = byName.map((p) => p.productLabel);
    expect(names).toEqual([...names].sort(frenchCompare));
    const byExpiry = (await allProducts(bugeat, '&sort=expiry')).map((p) => p.nearestExpiry);
    expect(byExpiry).toEqual([...byExpiry].sort());
    const byQuantity = (await allProducts(bugeat, '&sort=quantity')).map((p) => p.quantity);
    expect(byQuantity).toEqual([...byQuantity].sort((a, b) => a - b));
    const byValue = (await allProducts(bugeat, '&sort=value')).map((p) => p.valueCents);
    expect(byValue).toEqual([...byValue].sort((a, b) => b - a));
  });

  it('When names differ by a number, Then 500 mg sorts before 1000 mg, as a pharmacist reads them', async () => {
    const key = await import('../../server/stock/stock-list.models');
    const names = [
      'DOLIPRANE 1000 mg',
      'Éfferalgan 500 mg',
      'DOLIPRANE 500 mg',
      'efferalgan 1 g',
      'Zopiclone',
      'amlodipine',
    ];
    expect([...names].sort((a, b) => (key.nameSortKey(a) < key.nameSortKey(b) ? -1 : 1))).toEqual(
      [...names].sort(frenchCompare),
    );
  });

  it('When the search names a lot, a CIP13 part or the drug without its accents, Then only matching lots count', async () => {
    await receive(bugeat, { lotNumber: 'ZQ-7781' });
    await receive(bugeat, { lotNumber: 'LOT-B2', expiryDate: '2027-09-30', quantity: 5 });
    // A lot number, in lower case: only that lot, and the product's totals are that lot's.
    const byLot = await allProducts(bugeat, '&q=zq-778');
    expect(byLot).toEqual([expect.objectContaining({ cip13: P[0], quantity: 30, lots: 1 })]);
    expect((await allLots(bugeat, '&q=zq-778')).map((l) => l.lotNumber)).toEqual(['ZQ-7781']);
    // Part of the CIP13: both lots of the product.
    const byCip = await allProducts(bugeat, `&q=${(P[0] as string).slice(5, 12)}`);
    expect(byCip.find((p) => p.cip13 === P[0])).toMatchObject({ quantity: 35, lots: 2 });
    // A substance typed without its accent finds the drugs made of it ("paracetamol": DOLIPRANE).
    const accented = t.db.$client
      .prepare(
        `SELECT s.name AS name, c.substance_name AS substance FROM stock_lots l
         JOIN catalogue_presentations p ON p.cip13 = l.cip13 JOIN catalogue_specialities s ON s.cis = p.cis
         JOIN catalogue_compositions c ON c.cis = p.cis JOIN pharmacies ph ON ph.id = l.pharmacy_id
         WHERE ph.slug = 'bugeat' AND l.quantity > 0 AND c.substance_name GLOB '[A-Z]*[ÉÈÊéèê]*' LIMIT 1`,
      )
      .get() as { name: string; substance: string } | undefined;
    if (!accented) throw new Error('the demo gives Bugeat no drug of an accented substance');
    const word = (accented.substance.split(/[^\p{L}]+/u).find((w) => /[ÉÈÊéèê]/.test(w)) as string)
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase();
    const found = await allProducts(bugeat, `&q=${encodeURIComponent(word)}`);
    expect(found.map((p) => p.productLabel)).toContain(accented.name);
    // Nothing matches: an empty list, not an error.
    expect((await bugeat.get('/api/stock/products?q=zzzzqqq')).body).toMatchObject({
      items: [],
      total: 0,
      lotCount: 0,
    });
  });

  it('When Meymac lists its stock, Then no lot of Bugeat appears, and Bugeat’s lot answers 404 to Meymac', async () => {
    await receive(bugeat, { lotNumber: 'ONLY-BUGEAT' });
    expect(await allProducts(meymac, `&q=ONLY-BUGEAT`)).toEqual([]);
    expect((await allProducts(meymac)).map((p) => p.cip13)).not.toContain(P[0]);
    expect((await allLots(meymac)).map((l) => l.lotNumber)).not.toContain('ONLY-BUGEAT');
    const [lot] = await allLots(bugeat, '&q=ONLY-BUGEAT');
    expect((await meymac.get(`/api/stock/lots/${lot?.id}`)).status).toBe(404);
    expect((await bugeat.get(`/api/stock/lots/${lot?.id}`)).status).toBe(200);
    const ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
    expect((await ehpad.get('/api/stock/products')).status).toBe(403);
  });

  it.each([
    ['a page 0', 'page=0'],
    ['a page size over 100', 'pageSize=101'],
    ['an unknown sort', 'sort=price'],
    ['an unknown key', 'colour=blue'],
    ['a padded page', 'page=01'],
  ])('When the listing is asked with %s, Then it answers 400', async (_name, query) => {
    const res = await bugeat.get(`/api/stock/products?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation.invalid_input');
  });
});

describe('GET /api/stock/lots, paged', () => {
  it('When lots are asked a page at a time and sorted, Then each page is the next slice of the whole order', async () => {
    const fefo = await allLots(bugeat);
    expect(fefo.map((l) => l.expiryDate)).toEqual([...fefo.map((l) => l.expiryDate)].sort());
    const first = await bugeat.get('/api/stock/lots?pageSize=3');
    expect(first.body).toMatchObject({ total: fefo.length, page: 1, pageSize: 3 });
    expect(first.body.items.map((l: Lot) => l.id)).toEqual(fefo.slice(0, 3).map((l) => l.id));
    const second = await bugeat.get('/api/stock/lots?pageSize=3&page=2');
    expect(second.body.items.map((l: Lot) => l.id)).toEqual(fefo.slice(3, 6).map((l) => l.id));
    const most = (await allLots(bugeat, '&sort=quantity&order=desc')).map((l) => l.quantity);
    expect(most).toEqual([...most].sort((a, b) => b - a));
    const byLot = (await allLots(bugeat, '&sort=lot')).map((l) => l.lotNumber);
    expect(byLot).toEqual([...byLot].sort());
    // By product: in French order, as the products list (500 mg before 1000 mg, É with E).
    const byProduct = (await allLots(bugeat, '&sort=product')).map((l) => l.productLabel);
    expect(byProduct).toEqual([...byProduct].sort(frenchCompare));
  });

  it('When lots are asked with a page size over 500, Then it answers 400', async () => {
    expect((await bugeat.get('/api/stock/lots?pageSize=501')).status).toBe(400);
  });
});

describe('GET /api/pool?inStock=true without a search', () => {
  it('When Meymac turns on "En stock uniquement" without typing, Then the products other pharmacies can lend are listed, by name', async () => {
    const res = await meymac.get('/api/pool?inStock=true&limit=50');
    expect(res.status).toBe(200);
    const items = res.body.items as {
      cip13: string;
      productLabel: string;
      pharmacies: { pharmacySlug: string; available: number }[];
    }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(50);
    for (const item of items) {
      expect(item.pharmacies.some((p) => p.pharmacySlug !== 'meymac' && p.available > 0)).toBe(true);
    }
    const names = items.map((i) => i.productLabel);
    expect(names).toEqual([...names].sort(frenchCompare));
    expect((await meymac.get('/api/pool?inStock=true&limit=3')).body.items).toHaveLength(3);
  });

  it('When a product is held only by Meymac, Then Meymac’s "in stock" list leaves it out, and Bugeat’s shows it', async () => {
    await receive(meymac, { lotNumber: 'MEY-ONLY', cip13: P[1] });
    const lendable = async (agent: Agent) =>
      ((await agent.get('/api/pool?inStock=true&limit=50')).body.items as { cip13: string }[]).map((i) => i.cip13);
    expect(await lendable(meymac)).not.toContain(P[1]);
    // Bugeat's list is limited to 50 names: look for the product by its code.
    const code = await bugeat.get(`/api/pool?inStock=true&q=${P[1]}`);
    expect(code.body.items.map((i: { cip13: string }) => i.cip13)).toEqual([P[1]]);
  });

  it('When products named with accents can be lent, Then "in stock" lists them in French order (É with E, not after Z), paged in SQL', async () => {
    // Four unheld products, each the only presentation of its speciality (renamed below).
    const Q = (
      t.db.$client
        .prepare(
          `SELECT p.cip13 FROM catalogue_presentations p
           WHERE p.marketed = 1 AND p.cip13 NOT IN (${P.map(() => '?').join(',')})
             AND NOT EXISTS (SELECT 1 FROM stock_lots l WHERE l.cip13 = p.cip13)
             AND (SELECT count(*) FROM catalogue_presentations o WHERE o.cis = p.cis) = 1
             AND EXISTS (SELECT 1 FROM catalogue_specialities s WHERE s.cis = p.cis)
           ORDER BY p.cip13 LIMIT 4`,
        )
        .all(...P) as { cip13: string }[]
    ).map((r) => r.cip13);
    expect(Q).toHaveLength(4);
    const names = ['AAA ZINC', 'AAA ÉTAIN', 'AAA ECZÉMA', 'AAA échinacée'];
    const rename = t.db.$client.prepare(
      'UPDATE catalogue_specialities SET name = ? WHERE cis = (SELECT cis FROM catalogue_presentations WHERE cip13 = ?)',
    );
    names.forEach((name, i) => {
      rename.run(name, Q[i]);
    });
    for (const [i, cip13] of Q.entries()) await receive(bugeat, { cip13, lotNumber: `ACC-${i}` });
    const items = (await meymac.get('/api/pool?inStock=true&limit=4')).body.items as { productLabel: string }[];
    expect(items.map((i) => i.productLabel)).toEqual(['AAA échinacée', 'AAA ECZÉMA', 'AAA ÉTAIN', 'AAA ZINC']);
    // The page is cut in SQL: the first two are the first two in French order, not of another order re-sorted.
    const two = (await meymac.get('/api/pool?inStock=true&limit=2')).body.items as { productLabel: string }[];
    expect(two.map((i) => i.productLabel)).toEqual(['AAA échinacée', 'AAA ECZÉMA']);
    const fifty = (await meymac.get('/api/pool?inStock=true&limit=50')).body.items as { productLabel: string }[];
    const labels = fifty.map((i) => i.productLabel);
    expect(labels).toEqual([...labels].sort(frenchCompare));
  });

  it('When the pool is asked without a search and without "in stock", Then it answers 400', async () => {
    const res = await meymac.get('/api/pool');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation.invalid_input');
  });
});
