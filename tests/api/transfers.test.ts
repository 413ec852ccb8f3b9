import { beforeEach, describe, expect, it } from 'vitest';
import { lotsOutOfBalance } from '../../server/stock/stock.repository';
import { pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;
let meymac: Agent;
let felletin: Agent;
let P: string;

beforeEach(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  felletin = await t.agentAs('preparateur.felletin@officoop.test');
  [P] = unheldProducts(t.db, 1) as [string];
  await bugeat
    .post('/api/stock/receipts')
    .send({ cip13: P, lotNumber: 'EARLY', expiryDate: '2027-02-28', quantity: 6, unitCostCents: 210 });
  await bugeat
    .post('/api/stock/receipts')
    .send({ cip13: P, lotNumber: 'LATE', expiryDate: '2027-10-31', quantity: 20, unitCostCents: 200 });
});

/** Meymac asks Bugeat for `quantity` units of P. */
async function request(quantity = 10) {
  const res = await meymac.post('/api/transfers').send({
    fromPharmacyId: pharmacyId(t.db, 'bugeat'),
    cip13: P,
    quantity,
    reason: 'Patiente de Mme Durand',
    urgency: 'urgent',
  });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

const available = async (agent: Agent, slug: string) =>
  (await agent.get(`/api/pool/${P}`)).body.pharmacies.find((p: { pharmacySlug: string }) => p.pharmacySlug === slug)
    .available;

describe('a dépannage from request to receipt', () => {
  it('When Meymac asks, Bugeat accepts and ships, Meymac receives, Then the lots arrive with their numbers, expiries and cost', async () => {
    const id = await request(10);
    expect(
      (await bugeat.get('/api/transfers?box=inbox&status=requested')).body.items.map((x: { id: number }) => x.id),
    ).toContain(id);

    const accepted = await bugeat.post(`/api/transfers/${id}/accept`).send({});
    expect(accepted.status).toBe(200);
    expect(accepted.body.lines.map((l: { lotNumber: string; quantity: number }) => [l.lotNumber, l.quantity])).toEqual([
      ['EARLY', 6],
      ['LATE', 4],
    ]);
    expect(await available(meymac, 'bugeat')).toBe(16);

    expect((await bugeat.post(`/api/transfers/${id}/ship`)).body.status).toBe('shipped');
    const received = await meymac.post(`/api/transfers/${id}/receive`).send({});
    expect(received.body).toMatchObject({ status: 'received', valueCents: 6 * 210 + 4 * 200 });

    const lots = (await meymac.get(`/api/stock/lots?cip13=${P}`)).body.items;
    expect(
      lots.map((l: { lotNumber: string; expiryDate: string; quantity: number; unitCostCents: number }) => [
        l.lotNumber,
        l.expiryDate,
        l.quantity,
        l.unitCostCents,
      ]),
    ).toEqual([
      ['EARLY', '2027-02-28', 6, 210],
      ['LATE', '2027-10-31', 4, 200],
    ]);
    const bugeatLots = (await bugeat.get(`/api/stock/lots?cip13=${P}`)).body.items;
    expect(bugeatLots.map((l: { lotNumber: string; quantity: number }) => [l.lotNumber, l.quantity])).toEqual([
      ['LATE', 16],
    ]);
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });

  it('When the sender accepts part of the request, Then only that part is reserved and sent', async () => {
    const id = await request(10);
    const res = await bugeat.post(`/api/transfers/${id}/accept`).send({ quantity: 3 });
    expect(res.body).toMatchObject({ status: 'accepted', quantityAccepted: 3 });
    expect(await available(meymac, 'bugeat')).toBe(23);
  });

  it('When fewer units arrive than were shipped, Then a note is required and the discrepancy is recorded and billed as received', async () => {
    const id = await request(10);
    const lines = (await bugeat.post(`/api/transfers/${id}/accept`).send({})).body.lines;
    await bugeat.post(`/api/transfers/${id}/ship`);
    const shortLines = { lines: [{ lineId: lines[0].id, quantityReceived: 5 }] };
    const noNote = await meymac.post(`/api/transfers/${id}/receive`).send(shortLines);
    expect(noNote.status).toBe(422);
    expect(noNote.body.error.code).toBe('transfers.discrepancy_note_required');
    const res = await meymac.post(`/api/transfers/${id}/receive`).send({ ...shortLines, note: 'Une boîte écrasée' });
    expect(res.body).toMatchObject({
      status: 'received',
      receiptNote: 'Une boîte écrasée',
      valueCents: 5 * 210 + 4 * 200,
    });
    expect(res.body.lines.map((l: { quantityReceived: number }) => l.quantityReceived)).toEqual([5, 4]);
  });

  it('When the sender accepts more than was asked, Then 422 transfers.exceeds_requested names the asked quantity, not its stock, and nothing is reserved', async () => {
    const id = await request(4);
    const res = await bugeat.post(`/api/transfers/${id}/accept`).send({ quantity: 10 });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'transfers.exceeds_requested',
      details: [{ requested: 4, quantity: 10 }],
    });
    expect((await bugeat.get(`/api/transfers/${id}`)).body.status).toBe('requested');
    expect(await available(meymac, 'bugeat')).toBe(26);
    // Exactly what was asked is accepted.
    expect((await bugeat.post(`/api/transfers/${id}/accept`).send({ quantity: 4 })).body.status).toBe('accepted');
  });

  it('When the receiver books more units of a lot than were shipped, Then 422 transfers.exceeds_shipped names the lot and the shipped quantity, and nothing is received', async () => {
    const id = await request(5);
    const lines = (await bugeat.post(`/api/transfers/${id}/accept`).send({})).body.lines;
    expect(lines).toHaveLength(1);
    await bugeat.post(`/api/transfers/${id}/ship`);
    const res = await meymac
      .post(`/api/transfers/${id}/receive`)
      .send({ lines: [{ lineId: lines[0].id, quantityReceived: 9 }] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'transfers.exceeds_shipped',
      details: [{ lineId: lines[0].id, lotNumber: 'EARLY', shipped: 5, received: 9 }],
    });
    expect((await meymac.get(`/api/transfers/${id}`)).body.status).toBe('shipped');
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });

  it('When the request is cancelled after acceptance, Then the reserved units are free again', async () => {
    const id = await request(10);
    await bugeat.post(`/api/transfers/${id}/accept`).send({});
    expect((await meymac.post(`/api/transfers/${id}/cancel`)).body.status).toBe('cancelled');
    expect(await available(meymac, 'bugeat')).toBe(26);
  });

  it('When units are reserved for a transfer, Then the sender cannot dispense them', async () => {
    const id = await request(20);
    await bugeat.post(`/api/transfers/${id}/accept`).send({});
    const res = await bugeat.post('/api/stock/dispenses').send({ cip13: P, quantity: 7 });
    expect(res.status).toBe(409);
    expect(res.body.error.details[0].available).toBe(6);
  });
});

