import { beforeEach, describe, expect, it } from 'vitest';
import { count, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;
let P: string[];

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  P = unheldProducts(t.db, 3);
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
const unitsPerBox = (cip13: string) =>
  (
    t.db.$client.prepare('SELECT units_per_box AS n FROM catalogue_presentations WHERE cip13 = ?').get(cip13) as {
      n: number | null;
    }
  ).n;
const productName = (cip13: string) =>
  (
    t.db.$client
      .prepare(
        `SELECT coalesce(s.name, p.label) AS name FROM catalogue_presentations p
         LEFT JOIN catalogue_specialities s ON s.cis = p.cis WHERE p.cip13 = ?`,
      )
      .get(cip13) as { name: string }
  ).name;

describe('the snapshot preview, as a pharmacist reads it', () => {
  it('When a file lists one lot of a held product, Then the preview names the product, marks the missing lot as going to 0, and counts data lines only', async () => {
    await send(`CIP13;Lot;Péremption;Quantité\n${P[0]};KEEP;2027-06-30;10\n${P[0]};GONE;2027-09-30;6\n`, true);
    const dry = await send(`CIP13;Lot;Péremption;Quantité\n${P[0]};KEEP;2027-06-30;12\n\n`);
    expect(dry.status).toBe(200);
    // The header and the blank last line are not lines read.
    expect(dry.body).toMatchObject({ applied: false, rows: 1, quantityUnit: 'units', errors: [], warnings: [] });
    expect(dry.body.adjustments).toEqual([
      expect.objectContaining({ line: 2, lotNumber: 'KEEP', from: 10, to: 12, unlisted: false }),
      expect.objectContaining({ line: null, lotNumber: 'GONE', from: 6, to: 0, unlisted: true }),
    ]);
    for (const a of dry.body.adjustments) expect(a.productLabel).toBe(productName(P[0] as string));
  });

  it('When some lines have errors, Then every data line is counted as read, not only the good ones', async () => {
    const dry = await send(`CIP13;Lot;Péremption;Quantité\n${P[0]};A;2027-06-30;x\n${P[1]};B;2027-06-30;3\n\n\n`);
    expect(dry.body.rows).toBe(2);
    expect(dry.body.errors).toHaveLength(1);
  });

  it('When a lot in the file has already expired, Then the preview warns on its line and applying still records it', async () => {
    const dry = await send(`CIP13;Lot;Péremption;Quantité\n${P[0]};OLD;2026-10-31;3\n${P[1]};NEW;2027-10-31;3\n`);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.warnings).toEqual([{ line: 2, code: 'expired', params: { lot: 'OLD', date: '2026-10-31' } }]);
    expect(dry.body.adjustments.map((a: { expired: boolean }) => a.expired)).toEqual([true, false]);
    expect((await send(`CIP13;Lot;Péremption;Quantité\n${P[0]};OLD;2026-10-31;3\n`, true)).status).toBe(200);
    expect(await lotOf(P[0] as string, 'OLD')).toMatchObject({ quantity: 3 });
  });
});

