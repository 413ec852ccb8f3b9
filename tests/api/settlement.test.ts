import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { binary, pdfText } from '../helpers/shares';
import { pharmacyId } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

// The demo (at TEST_NOW, 23 November 2026) holds two dépannages received in October between Bugeat
// and Meymac (one each way), one in September (Felletin → Royère, marked paid by the treasurer on
// 5 October), and in November: Felletin → Royère received, Bugeat → Peyrelevade
// shipped, Meymac → Felletin accepted, and two requests still open.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type Pair = {
  pharmacyAId: number;
  pharmacyBId: number;
  debtorId: number | null;
  creditorId: number | null;
  netCents: number;
  provisional: boolean;
  payment: { id: number; markedByName: string | null; amountCents: number; markedAt: string } | null;
};
let t: App;
let treasurer: Agent;
const as = (slug: string, role: 'pharmacien' | 'preparateur' = 'pharmacien') =>
  t.agentAs(`${role}.${slug}@officoop.test`);

beforeEach(async () => {
  t = await createTestApp();
  treasurer = await t.agentAs('tresorier@officoop.test');
});

/** October's only line (Bugeat–Meymac), its debtor and creditor slugs. */
async function octoberLine() {
  const res = await treasurer.get('/api/transfers/settlement?month=2026-10');
  expect(res.status).toBe(200);
  const [pair] = res.body.pairs as Pair[];
  if (!pair?.debtorId || !pair.creditorId) throw new Error('the demo’s October should net to one payment');
  const slugOf = (id: number) => (id === pharmacyId(t.db, 'bugeat') ? 'bugeat' : 'meymac');
  return { pair, debtor: slugOf(pair.debtorId), creditor: slugOf(pair.creditorId) };
}

/** Payment marks of October (the demo's September holds one, marked by the treasurer). */
const octoberPayments = () =>
  (
    t.db.$client.prepare("SELECT count(*) AS n FROM settlement_payments WHERE month = '2026-10'").get() as {
      n: number;
    }
  ).n;

const markBody = (pair: Pair, month = '2026-10') => ({
  month,
  debtorPharmacyId: pair.debtorId,
  creditorPharmacyId: pair.creditorId,
});

describe('provisional months', () => {
  it('When the month is over and nothing of it is open, Then the statement is final; the current month is provisional', async () => {
    const october = (await treasurer.get('/api/transfers/settlement?month=2026-10')).body;
    expect(october).toMatchObject({ month: '2026-10', provisional: false, monthOver: true, openTransfers: 0 });
    expect(october.pairs).toHaveLength(1);
    expect(october.pairs[0]).toMatchObject({ provisional: false, payment: null });
    // Each received transfer comes with its number, lots and units.
    expect(october.transfers).toHaveLength(2);
    for (const tr of october.transfers) {
      expect(tr.id).toBeGreaterThan(0);
      expect(tr.quantity).toBeGreaterThan(0);
      expect(tr.lots).toMatch(/^\S+ \(\d+\)/);
    }
    expect(october.transfers.map((x: { quantity: number }) => x.quantity).sort()).toEqual([10, 6]);

    const november = (await treasurer.get('/api/transfers/settlement?month=2026-11')).body;
    expect(november).toMatchObject({ provisional: true, monthOver: false });
    expect(november.pairs.every((p: Pair) => p.provisional)).toBe(true);
  });

  it('When the month is over but some of its transfers are still open, Then it stays provisional, only for the pairs concerned', async () => {
    t.clock.set('2026-12-02T09:00:00.000Z');
    treasurer = await t.agentAs('tresorier@officoop.test');
    const november = (await treasurer.get('/api/transfers/settlement?month=2026-11')).body;
    expect(november).toMatchObject({ provisional: true, monthOver: true });
    expect(november.openTransfers).toBeGreaterThan(0);
    // Felletin → Royère was received and nothing else is open between them: that line is final.
    const [felletin, royere] = [pharmacyId(t.db, 'felletin'), pharmacyId(t.db, 'royere')];
    const pair = (november.pairs as Pair[]).find(
      (p) => [p.pharmacyAId, p.pharmacyBId].sort().join() === [felletin, royere].sort().join(),
    );
    expect(pair).toMatchObject({ provisional: false, debtorId: royere, creditorId: felletin });

    // Royère sees only its pairs: for it, November is closed.
    const royereView = (await (await as('royere')).get('/api/transfers/settlement?month=2026-11')).body;
    expect(royereView).toMatchObject({ provisional: false, openTransfers: 0 });
  });

  it('When the statement is downloaded for an unfinished month, Then the CSV and the PDF say provisoire', async () => {
    const csv = await treasurer.get('/api/transfers/settlement?month=2026-11&format=csv');
    expect(csv.headers['content-disposition']).toContain('compensation-2026-11-provisoire.csv');
    const [header, ...rows] = csv.text.replace('\uFEFF', '').trim().split('\r\n');
    expect(header?.split(';').slice(-3)).toEqual(['Statut', 'Payé (marqué le)', 'Marqué payé par']);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.split(';')[10] === 'provisoire')).toBe(true);

    const pdf = await treasurer.get('/api/transfers/settlement?month=2026-11&format=pdf').buffer(true).parse(binary);
    const text = pdfText(pdf.body).replace(/\s+/g, ' ');
    expect(text).toContain('novembre 2026 (provisoire)');
    expect(text).toContain('PROVISOIRE — les montants peuvent encore changer');
    expect(text).toContain('Le mois n’est pas terminé (relevé arrêté au 23/11/2026 à 10:00)');

    const october = await treasurer.get('/api/transfers/settlement?month=2026-10&format=csv');
    expect(october.headers['content-disposition']).toContain('compensation-2026-10.csv');
    expect(october.text.trim().split('\r\n')[1]?.split(';')[10]).toBe('définitif');
  });
});

