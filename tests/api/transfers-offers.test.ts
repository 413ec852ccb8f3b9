import { beforeEach, describe, expect, it } from 'vitest';
import { lotsOutOfBalance } from '../../server/stock/stock.repository';
import { binary, pdfText } from '../helpers/shares';
import { pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let felletin: Agent;
let meymac: Agent;
let bugeat: Agent;
let P: string;
let lotId: number;

const DAY = 24 * 3600 * 1000;

// Felletin holds 20 units of lot OFFERLOT (1,25 € a unit) and offers some to Meymac, which uses it faster.
beforeEach(async () => {
  t = await createTestApp({ config: { SESSION_TTL_HOURS: 24 * 30 } });
  felletin = await t.agentAs('preparateur.felletin@officoop.test');
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  [P] = unheldProducts(t.db, 1) as [string];
  const res = await felletin
    .post('/api/stock/receipts')
    .send({ cip13: P, lotNumber: 'OFFERLOT', expiryDate: '2027-01-31', quantity: 20, unitCostCents: 125 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  lotId = res.body.movements[0].lotId;
});

async function offer(quantity = 8, agent = felletin, to = 'meymac') {
  return agent
    .post('/api/transfer-offers')
    .send({ lotId, toPharmacyId: pharmacyId(t.db, to), quantity, note: 'Anti-gaspillage : lot OFFERLOT' });
}

async function offered(quantity = 8) {
  const res = await offer(quantity);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

const lot = async () => (await felletin.get(`/api/stock/lots/${lotId}`)).body;
const held = async (agent: Agent) =>
  (await agent.get(`/api/stock/lots?cip13=${P}`)).body.items.reduce(
    (s: number, l: { quantity: number }) => s + l.quantity,
    0,
  );

describe('an anti-waste offer, accepted', () => {
  it('When Felletin offers 8 units and Meymac accepts, Then it continues as a transfer: reserved, shipped, received, billed', async () => {
    const id = await offered(8);
    const created = (await felletin.get(`/api/transfer-offers/${id}`)).body;
    expect(created).toMatchObject({
      status: 'offered',
      lotNumber: 'OFFERLOT',
      expiryDate: '2027-01-31',
      quantity: 8,
      lastDay: '2026-11-30',
      transferId: null,
    });
    // An open offer reserves nothing: the holder may still dispense the lot.
    expect((await lot()).reserved).toBe(0);
    const inbox = (await meymac.get('/api/transfer-offers?box=received&status=offered')).body.items;
    expect(inbox.map((o: { id: number }) => o.id)).toContain(id);

    const accepted = await meymac.post(`/api/transfer-offers/${id}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      fromPharmacyId: pharmacyId(t.db, 'felletin'),
      toPharmacyId: pharmacyId(t.db, 'meymac'),
      quantityRequested: 8,
      quantityAccepted: 8,
      reason: 'Anti-gaspillage : lot OFFERLOT',
    });
    expect(accepted.body.lines.map((l: { lotNumber: string; quantity: number }) => [l.lotNumber, l.quantity])).toEqual([
      ['OFFERLOT', 8],
    ]);
    const transferId = accepted.body.id as number;
    expect((await lot()).reserved).toBe(8);
    expect((await meymac.get(`/api/transfer-offers/${id}`)).body).toMatchObject({ status: 'accepted', transferId });

    // Its slip says who offered and who accepted: nobody asked for these units.
    const slip = await felletin.get(`/api/transfers/${transferId}/slip.pdf`).buffer(true).parse(binary);
    const words = pdfText(slip.body as Buffer).replace(/\s+/g, ' ');
    expect(words).toContain('Offre anti-gaspillage entre officines');
    expect(words).toMatch(/officine qui propose/i);
    expect(words).toMatch(/officine qui accepte/i);
    expect(words).not.toMatch(/demandeuse/i);

    expect((await felletin.post(`/api/transfers/${transferId}/ship`)).body.status).toBe('shipped');
    const received = await meymac.post(`/api/transfers/${transferId}/receive`).send({});
    expect(received.body).toMatchObject({ status: 'received', valueCents: 8 * 125 });
    expect(await held(felletin)).toBe(12);
    expect(await held(meymac)).toBe(8);
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });

  it('When the holder dispenses the units before the answer, Then the offer lapses at once on both sides and accepting answers 409 offer_no_longer_available', async () => {
    const id = await offered(8);
    // Patients first: the dispense goes through although 8 of the 20 units are offered.
    expect((await felletin.post('/api/stock/dispenses').send({ cip13: P, quantity: 15 })).status).toBe(201);
    expect((await felletin.get(`/api/transfer-offers/${id}`)).body).toMatchObject({ status: 'lapsed' });
    expect((await meymac.get(`/api/transfer-offers/${id}`)).body).toMatchObject({ status: 'lapsed' });
    expect((await meymac.get('/api/transfer-offers?box=received&status=offered')).body.items).toEqual([]);
    const alerts = (await meymac.get('/api/alerts')).body.items;
    const aboutOffer = (a: { entity: string; entityId: string }) =>
      a.entity === 'transfer_offer' && a.entityId === String(id);
    expect(alerts.filter(aboutOffer)).toMatchObject([
      { kind: 'transfers.offerLapsed', params: { quantity: 8, available: 5 } },
    ]);
    const res = await meymac.post(`/api/transfer-offers/${id}/accept`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'transfers.offer_no_longer_available',
      details: [{ requested: 8, available: 5 }],
    });
    expect((await lot()).reserved).toBe(0);
  });

  it('When units leave a lot offered twice, Then the older offer that still fits stays open and the newer one lapses', async () => {
    const first = await offered(8);
    const second = (await offer(6, felletin, 'bugeat')).body.id as number;
    // 20 − 7 = 13 left: the 8 of the first offer fit, the 6 of the second no longer do.
    const adjust = await felletin.post('/api/stock/adjustments').send({ lotId, delta: -7, reason: 'Inventaire' });
    expect(adjust.status, JSON.stringify(adjust.body)).toBe(201);
    expect((await felletin.get(`/api/transfer-offers/${first}`)).body.status).toBe('offered');
    expect((await bugeat.get(`/api/transfer-offers/${second}`)).body.status).toBe('lapsed');
    expect((await meymac.post(`/api/transfer-offers/${first}/accept`)).status).toBe(200);
  });

  it('When a stock snapshot import leaves the lot fewer units than offered, Then the offer lapses with the import', async () => {
    const id = await offered(8);
    const res = await felletin
      .post('/api/stock/imports?apply=true')
      .set('Content-Type', 'text/csv')
      .send(`CIP13;Lot;Péremption;Quantité\n${P};OFFERLOT;2027-01-31;5\n`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await meymac.get(`/api/transfer-offers/${id}`)).body.status).toBe('lapsed');
  });

  it('When a lot was lowered without the lapse (an older database), Then accepting lapses the offer and answers 409 with the units left', async () => {
    const id = await offered(8);
    t.db.$client.prepare('UPDATE stock_lots SET quantity = 3 WHERE id = ?').run(lotId);
    const res = await meymac.post(`/api/transfer-offers/${id}/accept`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'transfers.offer_no_longer_available',
      details: [{ requested: 8, available: 3 }],
    });
    expect((await felletin.get(`/api/transfer-offers/${id}`)).body.status).toBe('lapsed');
  });

  it('When two offers of one lot would promise more than it has, Then the second is refused with 409', async () => {
    await offered(15);
    const res = await offer(6, felletin, 'bugeat');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'stock.insufficient_quantity', details: [{ available: 5 }] });
  });
});

describe('what each side reads after an offer', () => {
  const nameOf = (email: string) =>
    (t.db.$client.prepare('SELECT display_name AS n FROM users WHERE email = ?').get(email) as { n: string }).n;

  it('When Meymac accepts Felletin’s offer, Then the transfer says Felletin offered (offer n°, when, who) and Meymac accepted (when, who)', async () => {
    const id = await offered(8);
    const offeredAt = (await felletin.get(`/api/transfer-offers/${id}`)).body.offeredAt as string;
    t.clock.advance(3600 * 1000);
    const transferId = (await meymac.post(`/api/transfer-offers/${id}/accept`)).body.id as number;
    for (const agent of [felletin, meymac]) {
      const transfer = (await agent.get(`/api/transfers/${transferId}`)).body;
      expect(transfer.offer).toEqual({
        id,
        offeredAt,
        offeredByName: nameOf('preparateur.felletin@officoop.test'),
        acceptedAt: transfer.requestedAt,
        acceptedByName: nameOf('pharmacien.meymac@officoop.test'),
      });
      expect(transfer.offer.acceptedAt > offeredAt).toBe(true);
    }
    // A plain request carries no offer.
    const plain = await meymac.post('/api/transfers').send({
      cip13: P,
      fromPharmacyId: pharmacyId(t.db, 'felletin'),
      quantity: 2,
      reason: 'Patient en attente',
      urgency: 'normal',
    });
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body.offer).toBeNull();
  });

  it('When Meymac declines with a reason, Then Felletin’s sent offers show it declined with that reason', async () => {
    const id = await offered(8);
    await meymac.post(`/api/transfer-offers/${id}/decline`).send({ reason: 'Nous en avons assez' });
    const sent = (await felletin.get('/api/transfer-offers?box=sent')).body.items;
    expect(sent.find((o: { id: number }) => o.id === id)).toMatchObject({
      status: 'declined',
      declineReason: 'Nous en avons assez',
    });
  });

  it('When Meymac accepts, Then Felletin’s alert names the transfer to ship (its link goes to the transfer page)', async () => {
    const id = await offered(8);
    const transferId = (await meymac.post(`/api/transfer-offers/${id}/accept`)).body.id as number;
    const alerts = (await felletin.get('/api/alerts')).body.items;
    expect(
      alerts.filter(
        (a: { kind: string; entityId: string }) => a.kind === 'transfers.offerAccepted' && a.entityId === String(id),
      ),
    ).toMatchObject([{ params: { transferId } }]);
  });
});

describe('the other exits of an offer', () => {
  it('When Meymac declines, Then the offer is declined with its reason, nothing moves, and it cannot be accepted after', async () => {
    const id = await offered(8);
    const res = await meymac.post(`/api/transfer-offers/${id}/decline`).send({ reason: 'Nous en avons assez' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'declined', declineReason: 'Nous en avons assez', transferId: null });
    expect((await meymac.post(`/api/transfer-offers/${id}/accept`)).status).toBe(409);
    expect((await lot()).reserved).toBe(0);
    expect((await felletin.get('/api/transfer-offers?box=sent')).body.items[0]).toMatchObject({
      id,
      status: 'declined',
    });
  });

  it('When Felletin withdraws its offer, Then it is cancelled and Meymac can no longer accept it', async () => {
    const id = await offered(8);
    const res = await felletin.post(`/api/transfer-offers/${id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    const late = await meymac.post(`/api/transfer-offers/${id}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('transfers.invalid_state');
  });

  it('When nobody answers by its last day, Then the offer reads expired and accept, decline and cancel answer 409 transfers.offer_expired', async () => {
    const id = await offered(8);
    t.clock.advance(7 * DAY); // 2026-11-30: the last day, still open
    expect((await meymac.get(`/api/transfer-offers/${id}`)).body.status).toBe('offered');
    t.clock.advance(DAY);
    expect((await meymac.get(`/api/transfer-offers/${id}`)).body.status).toBe('expired');
    expect(
      (await meymac.get('/api/transfer-offers?status=expired')).body.items.map((o: { id: number }) => o.id),
    ).toContain(id);
    for (const [agent, step] of [
      [meymac, 'accept'],
      [meymac, 'decline'],
      [felletin, 'cancel'],
    ] as const) {
      const res = await agent.post(`/api/transfer-offers/${id}/${step}`).send({});
      expect(res.status, step).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'transfers.offer_expired', details: [{ lastDay: '2026-11-30' }] });
    }
    expect((await lot()).reserved).toBe(0);
  });

  it('When the lot expires before the offer would, Then the offer closes the day before the lot expires', async () => {
    const soon = await felletin
      .post('/api/stock/receipts')
      .send({ cip13: P, lotNumber: 'SOON', expiryDate: '2026-11-25', quantity: 4, unitCostCents: 125 });
    expect(soon.status).toBe(201);
    const res = await felletin.post('/api/transfer-offers').send({
      lotId: soon.body.movements[0].lotId,
      toPharmacyId: pharmacyId(t.db, 'meymac'),
      quantity: 4,
      note: 'Lot court',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.lastDay).toBe('2026-11-24');
  });
});

describe('who may do what with an offer', () => {
  it('When a third pharmacy reads or answers an offer, Then 404, and its lists do not show it', async () => {
    const id = await offered(8);
    expect((await bugeat.get(`/api/transfer-offers/${id}`)).status).toBe(404);
    for (const step of ['accept', 'decline', 'cancel']) {
      const res = await bugeat.post(`/api/transfer-offers/${id}/${step}`).send({});
      expect(res.status, step).toBe(404);
      expect(res.body.error.code).toBe('transfers.offer_not_found');
    }
    expect((await bugeat.get('/api/transfer-offers')).body.items.map((o: { id: number }) => o.id)).not.toContain(id);
  });

  it('When the holder accepts or declines its own offer, or the recipient cancels it, Then 403 transfers.not_your_step', async () => {
    const id = await offered(8);
    for (const [agent, step] of [
      [felletin, 'accept'],
      [felletin, 'decline'],
      [meymac, 'cancel'],
    ] as const) {
      const res = await agent.post(`/api/transfer-offers/${id}/${step}`).send({});
      expect(res.status, step).toBe(403);
      expect(res.body.error.code).toBe('transfers.not_your_step');
    }
  });

  it('When a pharmacy offers a lot that is not its own, or to itself, Then 404 or 422 and nothing is written', async () => {
    const notMine = await offer(2, bugeat, 'meymac');
    expect(notMine.status).toBe(404);
    expect(notMine.body.error.code).toBe('stock.lot_not_found');
    const toSelf = await offer(2, felletin, 'felletin');
    expect(toSelf.status).toBe(422);
    expect(toSelf.body.error.code).toBe('transfers.to_self');
    const items = (await felletin.get('/api/transfer-offers')).body.items as { cip13: string }[];
    expect(items.filter((o) => o.cip13 === P)).toEqual([]);
  });

  it('When an offer body is malformed, Then 400 with unknown keys refused', async () => {
    const res = await felletin
      .post('/api/transfer-offers')
      .send({ lotId, toPharmacyId: pharmacyId(t.db, 'meymac'), quantity: 2, note: 'ok ok', extra: 1 });
    expect(res.status).toBe(400);
    const treasurer = await t.agentAs('tresorier@officoop.test');
    expect((await treasurer.get('/api/transfer-offers')).status).toBe(403);
  });
});
