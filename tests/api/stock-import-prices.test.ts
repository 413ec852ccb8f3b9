import { beforeEach, describe, expect, it } from 'vitest';
import { unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

// Issue #15, fresh tester: a price given for a lot already held was ignored without a word, and
// expiries printed as a month (07/2027) were refused.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;
let P: string[];

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  P = unheldProducts(t.db, 2);
});

const send = (csv: string, apply = false) =>
  bugeat
    .post(`/api/stock/imports${apply ? '?apply=true' : ''}`)
    .set('Content-Type', 'text/csv')
    .send(csv);
const lotOf = async (cip13: string, lotNumber: string) =>
  (await bugeat.get(`/api/stock/lots?cip13=${cip13}&includeEmpty=true`)).body.items.find(
    (l: { lotNumber: string }) => l.lotNumber === lotNumber,
  );
const HEAD = 'CIP13;Lot;Péremption;Quantité;Prix';

describe('a price given for a lot already held', () => {
  it('When the file prices a lot bought at 0,043 €, Then the preview says the price is ignored and names the cost kept, and applying keeps it', async () => {
    await send(`${HEAD}\n${P[0]};HELD;2027-06-30;100;0,043\n`, true);
    const dry = await send(`${HEAD}\n${P[0]};HELD;2027-06-30;80;0,09\n`);
    expect(dry.status).toBe(200);
    expect(dry.body.warnings).toEqual([{ line: 2, code: 'priceIgnored', params: { lot: 'HELD', cost: 4_300 } }]);
    expect(dry.body.adjustments).toEqual([expect.objectContaining({ line: 2, from: 100, to: 80 })]);
    const applied = await send(`${HEAD}\n${P[0]};HELD;2027-06-30;80;0,09\n`, true);
    expect(applied.status).toBe(200);
    expect(await lotOf(P[0] as string, 'HELD')).toMatchObject({ quantity: 80, unitCostMillicents: 4_300 });
  });

  it('When the file prices a held lot that has no cost, Then the lot takes the price, even when its quantity is unchanged', async () => {
    await send(`CIP13;Lot;Péremption;Quantité\n${P[0]};NOCOST;2027-06-30;30\n`, true);
    expect(await lotOf(P[0] as string, 'NOCOST')).toMatchObject({ unitCostMillicents: 0 });
    const csv = `${HEAD}\n${P[0]};NOCOST;2027-06-30;30;0,145\n`;
    const dry = await send(csv);
    expect(dry.body).toMatchObject({ adjustments: [], errors: [] });
    expect(dry.body.warnings).toEqual([{ line: 2, code: 'priceSet', params: { lot: 'NOCOST', cost: 14_500 } }]);
    const applied = await send(csv, true);
    expect(applied.status).toBe(200);
    expect(await lotOf(P[0] as string, 'NOCOST')).toMatchObject({
      quantity: 30,
      unitCostMillicents: 14_500,
      unitCostCents: 15,
    });
    const audit = t.db.$client
      .prepare("SELECT details FROM audit_log WHERE action = 'stock.import' ORDER BY id DESC LIMIT 1")
      .get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ adjustments: 0, costsSet: 1 });
    // Once it has a cost, the same file changes nothing and says the price is now the lot's.
    expect((await send(csv)).body).toMatchObject({ adjustments: [], warnings: [] });
  });
});

describe('expiries printed as a month', () => {
  it.each(['07/2027', '7/2027', '2027-07'])(
    'When a lot expires %s, Then it is recorded on the last day of July 2027',
    async (expiry) => {
      const res = await send(`CIP13;Lot;Péremption;Quantité\n${P[1]};M1;${expiry};12\n`, true);
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual([]);
      expect(await lotOf(P[1] as string, 'M1')).toMatchObject({ expiryDate: '2027-07-31', quantity: 12 });
    },
  );
});

describe('column names as people type them', () => {
  it('When the box columns are written "Boites" and "Unites par boite", Then the file is read in boxes as with the accents', async () => {
    const res = await send(
      `CIP13;Lot;Peremption;Boites;Unites par boite;Prix boite\n${P[1]};B1;12/2027;5;8;1,16\n`,
      true,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ quantityUnit: 'boxes', errors: [] });
    expect(await lotOf(P[1] as string, 'B1')).toMatchObject({
      quantity: 40,
      expiryDate: '2027-12-31',
      unitCostMillicents: 14_500,
    });
  });
});
