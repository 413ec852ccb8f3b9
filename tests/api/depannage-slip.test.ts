import { beforeAll, describe, expect, it } from 'vitest';
import { binary, pdfText } from '../helpers/shares';
import { pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
let bugeat: Agent;
let meymac: Agent;
let P: string;
let accepted: number;
let requested: number;

const slip = (agent: Agent, id: number) => agent.get(`/api/transfers/${id}/slip.pdf`).buffer(true).parse(binary);
const text = (body: unknown) => pdfText(body as Buffer).replace(/[ \t]+/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
  meymac = await t.agentAs('preparateur.meymac@officoop.test');
  [P] = unheldProducts(t.db, 1) as [string];
  await bugeat
    .post('/api/stock/receipts')
    .send({ cip13: P, lotNumber: 'EARLY', expiryDate: '2027-02-28', quantity: 6, unitCostCents: 210 });
  await bugeat.post('/api/stock/receipts').send({
    cip13: P,
    lotNumber: 'LATE',
    expiryDate: '2027-10-31',
    quantity: 20,
    unitCostCents: 4,
    unitCostMillicents: 4300,
  });
  const ask = async (quantity: number) =>
    (
      await meymac.post('/api/transfers').send({
        fromPharmacyId: pharmacyId(t.db, 'bugeat'),
        cip13: P,
        quantity,
        reason: 'Pour Mme Durand, sortie d’hôpital',
      })
    ).body.id as number;
  accepted = await ask(10);
  expect((await bugeat.post(`/api/transfers/${accepted}/accept`).send({})).status).toBe(200);
  requested = await ask(2);
});

describe('the dépannage slip (bon de dépannage)', () => {
  it('When the sender prints an accepted transfer, Then the PDF names both pharmacies, the product, lots and values', async () => {
    const res = await slip(bugeat, accepted);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`bon-depannage-${accepted}.pdf`);
    const s = text(res.body);
    expect(s).toContain(`Bon de dépannage n° ${accepted}`);
    // Both pharmacies with address, phone, FINESS and pharmacist in charge.
    for (const part of [
      'Pharmacie de Bugeat',
      '2 place du Champ de Foire, 19170 Bugeat',
      '05 55 00 11 01',
      '19 099 101 8',
      'Hélène Lavergne',
      'Pharmacie de Meymac',
      '14 avenue Limousine, 19250 Meymac',
      '05 55 00 22 02',
      '19 099 102 6',
      'Thomas Peyrat',
    ]) {
      expect(s).toContain(part);
    }
    expect(s).toContain(`CIP13 : ${P}`);
    // FEFO: the 6 units of EARLY, then 4 of LATE at 0,043 € as bought; total rounded once.
    expect(s).toMatch(/EARLY 28\/02\/2027 6 2,10 € 12,60 €/);
    expect(s).toMatch(/LATE 31\/10\/2027 4 0,043 € 0,17 €/);
    expect(s).toMatch(/Total 10 12,77 €/);
    expect(s).toContain('Expédié par');
    expect(s).toContain('Reçu par');
    // The reason may name a patient: it does not travel with the parcel.
    expect(s).not.toContain('Durand');
  });

  it('When the receiver prints it before receipt, Then the lots are there but not the sender’s costs; after receipt, the values', async () => {
    const before = text((await slip(meymac, accepted)).body);
    expect(before).toMatch(/EARLY 28\/02\/2027 6 — —/);
    const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short' }).format(
      t.clock.now(),
    );
    expect(before).toContain(`accepté le ${day}. À expédier : à glisser dans le colis.`);
    expect(before).not.toMatch(/Date : \d/);
    expect(before).not.toContain('12,77');
    expect((await bugeat.post(`/api/transfers/${accepted}/ship`)).status).toBe(200);
    expect((await meymac.post(`/api/transfers/${accepted}/receive`).send({})).status).toBe(200);
    const after = text((await slip(meymac, accepted)).body);
    expect(after).toMatch(/EARLY 28\/02\/2027 6 6 2,10 € 12,60 €/);
    expect(after).toMatch(/Total 10 10 12,77 €/);
    // The header says which step happened when, and each signature box prints its date.
    expect(after).toContain(`accepté le ${day}, expédié le ${day}, reçu le ${day}.`);
    expect(after.match(new RegExp(`Date : ${day.replace(/\//g, '\\/')} à \\d{2}:\\d{2}`, 'g'))).toHaveLength(2);
    expect(after).not.toContain('non reçue');
  });

  it('When fewer units arrive than were shipped, Then the slip shows both counts, bills what arrived as the settlement does, and keeps the receiver’s note', async () => {
    const short = (
      await meymac.post('/api/transfers').send({
        fromPharmacyId: pharmacyId(t.db, 'bugeat'),
        cip13: P,
        quantity: 5,
        reason: 'Rupture chez le grossiste',
      })
    ).body.id as number;
    expect((await bugeat.post(`/api/transfers/${short}/accept`).send({})).status).toBe(200);
    expect((await bugeat.post(`/api/transfers/${short}/ship`)).status).toBe(200);
    const line = (await meymac.get(`/api/transfers/${short}`)).body.lines[0] as { id: number };
    const receipt = await meymac
      .post(`/api/transfers/${short}/receive`)
      .send({ lines: [{ lineId: line.id, quantityReceived: 3 }], note: '2 gélules abîmées' });
    expect(receipt.status).toBe(200);
    // 3 × 0,043 € = 0,129 €: 0,13 €, the value the transfer bills (5 shipped would be 0,22 €).
    const transfer = (await meymac.get(`/api/transfers/${short}`)).body as { valueCents: number };
    expect(transfer.valueCents).toBe(13);
    for (const agent of [meymac, bugeat]) {
      const s = text((await slip(agent, short)).body);
      expect(s).toMatch(/LATE 31\/10\/2027 5 3 0,043 € 0,13 €/);
      expect(s).toMatch(/Total 5 3 0,13 €/);
      expect(s).not.toContain('0,22 €');
      expect(s).toContain('2 unités expédiées non reçues.');
      expect(s).toContain('Réserve à la réception : 2 gélules abîmées');
    }
  });

  it('When another pharmacy or the treasurer asks for the slip, Then 404 (another pharmacy, unknown id) or 403 (no pharmacy)', async () => {
    const felletin = await t.agentAs('pharmacien.felletin@officoop.test');
    const res = await felletin.get(`/api/transfers/${accepted}/slip.pdf`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('transfers.not_found');
    expect((await (await t.agentAs('tresorier@officoop.test')).get(`/api/transfers/${accepted}/slip.pdf`)).status).toBe(
      403,
    );
    expect((await bugeat.get('/api/transfers/999999/slip.pdf')).status).toBe(404);
  });

  it('When the transfer is only requested, Then 409 transfers.slip_not_ready', async () => {
    const res = await bugeat.get(`/api/transfers/${requested}/slip.pdf`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('transfers.slip_not_ready');
  });
});
