import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import type { Me } from '../../server/auth/auth.schemas';
import type { SessionUser } from '../../web/src/auth/auth.api';
import { createTestApp } from '../helpers/test-app';

// The web app's copy of the session type must accept what the server sends.
const sameMe: Me extends SessionUser ? true : never = true;
void sameMe;

async function adminApp() {
  const t = await createTestApp();
  const admin = await t.agentAs('admin@officoop.test');
  const users = (await admin.get('/api/users')).body.items as { id: number; email: string }[];
  const idOf = (email: string) => {
    const user = users.find((u) => u.email === email);
    if (!user) throw new Error(`no user ${email}`);
    return user.id;
  };
  return { ...t, admin, idOf };
}

describe('admin: users', () => {
  it('When the admin lists users, Then every demo account is there with role, scope and status', async () => {
    const { admin } = await adminApp();
    const res = await admin.get('/api/users');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(15);
    const pharmacist = res.body.items.find((u: { email: string }) => u.email === 'pharmacien.bugeat@officoop.test');
    expect(pharmacist).toMatchObject({ role: 'pharmacist', careHomeId: null, active: true });
    expect(pharmacist.pharmacyId).toEqual(expect.any(Number));
    expect(pharmacist).not.toHaveProperty('passwordHash');
  });

  it('When a non-admin asks for users, Then it is forbidden', async () => {
    const { agentAs } = await createTestApp();
    for (const email of ['pharmacien.bugeat@officoop.test', 'tresorier@officoop.test', 'ehpad.meymac@officoop.test']) {
      const agent = await agentAs(email);
      expect((await agent.get('/api/users')).status, email).toBe(403);
      expect((await agent.post('/api/users/1/disable')).status, email).toBe(403);
    }
  });

  it('When the admin creates a technician, Then a generated password is returned once and works', async () => {
    const { admin, app, db, idOf } = await adminApp();
    const pharmacyId = (await admin.get('/api/pharmacies')).body.items[1].id;
    const res = await admin.post('/api/users').send({
      email: 'nouveau.preparateur@officoop.test',
      displayName: 'Nouveau Préparateur',
      role: 'technician',
      pharmacyId,
      careHomeId: null,
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'nouveau.preparateur@officoop.test', role: 'technician', pharmacyId });
    expect(res.body.password).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    const login = await request(app)
      .post('/api/auth/login')
      .send({ email: 'nouveau.preparateur@officoop.test', password: res.body.password });
    expect(login.status).toBe(200);
    expect(login.body.pharmacy.id).toBe(pharmacyId);
    // The list never shows the password again.
    expect(JSON.stringify((await admin.get('/api/users')).body)).not.toContain(res.body.password);
    const audit = db.select().from(auditLog).all();
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'users.create',
        entityId: String(res.body.user.id),
        actorLabel: 'admin@officoop.test',
      }),
    );
    expect(idOf('admin@officoop.test')).toBeGreaterThan(0);
  });

  it('When the role and scope do not match, Then creation answers 400 and nothing is written', async () => {
    const { admin } = await adminApp();
    const cases = [
      { role: 'pharmacist', pharmacyId: null, careHomeId: null },
      { role: 'treasurer', pharmacyId: 1, careHomeId: null },
      { role: 'carehome', pharmacyId: null, careHomeId: null },
    ];
    for (const scope of cases) {
      const res = await admin.post('/api/users').send({ email: 'x@officoop.test', displayName: 'X', ...scope });
      expect(res.status, JSON.stringify(scope)).toBe(400);
      expect(res.body.error.code).toBe('validation.invalid_input');
    }
    expect((await admin.get('/api/users')).body.items).toHaveLength(15);
  });

  it('When the e-mail is taken (in any case), Then creation answers 409', async () => {
    const { admin } = await adminApp();
    const res = await admin.post('/api/users').send({
      email: 'Tresorier@officoop.test',
      displayName: 'Doublon',
      role: 'treasurer',
      pharmacyId: null,
      careHomeId: null,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('users.email_taken');
  });

  it('When the scope does not exist, Then creation answers 422', async () => {
    const { admin } = await adminApp();
    const res = await admin
      .post('/api/users')
      .send({ email: 'y@officoop.test', displayName: 'Y', role: 'carehome', pharmacyId: null, careHomeId: 999 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('users.scope_not_found');
  });

  it('When the admin disables a user, Then their open session ends and they cannot log in until enabled', async () => {
    const { admin, agentAs, app, idOf } = await adminApp();
    const victim = await agentAs('preparateur.meymac@officoop.test');
    const id = idOf('preparateur.meymac@officoop.test');
    const disabled = await admin.post(`/api/users/${id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.user.active).toBe(false);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
    const login = () =>
      request(app)
        .post('/api/auth/login')
        .send({ email: 'preparateur.meymac@officoop.test', password: 'demo-officoop-2026' });
    expect((await login()).status).toBe(401);
    expect((await admin.post(`/api/users/${id}/enable`)).body.user.active).toBe(true);
    expect((await login()).status).toBe(200);
  });

  it('When the admin resets a password, Then the old one stops working and the new one works', async () => {
    const { admin, app, idOf } = await adminApp();
    const id = idOf('pharmacien.royere@officoop.test');
    const res = await admin.post(`/api/users/${id}/reset-password`);
    expect(res.status).toBe(200);
    const login = (password: string) =>
      request(app).post('/api/auth/login').send({ email: 'pharmacien.royere@officoop.test', password });
    expect((await login('demo-officoop-2026')).status).toBe(401);
    expect((await login(res.body.password)).status).toBe(200);
  });

  it('When the admin changes a role and scope, Then the user acts with the new ones at once', async () => {
    const { admin, agentAs, idOf } = await adminApp();
    const user = await agentAs('preparateur.felletin@officoop.test');
    const id = idOf('preparateur.felletin@officoop.test');
    const careHomes = (await admin.get('/api/care-homes')).body.items as { id: number; slug: string }[];
    const meymac = careHomes.find((c) => c.slug === 'ehpad-meymac')!;
    const res = await admin
      .patch(`/api/users/${id}`)
      .send({ displayName: 'Désormais EHPAD', role: 'carehome', pharmacyId: null, careHomeId: meymac.id });
    expect(res.status).toBe(200);
    const me = await user.get('/api/auth/me');
    expect(me.body).toMatchObject({ role: 'carehome', pharmacy: null, careHome: { id: meymac.id } });
  });

  it('When the admin tries to demote or disable themselves, Then it answers 422', async () => {
    const { admin, idOf } = await adminApp();
    const id = idOf('admin@officoop.test');
    const demote = await admin
      .patch(`/api/users/${id}`)
      .send({ displayName: 'Claire', role: 'treasurer', pharmacyId: null, careHomeId: null });
    expect(demote.status).toBe(422);
    expect(demote.body.error.code).toBe('users.cannot_change_self');
    expect((await admin.post(`/api/users/${id}/disable`)).status).toBe(422);
    const rename = await admin
      .patch(`/api/users/${id}`)
      .send({ displayName: 'Claire C.', role: 'admin', pharmacyId: null, careHomeId: null });
    expect(rename.status).toBe(200);
  });

  it('When the user does not exist, Then it answers 404', async () => {
    const { admin } = await adminApp();
    expect((await admin.post('/api/users/9999/disable')).status).toBe(404);
    expect((await admin.post('/api/users/9999/reset-password')).body.error.code).toBe('users.not_found');
  });
});