describe('quantities in boxes', () => {
  it('When the file counts boxes with units per box, Then the lot holds boxes × units per box', async () => {
    const res = await send(`CIP13;Lot;Péremption;Boîtes;Unités par boîte\n${P[0]};BX1;2027-06-30;4;28\n`, true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ quantityUnit: 'boxes' });
    expect(res.body.adjustments[0]).toMatchObject({ from: 0, to: 112 });
    expect(await lotOf(P[0] as string, 'BX1')).toMatchObject({ quantity: 112 });
  });

  it('When the file counts boxes without units per box, Then the catalogue says how many units a box holds', async () => {
    const cip13 = P.find((c) => unitsPerBox(c) !== null) as string;
    const res = await send(`CIP13;Lot;Péremption;Boîtes\n${cip13};BX2;2027-06-30;3\n`);
    expect(res.body.adjustments[0]).toMatchObject({ to: 3 * (unitsPerBox(cip13) as number) });
  });

  it('When neither the file nor the catalogue knows the units per box, Then the line is refused with a reason', async () => {
    t.db.$client.prepare('UPDATE catalogue_presentations SET units_per_box = NULL WHERE cip13 = ?').run(P[0]);
    const res = await send(`CIP13;Lot;Péremption;Boîtes\n${P[0]};BX3;2027-06-30;3\n`);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'boxes', code: 'unitsPerBoxUnknown', params: { cip13: P[0] } }),
    ]);
  });

  it('When the header has both a quantity and a boxes column, or neither, Then the file is refused on its header', async () => {
    const both = await send(`CIP13;Lot;Péremption;Quantité;Boîtes\n${P[0]};A;2027-06-30;3;1\n`);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'header', code: 'quantityColumns' })]);
    const neither = await send(`CIP13;Lot;Péremption;Prix\n${P[0]};A;2027-06-30;3\n`);
    expect(neither.body.errors).toEqual([expect.objectContaining({ field: 'header', code: 'quantityColumns' })]);
  });
});

describe('unit costs finer than the cent (the receipts rule)', () => {
  it('When the file gives 0,043 € a tablet, Then the lot keeps 4 300 millicents and shows 4 cents', async () => {
    await send(`CIP13;Lot;Péremption;Quantité;Prix\n${P[0]};C1;2027-06-30;300;0,043\n`, true);
    expect(await lotOf(P[0] as string, 'C1')).toMatchObject({ unitCostCents: 4, unitCostMillicents: 4300 });
  });

  it('When the file gives a box price, Then the unit cost is the box price ÷ units per box, rounded once to the millicent', async () => {
    await send(`CIP13;Lot;Péremption;Boîtes;Unités par boîte;Prix boîte\n${P[0]};C2;2027-06-30;2;30;1,00\n`, true);
    // 1,00 € ÷ 30 = 3,333… cents: 3 333 millicents, shown as 3 cents.
    expect(await lotOf(P[0] as string, 'C2')).toMatchObject({
      quantity: 60,
      unitCostMillicents: 3333,
      unitCostCents: 3,
    });
  });

  it('When a price has more than five decimals, Then the line is refused as not a price', async () => {
    const res = await send(`CIP13;Lot;Péremption;Quantité;Prix\n${P[0]};C3;2027-06-30;3;0,000001\n`);
    expect(res.body.errors).toEqual([expect.objectContaining({ line: 2, field: 'unitCost', code: 'price' })]);
  });
});

describe('a 20 000-row import does not stop the cooperative', () => {
  it('When 20 000 rows are applied, Then a health check sent meanwhile is answered before the import, and the import is whole', async () => {
    const lines = ['CIP13;Lot;Péremption;Quantité;Prix'];
    for (let i = 0; i < 20_000; i++) lines.push(`${P[i % 3]};R${i};2027-06-30;${(i % 9) + 1};0,05`);
    const movements = count(t.db, 'stock_movements');
    const order: string[] = [];
    const importing = send(`${lines.join('\n')}\n`, true).then((res) => {
      order.push('import');
      return res;
    });
    // Sent once the import has started: it must not wait for the whole import.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const health = await bugeat.get('/api/health');
    order.push('health');
    const applied = await importing;
    expect(health.status).toBe(200);
    expect(order).toEqual(['health', 'import']);
    expect(applied.status).toBe(200);
    expect(applied.body.adjustments).toHaveLength(20_000);
    expect(count(t.db, 'stock_movements')).toBe(movements + 20_000);
    const audit = t.db.$client
      .prepare("SELECT details FROM audit_log WHERE action = 'stock.import' ORDER BY id DESC LIMIT 1")
      .get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ rows: 20_000, adjustments: 20_000, newLots: 20_000 });
  }, 120_000);
});
