import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

// CSV both ways for French users (SPEC §10): exports through server/shared/csv.ts, imports through
// server/shared/csv-read.ts.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
});

describe('settlement CSV export', () => {
  it('When a pharmacy is named =HYPERLINK(…), Then the settlement CSV holds it as text, never as a live formula', async () => {
    const admin = await t.agentAs('admin@officoop.test');
    const hostile = '=HYPERLINK("http://x")';
    const renamed = await admin
      .patch(`/api/pharmacies/${pharmacyId(t.db, 'meymac')}`)
      .send({ name: hostile, town: 'Meymac' });
    expect(renamed.status).toBe(200);

    const [P] = unheldProducts(t.db, 1) as [string];
    await bugeat
      .post('/api/stock/receipts')
      .send({ cip13: P, lotNumber: 'F1', expiryDate: '2027-10-31', quantity: 10, unitCostCents: 250 });
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const asked = await meymac
      .post('/api/transfers')
      .send({ fromPharmacyId: pharmacyId(t.db, 'bugeat'), cip13: P, quantity: 2, reason: 'Patient en sortie' });
    await bugeat.post(`/api/transfers/${asked.body.id}/accept`).send({});
    await bugeat.post(`/api/transfers/${asked.body.id}/ship`);
    expect((await meymac.post(`/api/transfers/${asked.body.id}/receive`).send({})).status).toBe(200);

    const treasurer = await t.agentAs('tresorier@officoop.test');
    const csv = await treasurer.get('/api/transfers/settlement?month=2026-11&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const cells: string[][] = parse(csv.text, { delimiter: ';', bom: true });
    expect(cells[0]?.[0]).toBe('Mois');
    expect(cells.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells.flat()).toContain(`'${hostile}`);
    const pair = cells.find((row) => row.includes('Pharmacie de Bugeat') && row.includes(`'${hostile}`));
    expect(pair).toBeDefined();
    expect(pair).toContain('5,00');
  });
});
