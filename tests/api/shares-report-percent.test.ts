import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { binary, pdfText } from '../helpers/shares';
import { pharmacyId } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let treasurer: Agent;
const RANGE = 'from=2026-09-01&to=2026-09-30';

// Three members with 100 shares each from 1 September: 33,33 % each, whatever their ids.
beforeAll(async () => {
  t = await createTestApp({ seed: 'organisation' });
  treasurer = await t.agentAs('tresorier@officoop.test');
  const nominal = await treasurer
    .post('/api/shares/nominal-values')
    .send({ validFrom: '2026-01-01', valueCents: 5_000 });
  expect(nominal.status).toBe(201);
  for (const slug of ['bugeat', 'meymac', 'felletin']) {
    const res = await treasurer
      .post('/api/shares/transactions')
      .send({ type: 'subscription', date: '2026-09-01', shares: 100, pharmacyId: pharmacyId(t.db, slug) });
    expect(res.status).toBe(201);
  }
  const category = await treasurer.post('/api/ledger/categories').send({ name: 'Maintenance robot', kind: 'cost' });
  expect(category.status).toBe(201);
  const entry = await treasurer
    .post('/api/ledger/entries')
    .send({ date: '2026-09-10', categoryId: category.body.id, amountCents: 100, description: 'Visite' });
  expect(entry.status).toBe(201);
});

describe('percentages of equal holdings in the shares report', () => {
  it('When three members hold equal shares, Then JSON, CSV and PDF show 33,33 % for each and 100 % in total, and the 100 cents still add up', async () => {
    const json = await treasurer.get(`/api/reports/shares?${RANGE}&format=json`);
    expect(json.status).toBe(200);
    const members = json.body.members as { name: string; percent: number; costCents: number; shareDays: number }[];
    const holders = members.filter((m) => m.shareDays > 0);
    expect(holders.map((m) => m.percent)).toEqual([33.33, 33.33, 33.33]);
    expect(holders.map((m) => m.costCents).sort()).toEqual([33, 33, 34]);
    expect(json.body.reconciliation.balanced).toBe(true);

    const csv = await treasurer.get(`/api/reports/shares?${RANGE}&format=csv`);
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((line) => line.split(';'));
    for (const m of holders) expect(rows.find((r) => r[0] === m.name)?.[4]).toBe('33,33');
    expect(rows.find((r) => r[0] === 'Total')?.[4]).toBe('100');

    const pdf = await treasurer.get(`/api/reports/shares?${RANGE}&format=pdf`).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.body as Buffer);
    expect(text.match(/33,33 %/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(text).toContain('100,00 %');
    if (process.env.SAVE_PDF) writeFileSync(process.env.SAVE_PDF, pdf.body as Buffer);
  });
});
