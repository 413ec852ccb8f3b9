import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app';

type Item = { cip13: string; cip7: string; cis: string; name: string | null; marketed: boolean; pdaExcluded: boolean };

describe('product catalogue API (demo catalogue)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let pharmacist: Awaited<ReturnType<typeof t.agentAs>>;
  let technician: Awaited<ReturnType<typeof t.agentAs>>;

  beforeAll(async () => {
    t = await createTestApp();
    pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    technician = await t.agentAs('preparateur.meymac@officoop.test');
  });

  const search = async (q: string, limit = 20) => {
    const res = await pharmacist.get('/api/products').query({ q, limit });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as Item[];
  };

  it('When searching "amlo 5", Then amlodipine 5 mg presentations come back and no 10 mg', async () => {
    const items = await search('amlo 5');
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) expect(item.name).toMatch(/^(AMLOR|AMLODIPINE BIOGARAN) 5 mg, gélule$/);
    expect(items.map((i) => i.cip13)).toContain('3400937977661');
  });

  it('When searching with or without accents and case, Then the results are the same', async () => {
    const plain = await search('levothyrox 75');
    expect(plain[0]?.name).toBe('LEVOTHYROX 75 microgrammes, comprimé sécable');
    expect(await search('LÉVOTHYROX 75')).toEqual(plain);
  });

  it('When searching a substance, Then specialities containing it are found by their composition', async () => {
    const names = (await search('warfarine')).map((i) => i.name);
    expect(names).toContain('COUMADINE 2 mg, comprimé sécable');
    const paracetamol = (await search('paracetamol', 50)).map((i) => i.name);
    expect(paracetamol).toEqual(
      expect.arrayContaining(['DOLIPRANE 1000 mg, comprimé', 'DAFALGAN 1000 mg, comprimé pelliculé']),
    );
  });

  it('When searching by CIP13, CIP7 or CIS, Then the presentation is found', async () => {
    expect((await search('3400937977661')).map((i) => i.cip13)).toEqual(['3400937977661']);
    expect((await search('3797766')).map((i) => i.cip13)).toEqual(['3400937977661']);
    const byCis = await search('65728601');
    expect(byCis.map((i) => i.cis)).toEqual(['65728601', '65728601']);
    expect((await search('34009 379 776 61')).map((i) => i.cip13)).toEqual(['3400937977661']);
  });

  it('When the query is shorter than 2 characters or has unknown keys, Then 400', async () => {
    const short = await pharmacist.get('/api/products').query({ q: 'a' });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('validation.invalid_input');
    expect((await pharmacist.get('/api/products').query({ q: '  a ' })).status).toBe(400);
    expect((await pharmacist.get('/api/products')).status).toBe(400);
    expect((await pharmacist.get('/api/products').query({ q: 'amlo', foo: 1 })).status).toBe(400);
    expect((await pharmacist.get('/api/products').query({ q: 'amlo', limit: 1000 })).status).toBe(400);
  });

  it('When short words may be dotted abbreviations, Then "lp" also finds "L.P." names', async () => {
    const names = (await search('skenan lp')).map((i) => i.name);
    expect(names).toContain('SKENAN L.P. 10 mg, microgranules à libération prolongée en gélule');
    expect((await search('co')).length).toBeGreaterThan(0);
    expect(await search('lp ui 3')).toEqual([]);
  });

  it('When a query has no word at all, Then the list is empty', async () => {
    expect(await search('--')).toEqual([]);
    expect(await search('zzzzqx')).toEqual([]);
  });

  it('When not logged in, Then 401; every logged-in role may read the catalogue', async () => {
    expect((await request(t.app).get('/api/products').query({ q: 'amlo' })).status).toBe(401);
    for (const email of ['ehpad.bugeat@officoop.test', 'tresorier@officoop.test', 'admin@officoop.test']) {
      const agent = await t.agentAs(email);
      expect((await agent.get('/api/products').query({ q: 'amlo' })).status, email).toBe(200);
    }
  });

  it('When a product is opened, Then it carries its speciality, substances and generic group', async () => {
    const res = await technician.get('/api/products/3400937977661');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cip13: '3400937977661',
      cip7: '3797766',
      label: 'plaquette(s) PVC PVDC aluminium de 30 gélule(s)',
      unitsPerBox: 30,
      marketed: true,
      pdaExcluded: false,
      pdaRule: null,
      speciality: { cis: '65728601', name: 'AMLODIPINE BIOGARAN 5 mg, gélule', form: 'gélule', routes: ['orale'] },
      genericGroups: [{ groupId: 468, genericType: 1 }],
    });
    expect(res.body.substances.map((s: { name: string }) => s.name)).toEqual(['AMLODIPINE', "BÉSILATE D'AMLODIPINE"]);
  });

  it('When a CIP13 is unknown, Then 404 catalogue.not_found; when malformed, Then 400', async () => {
    const unknown = await technician.get('/api/products/3400900000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('catalogue.not_found');
    expect((await technician.get('/api/products/12345')).status).toBe(400);
  });

  it('When a technician tries to change a PDA flag, Then it is forbidden and nothing changes', async () => {
    const res = await technician.patch('/api/products/3400937977661/pda').send({ pdaExcluded: true, reason: 'Test' });
    expect(res.status).toBe(403);
    expect((await technician.get('/api/products/3400937977661')).body.pdaExcluded).toBe(false);
  });

  it('When a pharmacist excludes a product from pouches, Then it is saved, audited, and can return to the rules', async () => {
    const res = await pharmacist
      .patch('/api/products/3400937977661/pda')
      .send({ pdaExcluded: true, reason: 'Photosensible : ne pas déconditionner' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      pdaExcluded: true,
      pdaReason: 'Photosensible : ne pas déconditionner',
      pdaOverridden: true,
      pdaUpdatedAt: '2026-11-23T09:00:00.000Z',
    });
    const audit = t.db.$client
      .prepare("SELECT actor_label, entity, entity_id, details FROM audit_log WHERE action = 'catalogue.pda_update'")
      .all() as { actor_label: string; entity: string; entity_id: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_label: 'pharmacien.bugeat@officoop.test',
      entity: 'product',
      entity_id: '3400937977661',
    });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      before: { pdaExcluded: false },
      after: { pdaExcluded: true },
    });

    const reset = await pharmacist.patch('/api/products/3400937977661/pda').send({ automatic: true });
    expect(reset.body).toMatchObject({ pdaExcluded: false, pdaReason: null, pdaOverridden: false });
  });

  it('When a pharmacist allows an excluded product, Then the reason is kept; bad bodies answer 400', async () => {
    const res = await pharmacist
      .patch('/api/products/3400930264546/pda')
      .send({ pdaExcluded: false, reason: 'Dose stable, validé avec le médecin' });
    expect(res.body).toMatchObject({ pdaExcluded: false, pdaRule: 'vitamin_k_antagonist', pdaOverridden: true });
    expect((await pharmacist.patch('/api/products/3400930264546/pda').send({ pdaExcluded: true })).status).toBe(400);
    expect((await pharmacist.patch('/api/products/3400930264546/pda').send({ automatic: false })).status).toBe(400);
    expect(
      (await pharmacist.patch('/api/products/3400930264546/pda').send({ pdaExcluded: true, reason: 'ok ok', x: 1 }))
        .status,
    ).toBe(400);
    expect((await pharmacist.patch('/api/products/3400900000000/pda').send({ automatic: true })).status).toBe(404);
  });

  it('When the OpenAPI document is read, Then the three catalogue routes are in it', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body;
    expect(doc.paths['/api/products']?.get?.parameters.map((p: { name: string }) => p.name)).toEqual(['q', 'limit']);
    expect(doc.paths['/api/products/{cip13}']?.get).toBeDefined();
    expect(doc.paths['/api/products/{cip13}/pda']?.patch).toBeDefined();
  });
});
