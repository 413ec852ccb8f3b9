import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, sessions } from '../../db/schema';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { createTestApp } from '../helpers/test-app';

// A user changes the provisional password the coordinator gave them (found by a tester: no user
// could ever change theirs, so the coordinator knew every password for good).

const email = 'preparateur.felletin@officoop.test';
const NEW = 'trois pommes vertes au marché';

describe('changing my own password', () => {
  it('When a user gives the current password and a new one, Then only the new one logs in, other sessions end and this one goes on', async () => {
    const { db, agentAs } = await createTestApp({ seed: 'organisation' });
    const here = await agentAs(email);
    const elsewhere = await agentAs(email);
    const res = await here.post('/api/auth/password').send({ currentPassword: DEMO_PASSWORD, newPassword: NEW });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.email).toBe(email);
    // This browser keeps working with its renewed cookie; the other one is logged out.
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    await expect(agentAs(email)).rejects.toThrow(/401/);
    expect((await (await agentAs(email, NEW)).get('/api/auth/me')).body.email).toBe(email);
    const audited = db.select().from(auditLog).where(eq(auditLog.action, 'auth.password_changed')).all();
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited)).not.toContain(NEW);
  });

  it('When the current password is wrong, Then 422 auth.wrong_password, audited, and nothing changes', async () => {
    const { db, agentAs } = await createTestApp({ seed: 'organisation' });
    const agent = await agentAs(email);
    const before = db.select().from(sessions).all().length;
    const res = await agent.post('/api/auth/password').send({ currentPassword: 'not-it', newPassword: NEW });
    expect([res.status, res.body.error.code]).toEqual([422, 'auth.wrong_password']);
    expect(db.select().from(sessions).all().length).toBe(before);
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    await expect(agentAs(email, NEW)).rejects.toThrow(/401/);
    const failed = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.password_change_failed'), eq(auditLog.entity, 'security')))
      .all();
    expect(failed).toHaveLength(1);
  });

  it('When the new password is short or the same as the current one, Then 400 on newPassword with its rule', async () => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    const agent = await agentAs(email);
    const short = await agent.post('/api/auth/password').send({ currentPassword: DEMO_PASSWORD, newPassword: 'court' });
    expect(short.status).toBe(400);
    expect(short.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.newPassword', message: 'validation.password.tooShort' }),
      ]),
    );
    const same = await agent
      .post('/api/auth/password')
      .send({ currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD });
    expect(same.status).toBe(400);
    expect(same.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.newPassword', message: 'validation.password.unchanged' }),
      ]),
    );
    await expect(agentAs(email)).resolves.toBeDefined();
  });

  it('When the new password is easy to guess or holds the e-mail name, Then 400 on newPassword and the password stays', async () => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    const agent = await agentAs(email);
    for (const [newPassword, code] of [
      ['azertyuiop123', 'validation.password.guessable'],
      ['123456789012', 'validation.password.guessable'],
      ['motdepasse1234', 'validation.password.guessable'],
      ['Préparateur.Felletin!', 'validation.password.personal'],
    ] as const) {
      const res = await agent.post('/api/auth/password').send({ currentPassword: DEMO_PASSWORD, newPassword });
      expect(res.status, newPassword).toBe(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'body.newPassword', message: code })]);
      await expect(agentAs(email, newPassword)).rejects.toThrow(/401/);
    }
    await expect(agentAs(email)).resolves.toBeDefined();
    // A passphrase passes.
    const ok = await agent
      .post('/api/auth/password')
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'le lac de Vassivière en hiver' });
    expect(ok.status).toBe(200);
  });

  it('When nobody is logged in, Then 401', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const { default: request } = await import('supertest');
    const res = await request(app)
      .post('/api/auth/password')
      .send({ currentPassword: DEMO_PASSWORD, newPassword: NEW });
    expect(res.status).toBe(401);
  });

  it('When the coordinator creates or resets an account, Then its password is provisional until the user chooses theirs', async () => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    const admin = await agentAs('admin@officoop.test');
    const pharmacyId = (await admin.get('/api/pharmacies')).body.items[0].id;
    const created = await admin.post('/api/users').send({
      email: 'nadia.roux@officoop.test',
      displayName: 'Nadia Roux',
      role: 'technician',
      pharmacyId,
      careHomeId: null,
    });
    expect(created.status).toBe(201);
    expect(created.body.user.passwordProvisional).toBe(true);
    const nadia = await agentAs('nadia.roux@officoop.test', created.body.password);
    expect((await nadia.get('/api/auth/me')).body.mustChangePassword).toBe(true);
    // Nothing is read or written with the coordinator's password but its change.
    for (const [method, path] of [
      ['get', '/api/stock/lots'],
      ['get', '/api/pool?q=amlo'],
      ['get', '/api/alerts'],
      ['put', '/api/stock/thresholds/3400930050514'],
    ] as const) {
      const res = await nadia[method](path).send(method === 'put' ? { minQuantity: 1 } : undefined);
      expect([res.status, res.body.error?.code], path).toEqual([403, 'auth.password_change_required']);
    }
    // A demo account's known password is not provisional.
    expect((await (await agentAs(email)).get('/api/auth/me')).body.mustChangePassword).toBe(false);

    const changed = await nadia
      .post('/api/auth/password')
      .send({ currentPassword: created.body.password, newPassword: NEW });
    expect(changed.body.mustChangePassword).toBe(false);
    expect((await nadia.get('/api/auth/me')).body.mustChangePassword).toBe(false);
    expect((await nadia.get('/api/alerts')).status).toBe(200);
    const listed = (await admin.get('/api/users')).body.items.find(
      (u: { id: number }) => u.id === created.body.user.id,
    );
    expect(listed.passwordProvisional).toBe(false);

    const reset = await admin.post(`/api/users/${created.body.user.id}/reset-password`);
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body.user.passwordProvisional).toBe(true);
    const again = await agentAs('nadia.roux@officoop.test', reset.body.password);
    expect((await again.get('/api/auth/me')).body.mustChangePassword).toBe(true);
  });

  it('When a session gives 5 wrong current passwords, Then the next try answers 429 even with the right one, and other accounts are not held', async () => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    const agent = await agentAs(email);
    // A refused new password (too short) is no guess of the current one: it does not count.
    for (let i = 0; i < 3; i += 1) {
      const short = await agent
        .post('/api/auth/password')
        .send({ currentPassword: DEMO_PASSWORD, newPassword: 'court' });
      expect(short.status).toBe(400);
    }
    for (let i = 0; i < 5; i += 1) {
      const wrong = await agent.post('/api/auth/password').send({ currentPassword: `essai-${i}`, newPassword: NEW });
      expect(wrong.status).toBe(422);
    }
    const held = await agent.post('/api/auth/password').send({ currentPassword: DEMO_PASSWORD, newPassword: NEW });
    expect([held.status, held.body.error.code]).toEqual([429, 'auth.too_many_password_attempts']);
    expect(held.headers['retry-after']).toBeDefined();
    await expect(agentAs(email, NEW)).rejects.toThrow(/401/);
    const other = await agentAs('pharmacien.felletin@officoop.test');
    const ok = await other.post('/api/auth/password').send({ currentPassword: DEMO_PASSWORD, newPassword: NEW });
    expect(ok.status).toBe(200);
  });
});
