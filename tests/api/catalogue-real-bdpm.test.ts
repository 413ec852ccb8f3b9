import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEAST_SEARCH, SEARCH_FLOORS, searchOracle } from '../../bench/search-floor';
import { queryWords, toFtsQuery } from '../../server/catalogue/catalogue.usecases';
import { type ImportReport, importCatalogue, readBdpmDir } from '../../server/catalogue/catalogue-import.usecases';
import { systemActor } from '../../server/http/context';
import { createTestApp } from '../helpers/test-app';

/** The real ANSM files: CI clones the repository with shared/ beside it. */
const BDPM_DIR = join(import.meta.dirname, '../../../shared/data/bdpm');

type Item = { cip13: string; name: string | null; label: string; marketed: boolean; active: boolean };

describe('the real BDPM files', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let agent: Awaited<ReturnType<typeof t.agentAs>>;
  let first: ImportReport;
  const cip13sInFile = readFileSync(join(BDPM_DIR, 'CIS_CIP_bdpm.txt'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t')[6]);

  beforeAll(async () => {
    // Over the demo catalogue, whose rows are all taken from these files.
    t = await createTestApp();
    agent = await t.agentAs('preparateur.bugeat@officoop.test');
    first = importCatalogue({
      ctx: { db: t.db, clock: t.clock, actor: systemActor('test') },
      parsed: readBdpmDir(BDPM_DIR),
    });
  }, 30_000);

  it('When imported, Then every presentation of CIS_CIP_bdpm.txt is in the catalogue and no row is rejected', () => {
    expect(first.applied).toBe(true);
    const rejected = first.files.flatMap((f) => f.firstRejected.map((r) => `${f.file}:${r.line} ${r.reason}`));
    expect(rejected).toEqual([]);
    expect(first.files.map((f) => [f.file, f.read, f.rejected])).toEqual([
      ['CIS_COMPO_bdpm.txt', 32_466, 0],
      ['CIS_GENER_bdpm.txt', 10_728, 0],
      ['CIS_bdpm.txt', 15_848, 0],
      ['CIS_CIP_bdpm.txt', 20_874, 0],
    ]);
    const stored = new Set(t.db.$client.prepare('SELECT cip13 FROM catalogue_presentations').pluck().all());
    expect(cip13sInFile).toHaveLength(20_874);
    expect(cip13sInFile.filter((c) => !stored.has(c))).toEqual([]);
    expect(stored.size).toBe(20_874);
  });

  it('When imported a second time, Then nothing changes', () => {
    const second = importCatalogue({
      ctx: { db: t.db, clock: t.clock, actor: systemActor('test') },
      parsed: readBdpmDir(BDPM_DIR),
    });
    expect(second).toMatchObject({ applied: true, changed: false });
    expect(second.files.every((f) => f.inserted + f.updated + f.retired === 0)).toBe(true);
  }, 20_000);

  const search = async (q: string, limit = 20) => {
    const res = await agent.get('/api/products').query({ q, limit });
    expect(res.status).toBe(200);
    return res.body.items as Item[];
  };
  const marketedFirst = (items: Item[]) => {
    const firstUnmarketed = items.findIndex((i) => !i.marketed);
    return firstUnmarketed === -1 || items.slice(firstUnmarketed).every((i) => !i.marketed);
  };

  it('When searching "amlo 5", Then amlodipine 5 mg presentations come first, marketed ones before the others', async () => {
    const items = await search('amlo 5', 50);
    expect(items).toHaveLength(50);
    for (const item of items) expect(item.name).toMatch(/^AMLO.* 5 mg/);
    expect(marketedFirst(items)).toBe(true);
  });

  it.each([
    ['doliprane 1000', /^DOLIPRANE 1000 mg/],
    ['levothyrox 100', /^LEVOTHYROX 100 microgrammes/],
    ['kardegic 75', /^KARDEGIC 75 mg/],
    ['xarelto 20', /^XARELTO 20 mg/],
    ['seresta', /^SERESTA /],
    ['metformine 1000', /^METFORMINE .*1000 mg/],
    ['skenan lp 30', /^SKENAN L\.P\. 30 mg/],
    ['morphine lp', /^(SKENAN L\.P\.|MOSCONTIN L\.P\.)/],
  ])('When searching "%s", Then the best hit is %s', async (q, expected) => {
    const items = await search(q);
    expect(items[0]?.name).toMatch(expected);
    expect(marketedFirst(items)).toBe(true);
  });

  it('When searching a substance with accents, Then its specialities are found through their composition', async () => {
    const items = await search('lévothyroxine', 100);
    expect(items.some((i) => i.name?.startsWith('LEVOTHYROX '))).toBe(true);
    expect(items.some((i) => i.name?.startsWith('L-THYROXIN'))).toBe(true);
  });

  it("When the bench's search floor ranks a query, Then it gives the search's first page, in its order", async () => {
    // bench/search-floor.ts claims to be the least work of this ranking: it must rank as the search does.
    const floor = t.db.$client.prepare(SEARCH_FLOORS.ranking).pluck();
    for (const q of ['amlo', 'amlo 5', 'paracetamol', 'dolip', 'ibupro 400', 'met', 'insuline', 'lp', 'zzzz']) {
      const words = queryWords(q);
      const page = (await search(q, 20)).map((i) => i.cip13);
      expect(floor.all({ q: toFtsQuery(words), startsWith: `${words[0]}%` }), q).toEqual(page);
    }
  });

  it("When the bench's least search is told a query's page, Then that is the search's first page and it scores every speciality shown", async () => {
    // bench/search-floor.ts's least answer stands for any search that ranks as this one: told the
    // page in advance, it still scores the specialities of the (tier, starts-with) groups the page
    // reaches (their order inside a group is bm25's), and the shown ones are among them.
    const row = t.db.$client.prepare(
      'SELECT p.cip13, CAST(p.cis AS INTEGER) AS cis FROM catalogue_presentations p WHERE p.rowid = ?',
    );
    for (const q of ['amlo', 'amlo 5', 'paracetamol', 'dolip', 'ibupro 400', 'met', 'insuline', 'lp']) {
      const words = queryWords(q);
      const fts = toFtsQuery(words);
      const oracle = searchOracle(t.db.$client, fts, `${words[0]}%`);
      const shown = oracle.page.map((rowid) => row.get(rowid) as { cip13: string; cis: number });
      expect(
        shown.map((r) => r.cip13),
        q,
      ).toEqual((await search(q, 20)).map((i) => i.cip13));
      for (const r of shown) expect(oracle.reached, q).toContain(r.cis);
      const scored = t.db.$client.prepare(LEAST_SEARCH.scores).all({ q: fts, reached: JSON.stringify(oracle.reached) });
      expect(scored, q).toHaveLength(oracle.reached.length);
    }
  });

  it('When searching real codes, Then CIP13, CIP7 and CIS each find their presentation', async () => {
    expect((await search('3400949497294'))[0]?.cip13).toBe('3400949497294');
    expect((await search('4949729'))[0]?.cip13).toBe('3400949497294');
    expect((await search('60002283')).map((i) => i.cip13)).toEqual(['3400949497294', '3400949497706']);
  });
});
