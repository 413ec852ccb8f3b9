import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { count, pharmacyId, unheldProducts } from '../helpers/stock';
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

describe('stock snapshot import through the shared CSV reader', () => {
  const importCsv = (body: string | Buffer, opts: { apply?: boolean; type?: string } = {}) =>
    bugeat
      .post(`/api/stock/imports${opts.apply ? '?apply=true' : ''}`)
      .set('Content-Type', opts.type ?? 'text/csv')
      .send(body);
  const lotsOf = async (cip13: string) => (await bugeat.get(`/api/stock/lots?cip13=${cip13}`)).body.items;

  it('When the first line is data, not a header, Then line 1 is an error and nothing is applied', async () => {
    const [P] = unheldProducts(t.db, 1) as [string];
    const file = `O400930152812;G1;2027-12-31;5\n${P};G2;2027-12-31;5\n`;
    const [lots, movements] = [count(t.db, 'stock_lots'), count(t.db, 'stock_movements')];
    const dry = await importCsv(file);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ applied: false, rows: 0, adjustments: [] });
    expect(dry.body.errors).toEqual([
      {
        line: 1,
        field: 'header',
        code: 'noHeader',
        params: { expected: expect.any(String) },
        reason: expect.any(String),
      },
    ]);
    const apply = await importCsv(file, { apply: true });
    expect(apply.status).toBe(422);
    expect(apply.body.error.code).toBe('stock.import_invalid');
    expect([count(t.db, 'stock_lots'), count(t.db, 'stock_movements')]).toEqual([lots, movements]);
  });

  it('When a Windows-1252 file is posted without a charset, Then its accents are kept', async () => {
    const [P] = unheldProducts(t.db, 1) as [string];
    // "Péremption", "Quantité" and the lot "LOT-É’1" in Windows-1252: é = E9, É = C9, ’ = 92.
    const text = `CIP13;Lot;Péremption;Quantité;Prix unitaire\r\n${P};LOT-É’1;31/12/2027;12;2,50\r\n`;
    const bytes = Buffer.from([...text].map((c) => ({ é: 0xe9, É: 0xc9, '’': 0x92 })[c] ?? c.charCodeAt(0)));
    expect(bytes.includes(0xe9) && !bytes.includes(0xc3)).toBe(true); // not UTF-8
    const applied = await importCsv(bytes, { apply: true });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, rows: 1, errors: [] });
    expect(await lotsOf(P)).toEqual([
      expect.objectContaining({ lotNumber: 'LOT-É’1', expiryDate: '2027-12-31', quantity: 12, unitCostCents: 250 }),
    ]);
  });

  it('When the header is in English, in another order, with a product label column, Then the rows are read by name', async () => {
    const [P] = unheldProducts(t.db, 1) as [string];
    const file = `Quantity,Lot_Number,Product,Expiry date,CIP13,Unit cost\n7,EN1,Amlodipine 5 mg,2027-08-31,${P},1.25\n`;
    const applied = await importCsv(file, { apply: true });
    expect(applied.body).toMatchObject({ applied: true, rows: 1, errors: [] });
    expect(await lotsOf(P)).toEqual([
      expect.objectContaining({ lotNumber: 'EN1', expiryDate: '2027-08-31', quantity: 7, unitCostCents: 125 }),
    ]);
  });

  it('When a French header names a column nobody knows, Then line 1 says which and nothing is read', async () => {
    const [P] = unheldProducts(t.db, 1) as [string];
    const dry = await importCsv(`CIP13;Lot;Péremption;Qté stockée\n${P};A1;2027-08-31;3\n`);
    expect(dry.body.rows).toBe(0);
    expect(dry.body.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [0, 'quantityColumns'],
      [1, 'unknownColumn'],
    ]);
    expect(dry.body.errors[0].params).toEqual({ both: 0 });
    expect(dry.body.errors[1].params).toEqual({ value: 'Qté stockée' });
  });

  it('When Excel writes the file (BOM, sep= hint, quoted cells, doubled quotes, CRLF, blank rows), Then every row is read', async () => {
    const [P, Q] = unheldProducts(t.db, 2) as [string, string];
    const file =
      '\uFEFFsep=;\r\n' +
      '"Code CIP";"N° de lot";"Date de péremption";"Quantité";"Prix unitaire (€)";\r\n' +
      `"${P}";"A;""1""";"05/03/2028";"1 200";"1 234,50 €";\r\n` +
      `  ${Q} ; B2 ; 2028-03-31 ; 4 ;;\r\n` +
      ';;;;;\r\n\r\n\r\n';
    const dry = await importCsv(file);
    expect(dry.body).toMatchObject({ applied: false, rows: 2, errors: [] });
    expect(
      dry.body.adjustments.map((a: { line: number; lotNumber: string; expiryDate: string; to: number }) => [
        a.line,
        a.lotNumber,
        a.expiryDate,
        a.to,
      ]),
    ).toEqual([
      [3, 'A;"1"', '2028-03-05', 1200],
      [4, 'B2', '2028-03-31', 4],
    ]);
    expect((await importCsv(file, { apply: true })).body.applied).toBe(true);
    expect((await lotsOf(P))[0]).toMatchObject({ lotNumber: 'A;"1"', unitCostCents: 123_450 });
  });

  it('When Excel saves "Unicode text" (UTF-16 with a BOM, tab-separated), Then it is read', async () => {
    const [P] = unheldProducts(t.db, 1) as [string];
    const text = `\uFEFFCIP13\tLot\tPéremption\tQuantité\r\n${P}\tU16\t12/2027\t9\r\n`;
    const dry = await importCsv(Buffer.from(text, 'utf16le'), { type: 'text/plain' });
    expect(dry.body).toMatchObject({ rows: 1, errors: [] });
    expect(dry.body.adjustments[0]).toMatchObject({ lotNumber: 'U16', expiryDate: '2027-12-31', to: 9 });
  });

  it('When the charset is one no importer knows, Then 415 in the error shape', async () => {
    const res = await importCsv('CIP13;Lot;Péremption;Quantité\n', { type: 'text/csv; charset=ebcdic' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('http.unsupported_media_type');
  });
});
