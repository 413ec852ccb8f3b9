import type { Agent } from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { poolOracle } from '../../bench/search-floor';
import { queryWords, toFtsQuery } from '../../server/catalogue/catalogue.usecases';
import { addCalendarDays, parisDate } from '../../server/shared/dates';
import { createTestApp } from '../helpers/test-app';

type Item = { cip13: string; productLabel: string; pharmacies: { pharmacySlug: string; available: number }[] };

let t: Awaited<ReturnType<typeof createTestApp>>;
let meymac: Agent;
beforeAll(async () => {
  t = await createTestApp();
  meymac = await t.agentAs('preparateur.meymac@officoop.test');
});

async function pool(q: string, limit: number, inStock: boolean): Promise<Item[]> {
  const res = await meymac.get(`/api/pool?q=${encodeURIComponent(q)}&limit=${limit}${inStock ? '&inStock=true' : ''}`);
  expect(res.status).toBe(200);
  return res.body.items as Item[];
}

describe("the bench's least pool answer (bench/search-floor.ts)", () => {
  it('When it is told a query in advance, Then it knows the products the pool shows first, in their order', async () => {
    // Issue 16's floor of goal 3 claims to answer the pool's page: its oracle must be that page.
    const sendableFrom = addCalendarDays(parisDate(t.clock.now()), 1);
    for (const q of ['amlo', 'doli', 'para']) {
      const { page } = poolOracle(t.db.$client, toFtsQuery(queryWords(q)), sendableFrom);
      expect(page.length, q).toBeGreaterThan(0);
      const shown = await pool(q, 20, false);
      expect(
        page.map((p) => p.cip13),
        q,
      ).toEqual(shown.slice(0, page.length).map((i) => i.cip13));
    }
  });
});

// The pool reads its holders one page of products at a time (issue 16): whatever the page size,
// the products shown must be the same, in the same order, as one long list would give.
describe('pool search pages', () => {
  it.each([
    ['amlo', false],
    ['amlo', true],
    ['doli', false],
    ['doli', true],
    ['para', true],
  ])(
    'When the pool is searched for %s (in stock only: %s) with a small limit, Then it shows the first products of the long list',
    async (q, inStock) => {
      const all = await pool(q, 50, inStock);
      expect(all.length).toBeGreaterThan(0);
      for (const limit of [1, 2, 3, 5]) {
        expect((await pool(q, limit, inStock)).map((i) => i.cip13)).toEqual(all.slice(0, limit).map((i) => i.cip13));
      }
      if (inStock) {
        // Only products another pharmacy than Meymac can lend now.
        for (const item of all) {
          expect(item.pharmacies.some((p) => p.pharmacySlug !== 'meymac' && p.available > 0)).toBe(true);
        }
      }
    },
  );

  it('When the first product by name is held only by my pharmacy, Then "in stock only" with a limit of 1 shows the next one', async () => {
    // A speciality with two presentations nobody holds: same name, so they sort by CIP13.
    const cis = (
      t.db.$client
        .prepare(
          `SELECT p.cis FROM catalogue_presentations p
           WHERE NOT EXISTS (SELECT 1 FROM stock_lots l WHERE l.cip13 = p.cip13)
           GROUP BY p.cis HAVING count(*) >= 2 ORDER BY p.cis LIMIT 1`,
        )
        .get() as { cis: string }
    ).cis;
    const [mine, next] = (
      t.db.$client.prepare('SELECT cip13 FROM catalogue_presentations WHERE cis = ? ORDER BY cip13').all(cis) as {
        cip13: string;
      }[]
    ).map((r) => r.cip13);
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const receive = (agent: Agent, cip13: string | undefined) =>
      agent
        .post('/api/stock/receipts')
        .send({ cip13, lotNumber: 'PAGE-1', expiryDate: '2027-06-30', quantity: 10, unitCostCents: 100 });
    expect((await receive(meymac, mine)).status).toBe(201);
    expect((await receive(bugeat, next)).status).toBe(201);

    expect((await pool(cis, 1, false)).map((i) => i.cip13)).toEqual([mine]);
    expect((await pool(cis, 1, true)).map((i) => i.cip13)).toEqual([next]);
    expect((await pool(cis, 5, true)).map((i) => i.cip13)).toEqual([next]);
  });
});

describe('pool order', () => {
  it('When two held products differ only by their dose, Then the pool lists the smaller dose first (numbers by value)', async () => {
    // DOLIPRANE 500 mg and DOLIPRANE 1000 mg: a pharmacist reads 500 before 1000, as the
    // catalogue's other lists sort names (server/shared/collate.ts), not "1000" before "500".
    const labelled = (label: string) =>
      (
        t.db.$client
          .prepare(
            `SELECT p.cip13 FROM catalogue_presentations p JOIN catalogue_specialities s ON s.cis = p.cis
             WHERE s.name LIKE ? ORDER BY p.cip13 LIMIT 1`,
          )
          .get(label) as { cip13: string } | undefined
      )?.cip13;
    const small = labelled('DOLIPRANE 500 mg%');
    const large = labelled('DOLIPRANE 1000 mg%');
    expect(small && large).toBeTruthy();
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    for (const cip13 of [large, small]) {
      const res = await bugeat
        .post('/api/stock/receipts')
        .send({ cip13, lotNumber: 'DOSE-1', expiryDate: '2027-06-30', quantity: 10, unitCostCents: 100 });
      expect(res.status).toBe(201);
    }
    const labels = (await pool('doliprane', 50, true)).map((i) => i.productLabel);
    const firstSmall = labels.findIndex((l) => l.startsWith('DOLIPRANE 500 mg'));
    const firstLarge = labels.findIndex((l) => l.startsWith('DOLIPRANE 1000 mg'));
    expect(firstSmall).toBeGreaterThanOrEqual(0);
    expect(firstLarge).toBeGreaterThanOrEqual(0);
    expect(firstSmall).toBeLessThan(firstLarge);
  });
});
