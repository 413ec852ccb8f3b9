import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { slugFor } from '../../server/care-homes/care-homes.models';
import { createTestApp } from '../helpers/test-app';

type CareHome = { id: number; slug: string; name: string; finess: string; pharmacyId: number };
type Pharmacy = { id: number; slug: string; name: string; town: string };

async function organisation() {
  const t = await createTestApp();
  const admin = await t.agentAs('admin@officoop.test');
  const pharmacies = (await admin.get('/api/pharmacies')).body.items as Pharmacy[];
  const careHomes = (await admin.get('/api/care-homes')).body.items as CareHome[];
  const pharmacy = (slug: string) => pharmacies.find((p) => p.slug === slug)!;
  const careHome = (slug: string) => careHomes.find((c) => c.slug === slug)!;
  return { ...t, admin, pharmacies, careHomes, pharmacy, careHome };
}

describe('admin: pharmacies', () => {
  it('When any logged-in user lists pharmacies, Then the five members are there', async () => {
    const { agentAs } = await createTestApp();
    for (const email of ['pharmacien.meymac@officoop.test', 'tresorier@officoop.test', 'ehpad.bugeat@officoop.test']) {
      const res = await (await agentAs(email)).get('/api/pharmacies');
      expect(res.status, email).toBe(200);
      expect(res.body.items.map((p: Pharmacy) => p.slug)).toEqual([
        'bugeat',
        'meymac',
        'peyrelevade',
        'felletin',
        'royere',
      ]);
    }
  });

  it('When the admin edits a pharmacy, Then it is saved and audited; a pharmacist cannot', async () => {
    const { admin, agentAs, db, pharmacy } = await organisation();
    const bugeat = pharmacy('bugeat');
    const res = await admin
      .patch(`/api/pharmacies/${bugeat.id}`)
      .send({ name: 'Pharmacie du Plateau', town: 'Bugeat' });
    expect(res.status).toBe(200);
    expect(res.body.pharmacy).toMatchObject({ id: bugeat.id, name: 'Pharmacie du Plateau', slug: 'bugeat' });
    expect(db.select().from(auditLog).all()).toContainEqual(
      expect.objectContaining({ action: 'pharmacies.update', entityId: String(bugeat.id) }),
    );
    const pharmacist = await agentAs('pharmacien.bugeat@officoop.test');
    expect((await pharmacist.patch(`/api/pharmacies/${bugeat.id}`).send({ name: 'X', town: 'Y' })).status).toBe(403);
  });

  it('When the body has unknown keys or blank names, Then it answers 400', async () => {
    const { admin, pharmacy } = await organisation();
    const id = pharmacy('meymac').id;
    expect((await admin.patch(`/api/pharmacies/${id}`).send({ name: 'A', town: 'B', slug: 'x' })).status).toBe(400);
    expect((await admin.patch(`/api/pharmacies/${id}`).send({ name: '  ', town: 'B' })).status).toBe(400);
    expect((await admin.patch('/api/pharmacies/999').send({ name: 'A', town: 'B' })).status).toBe(404);
  });
});

