import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parisDate } from '../../server/shared/dates';
import { lotsOutOfBalance } from '../../server/stock/stock.repository';
import { pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp, TEST_NOW } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let meymac: Agent;
let felletin: Agent;

const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  // Sessions last 30 days: the clock moves days ahead while agents stay logged in.
  t = await createTestApp({ config: { SESSION_TTL_HOURS: 24 * 30 } });
  meymac = await t.agentAs('pharmacien.meymac@officoop.test');
  felletin = await t.agentAs('preparateur.felletin@officoop.test');
});

beforeEach(() => t.clock.set(TEST_NOW));

/** Units of a product a pharmacy holds, over all its lots. */
const unitsHeld = (slug: string, cip13: string) =>
  (
    t.db.$client
      .prepare('SELECT coalesce(sum(quantity), 0) AS n FROM stock_lots WHERE pharmacy_id = ? AND cip13 = ?')
      .get(pharmacyId(t.db, slug), cip13) as { n: number }
  ).n;

/** How many lots of one lot number a pharmacy has on record, whatever their expiry and quantity. */
const lotsOfNumber = (slug: string, cip13: string, lotNumber: string) =>
  (
    t.db.$client
      .prepare('SELECT count(*) AS n FROM stock_lots WHERE pharmacy_id = ? AND cip13 = ? AND lot_number = ?')
      .get(pharmacyId(t.db, slug), cip13, lotNumber) as { n: number }
  ).n;

