import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { count } from '../helpers/stock';
import { createTestApp, TEST_NOW } from '../helpers/test-app';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;

beforeEach(async () => {
  t = await createTestApp({ seed: 'organisation' });
});

describe('failed logins are security events in the audit log', () => {
  it('When someone fails to log in, Then the e-mail, IP and time are recorded and the admin can filter them', async () => {
    const rows = count(t.db, 'audit_log');
    const wrong = await request(t.app)
      .post('/api/auth/login')
      .send({ email: 'pharmacien.bugeat@officoop.test', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    const unknown = await request(t.app)
      .post('/api/auth/login')
      .send({ email: 'nobody@example.org', password: 'whatever' });
    expect(unknown.status).toBe(401);
    expect(count(t.db, 'audit_log')).toBe(rows + 2);

    const admin = await t.agentAs('admin@officoop.test');
    const res = await admin.get('/api/audit?action=auth.login_failed');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((i: { details: { email: string } }) => i.details.email).sort()).toEqual([
      'nobody@example.org',
      'pharmacien.bugeat@officoop.test',
    ]);
    for (const item of res.body.items) {
      expect(item).toMatchObject({ entity: 'security', at: TEST_NOW, actorUserId: null });
      expect(item.details.ip).toMatch(/127\.0\.0\.1|::1/);
    }
    const security = await admin.get('/api/audit?entity=security');
    expect(security.body.total).toBe(2);
    // The successful login of the admin is not a security event.
    const logins = await admin.get('/api/audit?action=auth.login');
    expect(logins.body.items.every((i: { action: string }) => i.action === 'auth.login')).toBe(true);
  });

  it('When a non-admin asks for the security events, Then 403', async () => {
    const pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect((await pharmacist.get('/api/audit?action=auth.login_failed')).status).toBe(403);
  });
});
