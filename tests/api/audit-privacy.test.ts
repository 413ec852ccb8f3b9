import { beforeEach, describe, expect, it } from 'vitest';
import { careHomeId } from '../helpers/orders';
import { createTestApp } from '../helpers/test-app';

// SPEC §2: the admin reads the audit log but has no access to patient data. The orders domain
// records its inputs (a resident's name and birth date, a line's CIP13 and doses) in its audit rows;
// the log shows the admin only ids and counts for those entities (found by a tester).

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;

beforeEach(async () => {
  t = await createTestApp();
});

describe('the audit log the admin reads, for residents and their PDA lines', () => {
  it('When a resident is admitted, treated and hospitalised, Then the admin sees the actions and ids, no name, birth date, drug or dose', async () => {
    const pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    const resident = await pharmacist.post('/api/residents').send({
      careHomeId: careHomeId(t.db, 'ehpad-bugeat'),
      lastName: 'Confidentielle',
      firstName: 'Sidonie',
      birthDate: '1937-06-21',
      room: '118',
    });
    expect(resident.status).toBe(201);
    const line = await pharmacist.post(`/api/residents/${resident.body.id}/prescriptions`).send({
      cip13: '3400937164665',
      doses: { matin: 1.75 },
      schedule: { kind: 'daily' },
      startDate: '2026-11-01',
      prescriber: 'Dr Mystère',
      asNeeded: false,
    });
    expect(line.status).toBe(201);
    const away = await pharmacist
      .patch(`/api/residents/${resident.body.id}`)
      .send({ status: 'hospitalised', statusFrom: '2026-12-03', statusTo: '2026-12-05' });
    expect(away.status).toBe(200);

    const admin = await t.agentAs('admin@officoop.test');
    const entries = [];
    for (const entity of ['resident', 'prescription_line']) {
      const page = await admin.get(`/api/audit?entity=${entity}&pageSize=200`);
      expect(page.status).toBe(200);
      entries.push(...page.body.items);
    }
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['residents.create', 'prescriptions.create', 'residents.update']),
    );
    const text = JSON.stringify(entries);
    for (const secret of [
      'Confidentielle',
      'Sidonie',
      '1937-06-21',
      '3400937164665',
      '1.75',
      'Mystère',
      'hospitalised',
    ])
      expect(text).not.toContain(secret);
  });
});

describe('the audit log the admin reads, for dépannages', () => {
  it('When a dépannage is asked "pour Mme Confidentielle" and refused, Then the admin sees that a reason was given, not the text', async () => {
    const { pharmacyId, unheldProducts } = await import('../helpers/stock');
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const [P] = unheldProducts(t.db, 1) as [string];
    await bugeat
      .post('/api/stock/receipts')
      .send({ cip13: P, lotNumber: 'PRIV1', expiryDate: '2027-10-31', quantity: 10, unitCostCents: 100 });
    const asked = await meymac.post('/api/transfers').send({
      fromPharmacyId: pharmacyId(t.db, 'bugeat'),
      cip13: P,
      quantity: 2,
      reason: 'Pour Mme Confidentielle, chambre 12',
      urgency: 'urgent',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const refused = await bugeat.post(`/api/transfers/${asked.body.id}/reject`).send({ reason: 'Réservé à M. Secret' });
    expect(refused.status).toBe(200);

    const admin = await t.agentAs('admin@officoop.test');
    const log = await admin.get(`/api/audit?entity=transfer&entityId=${asked.body.id}`);
    expect(log.status).toBe(200);
    const text = JSON.stringify(log.body);
    expect(text).not.toContain('Confidentielle');
    expect(text).not.toContain('Secret');
    expect(log.body.items.map((i: { details: { reason?: string } }) => i.details?.reason)).toEqual(
      expect.arrayContaining(['(texte masqué)']),
    );
  });
});
