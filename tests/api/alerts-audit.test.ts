import { eq } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { auditLog, pharmacies } from '../../db/schema';
import { raiseAlert, resolveAlerts } from '../../server/alerts/alerts.usecases';
import { systemActor } from '../../server/http/context';
import { createTestApp } from '../helpers/test-app';

async function appWithBugeatAlert() {
  const t = await createTestApp({ seed: 'organisation' });
  const bugeat = t.db.select().from(pharmacies).where(eq(pharmacies.slug, 'bugeat')).get()!;
  const ctx = { db: t.db, clock: t.clock, actor: systemActor('expiry-scan') };
  raiseAlert(ctx, {
    scope: { pharmacyId: bugeat.id },
    kind: 'stock.expiring',
    entity: 'lot',
    entityId: 42,
    messageKey: 'alerts.stock.expiring',
    params: { days: 30 },
  });
  raiseAlert(ctx, {
    scope: { role: 'treasurer' },
    kind: 'shares.draft_ready',
    entity: 'period',
    entityId: '2026-10',
    messageKey: 'alerts.shares.draft_ready',
  });
  return t;
}

describe('alerts', () => {
  it('When the same alert is raised twice on one day, Then it is stored once', async () => {
    const t = await appWithBugeatAlert();
    const again = raiseAlert(
      { db: t.db, clock: t.clock, actor: systemActor('expiry-scan') },
      {
        scope: { pharmacyId: 1 },
        kind: 'stock.expiring',
        entity: 'lot',
        entityId: 42,
        messageKey: 'alerts.stock.expiring',
      },
    );
    expect(again).toBe(false);
    const agent = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect((await agent.get('/api/alerts')).body.items).toHaveLength(1);
  });

  it('When the next day comes, Then the same alert can be raised again', async () => {
    const t = await appWithBugeatAlert();
    t.clock.advance(24 * 3_600_000);
    const again = raiseAlert(
      { db: t.db, clock: t.clock, actor: systemActor('expiry-scan') },
      {
        scope: { pharmacyId: 1 },
        kind: 'stock.expiring',
        entity: 'lot',
        entityId: 42,
        messageKey: 'alerts.stock.expiring',
      },
    );
    expect(again).toBe(true);
  });

  it('When users list alerts, Then each sees only those of its pharmacy, care home or role', async () => {
    const t = await appWithBugeatAlert();
    const kinds = async (email: string) =>
      ((await (await t.agentAs(email)).get('/api/alerts')).body.items as { kind: string }[]).map((a) => a.kind);
    expect(await kinds('preparateur.bugeat@officoop.test')).toEqual(['stock.expiring']);
    expect(await kinds('preparateur.meymac@officoop.test')).toEqual([]);
    expect(await kinds('tresorier@officoop.test')).toEqual(['shares.draft_ready']);
    expect(await kinds('ehpad.bugeat@officoop.test')).toEqual([]);
  });

  it('When a technician of Meymac tries to dismiss a Bugeat alert, Then 404 and it stays', async () => {
    const t = await appWithBugeatAlert();
    const meymac = await t.agentAs('preparateur.meymac@officoop.test');
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const [alert] = (await bugeat.get('/api/alerts')).body.items;
    const res = await meymac.post(`/api/alerts/${alert.id}/dismiss`);
    expect(res.status).toBe(404);
    expect((await bugeat.get('/api/alerts')).body.items).toHaveLength(1);
  });

  it('When the Bugeat pharmacist dismisses it, Then it leaves the list and the audit log records who', async () => {
    const t = await appWithBugeatAlert();
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const [alert] = (await bugeat.get('/api/alerts')).body.items;
    const res = await bugeat.post(`/api/alerts/${alert.id}/dismiss`);
    expect(res.status).toBe(200);
    expect(res.body.dismissedAt).toBeTruthy();
    expect((await bugeat.get('/api/alerts')).body.items).toHaveLength(0);
    expect((await bugeat.get('/api/alerts?includeDismissed=true')).body.items).toHaveLength(1);
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'alerts.dismiss')).all();
    expect(audit).toEqual([
      expect.objectContaining({ entityId: String(alert.id), actorLabel: 'pharmacien.bugeat@officoop.test' }),
    ]);
  });
});

