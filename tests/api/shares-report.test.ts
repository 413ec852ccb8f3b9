import { parse } from 'csv-parse/sync';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { monthlySharesJob } from '../../jobs/monthly-shares';
import { runJob } from '../../jobs/runner';
import { keysLabel, STATEMENT_ROUNDING } from '../../reports/shares';
import { canonicalJson } from '../../server/shared/canonical-json';
import { formatEuros } from '../../server/shared/money';
import { loadSharesReport, sha256Hex } from '../../server/shares/report.usecases';
import { COOPERATIVE_NAME } from '../../server/shares/shares-report.models';
import { binary, csvCentsOf, ctxAs, pdfText } from '../helpers/shares';
import { count, pharmacyId } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type Member = {
  pharmacyId: number;
  name: string;
  costs: { categoryId: number; cents: number }[];
  revenues: { categoryId: number; cents: number }[];
  costCents: number;
  revenueCents: number;
  netCents: number;
  percent: number;
};
let t: App;
let treasurer: Agent;
const Q3 = 'from=2026-07-01&to=2026-09-30';
const Q4 = 'from=2026-10-01&to=2026-12-31';

// The demo: Q3 2026 closed (with the regional grant: a surplus shared by holding), Q4 open.
beforeAll(async () => {
  t = await createTestApp();
  treasurer = await t.agentAs('tresorier@officoop.test');
});

