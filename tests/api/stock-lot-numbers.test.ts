import { beforeEach, describe, expect, it } from 'vitest';
import { count, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;
let P: string;

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  [P] = unheldProducts(t.db, 1) as [string];
});

const receipt = (lotNumber: string, quantity = 5) =>
  bugeat
    .post('/api/stock/receipts')
    .send({ cip13: P, lotNumber, expiryDate: '2027-09-30', quantity, unitCostCents: 120 });

describe('lot numbers are stored as printed: trimmed and in capitals', () => {
  it('When d1 then " D1 " are received, Then they are one lot D1 with both receipts', async () => {
    expect((await receipt('d1', 5)).body.movements[0].lotNumber).toBe('D1');
    const lots = count(t.db, 'stock_lots');
    expect((await receipt(' D1 ', 3)).status).toBe(201);
    expect(count(t.db, 'stock_lots')).toBe(lots);
    const items = (await bugeat.get(`/api/stock/lots?cip13=${P}`)).body.items;
    expect(items.map((l: { lotNumber: string; quantity: number }) => [l.lotNumber, l.quantity])).toEqual([['D1', 8]]);
  });

  it('When a snapshot lists the lot in small letters, Then it is the same lot and nothing changes', async () => {
    await receipt('AB12c', 5);
    const csv = `CIP13;Lot;Péremption;Quantité\n${P};ab12C;2027-09-30;5\n`;
    const dry = await bugeat.post('/api/stock/imports').set('Content-Type', 'text/csv').send(csv);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ errors: [], adjustments: [] });
  });

  it('When a recall names the lot in small letters, Then the holder is found', async () => {
    await receipt('RX7', 5);
    const res = await bugeat.get(`/api/recalls?cip13=${P}&lot=rx7`);
    expect(res.status).toBe(200);
    expect(res.body.lot).toBe('RX7');
    expect(res.body.holdings.map((h: { lotNumber: string }) => h.lotNumber)).toEqual(['RX7']);
  });
});

describe('lot numbers recorded before the rule', () => {
  it('When the migration runs, Then lots are upper-cased except where two lots would merge', async () => {
    const { readFileSync } = await import('node:fs');
    const sqlText = readFileSync('db/migrations/0018_stock_lot_numbers_upper.sql', 'utf8');
    const bugeatId = (t.db.$client.prepare("SELECT id FROM pharmacies WHERE slug = 'bugeat'").get() as { id: number })
      .id;
    const insert = t.db.$client.prepare(
      `INSERT INTO stock_lots (pharmacy_id, cip13, lot_number, expiry_date, unit_cost_cents, quantity, created_at)
       VALUES (?, ?, ?, '2027-09-30', 100, 0, '2026-11-01T00:00:00.000Z')`,
    );
    for (const lot of ['d1', 'D1', 'x9', ' k2']) insert.run(bugeatId, P, lot);
    const lots = count(t.db, 'stock_lots');
    for (const statement of sqlText.split('--> statement-breakpoint')) t.db.$client.exec(statement);
    const numbers = t.db.$client
      .prepare('SELECT lot_number AS n FROM stock_lots WHERE cip13 = ? ORDER BY id')
      .all(P)
      .map((r) => (r as { n: string }).n);
    expect(numbers).toEqual(['d1', 'D1', 'X9', 'K2']);
    expect(count(t.db, 'stock_lots')).toBe(lots);
  });
});