describe('admin: care homes', () => {
  it('When pharmacy staff list care homes, Then they see only those their pharmacy serves', async () => {
    const { agentAs } = await createTestApp();
    const slugs = async (email: string) =>
      ((await (await agentAs(email)).get('/api/care-homes')).body.items as CareHome[]).map((c) => c.slug);
    expect(await slugs('pharmacien.bugeat@officoop.test')).toEqual(['ehpad-bugeat']);
    expect(await slugs('preparateur.felletin@officoop.test')).toEqual(['ehpad-felletin']);
    expect(await slugs('pharmacien.royere@officoop.test')).toEqual([]);
    expect(await slugs('ehpad.meymac@officoop.test')).toEqual(['ehpad-meymac']);
  });

  it('When a user asks for another pharmacy care home, Then it answers 404, not 403', async () => {
    const { agentAs, careHome } = await organisation();
    const technician = await agentAs('preparateur.meymac@officoop.test');
    const bugeat = careHome('ehpad-bugeat');
    const res = await technician.get(`/api/care-homes/${bugeat.id}`);
    expect(res.status).toBe(404);
    expect((await technician.get(`/api/care-homes/${careHome('ehpad-meymac').id}`)).status).toBe(200);
    const otherHome = await agentAs('ehpad.felletin@officoop.test');
    expect((await otherHome.get(`/api/care-homes/${bugeat.id}`)).status).toBe(404);
  });

  it('When the treasurer asks for care homes, Then the role is refused', async () => {
    const { agentAs } = await createTestApp();
    const treasurer = await agentAs('tresorier@officoop.test');
    expect((await treasurer.get('/api/care-homes')).status).toBe(403);
  });

  it('When the admin creates a care home, Then it gets a unique slug, is audited and its pharmacy sees it', async () => {
    const { admin, agentAs, db, pharmacy } = await organisation();
    const peyrelevade = pharmacy('peyrelevade');
    const body = { name: 'EHPAD Les Genêts — Peyrelevade', finess: '190009993', pharmacyId: peyrelevade.id };
    const res = await admin.post('/api/care-homes').send(body);
    expect(res.status).toBe(201);
    expect(res.body.careHome).toMatchObject({ ...body, slug: 'ehpad-les-genets-peyrelevade', active: true });
    expect(db.select().from(auditLog).all()).toContainEqual(
      expect.objectContaining({ action: 'care_homes.create', entityId: String(res.body.careHome.id) }),
    );
    const staff = await agentAs('pharmacien.peyrelevade@officoop.test');
    expect((await staff.get('/api/care-homes')).body.items).toHaveLength(1);
    const twin = await admin.post('/api/care-homes').send({ ...body, finess: '190009985' });
    expect(twin.body.careHome.slug).toBe('ehpad-les-genets-peyrelevade-2');
  });

  it('When the FINESS is malformed or taken, Then creation answers 400 or 409', async () => {
    const { admin, careHome, pharmacy } = await organisation();
    const pharmacyId = pharmacy('bugeat').id;
    const bad = await admin.post('/api/care-homes').send({ name: 'X', finess: '12345', pharmacyId });
    expect(bad.status).toBe(400);
    // One digit off a real number: the Luhn key says so, as for a pharmacy's.
    const wrongKey = await admin.post('/api/care-homes').send({ name: 'X', finess: '190000868', pharmacyId });
    expect([wrongKey.status, wrongKey.body.error.details[0]?.message]).toEqual([400, 'validation.finessKey']);
    // Typed as the register prints it, it is stored in its 9 characters.
    const spaced = await admin.post('/api/care-homes').send({ name: 'Y', finess: '19 000 111 5', pharmacyId });
    expect([spaced.status, spaced.body.careHome?.finess]).toEqual([201, '190001115']);
    const taken = await admin
      .post('/api/care-homes')
      .send({ name: 'X', finess: careHome('ehpad-meymac').finess, pharmacyId });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('care_homes.finess_taken');
    const noPharmacy = await admin.post('/api/care-homes').send({ name: 'X', finess: '190002220', pharmacyId: 999 });
    expect(noPharmacy.status).toBe(422);
  });

  it('When the admin moves a care home to another pharmacy, Then the new pharmacy sees it and the old one not', async () => {
    const { admin, agentAs, careHome, pharmacy } = await organisation();
    const home = careHome('ehpad-bugeat');
    const res = await admin
      .patch(`/api/care-homes/${home.id}`)
      .send({ name: home.name, finess: home.finess, pharmacyId: pharmacy('royere').id });
    expect(res.status).toBe(200);
    const royere = await agentAs('pharmacien.royere@officoop.test');
    const bugeat = await agentAs('pharmacien.bugeat@officoop.test');
    expect((await royere.get(`/api/care-homes/${home.id}`)).status).toBe(200);
    expect((await bugeat.get(`/api/care-homes/${home.id}`)).status).toBe(404);
  });

  it('When a pharmacist tries to create or edit a care home, Then it is refused', async () => {
    const { agentAs, careHome, pharmacy } = await organisation();
    const pharmacist = await agentAs('pharmacien.bugeat@officoop.test');
    const home = careHome('ehpad-bugeat');
    const body = { name: 'Renamed', finess: home.finess, pharmacyId: pharmacy('bugeat').id };
    expect((await pharmacist.patch(`/api/care-homes/${home.id}`).send(body)).status).toBe(403);
    expect((await pharmacist.post('/api/care-homes').send({ ...body, finess: '190002220' })).status).toBe(403);
  });
});

describe('care-home slugs', () => {
  it('When a name has accents, dashes and a taken slug, Then the slug is ascii and numbered', () => {
    expect(slugFor('EHPAD Les Tilleuls — Felletin', [])).toBe('ehpad-les-tilleuls-felletin');
    expect(slugFor('Résidence Sainte-Élise', ['residence-sainte-elise'])).toBe('residence-sainte-elise-2');
    expect(slugFor('123 Résidence', [])).toBe('residence');
    expect(slugFor('***', [])).toBe('ehpad');
  });
});
