import { beforeEach, describe, expect, it } from 'vitest';
import { careHomeId, orderId } from '../helpers/orders';
import { createTestApp } from '../helpers/test-app';

// TEST_NOW: Monday 2026-11-23 10:00 Paris; Bugeat's W49 draft closes Wednesday 25 Nov 12:00 Paris.
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type AlertRow = { id: number; kind: string; entity: string; entityId: string; messageKey: string; params: object };

const AFTER_CUTOFF = '2026-11-25T11:30:00.000Z';
let t: App;
let order: number;

const missedAlerts = async (agent: Agent, state = 'open'): Promise<AlertRow[]> => {
  const res = await agent.get('/api/alerts').query({ state });
  expect(res.status).toBe(200);
  return (res.body.items as AlertRow[]).filter((a) => a.kind === 'orders.missed_cutoff');
};

beforeEach(async () => {
  t = await createTestApp();
  order = orderId(t.db, 'ehpad-bugeat', '2026-W49');
});

describe('a weekly order left as a draft past its cut-off (SPEC §5)', () => {
  it('When the cut-off is still ahead, Then the pharmacy has no alert about it', async () => {
    const pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect((await missedAlerts(pharmacist)).filter((a) => a.entityId === String(order))).toEqual([]);
  });

  it('When the cut-off passes with the order still a draft, Then its pharmacy is alerted once, with the care home and week', async () => {
    t.clock.set(AFTER_CUTOFF);
    const pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    const first = (await missedAlerts(pharmacist)).filter((a) => a.entityId === String(order));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      entity: 'weekly_order',
      messageKey: 'alerts.orderMissedCutoff',
      params: { careHome: expect.stringContaining('Bugeat'), week: '2026-W49', weekNumber: 49 },
    });
    // Read again (or by a technician of the same pharmacy): still one alert.
    const technician = await t.agentAs('preparateur.bugeat@officoop.test');
    expect((await missedAlerts(technician)).filter((a) => a.entityId === String(order))).toHaveLength(1);
    expect((await missedAlerts(pharmacist)).filter((a) => a.entityId === String(order))).toHaveLength(1);
    const rows = t.db.$client
      .prepare("SELECT COUNT(*) AS n FROM alerts WHERE kind = 'orders.missed_cutoff' AND entity_id = ?")
      .get(String(order)) as { n: number };
    expect(rows.n).toBe(1);
  });

  it('When another pharmacy or the care home reads its alerts, Then it does not get the pharmacy’s alert', async () => {
    t.clock.set(AFTER_CUTOFF);
    const other = await t.agentAs('pharmacien.meymac@officoop.test');
    expect((await missedAlerts(other)).filter((a) => a.entityId === String(order))).toEqual([]);
    const ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
    expect((await missedAlerts(ehpad)).filter((a) => a.entityId === String(order))).toEqual([]);
  });

  it('When the pharmacist submits it for the care home, Then it is submitted and the alert is resolved; the care home gets 409', async () => {
    t.clock.set(AFTER_CUTOFF);
    const pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    const ehpad = await t.agentAs('ehpad.bugeat@officoop.test');
    expect(await missedAlerts(pharmacist)).not.toEqual([]);

    const late = await ehpad.post(`/api/orders/${order}/submit`);
    expect([late.status, late.body.error.code]).toEqual([409, 'orders.cutoff_passed']);

    const res = await pharmacist.post(`/api/orders/${order}/submit`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('submitted');
    expect((await missedAlerts(pharmacist)).filter((a) => a.entityId === String(order))).toEqual([]);
    const dismissed = (await missedAlerts(pharmacist, 'dismissed')).filter((a) => a.entityId === String(order));
    expect(dismissed).toHaveLength(1);
  });

  it('When staff of another pharmacy try to submit it, Then 404 and it stays a draft', async () => {
    t.clock.set(AFTER_CUTOFF);
    const other = await t.agentAs('pharmacien.meymac@officoop.test');
    const res = await other.post(`/api/orders/${order}/submit`);
    expect([res.status, res.body.error.code]).toEqual([404, 'orders.not_found']);
    const row = t.db.$client.prepare('SELECT status FROM weekly_orders WHERE id = ?').get(order) as { status: string };
    expect(row.status).toBe('draft');
  });

  it('When the Monday job runs after the cut-off, Then it alerts the pharmacy too, and a forced second run raises nothing more', async () => {
    const pino = (await import('pino')).default;
    const { runJob } = await import('../../jobs/runner');
    const { findJob } = await import('../../jobs/registry');
    const job = findJob('weekly-orders') as NonNullable<ReturnType<typeof findJob>>;
    t.clock.set('2026-11-30T05:00:00.000Z'); // Monday 06:00 Paris of W49, its draft still unsent
    const deps = { db: t.db, clock: t.clock, log: pino({ level: 'silent' }), backupDir: '', dbPath: '' };
    const count = () =>
      (
        t.db.$client
          .prepare("SELECT COUNT(*) AS n FROM alerts WHERE kind = 'orders.missed_cutoff' AND entity_id = ?")
          .get(String(order)) as { n: number }
      ).n;
    const first = await runJob(job, deps);
    expect(first).toMatchObject({ status: 'succeeded' });
    expect(first.status === 'succeeded' && first.summary).toMatch(/drafts past their cut-off alerted/);
    expect(count()).toBe(1);
    const again = await runJob(job, deps, { force: true });
    expect(again.status === 'succeeded' && again.summary).not.toMatch(/past their cut-off/);
    expect(count()).toBe(1);
  });
});