describe('the shares report', () => {
  it('When the open quarter is previewed, Then each member’s figures are exactly the sum of the entries’ splits', async () => {
    const report = (await treasurer.get(`/api/reports/shares?${Q4}`)).body;
    expect(report).toMatchObject({
      status: 'draft',
      from: '2026-10-01',
      to: '2026-12-31',
      days: 92,
      period: { kind: 'quarter' },
    });
    const entries = (await treasurer.get(`/api/ledger/entries?${Q4}&pageSize=500`)).body.items;
    expect(entries.length).toBe(report.totals.entryCount);
    const expected = new Map<string, number>();
    for (const e of entries) {
      const detail = (await treasurer.get(`/api/ledger/entries/${e.id}`)).body;
      for (const p of detail.allocation) {
        const key = `${p.pharmacyId}/${e.categoryId}`;
        expected.set(key, (expected.get(key) ?? 0) + p.cents);
      }
    }
    for (const m of report.members as Member[]) {
      for (const line of [...m.costs, ...m.revenues]) {
        expect(line.cents).toBe(expected.get(`${m.pharmacyId}/${line.categoryId}`) ?? 0);
      }
      expect(m.netCents).toBe(m.revenueCents - m.costCents);
    }
    const sum = (kind: string) =>
      entries
        .filter((e: { kind: string }) => e.kind === kind)
        .reduce((s: number, e: { amountCents: number }) => s + e.amountCents, 0);
    expect(report.totals).toMatchObject({ costCents: sum('cost'), revenueCents: sum('revenue') });
    const members = report.members as Member[];
    expect(members.reduce((s, m) => s + m.netCents, 0)).toBe(report.totals.netCents);
    expect(members.reduce((s, m) => s + m.percent, 0)).toBeCloseTo(100, 10);
    expect(report.reconciliation.balanced).toBe(true);
    expect(report.sha256).toBe(
      sha256Hex(canonicalJson({ ...report, generatedAt: undefined, status: undefined, sha256: undefined })),
    );
  });

  it('When the closed quarter is asked twice, Then the JSON and the PDF are byte-identical and carry the snapshot hash', async () => {
    const a = await treasurer.get(`/api/reports/shares?${Q3}`);
    const b = await treasurer.get(`/api/reports/shares?${Q3}`);
    expect(a.text).toBe(b.text);
    expect(a.body.status).toBe('closed');
    const period = (await treasurer.get('/api/periods')).body.items.find(
      (p: { start: string }) => p.start === '2026-07-01',
    );
    expect(period).toMatchObject({ status: 'closed', sha256: a.body.sha256 });
    const stored = t.db.$client
      .prepare('SELECT report_json AS json FROM share_period_snapshots WHERE period_id = ?')
      .get(period.id) as {
      json: string;
    };
    expect(a.text).toBe(stored.json);
    const pdf1 = (await treasurer.get(`/api/reports/shares?${Q3}&format=pdf`).buffer(true).parse(binary))
      .body as Buffer;
    const pdf2 = (await treasurer.get(`/api/reports/shares?${Q3}&format=pdf`).buffer(true).parse(binary))
      .body as Buffer;
    expect(pdf1.equals(pdf2)).toBe(true);
    // A closed period's files are named by its dates alone.
    const csv = await treasurer.get(`/api/reports/shares?${Q3}&format=csv`);
    expect(csv.headers['content-disposition']).toBe('attachment; filename=parts-2026-07-01-2026-09-30.csv');
    // The JSON is read inline, and saved under the same name when downloaded from the page.
    const json = await treasurer.get(`/api/reports/shares?${Q3}&format=json`);
    expect(json.headers['content-disposition']).toBe('inline; filename="parts-2026-07-01-2026-09-30.json"');
  });

  it('When a surplus is shared by holding, Then the report states the key of each category and the legal note, also in the PDF', async () => {
    const report = (await treasurer.get(`/api/reports/shares?${Q3}`)).body;
    expect(report.totals.netCents).toBeGreaterThan(0);
    expect(report.surplusSharedByHolding).toBe(true);
    expect(report.legalNote).toContain('loi n° 47-1775 du 10 septembre 1947');
    expect(report.categories.find((c: { name: string }) => c.name === 'Subvention régionale').keys).toEqual([
      'holding',
    ]);
    expect(report.categories.find((c: { name: string }) => c.name === 'Salaire de la coordinatrice').keys).toEqual([
      'equal',
    ]);
    const res = await treasurer.get(`/api/reports/shares?${Q3}&format=pdf`).buffer(true).parse(binary);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain('loi n° 47-1775 du 10 septembre 1947');
    expect(text).toContain(report.sha256);
    expect(text).toContain('3e trimestre 2026');
    for (const m of report.members as Member[]) {
      expect(text).toContain(`Relevé — ${m.name}`);
      // A surplus reads with its « + », as on the page.
      // pdftotext reads the amount's no-break spaces back as plain ones.
      const net = formatEuros(m.netCents).replace(/\u00a0/g, ' ');
      expect(text).toContain(m.netCents > 0 ? `+${net}` : net);
    }
    expect(text).toMatch(/page 1 \/ 6/);
    // The top band names the cooperative in full; French apostrophes are typographic.
    expect(text.startsWith(`${COOPERATIVE_NAME} Répartition`)).toBe(true);
    // …once: not again under the title, above the period.
    expect(text.slice(0, text.indexOf(' Du ')).split(COOPERATIVE_NAME)).toHaveLength(2);
    expect(text).toContain('l’excédent d’une coopérative');
    expect(text).not.toMatch(/\p{L}'\p{L}/u);
    // Each statement page says why a part is not its percentage of the total.
    expect(text.split(STATEMENT_ROUNDING).length - 1).toBe(report.members.length);
    // A closed period's statements are final: no draft line on them.
    expect(text).not.toContain('PROJET');
  });

  it('When the period is still open, Then each statement page, handed out alone, says its figures are a draft', async () => {
    const res = await treasurer.get(`/api/reports/shares?${Q4}&format=pdf`).buffer(true).parse(binary);
    const statements = pdfText(res.body as Buffer)
      .split('\f')
      .map((page) => page.replace(/\s+/g, ' '))
      .filter((page) => page.includes('Relevé — '));
    expect(statements.length).toBeGreaterThan(0);
    for (const page of statements)
      expect(page).toContain('PROJET : période non clôturée, ces chiffres peuvent encore changer.');
  });

  it('When the report covers a range that is no period, Then each statement names its dates once', async () => {
    const res = await treasurer
      .get('/api/reports/shares?from=2026-01-01&to=2026-11-30&format=pdf')
      .buffer(true)
      .parse(binary);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename=parts-2026-01-01-2026-11-30-document-de-travail.pdf',
    );
    const pages = pdfText(res.body as Buffer).split('\f');
    const text = pages.join(' ').replace(/\s+/g, ' ');
    const once = 'du 01/01/2026 au 30/11/2026';
    expect(text).toContain(
      `Relevé — Pharmacie de Bugeat ${once} DOCUMENT DE TRAVAIL : dates libres ; seul le rapport d’une période clôturée fait foi. Parts détenues`,
    );
    expect(text).not.toContain(`${once} — ${once}`);
    // Dates that are no period are a working document, not an open period's draft.
    expect(text).toContain('DOCUMENT DE TRAVAIL : dates libres, qui ne forment pas une période de la coopérative');
    expect(text).not.toContain('période non clôturée');
    // The legal note is not split across pages (its last lines were left alone on one).
    const note = pages.find((page) => page.includes('Note légale')) ?? '';
    expect(note.replace(/\s+/g, ' ')).toContain('sous réserve de la décision de l’assemblée générale');
  });

  it('When the CSV is read back, Then one header, one row per member and a totals row give the same cents as the JSON', async () => {
    const report = (await treasurer.get(`/api/reports/shares?${Q4}`)).body;
    const res = await treasurer.get(`/api/reports/shares?${Q4}&format=csv`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    // The open quarter's figures may still change: its files say "projet" (a CSV has no banner).
    expect(res.headers['content-disposition']).toBe('attachment; filename=parts-2026-10-01-2026-12-31-projet.csv');
    const pdf = await treasurer.get(`/api/reports/shares?${Q4}&format=pdf`).buffer(true).parse(binary);
    expect(pdf.headers['content-disposition']).toBe('attachment; filename=parts-2026-10-01-2026-12-31-projet.pdf');
    expect(pdfText(pdf.body as Buffer).replace(/\s+/g, ' ')).toContain(
      'PROJET : période non clôturée, les chiffres peuvent encore changer.',
    );
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(res.text, { delimiter: ';', bom: true });
    const [header, ...body] = rows as [string[], ...string[][]];
    expect(header.slice(0, 2)).toEqual(['Officine', 'Parts au début']);
    expect(header.at(-1)).toBe('Résultat net (€)');
    // Every money column says its unit, the categories' as the totals'.
    const money = header.slice(5);
    expect(money.length).toBe(report.categories.length + 3);
    for (const h of money) expect(h).toMatch(/€\)$/);
    expect(money[0]).toBe(
      `${report.categories[0].name} (${report.categories[0].kind === 'cost' ? 'charge' : 'produit'}, €)`,
    );
    expect(body).toHaveLength(report.members.length + 1);
    const net = header.length - 1;
    (report.members as Member[]).forEach((m, i) => {
      const row = body[i] as string[];
      expect(row[0]).toBe(m.name);
      expect([
        csvCentsOf(row[net - 2] as string),
        csvCentsOf(row[net - 1] as string),
        csvCentsOf(row[net] as string),
      ]).toEqual([m.costCents, m.revenueCents, m.netCents]);
    });
    const totals = body.at(-1) as string[];
    expect(totals[0]).toBe('Total');
    expect(csvCentsOf(totals[net] as string)).toBe(report.totals.netCents);
    for (let c = 5; c < net - 2; c++) {
      const column = body.slice(0, -1).reduce((s, r) => s + csvCentsOf(r[c] as string), 0);
      expect(column).toBe(csvCentsOf(totals[c] as string));
    }
  });

  it.each([
    ['from after to', 'from=2026-10-31&to=2026-10-01'],
    ['a range over ten years', 'from=2000-01-01&to=2026-12-31'],
    ['a date out of range', 'from=1999-01-01&to=2000-01-31'],
    ['an unknown format', `${Q4}&format=xlsx`],
    ['a missing bound', 'from=2026-10-01'],
    ['an unknown parameter', `${Q4}&pharmacy=1`],
  ])('When the report is asked with %s, Then 400', async (_label, query) => {
    const res = await treasurer.get(`/api/reports/shares?${query}`);
    expect([res.status, res.body.error.code]).toEqual([400, 'validation.invalid_input']);
  });
});