describe('the PDF statement', () => {
  it('When October is printed, Then it lists per pair each transfer with number, date, product, lots, units and value, names uncut', async () => {
    const json = (await treasurer.get('/api/transfers/settlement?month=2026-10')).body;
    const pdf = await treasurer.get('/api/transfers/settlement?month=2026-10&format=pdf').buffer(true).parse(binary);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body);
    expect(text).not.toContain('PROVISOIRE');
    expect(text).not.toContain('…');
    expect(text).toContain('Détail des dépannages reçus, par paire d’officines');
    expect(text).toContain('Pharmacie de Bugeat – Pharmacie de Meymac');
    expect(text).toContain('À régler');
    const flat = text.replace(/\s+/g, ' ');
    for (const tr of json.transfers) {
      const [day, month, year] = [tr.receivedAt.slice(8, 10), tr.receivedAt.slice(5, 7), tr.receivedAt.slice(0, 4)];
      expect(text).toMatch(new RegExp(`\\b${tr.id}\\s+${day}/${month}/${year}`));
      expect(flat).toContain(tr.lots.split(' (')[0]);
      // The product label wraps over lines but is whole.
      for (const word of tr.productLabel.split(/\s+/)) expect(flat).toContain(word);
    }
    expect(flat).toMatch(/Total 2 dépannages 16 /);
  });

  it('When a pharmacy is named at length, Then the PDF wraps its name instead of cutting it', async () => {
    t.db.$client
      .prepare('UPDATE pharmacies SET name = ? WHERE slug = ?')
      .run('Pharmacie du Plateau de Millevaches et des Monédières', 'bugeat');
    const pdf = await treasurer.get('/api/transfers/settlement?month=2026-10&format=pdf').buffer(true).parse(binary);
    const flat = pdfText(pdf.body).replace(/\s+/g, ' ');
    expect(flat).not.toContain('…');
    expect(flat).toContain('Monédières');
  });
});

