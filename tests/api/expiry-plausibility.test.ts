import { beforeEach, describe, expect, it } from 'vitest';
import { count, pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW is 2026-11-23 (Paris): the latest plausible expiry is 2036-11-23.
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;
let meymac: Agent;
let P: string;

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  [P] = unheldProducts(t.db, 1) as [string];
});

const receipt = (expiryDate: string, lotNumber = 'L1') =>
  bugeat.post('/api/stock/receipts').send({ cip13: P, lotNumber, expiryDate, quantity: 5, unitCostCents: 100 });

describe('expiry plausibility on receipt', () => {
  it('When the expiry is 9999-12-31, Then 422 stock.expiry_too_far with the latest date, and nothing is written', async () => {
    const lots = count(t.db, 'stock_lots');
    const res = await receipt('9999-12-31');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'stock.expiry_too_far',
      details: [{ expiryDate: '9999-12-31', latest: '2036-11-23' }],
    });
    expect(count(t.db, 'stock_lots')).toBe(lots);
  });

  it('When the expiry is exactly ten years ahead, Then it is accepted; a day later it is not', async () => {
    expect((await receipt('2036-11-23', 'TEN')).status).toBe(201);
    expect((await receipt('2036-11-24', 'TEN-1')).body.error.code).toBe('stock.expiry_too_far');
  });

  it('When the expiry is in the past (0000-01-01 included), Then it stays stock.expiry_in_past', async () => {
    const res = await receipt('0000-01-01');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('stock.expiry_in_past');
  });
});

describe('expiry plausibility in a stock snapshot import', () => {
  const csv = (...lines: string[]) => `CIP13;Lot;Péremption;Quantité\n${lines.join('\n')}\n`;

  it('When a line says 0000-01-01 or 9999-12-31, Then each is a row error and apply writes nothing', async () => {
    const file = csv(`${P};Y0;0000-01-01;5`, `${P};Y9;9999-12-31;5`, `${P};OK;2000-01-01;5`, `${P};OK2;12/2036;5`);
    const dry = await bugeat.post('/api/stock/imports').set('Content-Type', 'text/csv').send(file);
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toEqual([
      {
        line: 2,
        field: 'expiry',
        code: 'expiryTooEarly',
        params: { value: '0000-01-01', limit: '2000-01-01' },
        reason: expect.any(String),
      },
      {
        line: 3,
        field: 'expiry',
        code: 'expiryTooFar',
        params: { value: '9999-12-31', limit: '2036-11-23' },
        reason: expect.any(String),
      },
      {
        line: 5,
        field: 'expiry',
        code: 'expiryTooFar',
        params: { value: '2036-12-31', limit: '2036-11-23' },
        reason: expect.any(String),
      },
    ]);
    const lots = count(t.db, 'stock_lots');
    const apply = await bugeat.post('/api/stock/imports?apply=true').set('Content-Type', 'text/csv').send(file);
    expect(apply.status).toBe(422);
    expect(apply.body.error.code).toBe('stock.import_invalid');
    expect(count(t.db, 'stock_lots')).toBe(lots);
  });
});

describe('expiry plausibility on a transfer receipt', () => {
  it('When the lot of the sender carries an impossible expiry (data from before the rule), Then accepting is 422 and nothing is reserved', async () => {
    // Caught before anything moves: a shipped transfer must always be receivable (issue #15, item 1).
    expect((await receipt('2027-06-30', 'OLD')).status).toBe(201);
    t.db.$client.prepare("UPDATE stock_lots SET expiry_date = '9999-12-31' WHERE cip13 = ?").run(P);
    const asked = await meymac.post('/api/transfers').send({
      fromPharmacyId: pharmacyId(t.db, 'bugeat'),
      cip13: P,
      quantity: 2,
      reason: 'Patiente de Mme Durand',
      urgency: 'normal',
    });
    expect(asked.status).toBe(201);
    const id = asked.body.id as number;
    const lines = count(t.db, 'transfer_lines');
    const res = await bugeat.post(`/api/transfers/${id}/accept`).send({});
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'stock.expiry_too_far', details: [{ expiryDate: '9999-12-31' }] });
    expect(count(t.db, 'transfer_lines')).toBe(lines);
    expect((await meymac.get(`/api/transfers/${id}`)).body.status).toBe('requested');
  });
});
