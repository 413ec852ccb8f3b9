import { beforeEach, describe, expect, it } from 'vitest';
import { lotsOutOfBalance } from '../../server/stock/stock.repository';
import { count, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
});

describe('a large snapshot, applied in bulk', () => {
  it('When 5 000 rows are applied, Then every lot and movement is written once, balances hold, and re-applying changes nothing', async () => {
    const products = unheldProducts(t.db, 50);
    const lines = ['CIP13;Lot;Péremption;Quantité;Prix'];
    for (let i = 0; i < 5000; i++) lines.push(`${products[i % 50]};B${i};2027-06-30;${(i % 40) + 1};0,05`);
    const csv = `${lines.join('\n')}\n`;
    const lots = count(t.db, 'stock_lots');
    const movements = count(t.db, 'stock_movements');
    const applied = await bugeat.post('/api/stock/imports?apply=true').set('Content-Type', 'text/csv').send(csv);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, rows: 5000, errors: [] });
    expect(applied.body.adjustments).toHaveLength(5000);
    expect(count(t.db, 'stock_lots')).toBe(lots + 5000);
    expect(count(t.db, 'stock_movements')).toBe(movements + 5000);
    expect(lotsOutOfBalance(t.db)).toEqual([]);
    const lot = (await bugeat.get(`/api/stock/lots?cip13=${products[7]}`)).body.items.find(
      (l: { lotNumber: string }) => l.lotNumber === 'B7',
    );
    expect(lot).toMatchObject({ quantity: 8, unitCostCents: 5, unitCostMillicents: 5000 });
    const again = await bugeat.post('/api/stock/imports?apply=true').set('Content-Type', 'text/csv').send(csv);
    expect(again.body.adjustments).toEqual([]);
    expect(count(t.db, 'stock_movements')).toBe(movements + 5000);
  }, 60_000);
});