describe('a week cancelled and ordered again after its cut-off (found by the pharmacist)', () => {
  const missedRows = () =>
    t.db.$client
      .prepare(
        "SELECT id, raised_on AS raisedOn, dismissed_at AS dismissedAt FROM alerts WHERE kind = 'orders.missed_cutoff' AND entity_id = ? ORDER BY id",
      )
      .all(String(order)) as { id: number; raisedOn: string; dismissedAt: string | null }[];
  const mine = async (agent: Agent) => (await missedAlerts(agent)).filter((a) => a.entityId === String(order));

  it('When staff cancel the late draft and order the week again the same day, Then the new draft is alerted again, once', async () => {
    t.clock.set(AFTER_CUTOFF);
    const pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect(await mine(pharmacist)).toHaveLength(1);
    expect((await pharmacist.post(`/api/orders/${order}/cancel`)).status).toBe(200);
    expect(await mine(pharmacist)).toEqual([]);

    t.clock.set('2026-11-25T12:00:00.000Z');
    const again = await pharmacist
      .post('/api/orders')
      .send({ careHomeId: careHomeId(t.db, 'ehpad-bugeat'), week: '2026-W49' });
    expect([again.status, again.body.id, again.body.status]).toEqual([201, order, 'draft']);
    expect(await mine(pharmacist)).toHaveLength(1);
    // Read again: still one alert, not two.
    expect(await mine(pharmacist)).toHaveLength(1);
    expect(missedRows().filter((r) => r.dismissedAt === null)).toHaveLength(1);
  });

  it('When the week is ordered again on a later day, Then the new draft gets its own alert and the old one stays resolved', async () => {
    t.clock.set(AFTER_CUTOFF);
    let pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect(await mine(pharmacist)).toHaveLength(1);
    expect((await pharmacist.post(`/api/orders/${order}/cancel`)).status).toBe(200);

    t.clock.set('2026-11-26T08:00:00.000Z'); // Thursday 09:00 Paris, a new session
    pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    const again = await pharmacist
      .post('/api/orders')
      .send({ careHomeId: careHomeId(t.db, 'ehpad-bugeat'), week: '2026-W49' });
    expect([again.status, again.body.status]).toEqual([201, 'draft']);
    expect(await mine(pharmacist)).toHaveLength(1);
    expect(await mine(pharmacist)).toHaveLength(1);
    const rows = missedRows();
    expect(rows.map((r) => [r.raisedOn, r.dismissedAt === null])).toEqual([
      ['2026-11-25', false],
      ['2026-11-26', true],
    ]);
  });

  it('When staff dismiss the alert of a draft still unsent, Then reading the alerts again does not raise it a second time', async () => {
    t.clock.set(AFTER_CUTOFF);
    const pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    const [alert] = await mine(pharmacist);
    expect((await pharmacist.post(`/api/alerts/${(alert as AlertRow).id}/dismiss`)).status).toBe(200);
    t.clock.set('2026-11-26T08:00:00.000Z');
    expect(await mine(await t.agentAs('pharmacien.bugeat@officoop.test'))).toEqual([]);
    expect(missedRows()).toHaveLength(1);
  });
});

describe('the missed cut-off alert exists even when no one opens the app (daily expiry-scan job)', () => {
  it('When the daily 06:30 job runs the morning after the cut-off, Then the pharmacy is alerted without reading its alerts, once', async () => {
    const pino = (await import('pino')).default;
    const { runJob } = await import('../../jobs/runner');
    const { findJob } = await import('../../jobs/registry');
    const job = findJob('expiry-scan') as NonNullable<ReturnType<typeof findJob>>;
    const deps = { db: t.db, clock: t.clock, log: pino({ level: 'silent' }), backupDir: '', dbPath: '' };
    const count = () =>
      (
        t.db.$client
          .prepare("SELECT COUNT(*) AS n FROM alerts WHERE kind = 'orders.missed_cutoff' AND entity_id = ?")
          .get(String(order)) as { n: number }
      ).n;

    t.clock.set('2026-11-25T05:30:00.000Z'); // Wednesday 06:30 Paris: the cut-off (12:00) is ahead
    expect(await runJob(job, deps)).toMatchObject({ status: 'succeeded' });
    expect(count()).toBe(0);

    t.clock.set('2026-11-26T05:30:00.000Z'); // Thursday 06:30 Paris: W49 still a draft
    const first = await runJob(job, deps);
    expect(first).toMatchObject({ status: 'succeeded' });
    expect(first.status === 'succeeded' && first.summary).toMatch(/1 order drafts past their cut-off alerted/);
    expect(count()).toBe(1);
    const row = t.db.$client
      .prepare(
        "SELECT raised_by AS raisedBy, dismissed_at AS dismissedAt FROM alerts WHERE kind = 'orders.missed_cutoff' AND entity_id = ?",
      )
      .get(String(order)) as { raisedBy: string; dismissedAt: string | null };
    expect(row).toEqual({ raisedBy: 'system:expiry-scan', dismissedAt: null });

    // A forced second run, or the pharmacist reading the alerts, raises nothing more.
    const again = await runJob(job, deps, { force: true });
    expect(again.status === 'succeeded' && again.summary).not.toMatch(/past their cut-off/);
    const pharmacist = await t.agentAs('pharmacien.bugeat@officoop.test');
    expect((await missedAlerts(pharmacist)).filter((a) => a.entityId === String(order))).toHaveLength(1);
    expect(count()).toBe(1);
  });
});
