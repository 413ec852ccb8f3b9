import { beforeEach, describe, expect, it } from 'vitest';
import { lotsOutOfBalance } from '../../server/stock/stock.repository';
import { count, pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let bugeat: Awaited<ReturnType<App['agentAs']>>;
let meymac: Awaited<ReturnType<App['agentAs']>>;
let P: string[];

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  meymac = await t.agentAs('preparateur.meymac@officoop.test');
  P = unheldProducts(t.db, 3);
});

const receipt = (over: object = {}) => ({
  cip13: P[0],
  lotNumber: 'LOT-A1',
  expiryDate: '2027-06-30',
  quantity: 30,
  unitCostCents: 125,
  ...over,
});

describe('lots and movements', () => {
  it('When boxes are received twice into one lot, Then the balance is the sum of its movements', async () => {
    expect((await bugeat.post('/api/stock/receipts').send(receipt())).status).toBe(201);
    expect((await bugeat.post('/api/stock/receipts').send(receipt({ quantity: 12 }))).status).toBe(201);
    const lots = (await bugeat.get(`/api/stock/lots?cip13=${P[0]}`)).body.items;
    expect(lots).toEqual([expect.objectContaining({ lotNumber: 'LOT-A1', quantity: 42, available: 42, reserved: 0 })]);
    const detail = (await bugeat.get(`/api/stock/lots/${lots[0].id}`)).body;
    expect(detail.movements.map((m: { kind: string; quantity: number }) => [m.kind, m.quantity])).toEqual([
      ['receipt', 12],
      ['receipt', 30],
    ]);
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });

  it.each([
    ['a zero quantity', { quantity: 0 }, 400, 'validation.invalid_input'],
    ['a negative quantity', { quantity: -3 }, 400, 'validation.invalid_input'],
    ['a CIP13 with a wrong check digit', { cip13: '3400937977662' }, 400, 'validation.invalid_input'],
    ['a lot number over 20 characters', { lotNumber: 'L'.repeat(21) }, 400, 'validation.invalid_input'],
    ['a lot number with control characters', { lotNumber: 'AB\u0001C' }, 400, 'validation.invalid_input'],
    ['an unknown key', { colour: 'blue' }, 400, 'validation.invalid_input'],
    ['fractional cents', { unitCostCents: 12.5 }, 400, 'validation.invalid_input'],
    ['an expiry date already past', { expiryDate: '2026-11-22' }, 422, 'stock.expiry_in_past'],
    ['a valid CIP13 that is not in the catalogue', { cip13: '3400900000006' }, 422, 'stock.unknown_product'],
  ])('When a receipt has %s, Then it is refused and nothing is written', async (_name, over, status, code) => {
    const lots = count(t.db, 'stock_lots');
    const movements = count(t.db, 'stock_movements');
    const res = await bugeat.post('/api/stock/receipts').send(receipt(over));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(count(t.db, 'stock_lots')).toBe(lots);
    expect(count(t.db, 'stock_movements')).toBe(movements);
  });

  it('When a lot number is received again with another expiry, Then 409 (the box says otherwise)', async () => {
    await bugeat.post('/api/stock/receipts').send(receipt());
    const res = await bugeat.post('/api/stock/receipts').send(receipt({ expiryDate: '2027-07-31' }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('stock.lot_expiry_mismatch');
  });

  it('When dispensing without naming a lot, Then units come FEFO', async () => {
    await bugeat
      .post('/api/stock/receipts')
      .send(receipt({ lotNumber: 'LATE', expiryDate: '2028-01-31', quantity: 50 }));
    await bugeat
      .post('/api/stock/receipts')
      .send(receipt({ lotNumber: 'EARLY', expiryDate: '2027-01-31', quantity: 10 }));
    const res = await bugeat.post('/api/stock/dispenses').send({ cip13: P[0], quantity: 14 });
    expect(res.status).toBe(201);
    expect(res.body.movements.map((m: { lotNumber: string; quantity: number }) => [m.lotNumber, m.quantity])).toEqual([
      ['EARLY', 10],
      ['LATE', 4],
    ]);
  });

  it('When the named lot has expired, Then dispensing from it is refused with its number and expiry', async () => {
    await bugeat
      .post('/api/stock/receipts')
      .send(receipt({ lotNumber: 'OLD1', expiryDate: '2026-11-30', quantity: 4 }));
    const [lot] = (await bugeat.get(`/api/stock/lots?cip13=${P[0]}`)).body.items;
    // Not yet past its expiry: not destroyed as expired.
    const early = await bugeat.post('/api/stock/destructions').send({ lotId: lot.id, quantity: 1, reason: 'expired' });
    expect([early.status, early.body.error.code]).toEqual([422, 'stock.lot_not_expired']);
    t.clock.set('2026-12-01T09:00:00.000Z');
    bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const res = await bugeat.post('/api/stock/dispenses').send({ cip13: P[0], quantity: 1, lotId: lot.id });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'stock.lot_expired',
      details: [{ lotNumber: 'OLD1', expiryDate: '2026-11-30' }],
    });
    const fefo = await bugeat.post('/api/stock/dispenses').send({ cip13: P[0], quantity: 1 });
    expect(fefo.status).toBe(409);
    // The day after its expiry it is destroyed as expired.
    const destroyed = await bugeat
      .post('/api/stock/destructions')
      .send({ lotId: lot.id, quantity: 4, reason: 'expired' });
    expect(destroyed.status).toBe(201);
  });

  it('When a dispense would take more than is on hand, Then 409 stock.insufficient_quantity and nothing moves', async () => {
    await bugeat.post('/api/stock/receipts').send(receipt({ quantity: 5 }));
    const movements = count(t.db, 'stock_movements');
    const res = await bugeat.post('/api/stock/dispenses').send({ cip13: P[0], quantity: 6 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'stock.insufficient_quantity',
      details: [{ available: 5, requested: 6 }],
    });
    expect(count(t.db, 'stock_movements')).toBe(movements);
  });

  it('When adjusting or destroying, Then a reason is required and the balance never goes below zero', async () => {
    await bugeat.post('/api/stock/receipts').send(receipt({ quantity: 5 }));
    const [lot] = (await bugeat.get(`/api/stock/lots?cip13=${P[0]}`)).body.items;
    expect((await bugeat.post('/api/stock/adjustments').send({ lotId: lot.id, delta: -1 })).status).toBe(400);
    expect(
      (await bugeat.post('/api/stock/adjustments').send({ lotId: lot.id, delta: -6, reason: 'inventaire' })).status,
    ).toBe(409);
    expect(
      (await bugeat.post('/api/stock/adjustments').send({ lotId: lot.id, delta: -2, reason: 'inventaire' })).status,
    ).toBe(201);
    expect(
      (await bugeat.post('/api/stock/destructions').send({ lotId: lot.id, quantity: 1, reason: 'lost' })).status,
    ).toBe(400);
    // Not expired yet: "expired" would swell the expiry-waste figures.
    const early = await bugeat.post('/api/stock/destructions').send({ lotId: lot.id, quantity: 1, reason: 'expired' });
    expect([early.status, early.body.error.code, early.body.error.details]).toEqual([
      422,
      'stock.lot_not_expired',
      [{ expiryDate: lot.expiryDate }],
    ]);
    expect(
      (await bugeat.post('/api/stock/destructions').send({ lotId: lot.id, quantity: 3, reason: 'damaged' })).status,
    ).toBe(201);
    expect((await bugeat.get(`/api/stock/lots/${lot.id}`)).body.quantity).toBe(0);
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });

  it('When 30 clients dispense one unit each from a lot of 20 at once, Then exactly 20 succeed and the balance is exact', async () => {
    await bugeat.post('/api/stock/receipts').send(receipt({ quantity: 20 }));
    const results = await Promise.all(
      Array.from({ length: 30 }, () => bugeat.post('/api/stock/dispenses').send({ cip13: P[0], quantity: 1 })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    expect(results.filter((r) => r.status === 409)).toHaveLength(10);
    const [lot] = (await bugeat.get(`/api/stock/lots?cip13=${P[0]}&includeEmpty=true`)).body.items;
    expect(lot.quantity).toBe(0);
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });
});

describe('tenant isolation', () => {
  it('When a Meymac user reads or moves a Bugeat lot, Then 404, and lists never show it', async () => {
    await bugeat.post('/api/stock/receipts').send(receipt());
    const [lot] = (await bugeat.get(`/api/stock/lots?cip13=${P[0]}`)).body.items;
    expect((await meymac.get(`/api/stock/lots/${lot.id}`)).status).toBe(404);
    expect((await meymac.post('/api/stock/adjustments').send({ lotId: lot.id, delta: -1, reason: 'vol' })).status).toBe(
      404,
    );
    expect(
      (await meymac.post('/api/stock/destructions').send({ lotId: lot.id, quantity: 1, reason: 'damaged' })).status,
    ).toBe(404);
    expect((await meymac.post('/api/stock/dispenses').send({ cip13: P[0], quantity: 1, lotId: lot.id })).status).toBe(
      404,
    );
    expect((await meymac.get(`/api/stock/lots?cip13=${P[0]}`)).body.items).toEqual([]);
    expect((await bugeat.get(`/api/stock/lots/${lot.id}`)).body.quantity).toBe(30);
  });

  it('When a care home or the treasurer asks for stock, Then the role is refused', async () => {
    const ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
    const treasurer = await t.agentAs('tresorier@officoop.test');
    expect((await ehpad.get('/api/stock/lots')).status).toBe(403);
    expect((await treasurer.get('/api/pool?q=amlo')).status).toBe(403);
  });
});

describe('pool view', () => {
  it('When searching the pool, Then each of the five pharmacies shows available units and nearest expiry, nothing more', async () => {
    await bugeat.post('/api/stock/receipts').send(receipt({ lotNumber: 'B1', expiryDate: '2027-03-31', quantity: 8 }));
    await bugeat.post('/api/stock/receipts').send(receipt({ lotNumber: 'B2', expiryDate: '2027-09-30', quantity: 4 }));
    const res = await meymac.get(`/api/pool/${P[0]}`);
    expect(res.status).toBe(200);
    expect(res.body.pharmacies).toHaveLength(5);
    const b = res.body.pharmacies.find((p: { pharmacySlug: string }) => p.pharmacySlug === 'bugeat');
    const box = t.db.$client.prepare('SELECT label FROM catalogue_presentations WHERE cip13 = ?').get(P[0]) as {
      label: string;
    };
    expect(res.body.boxLabel).toBe(box.label);
    expect(b).toEqual({
      pharmacyId: pharmacyId(t.db, 'bugeat'),
      pharmacySlug: 'bugeat',
      pharmacyName: 'Pharmacie de Bugeat',
      available: 12,
      nearestExpiry: '2027-03-31',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/cost|movement/i);
  });

  it('When searching by name, Then held products come first with the five pharmacies', async () => {
    const res = await meymac.get('/api/pool?q=amlodipine');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items[0].productLabel).toMatch(/AMLODIPINE|AMLOR/i);
    expect(res.body.items[0].pharmacies).toHaveLength(5);
  });

  it('When the query is one character, Then 400', async () => {
    expect((await meymac.get('/api/pool?q=a')).status).toBe(400);
  });
});

describe('thresholds, expiring and low stock', () => {
  it('When a product falls under its threshold, Then it is listed and the low-stock job alerts once', async () => {
    const { runJob } = await import('../../jobs/runner');
    const { lowStockJob } = await import('../../jobs/stock-scans');
    await bugeat.post('/api/stock/receipts').send(receipt({ quantity: 5 }));
    expect((await bugeat.put(`/api/stock/thresholds/${P[0]}`).send({ minQuantity: 12 })).status).toBe(200);
    const low = (await bugeat.get('/api/stock/low')).body.items.filter((l: { cip13: string }) => l.cip13 === P[0]);
    expect(low).toEqual([expect.objectContaining({ cip13: P[0], onHand: 5, minQuantity: 12, missing: 7 })]);
    const deps = {
      db: t.db,
      clock: t.clock,
      log: (await import('pino')).default({ level: 'silent' }),
      backupDir: '',
      dbPath: '',
    };
    await runJob(lowStockJob, deps);
    t.clock.advance(86_400_000);
    await runJob(lowStockJob, deps);
    bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const alerts = (await bugeat.get('/api/alerts?kind=stock.low')).body.items;
    expect(alerts.filter((a: { entityId: string }) => a.entityId === P[0])).toHaveLength(1);
  });

  it('When a lot expires within the window, Then it is in the expiring list and the expiry scan alerts once ever', async () => {
    const { runJob } = await import('../../jobs/runner');
    const { expiryScanJob } = await import('../../jobs/stock-scans');
    await bugeat
      .post('/api/stock/receipts')
      .send(receipt({ lotNumber: 'SOON', expiryDate: '2026-12-20', quantity: 3 }));
    const expiring = (await bugeat.get('/api/stock/expiring?days=30')).body.items;
    expect(expiring.map((l: { lotNumber: string }) => l.lotNumber)).toContain('SOON');
    const deps = {
      db: t.db,
      clock: t.clock,
      log: (await import('pino')).default({ level: 'silent' }),
      backupDir: '',
      dbPath: '',
    };
    await runJob(expiryScanJob, deps);
    t.clock.advance(86_400_000);
    await runJob(expiryScanJob, deps);
    bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const alerts = (await bugeat.get('/api/alerts?kind=stock.expiring')).body.items;
    expect(alerts.filter((a: { params: { lotNumber: string } }) => a.params.lotNumber === 'SOON')).toHaveLength(1);
  });
});

describe('stock snapshot import', () => {
  const csv = () => `CIP13;Lot;Péremption;Quantité;Prix\n${P[0]};S1;03/2027;40;1,25\n${P[1]};S2;2027-08-31;7;\n`;

  it('When a snapshot is sent, Then the dry run previews without writing, apply writes, re-apply changes nothing', async () => {
    const movements = count(t.db, 'stock_movements');
    const dry = await bugeat.post('/api/stock/imports').set('Content-Type', 'text/csv').send(csv());
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ applied: false, rows: 2, errors: [] });
    expect(dry.body.adjustments).toHaveLength(2);
    expect(count(t.db, 'stock_movements')).toBe(movements);

    const applied = await bugeat.post('/api/stock/imports?apply=true').set('Content-Type', 'text/csv').send(csv());
    expect(applied.body).toMatchObject({ applied: true, rows: 2 });
    expect(count(t.db, 'stock_movements')).toBe(movements + 2);
    const lot = (await bugeat.get(`/api/stock/lots?cip13=${P[0]}`)).body.items[0];
    expect(lot).toMatchObject({ lotNumber: 'S1', expiryDate: '2027-03-31', quantity: 40, unitCostCents: 125 });

    const again = await bugeat.post('/api/stock/imports?apply=true').set('Content-Type', 'text/csv').send(csv());
    expect(again.body).toMatchObject({ applied: true, adjustments: [] });
    expect(count(t.db, 'stock_movements')).toBe(movements + 2);
  });

  it('When a snapshot has bad rows, Then the preview lists them by line and apply refuses everything', async () => {
    const bad = `\uFEFFCIP13;Lot;Péremption;Quantité\n${P[0]};S1;31/13/2027;4\n3400900000006;S2;2027-08-31;7\n${P[1]};S3;2027-08-31;1\n${P[1]};S3;2027-08-31;2\n`;
    const dry = await bugeat.post('/api/stock/imports').set('Content-Type', 'text/csv').send(bad);
    expect(dry.body.errors).toEqual([
      { line: 2, field: 'expiry', code: 'date', params: { value: '31/13/2027' }, reason: expect.any(String) },
      {
        line: 3,
        field: 'cip13',
        code: 'unknownProduct',
        params: { value: '3400900000006' },
        reason: 'CIP13 3400900000006 is not in the catalogue',
      },
      {
        line: 5,
        field: 'lot',
        code: 'duplicate',
        params: { line: 4 },
        reason: 'duplicate of line 4 (same CIP13 and lot)',
      },
    ]);
    const movements = count(t.db, 'stock_movements');
    const apply = await bugeat.post('/api/stock/imports?apply=true').set('Content-Type', 'text/csv').send(bad);
    expect(apply.status).toBe(422);
    expect(apply.body.error.code).toBe('stock.import_invalid');
    expect(count(t.db, 'stock_movements')).toBe(movements);
  });
});