async function receipt(agent: Agent, cip13: string, lotNumber: string, expiryDate: string, quantity: number) {
  const res = await agent
    .post('/api/stock/receipts')
    .send({ cip13, lotNumber, expiryDate, quantity, unitCostCents: 150 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** Meymac asks Felletin for `quantity` units of `cip13`. */
async function request(cip13: string, quantity: number) {
  const res = await meymac
    .post('/api/transfers')
    .send({ fromPharmacyId: pharmacyId(t.db, 'felletin'), cip13, quantity, reason: 'Patient de Mme Roux' });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

describe('a lot number the receiver already holds with another expiry', () => {
  it('When Felletin ships SAMELOT to Meymac, which holds SAMELOT with another expiry, Then Meymac receives it as its own lot and is billed', async () => {
    const [P] = unheldProducts(t.db, 1) as [string];
    await receipt(felletin, P, 'SAMELOT', '2028-01-31', 10);
    await receipt(meymac, P, 'SAMELOT', '2027-06-30', 3);
    const id = await request(P, 4);
    expect((await felletin.post(`/api/transfers/${id}/accept`).send({})).status).toBe(200);
    expect((await felletin.post(`/api/transfers/${id}/ship`)).status).toBe(200);
    const res = await meymac.post(`/api/transfers/${id}/receive`).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'received', valueCents: 4 * 150 });
    const lots = (await meymac.get(`/api/stock/lots?cip13=${P}`)).body.items;
    expect(
      lots.map((l: { lotNumber: string; expiryDate: string; quantity: number }) => [
        l.lotNumber,
        l.expiryDate,
        l.quantity,
      ]),
    ).toEqual([
      ['SAMELOT', '2027-06-30', 3],
      ['SAMELOT', '2028-01-31', 4],
    ]);
    expect(unitsHeld('felletin', P)).toBe(6);
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });
});

describe('lots the sender chooses', () => {
  it('When Felletin chooses its later lot, Then that lot is reserved and sent; a lot not its own, too short-dated or short is refused and nothing moves', async () => {
    const [P, Q] = unheldProducts(t.db, 2) as [string, string];
    const today = TEST_NOW.slice(0, 10);
    await receipt(felletin, P, 'SOON', '2026-11-26', 30);
    await receipt(felletin, P, 'LATER', '2027-09-30', 30);
    await receipt(felletin, P, 'TODAY', today, 30);
    await receipt(felletin, Q, 'OTHER', '2027-09-30', 30);
    await receipt(meymac, P, 'MINE', '2027-09-30', 30);
    const lotId = async (agent: Agent, cip13: string, lotNumber: string) =>
      ((await agent.get(`/api/stock/lots?cip13=${cip13}`)).body.items as { id: number; lotNumber: string }[]).find(
        (l) => l.lotNumber === lotNumber,
      )?.id as number;
    const [soon, later, todays, other, mine] = [
      await lotId(felletin, P, 'SOON'),
      await lotId(felletin, P, 'LATER'),
      await lotId(felletin, P, 'TODAY'),
      await lotId(felletin, Q, 'OTHER'),
      await lotId(meymac, P, 'MINE'),
    ];
    const id = await request(P, 20);
    const accept = (body: object) => felletin.post(`/api/transfers/${id}/accept`).send(body);
    const refusals: [object, number, string][] = [
      [{ lots: [{ lotId: mine, quantity: 20 }] }, 422, 'transfers.lot_not_sendable'],
      [{ lots: [{ lotId: other, quantity: 20 }] }, 422, 'transfers.lot_not_sendable'],
      [{ lots: [{ lotId: todays, quantity: 20 }] }, 422, 'transfers.lot_not_sendable'],
      [{ quantity: 20, lots: [{ lotId: later, quantity: 15 }] }, 422, 'transfers.lots_quantity_mismatch'],
      [{ lots: [{ lotId: later, quantity: 31 }] }, 422, 'transfers.exceeds_requested'],
      [
        {
          lots: [
            { lotId: later, quantity: 20 },
            { lotId: later, quantity: 1 },
          ],
        },
        400,
        'validation.invalid_input',
      ],
    ];
    for (const [body, status, code] of refusals) {
      const res = await accept(body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect((await meymac.get(`/api/transfers/${id}`)).body.status).toBe('requested');

    const accepted = await accept({
      lots: [
        { lotId: later, quantity: 18 },
        { lotId: soon, quantity: 2 },
      ],
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.quantityAccepted).toBe(20);
    expect(
      accepted.body.lines.map((l: { lotNumber: string; quantity: number }) => [l.lotNumber, l.quantity]).sort(),
    ).toEqual([
      ['LATER', 18],
      ['SOON', 2],
    ]);
    const lots = (await felletin.get(`/api/stock/lots?cip13=${P}`)).body.items as { id: number; reserved: number }[];
    expect(lots.find((l) => l.id === later)?.reserved).toBe(18);
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });
});

describe('expiry at every step that moves stock', () => {
  it('When a lot accepted on its expiry day is shipped the next day, Then another lot is picked FEFO, or shipping is refused', async () => {
    const [P] = unheldProducts(t.db, 1) as [string];
    const today = TEST_NOW.slice(0, 10);
    await receipt(felletin, P, 'TODAY', today, 5);
    await receipt(felletin, P, 'LATER', '2027-09-30', 2);
    const id = await request(P, 2);
    const accepted = await felletin.post(`/api/transfers/${id}/accept`).send({});
    expect(accepted.status).toBe(200);
    // A lot expiring today would be expired when it arrives: it is not sent.
    expect(accepted.body.lines.map((l: { lotNumber: string }) => l.lotNumber)).toEqual(['LATER']);
  });

  it('When the reserved lot expires before shipping, Then ship picks another lot FEFO, or refuses with 409 transfers.lot_expired', async () => {
    const [P] = unheldProducts(t.db, 1) as [string];
    await receipt(felletin, P, 'SOON', '2026-11-25', 6);
    await receipt(felletin, P, 'LATER', '2027-09-30', 3);
    const ok = await request(P, 3);
    expect(
      (await felletin.post(`/api/transfers/${ok}/accept`).send({})).body.lines.map(
        (l: { lotNumber: string }) => l.lotNumber,
      ),
    ).toEqual(['SOON']);
    const blocked = await request(P, 3);
    expect((await felletin.post(`/api/transfers/${blocked}/accept`).send({})).status).toBe(200);
    t.clock.advance(2 * DAY); // 2026-11-25: SOON would be expired on arrival
    const shipped = await felletin.post(`/api/transfers/${ok}/ship`);
    expect(shipped.status).toBe(200);
    expect(shipped.body.lines.map((l: { lotNumber: string; quantity: number }) => [l.lotNumber, l.quantity])).toEqual([
      ['LATER', 3],
    ]);
    const before = unitsHeld('felletin', P);
    const refused = await felletin.post(`/api/transfers/${blocked}/ship`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('transfers.lot_expired');
    expect(unitsHeld('felletin', P)).toBe(before);
    expect((await meymac.post(`/api/transfers/${blocked}/cancel`)).body.status).toBe('cancelled');
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });

  it('When a lot expires in transit, Then it is booked in for destruction and not billed', async () => {
    const [P] = unheldProducts(t.db, 1) as [string];
    await receipt(felletin, P, 'SOON', '2026-11-24', 3);
    const id = await request(P, 3);
    await felletin.post(`/api/transfers/${id}/accept`).send({});
    expect((await felletin.post(`/api/transfers/${id}/ship`)).status).toBe(200);
    t.clock.advance(3 * DAY);
    const res = await meymac.post(`/api/transfers/${id}/receive`).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'received', valueCents: 0 });
    expect(res.body.lines[0]).toMatchObject({ quantityReceived: 3, expiredOnArrival: true });
    expect(unitsHeld('meymac', P)).toBe(3);
    const dispense = await meymac.post('/api/stock/dispenses').send({ cip13: P, quantity: 1 });
    expect(dispense.status).toBe(409);
  });
});

type Cmd =
  | { kind: 'accept'; quantity: number }
  | { kind: 'reject' }
  | { kind: 'ship' }
  | { kind: 'receive' }
  | { kind: 'cancel'; by: 'sender' | 'receiver' }
  | { kind: 'clash' }
  | { kind: 'days'; n: number };

const command: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ kind: fc.constant('accept' as const), quantity: fc.integer({ min: 1, max: 8 }) }),
  fc.constant({ kind: 'reject' as const }),
  fc.constant({ kind: 'ship' as const }),
  fc.constant({ kind: 'receive' as const }),
  fc.record({ kind: fc.constant('cancel' as const), by: fc.constantFrom('sender' as const, 'receiver' as const) }),
  fc.constant({ kind: 'clash' as const }),
  fc.record({ kind: fc.constant('days' as const), n: fc.integer({ min: 1, max: 4 }) }),
);

describe('the transfer state machine, walked at random', () => {
  it('Whatever steps are taken in whatever order, Then stock is conserved, value matches what was received, and every state has an exit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 8 }), async (cmds) => {
        t.clock.set(TEST_NOW);
        const [P] = unheldProducts(t.db, 1) as [string];
        // Felletin holds a lot expiring in three days (a clash with Meymac's lot number) and a later one.
        await receipt(felletin, P, 'SAMELOT', '2026-11-26', 4);
        await receipt(felletin, P, 'L2', '2027-03-31', 4);
        let meymacOwn = 0;
        const id = await request(P, 8);
        const step = (c: Cmd) => {
          switch (c.kind) {
            case 'accept':
              return felletin.post(`/api/transfers/${id}/accept`).send({ quantity: c.quantity });
            case 'reject':
              return felletin.post(`/api/transfers/${id}/reject`).send({ reason: 'Pas possible' });
            case 'ship':
              return felletin.post(`/api/transfers/${id}/ship`);
            case 'receive':
              return meymac.post(`/api/transfers/${id}/receive`).send({});
            case 'cancel':
              return (c.by === 'sender' ? felletin : meymac).post(`/api/transfers/${id}/cancel`);
            default:
              return null;
          }
        };
        for (const c of cmds) {
          if (c.kind === 'days') t.clock.advance(c.n * DAY);
          else if (c.kind === 'clash') {
            if (meymacOwn === 0) {
              const res = await meymac
                .post('/api/stock/receipts')
                .send({ cip13: P, lotNumber: 'SAMELOT', expiryDate: '2027-12-31', quantity: 2, unitCostCents: 150 });
              // Once Meymac holds SAMELOT from this transfer, a box typed with another expiry is
              // refused as a typing error (409), and nothing is written.
              const holdsSamelot = lotsOfNumber('meymac', P, 'SAMELOT') > 0;
              if (holdsSamelot && res.status === 409) expect(res.body.error.code).toBe('stock.lot_expiry_mismatch');
              else {
                expect(res.status, JSON.stringify(res.body)).toBe(201);
                meymacOwn = 2;
              }
            }
          } else {
            const res = await step(c)!;
            // A refused step answers a documented conflict, never a 500.
            expect([200, 403, 409]).toContain(res.status);
          }
          expect(lotsOutOfBalance(t.db)).toEqual([]);
        }
        // Every state left open has an exit.
        let transfer = (await meymac.get(`/api/transfers/${id}`)).body;
        if (transfer.status === 'requested' || transfer.status === 'accepted') {
          expect((await meymac.post(`/api/transfers/${id}/cancel`)).status).toBe(200);
        } else if (transfer.status === 'shipped') {
          expect((await meymac.post(`/api/transfers/${id}/receive`).send({})).status).toBe(200);
        }
        transfer = (await meymac.get(`/api/transfers/${id}`)).body;
        expect(['received', 'rejected', 'cancelled']).toContain(transfer.status);
        const sent = transfer.status === 'received' ? transfer.quantityAccepted : 0;
        // No unit lost: what left Felletin is at Meymac.
        expect(unitsHeld('felletin', P)).toBe(8 - sent);
        expect(unitsHeld('meymac', P)).toBe(meymacOwn + sent);
        // Money: the value is what arrived usable, at the sender's cost.
        if (transfer.status === 'received') {
          const billed = transfer.lines
            .filter((l: { expiredOnArrival: boolean }) => !l.expiredOnArrival)
            .reduce((s: number, l: { quantityReceived: number }) => s + l.quantityReceived, 0);
          expect(transfer.valueCents).toBe(billed * 150);
          expect(transfer.lines.reduce((s: number, l: { quantity: number }) => s + l.quantity, 0)).toBe(sent);
        } else {
          expect(transfer.valueCents).toBeNull();
        }
        expect(lotsOutOfBalance(t.db)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

type OfferCmd =
  | { kind: 'accept' }
  | { kind: 'decline' }
  | { kind: 'withdraw' }
  | { kind: 'dispense'; quantity: number }
  | { kind: 'ship' }
  | { kind: 'receive' }
  | { kind: 'cancel'; by: 'sender' | 'receiver' }
  | { kind: 'days'; n: number };

const offerCommand: fc.Arbitrary<OfferCmd> = fc.oneof(
  fc.constant({ kind: 'accept' as const }),
  fc.constant({ kind: 'decline' as const }),
  fc.constant({ kind: 'withdraw' as const }),
  fc.record({ kind: fc.constant('dispense' as const), quantity: fc.integer({ min: 1, max: 4 }) }),
  fc.constant({ kind: 'ship' as const }),
  fc.constant({ kind: 'receive' as const }),
  fc.record({ kind: fc.constant('cancel' as const), by: fc.constantFrom('sender' as const, 'receiver' as const) }),
  fc.record({ kind: fc.constant('days' as const), n: fc.integer({ min: 1, max: 4 }) }),
);

describe('an anti-waste offer, walked at random', () => {
  it('Whatever is answered in whatever order, Then stock is conserved, reserved units stay on hand, and every offer and transfer has an exit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(offerCommand, { maxLength: 8 }), async (cmds) => {
        t.clock.set(TEST_NOW);
        const [P] = unheldProducts(t.db, 1) as [string];
        // Felletin offers 5 of the 6 units of a lot expiring in four days (the offer closes the day before).
        const res = await felletin
          .post('/api/stock/receipts')
          .send({ cip13: P, lotNumber: 'OFFERED', expiryDate: '2026-11-27', quantity: 6, unitCostCents: 150 });
        expect(res.status).toBe(201);
        await receipt(felletin, P, 'L2', '2027-03-31', 4);
        const created = await felletin.post('/api/transfer-offers').send({
          lotId: res.body.movements[0].lotId,
          toPharmacyId: pharmacyId(t.db, 'meymac'),
          quantity: 5,
          note: 'Anti-gaspillage',
        });
        expect(created.status).toBe(201);
        const offerId = created.body.id as number;
        let transferId: number | null = null;
        let dispensed = 0;
        for (const c of cmds) {
          let r: { status: number; body: { id?: number; error?: unknown } } | null = null;
          if (c.kind === 'days') t.clock.advance(c.n * DAY);
          else if (c.kind === 'accept') {
            r = await meymac.post(`/api/transfer-offers/${offerId}/accept`);
            if (r.status === 200) transferId = r.body.id as number;
          } else if (c.kind === 'decline') r = await meymac.post(`/api/transfer-offers/${offerId}/decline`).send({});
          else if (c.kind === 'withdraw') r = await felletin.post(`/api/transfer-offers/${offerId}/cancel`);
          else if (c.kind === 'dispense') {
            r = await felletin.post('/api/stock/dispenses').send({ cip13: P, quantity: c.quantity });
            if (r.status === 201) dispensed += c.quantity;
          } else if (transferId !== null) {
            if (c.kind === 'ship') r = await felletin.post(`/api/transfers/${transferId}/ship`);
            else if (c.kind === 'receive') r = await meymac.post(`/api/transfers/${transferId}/receive`).send({});
            else r = await (c.by === 'sender' ? felletin : meymac).post(`/api/transfers/${transferId}/cancel`);
          }
          // A refused step answers a documented conflict, never a 500.
          if (r) expect([200, 201, 403, 409], JSON.stringify(r.body)).toContain(r.status);
          expect(lotsOutOfBalance(t.db)).toEqual([]);
          // Units an accepted transfer reserves are still on hand.
          const overReserved = t.db.$client
            .prepare(
              `SELECT l.id FROM stock_lots l JOIN transfer_lines tl ON tl.lot_id = l.id
               JOIN transfers tr ON tr.id = tl.transfer_id AND tr.status = 'accepted'
               GROUP BY l.id HAVING sum(tl.quantity) > max(l.quantity)`,
            )
            .all();
          expect(overReserved).toEqual([]);
          // This walk's offer, while still open, can be accepted: its lot covers it (else it
          // lapsed). Open: stored `offered` and its last day not past. Only this walk's offer: an
          // earlier walk's offer that expired stays stored `offered`, and each walk sets the
          // clock back to TEST_NOW, when that offer's last day is not past again.
          const uncovered = t.db.$client
            .prepare(
              `SELECT o.id FROM transfer_offers o JOIN stock_lots l ON l.id = o.lot_id
               WHERE o.id = ? AND o.status = 'offered' AND o.last_day >= ? AND o.quantity > l.quantity - coalesce((
                 SELECT sum(tl.quantity) FROM transfer_lines tl JOIN transfers tr ON tr.id = tl.transfer_id
                 WHERE tl.lot_id = l.id AND tr.status = 'accepted'), 0)`,
            )
            .all(offerId, parisDate(t.clock.now()));
          expect(uncovered).toEqual([]);
        }
        // Every offer ends answered, withdrawn, expired or lapsed; every transfer it became has an exit.
        const offer = (await felletin.get(`/api/transfer-offers/${offerId}`)).body;
        if (offer.status === 'offered') {
          expect((await felletin.post(`/api/transfer-offers/${offerId}/cancel`)).status).toBe(200);
        }
        expect(['offered', 'accepted', 'declined', 'cancelled', 'expired', 'lapsed']).toContain(offer.status);
        expect(offer.transferId).toBe(offer.status === 'accepted' ? transferId : null);
        let sent = 0;
        if (transferId !== null) {
          let transfer = (await meymac.get(`/api/transfers/${transferId}`)).body;
          if (transfer.status === 'accepted') {
            expect((await meymac.post(`/api/transfers/${transferId}/cancel`)).status).toBe(200);
          } else if (transfer.status === 'shipped') {
            expect((await meymac.post(`/api/transfers/${transferId}/receive`).send({})).status).toBe(200);
          }
          transfer = (await meymac.get(`/api/transfers/${transferId}`)).body;
          expect(['received', 'cancelled']).toContain(transfer.status);
          if (transfer.status === 'received') {
            sent = 5;
            const billed = transfer.lines
              .filter((l: { expiredOnArrival: boolean }) => !l.expiredOnArrival)
              .reduce((s: number, l: { quantityReceived: number }) => s + l.quantityReceived, 0);
            expect(transfer.valueCents).toBe(billed * 150);
          }
        }
        // No unit lost: what left Felletin (not dispensed) is at Meymac.
        expect(unitsHeld('felletin', P)).toBe(10 - dispensed - sent);
        expect(unitsHeld('meymac', P)).toBe(sent);
        expect(lotsOutOfBalance(t.db)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 180_000);
});
