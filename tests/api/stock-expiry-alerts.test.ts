import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { runJob } from '../../jobs/runner';
import { expiryScanJob } from '../../jobs/stock-scans';
import { raiseAlert } from '../../server/alerts/alerts.usecases';
import { systemActor } from '../../server/http/context';
import { addCalendarDays, parisDate } from '../../server/shared/dates';
import { unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

// Issue #15, fresh tester: an expiry alert ("30 u. périment le …") kept its figure after units
// of the lot were dispensed; the alert must give the units the lot holds now.

type Alert = { entityId: string; messageKey: string; params: Record<string, string | number> };

describe('expiry alerts give the units the lot holds now', () => {
  it('When units of a lot under an expiry alert are dispensed, Then the alert gives the units left, and says so once the lot is empty', async () => {
    const t = await createTestApp();
    const [cip13] = unheldProducts(t.db, 1);
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const expiryDate = addCalendarDays(parisDate(t.clock.now()), 30);
    const received = await bugeat
      .post('/api/stock/receipts')
      .send({ cip13, lotNumber: 'SOON30', expiryDate, quantity: 30, unitCostCents: 12 });
    expect(received.status).toBe(201);
    const deps = { db: t.db, clock: t.clock, log: pino({ level: 'silent' }), backupDir: '', dbPath: '' };
    await runJob(expiryScanJob, deps);
    const alertOf = async () =>
      ((await bugeat.get('/api/alerts?kind=stock.expiring')).body.items as Alert[]).find(
        (a) => a.params.lotNumber === 'SOON30',
      );
    expect(await alertOf()).toMatchObject({ messageKey: 'alerts.stockExpiring', params: { quantity: 30, expiryDate } });

    expect((await bugeat.post('/api/stock/dispenses').send({ cip13, quantity: 12 })).status).toBe(201);
    expect(await alertOf()).toMatchObject({ messageKey: 'alerts.stockExpiring', params: { quantity: 18 } });

    expect((await bugeat.post('/api/stock/dispenses').send({ cip13, quantity: 18 })).status).toBe(201);
    expect(await alertOf()).toMatchObject({ messageKey: 'alerts.stockExpiringEmpty', params: { quantity: 0 } });
    // The scan settles it (run again here, as the next morning's would): nothing is left to use up.
    expect(await runJob(expiryScanJob, deps, { force: true })).toMatchObject({ status: 'succeeded' });
    expect(await alertOf()).toBeUndefined();

    // Another pharmacy still does not see Bugeat's alert.
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const theirs = (await meymac.get('/api/alerts?kind=stock.expiring')).body.items as Alert[];
    expect(theirs.some((a) => a.params.lotNumber === 'SOON30')).toBe(false);
  }, 60_000);

  it('When the lot another pharmacy was told it could ask for is used up, Then its alert asks for no more than is left, then nothing, and the scan settles it', async () => {
    const t = await createTestApp();
    const [cip13] = unheldProducts(t.db, 1);
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const expiryDate = addCalendarDays(parisDate(t.clock.now()), 40);
    const lot = await bugeat
      .post('/api/stock/receipts')
      .send({ cip13, lotNumber: 'ASK40', expiryDate, quantity: 30, unitCostCents: 12 });
    expect(lot.status).toBe(201);
    const meymacId = (await meymac.get('/api/auth/me')).body.pharmacy.id as number;
    // What the scan raises for Meymac when it would use Bugeat's lot before it expires: 25 units.
    const ctx = { db: t.db, clock: t.clock, actor: systemActor('expiry-scan') };
    raiseAlert(ctx, {
      scope: { pharmacyId: meymacId },
      kind: 'stock.rebalance',
      entity: 'stock_lot',
      entityId: lot.body.movements[0].lotId as number,
      messageKey: 'alerts.stockRebalance',
      params: { product: 'X', from: 'Pharmacie de Bugeat', quantity: 25, expiryDate },
      dedupe: 'ever',
    });
    const alertOf = async () =>
      ((await meymac.get('/api/alerts?kind=stock.rebalance')).body.items as Alert[]).find(
        (a) => a.params.expiryDate === expiryDate,
      );
    expect(await alertOf()).toMatchObject({ messageKey: 'alerts.stockRebalance', params: { quantity: 25 } });
    expect((await bugeat.post('/api/stock/dispenses').send({ cip13, quantity: 20 })).status).toBe(201);
    expect(await alertOf()).toMatchObject({ messageKey: 'alerts.stockRebalance', params: { quantity: 10 } });
    expect((await bugeat.post('/api/stock/dispenses').send({ cip13, quantity: 10 })).status).toBe(201);
    expect(await alertOf()).toMatchObject({ messageKey: 'alerts.stockRebalanceGone', params: { quantity: 0 } });
    const deps = { db: t.db, clock: t.clock, log: pino({ level: 'silent' }), backupDir: '', dbPath: '' };
    await runJob(expiryScanJob, deps, { force: true });
    expect(await alertOf()).toBeUndefined();
  }, 60_000);
});
