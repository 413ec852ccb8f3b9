import { describe, expect, it } from 'vitest';
import { auditLog, pharmacies as pharmaciesTable } from '../../db/schema';
import { createTestApp } from '../helpers/test-app';

type Pharmacy = {
  id: number;
  slug: string;
  name: string;
  town: string;
  address: string | null;
  postalCode: string | null;
  phone: string | null;
  finess: string | null;
  pharmacistInCharge: string | null;
};

async function setup() {
  const t = await createTestApp();
  const admin = await t.agentAs('admin@officoop.test');
  const list = (await admin.get('/api/pharmacies')).body.items as Pharmacy[];
  const pharmacy = (slug: string) => list.find((p) => p.slug === slug)!;
  return { ...t, admin, pharmacy };
}

describe('pharmacies: contact details', () => {
  it('When a pharmacist lists pharmacies, Then each carries address, phone, FINESS and pharmacist in charge', async () => {
    const { agentAs } = await createTestApp();
    const res = await (await agentAs('preparateur.meymac@officoop.test')).get('/api/pharmacies');
    expect(res.status).toBe(200);
    const felletin = (res.body.items as Pharmacy[]).find((p) => p.slug === 'felletin');
    expect(felletin).toMatchObject({
      address: '8 Grande Rue',
      postalCode: '23500',
      phone: '05 55 00 44 04',
      finess: '230991044',
      pharmacistInCharge: 'Julien Mazeau',
    });
  });

  it('When the admin edits the contact details, Then they are saved normalised and the change is audited', async () => {
    const { admin, db, pharmacy } = await setup();
    const bugeat = pharmacy('bugeat');
    const res = await admin.patch(`/api/pharmacies/${bugeat.id}`).send({
      name: bugeat.name,
      town: bugeat.town,
      address: '  5 rue des Écoles ',
      postalCode: '19 170',
      phone: '+33 (0)5 55 00 99 98',
      finess: '19 099 101 8',
      pharmacistInCharge: 'Marie Dupuy',
    });
    expect(res.status).toBe(200);
    expect(res.body.pharmacy).toMatchObject({
      address: '5 rue des Écoles',
      postalCode: '19170',
      phone: '05 55 00 99 98',
      finess: '190991018',
      pharmacistInCharge: 'Marie Dupuy',
    });
    const audit = db
      .select()
      .from(auditLog)
      .all()
      .filter((a) => a.action === 'pharmacies.update');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toEqual({
      before: { address: '2 place du Champ de Foire', phone: '05 55 00 11 01', pharmacistInCharge: 'Hélène Lavergne' },
      after: { address: '5 rue des Écoles', phone: '05 55 00 99 98', pharmacistInCharge: 'Marie Dupuy' },
    });
  });

  it('When a contact field is absent, Then it is unchanged; blank clears it', async () => {
    const { admin, pharmacy } = await setup();
    const meymac = pharmacy('meymac');
    const kept = await admin.patch(`/api/pharmacies/${meymac.id}`).send({ name: 'Pharmacie du Mont', town: 'Meymac' });
    expect(kept.body.pharmacy).toMatchObject({ name: 'Pharmacie du Mont', phone: '05 55 00 22 02' });
    const cleared = await admin
      .patch(`/api/pharmacies/${meymac.id}`)
      .send({ name: 'Pharmacie du Mont', town: 'Meymac', phone: '', pharmacistInCharge: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.pharmacy).toMatchObject({ phone: null, pharmacistInCharge: null, finess: '190991026' });
  });

  it('When the phone, FINESS or postal code is not valid, Then 400 names the field and nothing is written', async () => {
    const { admin, db, pharmacy } = await setup();
    const id = pharmacy('royere').id;
    const before = db.select().from(pharmaciesTable).all();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ phone: '05 55 00 11' }, 'phone', 'validation.phone'],
      [{ phone: '+44 20 7946 0000' }, 'phone', 'validation.phone'],
      [{ phone: '00 55 00 11 01' }, 'phone', 'validation.phone'],
      [{ finess: '23099105' }, 'finess', 'validation.finess'],
      [{ finess: '230991052' }, 'finess', 'validation.finessKey'],
      [{ finess: '2X0991051' }, 'finess', 'validation.finess'],
      [{ postalCode: '2346' }, 'postalCode', 'validation.postalCode'],
    ];
    for (const [extra, path, message] of cases) {
      const res = await admin.patch(`/api/pharmacies/${id}`).send({ name: 'P', town: 'R', ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.error.code).toBe('validation.invalid_input');
      expect(JSON.stringify(res.body.error.details), JSON.stringify(extra)).toContain(path);
      expect(JSON.stringify(res.body.error.details), JSON.stringify(extra)).toContain(message);
    }
    expect(db.select().from(pharmaciesTable).all()).toEqual(before);
  });

  it('When the name is another pharmacy’s (letter case aside), Then 409 pharmacies.name_taken and nothing is written; its own name again is fine', async () => {
    const { admin, db, pharmacy } = await setup();
    const royere = pharmacy('royere');
    const before = db.select().from(pharmaciesTable).all();
    const res = await admin
      .patch(`/api/pharmacies/${royere.id}`)
      .send({ name: pharmacy('felletin').name.toUpperCase(), town: royere.town });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('pharmacies.name_taken');
    expect(db.select().from(pharmaciesTable).all()).toEqual(before);
    const same = await admin.patch(`/api/pharmacies/${royere.id}`).send({ name: royere.name, town: royere.town });
    expect(same.status).toBe(200);
  });

  it('When the FINESS number is another pharmacy’s, Then 409 pharmacies.finess_taken and nothing is written', async () => {
    const { admin, db, pharmacy } = await setup();
    const royere = pharmacy('royere');
    const res = await admin
      .patch(`/api/pharmacies/${royere.id}`)
      .send({ name: royere.name, town: royere.town, finess: pharmacy('felletin').finess, phone: '05 55 00 12 12' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('pharmacies.finess_taken');
    expect(
      db
        .select()
        .from(auditLog)
        .all()
        .filter((a) => a.action === 'pharmacies.update'),
    ).toHaveLength(0);
    const now = (await admin.get('/api/pharmacies')).body.items.find((p: Pharmacy) => p.slug === 'royere');
    expect(now).toMatchObject({ finess: '230991051', phone: '05 55 00 55 05' });
    // Its own number again is fine.
    const same = await admin
      .patch(`/api/pharmacies/${royere.id}`)
      .send({ name: royere.name, town: royere.town, finess: '230991051' });
    expect(same.status).toBe(200);
  });

  it('When a pharmacist or the treasurer edits contact details, Then 403 and nothing changes', async () => {
    const { agentAs, pharmacy } = await setup();
    const bugeat = pharmacy('bugeat');
    for (const email of ['pharmacien.bugeat@officoop.test', 'tresorier@officoop.test']) {
      const res = await (await agentAs(email))
        .patch(`/api/pharmacies/${bugeat.id}`)
        .send({ name: bugeat.name, town: bugeat.town, phone: '05 55 00 00 00' });
      expect(res.status, email).toBe(403);
    }
  });
});