describe('alerts page: filters and undo', () => {
  it('When the Bugeat pharmacist undoes a dismissal, Then the alert is open again and the audit log records it', async () => {
    const t = await appWithBugeatAlert();
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const [alert] = (await bugeat.get('/api/alerts')).body.items;
    await bugeat.post(`/api/alerts/${alert.id}/dismiss`);
    const res = await bugeat.post(`/api/alerts/${alert.id}/reopen`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: alert.id, dismissedAt: null, dismissedBy: null });
    expect((await bugeat.get('/api/alerts')).body.items.map((a: { id: number }) => a.id)).toEqual([alert.id]);
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'alerts.reopen')).all();
    expect(audit).toEqual([
      expect.objectContaining({ entityId: String(alert.id), actorLabel: 'pharmacien.bugeat@officoop.test' }),
    ]);
  });

  it('When an open alert is reopened, Then it is unchanged and nothing is audited', async () => {
    const t = await appWithBugeatAlert();
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const [alert] = (await bugeat.get('/api/alerts')).body.items;
    const res = await bugeat.post(`/api/alerts/${alert.id}/reopen`);
    expect(res.status).toBe(200);
    expect(res.body.dismissedAt).toBeNull();
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'alerts.reopen')).all()).toEqual([]);
  });

  it('When a technician of Meymac tries to reopen a dismissed Bugeat alert, Then 404 and it stays dismissed', async () => {
    const t = await appWithBugeatAlert();
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const meymac = await t.agentAs('preparateur.meymac@officoop.test');
    const [alert] = (await bugeat.get('/api/alerts')).body.items;
    await bugeat.post(`/api/alerts/${alert.id}/dismiss`);
    const res = await meymac.post(`/api/alerts/${alert.id}/reopen`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('alerts.not_found');
    expect((await bugeat.get('/api/alerts')).body.items).toEqual([]);
  });

  it('When the pharmacist filters by state, domain and day raised, Then only matching alerts come back', async () => {
    const t = await appWithBugeatAlert();
    const ctx = { db: t.db, clock: t.clock, actor: systemActor('test') };
    t.clock.advance(3 * 24 * 3_600_000);
    raiseAlert(ctx, {
      scope: { pharmacyId: 1 },
      kind: 'transfers.requested',
      entity: 'transfer',
      entityId: 7,
      messageKey: 'alerts.transferRequested',
    });
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const kinds = async (query: string) =>
      ((await bugeat.get(`/api/alerts?${query}`)).body.items as { kind: string }[]).map((a) => a.kind);
    expect(await kinds('')).toEqual(['transfers.requested', 'stock.expiring']);
    expect(await kinds('domain=stock')).toEqual(['stock.expiring']);
    expect(await kinds('domain=transfers')).toEqual(['transfers.requested']);
    expect(await kinds('from=2026-11-24')).toEqual(['transfers.requested']);
    expect(await kinds('to=2026-11-23')).toEqual(['stock.expiring']);
    const [stockAlert] = (await bugeat.get('/api/alerts?domain=stock')).body.items;
    await bugeat.post(`/api/alerts/${stockAlert.id}/dismiss`);
    expect(await kinds('state=open')).toEqual(['transfers.requested']);
    expect(await kinds('state=dismissed')).toEqual(['stock.expiring']);
    expect(await kinds('state=all')).toEqual(['transfers.requested', 'stock.expiring']);
    expect((await bugeat.get('/api/alerts?domain=nope')).status).toBe(400);
    expect((await bugeat.get('/api/alerts?from=23/11/2026')).status).toBe(400);
  });
});