describe('who may take which step, and when', () => {
  it.each([
    ['the receiver accepts', 'requested', 'meymac', 'accept', 403, 'transfers.not_your_step'],
    ['the receiver rejects', 'requested', 'meymac', 'reject', 403, 'transfers.not_your_step'],
    ['the sender ships before accepting', 'requested', 'bugeat', 'ship', 409, 'transfers.invalid_state'],
    ['the sender receives', 'shipped', 'bugeat', 'receive', 403, 'transfers.not_your_step'],
    ['the receiver receives before shipping', 'accepted', 'meymac', 'receive', 409, 'transfers.invalid_state'],
    ['the sender rejects after accepting', 'accepted', 'bugeat', 'reject', 409, 'transfers.invalid_state'],
    ['the receiver ships', 'accepted', 'meymac', 'ship', 403, 'transfers.not_your_step'],
    ['someone cancels after shipping', 'shipped', 'meymac', 'cancel', 409, 'transfers.invalid_state'],
    ['the sender cancels an unanswered request', 'requested', 'bugeat', 'cancel', 403, 'transfers.not_your_step'],
    ['the receiver receives twice', 'received', 'meymac', 'receive', 409, 'transfers.invalid_state'],
    ['the sender accepts a rejected request', 'rejected', 'bugeat', 'accept', 409, 'transfers.invalid_state'],
    ['a third pharmacy accepts', 'requested', 'felletin', 'accept', 404, 'transfers.not_found'],
    ['a third pharmacy cancels', 'accepted', 'felletin', 'cancel', 404, 'transfers.not_found'],
  ])('When %s, Then %s', async (_name, state, who, action, status, code) => {
    const id = await request(4);
    if (state === 'rejected') await bugeat.post(`/api/transfers/${id}/reject`).send({ reason: 'Pas possible' });
    if (['accepted', 'shipped', 'received'].includes(state)) await bugeat.post(`/api/transfers/${id}/accept`).send({});
    if (['shipped', 'received'].includes(state)) await bugeat.post(`/api/transfers/${id}/ship`);
    if (state === 'received') await meymac.post(`/api/transfers/${id}/receive`).send({});
    const agent = { bugeat, meymac, felletin }[who]!;
    const body = action === 'reject' ? { reason: 'Pas possible' } : {};
    const res = await agent.post(`/api/transfers/${id}/${action}`).send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it('When a third pharmacy reads the transfer, Then 404 and its lists do not show it', async () => {
    const id = await request(4);
    expect((await felletin.get(`/api/transfers/${id}`)).status).toBe(404);
    expect((await felletin.get('/api/transfers')).body.items.map((x: { id: number }) => x.id)).not.toContain(id);
  });

  it('When two accepts of the same request arrive at once, Then exactly one wins', async () => {
    const id = await request(4);
    const other = await t.agentAs('preparateur.bugeat@officoop.test');
    const results = await Promise.all([
      bugeat.post(`/api/transfers/${id}/accept`).send({}),
      other.post(`/api/transfers/${id}/accept`).send({}),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const lines = t.db.$client
      .prepare('SELECT sum(quantity) AS n FROM transfer_lines WHERE transfer_id = ?')
      .get(id) as { n: number };
    expect(lines.n).toBe(4);
  });

  it('When a pharmacy asks itself, or for more than it has, Then the request is refused', async () => {
    const self = await bugeat
      .post('/api/transfers')
      .send({ fromPharmacyId: pharmacyId(t.db, 'bugeat'), cip13: P, quantity: 1, reason: 'Test interne' });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('transfers.to_self');
    // More than Bugeat can lend is refused at the request (transfers-request-limits.test.ts)…
    const tooMuch = await meymac
      .post('/api/transfers')
      .send({ fromPharmacyId: pharmacyId(t.db, 'bugeat'), cip13: P, quantity: 30, reason: 'Patiente de Mme Durand' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'transfers.exceeds_available', details: [{ available: 26 }] });
    // …and at acceptance, if the units went meanwhile.
    const id = await request(26);
    expect((await bugeat.post('/api/stock/dispenses').send({ cip13: P, quantity: 1 })).status).toBe(201);
    const res = await bugeat.post(`/api/transfers/${id}/accept`).send({});
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'stock.insufficient_quantity', details: [{ available: 25 }] });
  });
});

describe('monthly settlement', () => {
  it('When transfers were received in the month, Then each pair nets to one payment, as JSON, CSV and PDF', async () => {
    const bugeatId = pharmacyId(t.db, 'bugeat');
    const meymacId = pharmacyId(t.db, 'meymac');
    type Pair = Record<string, number | string | null>;
    // The demo may already hold Bugeat–Meymac dépannages this month: compare before and after ours.
    const bugeatMeymac = async (): Promise<Pair> => {
      const json = await bugeat.get('/api/transfers/settlement?month=2026-11');
      expect(json.status).toBe(200);
      const pair = json.body.pairs.find((p: Pair) => p.pharmacyAId === bugeatId && p.pharmacyBId === meymacId);
      return pair ?? { sentAToBCents: 0, sentBToACents: 0, transfersAToB: 0, transfersBToA: 0 };
    };
    const before = await bugeatMeymac();
    const id = await request(10);
    await bugeat.post(`/api/transfers/${id}/accept`).send({});
    await bugeat.post(`/api/transfers/${id}/ship`);
    await meymac.post(`/api/transfers/${id}/receive`).send({});
    const pair = await bugeatMeymac();
    const [aToB, bToA] = [Number(before.sentAToBCents) + 2060, Number(before.sentBToACents)];
    expect(pair).toMatchObject({
      sentAToBCents: aToB,
      sentBToACents: bToA,
      transfersAToB: Number(before.transfersAToB) + 1,
      transfersBToA: before.transfersBToA,
      debtorId: aToB > bToA ? meymacId : bugeatId,
      creditorId: aToB > bToA ? bugeatId : meymacId,
      netCents: Math.abs(aToB - bToA),
    });

    const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    const [debtor, creditor] =
      aToB > bToA ? ['Pharmacie de Meymac', 'Pharmacie de Bugeat'] : ['Pharmacie de Bugeat', 'Pharmacie de Meymac'];
    const csv = await bugeat.get('/api/transfers/settlement?month=2026-11&format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFFMois;Officine A;Officine B;')).toBe(true);
    expect(csv.text).toContain(
      `novembre 2026;Pharmacie de Bugeat;Pharmacie de Meymac;${euros(aToB)};${euros(bToA)};${pair.transfersAToB};` +
        `${pair.transfersBToA};${debtor};${creditor};${euros(Math.abs(aToB - bToA))};provisoire;;\r\n`,
    );

    const pdf = await bugeat.get('/api/transfers/settlement?month=2026-11&format=pdf').buffer(true);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('When a pharmacy reads the settlement, Then it only sees pairs it belongs to; the treasurer sees all', async () => {
    const felletinPairs = (await felletin.get('/api/transfers/settlement?month=2026-10')).body.pairs;
    const felletinId = pharmacyId(t.db, 'felletin');
    expect(
      felletinPairs.every(
        (p: { pharmacyAId: number; pharmacyBId: number }) =>
          p.pharmacyAId === felletinId || p.pharmacyBId === felletinId,
      ),
    ).toBe(true);
    const treasurer = await t.agentAs('tresorier@officoop.test');
    const all = (await treasurer.get('/api/transfers/settlement?month=2026-10')).body.pairs;
    expect(all.length).toBeGreaterThan(felletinPairs.length);
    expect((await treasurer.get('/api/transfers/settlement?month=2026-13')).status).toBe(400);
    // A month outside the cooperative's ledger range (2000–2099) is a typo, not an empty settlement.
    for (const month of ['0000-01', '1999-12', '2100-01']) {
      const res = await treasurer.get(`/api/transfers/settlement?month=${month}`);
      expect([res.status, res.body.error?.details?.[0]?.message], month).toEqual([400, 'validation.month']);
    }
    expect((await treasurer.get('/api/transfers/settlement?month=2000-01')).status).toBe(200);
  });
});
