import { beforeEach, describe, expect, it } from 'vitest';
import { orderId } from '../helpers/orders';
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