describe('resolving alerts when the thing is done', () => {
  it('When a domain resolves the alerts about an entity, Then only its open alerts of those kinds leave the lists', async () => {
    const t = await createTestApp({ seed: 'organisation' });
    const ctx = { db: t.db, clock: t.clock, actor: systemActor('test') };
    const raise = (pharmacyId: number, kind: string, entityId: number) =>
      raiseAlert(ctx, {
        scope: { pharmacyId },
        kind,
        entity: 'transfer',
        entityId,
        messageKey: 'alerts.transferRequested',
      });
    raise(1, 'transfers.requested', 7);
    raise(2, 'transfers.accepted', 7);
    raise(1, 'transfers.requested', 8);
    expect(resolveAlerts(ctx, { entity: 'transfer', entityId: 7, kinds: ['transfers.requested'] })).toBe(1);
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const open = (await bugeat.get('/api/alerts')).body.items as { entityId: string }[];
    expect(open.map((a) => a.entityId)).toEqual(['8']);
    const dismissed = (await bugeat.get('/api/alerts?state=dismissed')).body.items;
    expect(dismissed).toEqual([expect.objectContaining({ entityId: '7', dismissedBy: null })]);
    expect(resolveAlerts(ctx, { entity: 'transfer', entityId: 7 })).toBe(1);
    expect(resolveAlerts(ctx, { entity: 'transfer', entityId: 7 })).toBe(0);
  });
});

describe('audit log', () => {
  it('When the admin opens the filters, Then the actions and entities held are listed; others get 403', async () => {
    const t = await createTestApp({ seed: 'organisation' });
    await t.agentAs('pharmacien.bugeat@officoop.test');
    await request(t.app).post('/api/auth/login').send({ email: 'nobody@x.test', password: 'wrong-password' });
    const admin = await t.agentAs('admin@officoop.test');
    const res = await admin.get('/api/audit/facets');
    expect(res.status).toBe(200);
    expect(res.body.actions).toContain('auth.login_failed');
    expect(res.body.entities).toEqual(expect.arrayContaining(['security', 'user']));
    expect(res.body.entities).toEqual([...res.body.entities].sort());
    const treasurer = await t.agentAs('tresorier@officoop.test');
    expect((await treasurer.get('/api/audit/facets')).status).toBe(403);
  });

  it('When the admin searches, Then entries are filtered by actor, entity and date and paginated', async () => {
    const t = await createTestApp({ seed: 'organisation' });
    await t.agentAs('pharmacien.bugeat@officoop.test');
    t.clock.advance(2 * 24 * 3_600_000);
    await t.agentAs('pharmacien.meymac@officoop.test');
    const admin = await t.agentAs('admin@officoop.test');

    const all = await admin.get('/api/audit?entity=user&pageSize=2');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.items[0].actorLabel).toBe('admin@officoop.test');

    const firstDay = await admin.get('/api/audit?from=2026-11-23&to=2026-11-23');
    expect(firstDay.body.items.map((e: { actorLabel: string }) => e.actorLabel)).toEqual([
      'pharmacien.bugeat@officoop.test',
    ]);

    const actorId = firstDay.body.items[0].actorUserId;
    const byActor = await admin.get(`/api/audit?actorUserId=${actorId}`);
    expect(byActor.body.total).toBe(1);
  });

  it('When the admin asks for a period whose end comes before its start, Then 400 naming the end date', async () => {
    const t = await createTestApp({ seed: 'organisation' });
    const admin = await t.agentAs('admin@officoop.test');
    const res = await admin.get('/api/audit?from=2026-11-24&to=2026-11-23');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation.invalid_input');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ field: 'query.to', message: 'validation.period.inverted' }),
    ]);
    // One day (from = to) is a period, and still answers.
    expect((await admin.get('/api/audit?from=2026-11-23&to=2026-11-23')).status).toBe(200);
  });

  it('When a pharmacist filters alerts on a period whose end comes before its start, Then 400 naming the end date, not an empty list', async () => {
    const t = await createTestApp({ seed: 'organisation' });
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const res = await bugeat.get('/api/alerts?state=all&from=2026-11-24&to=2026-11-23');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ field: 'query.to', message: 'validation.period.inverted' }),
    ]);
    expect((await bugeat.get('/api/alerts?state=all&from=2026-11-23&to=2026-11-23')).status).toBe(200);
  });

  it('When a non-admin asks for the audit log, Then 403', async () => {
    const t = await createTestApp({ seed: 'organisation' });
    const treasurer = await t.agentAs('tresorier@officoop.test');
    expect((await treasurer.get('/api/audit')).status).toBe(403);
  });

  it('When anyone tries to rewrite history, Then the database refuses to update or delete audit rows', async () => {
    const t = await createTestApp({ seed: 'organisation' });
    await t.agentAs('admin@officoop.test');
    expect(() => t.db.$client.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => t.db.$client.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