describe('marking a payment paid', () => {
  it('When the creditor’s pharmacist marks October paid, Then the line shows who and when, it is audited, and the treasurer can undo it', async () => {
    const { pair, creditor } = await octoberLine();
    const pharmacist = await as(creditor);
    const marked = await pharmacist.post('/api/transfers/settlement/payments').send(markBody(pair));
    expect(marked.status).toBe(201);
    expect(marked.body).toMatchObject({
      month: '2026-10',
      debtorPharmacyId: pair.debtorId,
      creditorPharmacyId: pair.creditorId,
      amountCents: pair.netCents,
      markedAt: '2026-11-23T09:00:00.000Z',
      markedByName: expect.stringContaining('Pharmacien·ne de'),
      undoneAt: null,
    });
    const id = marked.body.id as number;
    const line = (await treasurer.get('/api/transfers/settlement?month=2026-10')).body.pairs[0];
    expect(line.payment).toMatchObject({ id, amountCents: pair.netCents });

    // Marked twice: refused, nothing written.
    const before = octoberPayments();
    const again = await treasurer.post('/api/transfers/settlement/payments').send(markBody(pair));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('settlement.already_paid');
    expect(octoberPayments()).toBe(before);

    const csv = await treasurer.get('/api/transfers/settlement?month=2026-10&format=csv');
    expect(csv.text.trim().split('\r\n')[1]?.split(';').slice(10)).toEqual([
      'définitif',
      '23/11/2026',
      marked.body.markedByName,
    ]);
    const pdf = await treasurer.get('/api/transfers/settlement?month=2026-10&format=pdf').buffer(true).parse(binary);
    expect(pdfText(pdf.body).replace(/\s+/g, ' ')).toContain('Payé — marqué le 23/11/2026 par');

    const undone = await treasurer.post(`/api/transfers/settlement/payments/${id}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ id, undoneAt: '2026-11-23T09:00:00.000Z' });
    expect((await treasurer.get('/api/transfers/settlement?month=2026-10')).body.pairs[0].payment).toBeNull();
    const twice = await treasurer.post(`/api/transfers/settlement/payments/${id}/undo`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('settlement.payment_undone');

    // Undone, the line can be marked again; the history keeps both marks.
    expect((await treasurer.post('/api/transfers/settlement/payments').send(markBody(pair))).status).toBe(201);
    expect(octoberPayments()).toBe(2);
    const october = new Set(
      (
        t.db.$client.prepare("SELECT id FROM settlement_payments WHERE month = '2026-10'").all() as { id: number }[]
      ).map((r) => String(r.id)),
    );
    const audit = t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entity, 'settlement_payment'))
      .all()
      .filter((a) => october.has(String(a.entityId)));
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ['settlement.mark_paid', `pharmacien.${creditor}@officoop.test`],
      ['settlement.undo_paid', 'tresorier@officoop.test'],
      ['settlement.mark_paid', 'tresorier@officoop.test'],
    ]);
    expect(audit[0]?.details).toMatchObject({ month: '2026-10', amountCents: pair.netCents });
  });

  it('When others try to mark or undo it, Then the debtor gets 403, other pharmacies 404, technicians and the coordinator 403', async () => {
    const { pair, debtor, creditor } = await octoberLine();
    const refuse = async (agent: Agent, status: number, code: string) => {
      const res = await agent.post('/api/transfers/settlement/payments').send(markBody(pair));
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
    };
    await refuse(await as(debtor), 403, 'settlement.creditor_only');
    await refuse(await as('felletin'), 404, 'settlement.line_not_found');
    await refuse(await as(creditor, 'preparateur'), 403, 'auth.forbidden');
    await refuse(await t.agentAs('admin@officoop.test'), 403, 'auth.forbidden');
    await refuse(await t.agentAs('ehpad.bugeat@officoop.test'), 403, 'auth.forbidden');
    expect(octoberPayments()).toBe(0);

    const id = (await treasurer.post('/api/transfers/settlement/payments').send(markBody(pair))).body.id;
    const undo = async (agent: Agent) => (await agent.post(`/api/transfers/settlement/payments/${id}/undo`)).status;
    expect(await undo(await as('felletin'))).toBe(404);
    expect(await undo(await as(debtor))).toBe(403);
    expect(await undo(await as(creditor, 'preparateur'))).toBe(403);
    expect((await treasurer.post('/api/transfers/settlement/payments/999999/undo')).status).toBe(404);
    expect((await treasurer.get('/api/transfers/settlement?month=2026-10')).body.pairs[0].payment).not.toBeNull();
  });

  it('When the line is provisional, reversed or unknown, Then it cannot be marked', async () => {
    const { pair } = await octoberLine();
    const reversed = { month: '2026-10', debtorPharmacyId: pair.creditorId, creditorPharmacyId: pair.debtorId };
    const res = await treasurer.post('/api/transfers/settlement/payments').send(reversed);
    expect([res.status, res.body.error.code]).toEqual([404, 'settlement.line_not_found']);

    const november = (await treasurer.get('/api/transfers/settlement?month=2026-11')).body.pairs as Pair[];
    const owed = november.find((p) => p.netCents > 0) as Pair;
    const early = await treasurer.post('/api/transfers/settlement/payments').send(markBody(owed, '2026-11'));
    expect([early.status, early.body.error.code]).toEqual([409, 'settlement.month_provisional']);

    for (const body of [
      { ...markBody(pair), month: '2026-13' },
      { ...markBody(pair), debtorPharmacyId: '1' },
      { ...markBody(pair), amountCents: 1 },
    ]) {
      expect((await treasurer.post('/api/transfers/settlement/payments').send(body)).status).toBe(400);
    }
    expect(octoberPayments()).toBe(0);
  });
});

describe('the year’s statements', () => {
  it('When the treasurer lists 2026, Then each month up to this one has its totals and its provisional or paid state', async () => {
    const year = await treasurer.get('/api/transfers/settlement/year?year=2026');
    expect(year.status).toBe(200);
    expect(year.body.items.map((m: { month: string }) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    const { pair } = await octoberLine();
    const november = (await treasurer.get('/api/transfers/settlement?month=2026-11')).body;
    const month = (m: string) => year.body.items.find((i: { month: string }) => i.month === m);
    expect(month('2026-10')).toEqual({
      month: '2026-10',
      provisional: false,
      transfers: 2,
      volumeCents: expect.any(Number),
      dueCents: pair.netCents,
      payments: 1,
      paid: 0,
    });
    expect(month('2026-11')).toMatchObject({ provisional: true, transfers: november.transfers.length });
    // The demo's September: Felletin helped Royère, and the treasurer marked it paid.
    expect(month('2026-09')).toMatchObject({ provisional: false, transfers: 1, payments: 1, paid: 1 });
    expect(month('2026-08')).toMatchObject({ provisional: false, transfers: 0, payments: 0 });

    await treasurer.post('/api/transfers/settlement/payments').send(markBody(pair));
    const after = (await treasurer.get('/api/transfers/settlement/year?year=2026')).body.items;
    expect(after.find((i: { month: string }) => i.month === '2026-10')).toMatchObject({ payments: 1, paid: 1 });

    expect((await treasurer.get('/api/transfers/settlement/year?year=2027')).body.items).toEqual([]);
    expect((await treasurer.get('/api/transfers/settlement/year?year=2025')).body.items).toHaveLength(12);
    for (const bad of ['abc', '26', '02026', '']) {
      expect((await treasurer.get(`/api/transfers/settlement/year?year=${bad}`)).status).toBe(400);
    }
  });

  it('When a pharmacy lists the year, Then it sees only its own pairs’ figures; care homes are refused', async () => {
    const felletin = (await (await as('felletin', 'preparateur')).get('/api/transfers/settlement/year?year=2026')).body
      .items;
    expect(felletin.find((i: { month: string }) => i.month === '2026-10')).toMatchObject({ transfers: 0, payments: 0 });
    const november = (await (await as('felletin')).get('/api/transfers/settlement?month=2026-11')).body;
    expect(november.transfers.length).toBeGreaterThan(0);
    expect(felletin.find((i: { month: string }) => i.month === '2026-11')).toMatchObject({
      transfers: november.transfers.length,
    });
    const careHome = await t.agentAs('ehpad.bugeat@officoop.test');
    expect((await careHome.get('/api/transfers/settlement/year?year=2026')).status).toBe(403);
  });
});