describe('holdings from one period to the next', () => {
  it('When shares change hands on the first day of a month, Then that month opens where the one before closed and shows the move', async () => {
    const [meymac, felletin] = [pharmacyId(t.db, 'meymac'), pharmacyId(t.db, 'felletin')];
    const moved = await treasurer
      .post('/api/shares/transactions')
      .send({ type: 'transfer', date: '2026-11-01', shares: 10, pharmacyId: meymac, toPharmacyId: felletin });
    expect(moved.status).toBe(201);
    const october = (await treasurer.get('/api/reports/shares?from=2026-10-01&to=2026-10-31')).body;
    const november = (await treasurer.get('/api/reports/shares?from=2026-11-01&to=2026-11-30')).body;
    const row = (report: { members: Member[] }, id: number) =>
      report.members.find((m) => m.pharmacyId === id) as Member & { sharesAtStart: number; sharesAtEnd: number };
    for (const m of october.members as Member[]) {
      expect(row(november, m.pharmacyId).sharesAtStart).toBe(row(october, m.pharmacyId).sharesAtEnd);
    }
    expect(row(november, meymac).sharesAtEnd - row(november, meymac).sharesAtStart).toBe(-10);
    expect(row(november, felletin).sharesAtEnd - row(november, felletin).sharesAtStart).toBe(10);
    // The CSV and the PDF say the same.
    const csv = parse((await treasurer.get('/api/reports/shares?from=2026-11-01&to=2026-11-30&format=csv')).text, {
      delimiter: ';',
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    const meymacRow = csv.find((r) => r.Officine === row(november, meymac).name) as Record<string, string>;
    expect([meymacRow['Parts au début'], meymacRow['Parts à la fin']]).toEqual([
      String(row(november, meymac).sharesAtStart),
      String(row(november, meymac).sharesAtEnd),
    ]);
  });
});

describe('periods: create, preview, close', () => {
  it('When October is opened, previewed and closed, Then its snapshot carries the preview’s hash and October is frozen', async () => {
    const created = await treasurer.post('/api/periods').send({ kind: 'month', start: '2026-10-01' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'month',
      start: '2026-10-01',
      end: '2026-10-31',
      status: 'open',
      sha256: null,
    });
    const preview = (await treasurer.get('/api/reports/shares?from=2026-10-01&to=2026-10-31')).body;
    expect(preview).toMatchObject({ status: 'draft', period: { id: created.body.id, kind: 'month' } });

    const closed = await treasurer.post(`/api/periods/${created.body.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      sha256: preview.sha256,
      closedAt: '2026-11-23T09:00:00.000Z',
    });
    expect((await treasurer.get(`/api/periods/${created.body.id}`)).body.status).toBe('closed');

    const before = [count(t.db, 'share_periods'), count(t.db, 'ledger_entries'), count(t.db, 'audit_log')];
    const again = await treasurer.post(`/api/periods/${created.body.id}/close`);
    expect([again.status, again.body.error.code]).toEqual([409, 'shares.period_already_closed']);
    const entry = await treasurer
      .post('/api/ledger/entries')
      .send({ date: '2026-10-15', categoryId: 1, amountCents: 100, description: 'Oubli' });
    expect(entry.body.error.code).toBe('shares.period_closed');
    const week = await treasurer.post('/api/periods').send({ kind: 'month', start: '2026-10-01' });
    expect([week.status, week.body.error.code]).toEqual([409, 'shares.period_exists']);
    expect([count(t.db, 'share_periods'), count(t.db, 'ledger_entries'), count(t.db, 'audit_log')]).toEqual(before);
    expect(() =>
      t.db.$client.exec(`UPDATE share_periods SET status = 'open', closed_at = NULL WHERE id = ${created.body.id}`),
    ).toThrow(/only be closed/);
  });

  it.each([
    ['a quarter not starting a quarter', { kind: 'quarter', start: '2026-11-01' }, 400, 'validation.invalid_input'],
    ['a month not starting on the 1st', { kind: 'month', start: '2026-11-02' }, 400, 'validation.invalid_input'],
    ['an unknown kind', { kind: 'week', start: '2026-11-02' }, 400, 'validation.invalid_input'],
    ['the open quarter again', { kind: 'quarter', start: '2026-10-01' }, 409, 'shares.period_exists'],
    ['a month inside the closed quarter', { kind: 'month', start: '2026-08-01' }, 409, 'shares.period_overlaps_closed'],
    // A period opened years ahead by mistake could never be removed: a year ahead at most, as entries.
    ['a month more than a year ahead', { kind: 'month', start: '2031-01-01' }, 422, 'shares.date_too_far'],
  ])('When a period is %s, Then it is refused and nothing is written', async (_label, body, status, code) => {
    const before = count(t.db, 'share_periods');
    const res = await treasurer.post('/api/periods').send(body);
    expect([res.status, res.body.error.code]).toEqual([status, code]);
    expect(count(t.db, 'share_periods')).toBe(before);
  });

  it('When the open quarter has not ended, Then it cannot be closed yet', async () => {
    const q4 = (await treasurer.get('/api/periods')).body.items.find(
      (p: { start: string; kind: string }) => p.kind === 'quarter' && p.start === '2026-10-01',
    );
    const res = await treasurer.post(`/api/periods/${q4.id}/close`);
    expect([res.status, res.body.error.code]).toEqual([409, 'shares.period_not_ended']);
  });
});

describe('who reads the report and the statements', () => {
  it('When a pharmacist reads its own statement, Then it gets its row and the cooperative totals, not the other members', async () => {
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const res = await meymac.get(`/api/shares/statements/${pharmacyId(t.db, 'meymac')}?${Q3}`);
    expect(res.status).toBe(200);
    expect(res.body.member.name).toBe('Pharmacie de Meymac');
    expect(res.body).not.toHaveProperty('members');
    const report = (await treasurer.get(`/api/reports/shares?${Q3}`)).body;
    expect(res.body.member).toEqual(report.members.find((m: Member) => m.name === 'Pharmacie de Meymac'));
    expect(res.body.sha256).toBe(report.sha256);
    expect((await meymac.get('/api/periods')).status).toBe(200);
  });

  it('When a pharmacist downloads its own statement as PDF, Then it reads its part and net, and none of the other members', async () => {
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const id = pharmacyId(t.db, 'meymac');
    const statement = (await meymac.get(`/api/shares/statements/${id}?${Q3}`)).body;
    const res = await meymac.get(`/api/shares/statements/${id}?${Q3}&format=pdf`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename=releve-${id}-2026-07-01-2026-09-30.pdf`);
    const text = pdfText(res.body as Buffer)
      .replace(/\u00a0/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Relevé — Pharmacie de Meymac');
    const net = `${statement.member.netCents > 0 ? '+' : ''}${formatEuros(statement.member.netCents)}`;
    expect(text).toContain(`Résultat net ${net.replace(/\u00a0/g, ' ')}`);
    expect(text).toContain(statement.sha256);
    expect(text).toContain('Note légale'); // Q3 shares a surplus by holding
    expect(text).not.toContain('PROJET');
    for (const other of ['Bugeat', 'Peyrelevade', 'Felletin', 'Royère']) expect(text).not.toContain(other);
    const draft = await meymac.get(`/api/shares/statements/${id}?${Q4}&format=pdf`).buffer(true).parse(binary);
    expect(draft.headers['content-disposition']).toBe(
      `attachment; filename=releve-${id}-2026-10-01-2026-12-31-projet.pdf`,
    );
    expect(pdfText(draft.body as Buffer)).toContain('PROJET');
  });

  it('When a pharmacist asks for another pharmacy’s statement, Then 404', async () => {
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const res = await meymac.get(`/api/shares/statements/${pharmacyId(t.db, 'bugeat')}?${Q3}`);
    expect([res.status, res.body.error.code]).toEqual([404, 'http.not_found']);
    const pdf = await meymac.get(`/api/shares/statements/${pharmacyId(t.db, 'bugeat')}?${Q3}&format=pdf`);
    expect(pdf.status).toBe(404);
  });

  it.each(['admin@officoop.test', 'preparateur.meymac@officoop.test', 'ehpad.meymac@officoop.test'])(
    'When %s asks for the report, a statement or to manage periods, Then 403',
    async (email) => {
      const agent = await t.agentAs(email);
      const before = count(t.db, 'share_periods');
      expect((await agent.get(`/api/reports/shares?${Q3}`)).status).toBe(403);
      expect((await agent.get(`/api/reports/shares?${Q3}&format=pdf`)).status).toBe(403);
      expect((await agent.get('/api/reports/shares/drafts')).status).toBe(403);
      expect((await agent.get(`/api/shares/statements/${pharmacyId(t.db, 'meymac')}?${Q3}`)).status).toBe(403);
      expect((await agent.get('/api/periods')).status).toBe(403);
      expect((await agent.post('/api/periods').send({ kind: 'month', start: '2026-11-01' })).status).toBe(403);
      expect((await agent.post('/api/periods/1/close')).status).toBe(403);
      expect(count(t.db, 'share_periods')).toBe(before);
    },
  );

  it('When a pharmacist tries the whole report or to manage periods, Then 403', async () => {
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect((await bugeat.get(`/api/reports/shares?${Q3}`)).status).toBe(403);
    expect((await bugeat.post('/api/periods').send({ kind: 'month', start: '2026-11-01' })).status).toBe(403);
  });
});

describe('the activity key', () => {
  it('When a category is keyed by activity, Then the report shares it by verified pouches, and by holding, said so, when there are none', async () => {
    const app = await createTestApp();
    const tr = await app.agentAs('tresorier@officoop.test');
    const cat = (
      await tr.post('/api/ledger/categories').send({ name: 'Ristournes', kind: 'revenue', allocationKey: 'activity' })
    ).body;
    const record = (date: string, amountCents: number) =>
      tr
        .post('/api/ledger/entries')
        .send({ date, categoryId: cat.id, amountCents, description: 'Ristourne', reference: 'R-1' });
    const october = (await record('2026-10-12', 10_001)).body;

    // No pouch verified in October 2026 (demo robot): the report is still produced, the entry
    // shared by holding, and the report says so (it was a 422 that blocked the whole quarter).
    const none = await tr.get('/api/reports/shares?from=2026-10-01&to=2026-10-31');
    expect(none.status).toBe(200);
    expect(none.body.keyFallbacks).toEqual([
      {
        categoryId: cat.id,
        categoryName: 'Ristournes',
        month: '2026-10',
        fromKey: 'activity',
        toKey: 'holding',
        entryCount: 1,
      },
    ]);
    expect(none.body.categories.find((c: { id: number }) => c.id === cat.id).keys).toEqual(['holding']);
    const split = (await tr.get(`/api/ledger/entries/${october.id}`)).body;
    expect(split).toMatchObject({ allocationKey: 'holding', keyFallback: 'activity', allocationError: null });
    for (const m of none.body.members as Member[])
      expect(m.revenues.find((c) => c.categoryId === cat.id)?.cents).toBe(
        split.allocation.find((p: { pharmacyId: number }) => p.pharmacyId === m.pharmacyId).cents,
      );
    expect(none.body.reconciliation.balanced).toBe(true);
    const pdf = await tr.get('/api/reports/shares?from=2026-10-01&to=2026-10-31&format=pdf').buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    const pdfWords = pdfText(pdf.body as Buffer).replace(/\s+/g, ' ');
    expect(pdfWords).toContain('aucun sachet vérifié');
    // The fallback reads as one, under the category's own key, not as a change of key.
    // (The cell wraps: its two lines come out apart from each other in the text.)
    expect(pdfWords).toContain('activité (sachets) — repli');
    expect(pdfWords).toContain('sur les parts détenues en octobre 2026');
    const ristournes = none.body.categories.find((c: { id: number }) => c.id === cat.id);
    expect(keysLabel(ristournes, none.body.keyFallbacks)).toBe(
      'activité (sachets) — repli sur les parts détenues en octobre 2026',
    );
    expect(pdfWords).not.toContain('puis activité');

    // With a source of pouches (here a double): shared by activity, to the cent.
    const [bugeat, meymac, felletin] = ['bugeat', 'meymac', 'felletin'].map((s) => pharmacyId(app.db, s)) as number[];
    const pouches = (month: string) =>
      new Map(
        month === '2026-10'
          ? [
              [bugeat as number, 1_200],
              [meymac as number, 2_400],
              [felletin as number, 1_200],
            ]
          : [],
      );
    const { report } = loadSharesReport({
      ctx: ctxAs(app.db, app.clock, 'tresorier@officoop.test'),
      from: '2026-10-01',
      to: '2026-10-31',
      activity: pouches,
    });
    const line = (r: typeof report, name: string) =>
      r.members.find((m) => m.name === name)?.revenues.find((c) => c.categoryId === cat.id)?.cents;
    expect(
      ['Pharmacie de Bugeat', 'Pharmacie de Meymac', 'Pharmacie de Felletin', 'Pharmacie de Peyrelevade'].map((n) =>
        line(report, n),
      ),
    ).toEqual([2_500, 5_001, 2_500, 0]);
    expect(report.categories.find((c) => c.id === cat.id)?.keys).toEqual(['activity']);

    // November: the robot's verified pouches (the real source) share it.
    await record('2026-11-12', 10_000);
    const november = await tr.get('/api/reports/shares?from=2026-11-01&to=2026-11-30');
    expect(november.status).toBe(200);
    const activity = (await tr.get('/api/robot/activity?month=2026-11')).body.items as {
      pharmacyId: number;
      pouches: number;
    }[];
    const total = activity.reduce((s, a) => s + a.pouches, 0);
    for (const m of november.body.members as Member[]) {
      const cents = m.revenues.find((c) => c.categoryId === cat.id)?.cents ?? 0;
      const share = ((activity.find((a) => a.pharmacyId === m.pharmacyId)?.pouches ?? 0) * 10_000) / total;
      expect(Math.abs(cents - share)).toBeLessThan(1);
    }
  });
});

describe('the monthly-shares job', () => {
  it('When it runs on the 1st at 05:00 Paris, Then last month’s draft is on the treasurer’s home, once per month', async () => {
    const app = await createTestApp();
    app.clock.set('2026-12-01T04:00:00.000Z');
    const tr = await app.agentAs('tresorier@officoop.test');
    const deps = { db: app.db, clock: app.clock, log: pino({ level: 'silent' }), backupDir: '', dbPath: ':memory:' };
    expect(await runJob(monthlySharesJob, deps)).toMatchObject({ status: 'succeeded', periodKey: '2026-12' });
    expect(await runJob(monthlySharesJob, deps)).toMatchObject({ status: 'skipped' });
    expect(await runJob(monthlySharesJob, deps, { force: true })).toMatchObject({ status: 'succeeded' });
    const drafts = (await tr.get('/api/reports/shares/drafts')).body.items;
    expect(drafts[0]).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-30', error: null });
    expect(drafts.filter((d: { month: string }) => d.month === '2026-11')).toHaveLength(1);
    const report = (await tr.get('/api/reports/shares?from=2026-11-01&to=2026-11-30')).body;
    expect(drafts[0].totals).toEqual(report.totals);
    const alerts = app.db.$client
      .prepare("SELECT count(*) AS n FROM alerts WHERE kind = 'shares.monthly_draft' AND entity_id = '2026-11'")
      .get() as { n: number };
    expect(alerts.n).toBe(1);
  });

  it('When the drafted month is then closed, Then its draft leaves the treasurer’s home and its alert is resolved', async () => {
    const app = await createTestApp();
    app.clock.set('2026-12-01T04:00:00.000Z');
    const tr = await app.agentAs('tresorier@officoop.test');
    const deps = { db: app.db, clock: app.clock, log: pino({ level: 'silent' }), backupDir: '', dbPath: ':memory:' };
    await runJob(monthlySharesJob, deps);
    const draftAlerts = async () =>
      ((await tr.get('/api/alerts')).body.items as { kind: string; entityId: string }[]).filter(
        (a) => a.kind === 'shares.monthly_draft' && a.entityId === '2026-11',
      );
    expect(await draftAlerts()).toHaveLength(1);
    const month = (await tr.post('/api/periods').send({ kind: 'month', start: '2026-11-01' })).body;
    expect((await tr.post(`/api/periods/${month.id}/close`)).status).toBe(200);
    const drafts = (await tr.get('/api/reports/shares/drafts')).body.items as { month: string }[];
    expect(drafts.map((d) => d.month)).not.toContain('2026-11');
    expect(await draftAlerts()).toEqual([]);
    // A forced re-run of the job for that month brings neither back.
    await runJob(monthlySharesJob, deps, { force: true });
    expect(
      (await tr.get('/api/reports/shares/drafts')).body.items.map((d: { month: string }) => d.month),
    ).not.toContain('2026-11');
    expect(await draftAlerts()).toEqual([]);
  });
});

// Last: these tests move the clock that Date follows, which ends the sessions of the file's app.
describe('the financial year', () => {
  it('When quarters of the year are closed, Then the financial year made of them can still be opened and closed', async () => {
    const app = await createTestApp();
    app.clock.set('2027-01-05T09:00:00.000Z');
    const tr = await app.agentAs('tresorier@officoop.test');
    const periods = (await tr.get('/api/periods')).body.items as { id: number; kind: string; start: string }[];
    const q4 = periods.find((p) => p.kind === 'quarter' && p.start === '2026-10-01') as { id: number };
    expect((await tr.post(`/api/periods/${q4.id}/close`)).status).toBe(200);
    const quarters = [];
    for (const [from, to] of [
      ['2026-01-01', '2026-03-31'],
      ['2026-04-01', '2026-06-30'],
      ['2026-07-01', '2026-09-30'],
      ['2026-10-01', '2026-12-31'],
    ])
      quarters.push((await tr.get(`/api/reports/shares?from=${from}&to=${to}`)).body);

    const year = await tr.post('/api/periods').send({ kind: 'year', start: '2026-01-01' });
    expect(year.status).toBe(201);
    const closed = await tr.post(`/api/periods/${year.body.id}/close`);
    expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
    const report = (await tr.get('/api/reports/shares?from=2026-01-01&to=2026-12-31')).body;
    expect(report).toMatchObject({ status: 'closed', period: { id: year.body.id, kind: 'year' } });
    // The year is exactly its quarters, member by member, to the cent.
    for (const m of report.members as Member[])
      expect(m.netCents).toBe(
        quarters.reduce((s, q) => s + (q.members.find((x: Member) => x.pharmacyId === m.pharmacyId)?.netCents ?? 0), 0),
      );
    // A period inside a closed one is still refused: its days are already closed.
    const before = count(app.db, 'share_periods');
    const month = await tr.post('/api/periods').send({ kind: 'month', start: '2026-05-01' });
    expect([month.status, month.body.error.code]).toEqual([409, 'shares.period_overlaps_closed']);
    expect(count(app.db, 'share_periods')).toBe(before);
  });
});
