import { eq } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { DEMO_CARE_HOMES, DEMO_PASSWORD, DEMO_PHARMACIES } from '../../db/seed/demo';
import { createTestApp } from '../helpers/test-app';

const demoUsers = [
  { email: 'admin@officoop.test', role: 'admin', pharmacy: null, careHome: null },
  { email: 'tresorier@officoop.test', role: 'treasurer', pharmacy: null, careHome: null },
  ...DEMO_PHARMACIES.flatMap((p) => [
    { email: `pharmacien.${p.slug}@officoop.test`, role: 'pharmacist', pharmacy: p.slug, careHome: null },
    { email: `preparateur.${p.slug}@officoop.test`, role: 'technician', pharmacy: p.slug, careHome: null },
  ]),
  ...DEMO_CARE_HOMES.map((c) => ({
    email: `ehpad.${c.town}@officoop.test`,
    role: 'carehome',
    pharmacy: null,
    careHome: c.slug,
  })),
];

describe('authentication', () => {
  it('When each demo user logs in, Then /api/auth/me shows their role and scope', async () => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    for (const u of demoUsers) {
      const agent = await agentAs(u.email);
      const me = await agent.get('/api/auth/me');
      expect(me.status, u.email).toBe(200);
      expect(me.body.role).toBe(u.role);
      expect(me.body.pharmacy?.slug ?? null).toBe(u.pharmacy);
      expect(me.body.careHome?.slug ?? null).toBe(u.careHome);
      // A pharmacy serving no care home (Peyrelevade, Royère) has no dose-pack pages to show.
      const served = DEMO_CARE_HOMES.filter((c) => c.town === u.pharmacy).length;
      expect(me.body.pharmacy?.careHomes ?? null, u.email).toBe(u.pharmacy ? served : null);
    }
  });

  it('When logging in, Then the session cookie is HTTP-only and SameSite=Strict', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app)
      .post('/api/auth/login')
      .send({ email: 'pharmacien.bugeat@officoop.test', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/officoop_sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('When the password is wrong or the e-mail unknown, Then both answer the same 401', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const wrong = await request(app)
      .post('/api/auth/login')
      .send({ email: 'pharmacien.bugeat@officoop.test', password: 'nope' });
    const unknown = await request(app)
      .post('/api/auth/login')
      .send({ email: 'nobody@officoop.test', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('auth.invalid_credentials');
  });

  it('When not logged in, Then /api/auth/me answers 401', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app).get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('auth.unauthenticated');
  });

  it('When logging out, Then the same cookie no longer opens a session', async () => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    const agent = await agentAs('ehpad.meymac@officoop.test');
    expect((await agent.post('/api/auth/logout')).status).toBe(204);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('When the session has expired, Then the user must log in again', async () => {
    const { agentAs, clock, config } = await createTestApp({ seed: 'organisation' });
    const agent = await agentAs('pharmacien.felletin@officoop.test');
    clock.advance(config.SESSION_TTL_HOURS * 3_600_000 + 1000);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('When a user keeps working, Then the session slides forward and survives its first lifetime', async () => {
    const { agentAs, clock, config } = await createTestApp({ seed: 'organisation' });
    const agent = await agentAs('pharmacien.felletin@officoop.test');
    const step = (config.SESSION_TTL_HOURS * 3_600_000 * 2) / 3;
    clock.advance(step);
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    clock.advance(step);
    expect((await agent.get('/api/auth/me')).status).toBe(200);
  });

  it('When 5 logins fail for one e-mail, Then the next answers 429 with Retry-After', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const attempt = () =>
      request(app).post('/api/auth/login').send({ email: 'pharmacien.royere@officoop.test', password: 'guess' });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('auth.too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address is not locked out by someone guessing this one.
    const other = await request(app)
      .post('/api/auth/login')
      .send({ email: 'pharmacien.bugeat@officoop.test', password: DEMO_PASSWORD });
    expect(other.status).toBe(200);
  });

  it('When failed logins are sent to the login route spelled another way, Then the same limit applies', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    // The route matches case-insensitively and ignores a trailing slash: so does its rate limit.
    const paths = ['/api/auth/login', '/api/AUTH/Login', '/api/auth/login/', '/api/Auth/LOGIN/', '/api/auth/login'];
    for (const path of paths) {
      const res = await request(app).post(path).send({ email: 'pharmacien.royere@officoop.test', password: 'guess' });
      expect([path, res.status]).toEqual([path, 401]);
    }
    const blocked = await request(app)
      .post('/api/auth/LOGIN/')
      .send({ email: 'pharmacien.royere@officoop.test', password: 'guess' });
    expect(blocked.status).toBe(429);
  });

  it('When a state-changing request comes from another origin, Then it is refused', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app)
      .post('/api/auth/login')
      .set('Origin', 'https://evil.example')
      .send({ email: 'pharmacien.bugeat@officoop.test', password: DEMO_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('auth.cross_origin');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('When the request comes from the app own origin, Then it is accepted', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app)
      .post('/api/auth/login')
      .set('Host', 'officoop.local:3000')
      .set('Origin', 'http://officoop.local:3000')
      .send({ email: 'pharmacien.bugeat@officoop.test', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('When a user logs in, Then the audit log records it', async () => {
    const { agentAs, db } = await createTestApp({ seed: 'organisation' });
    await agentAs('tresorier@officoop.test');
    const rows = db.select().from(auditLog).where(eq(auditLog.action, 'auth.login')).all();
    expect(rows).toEqual([expect.objectContaining({ action: 'auth.login', actorLabel: 'tresorier@officoop.test' })]);
  });
});
