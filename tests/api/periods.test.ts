import { describe, expect, it } from 'vitest';
import { insertAudit } from '../../server/audit/audit.repository';
import { count, pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

// Queries by period take Paris calendar days and months as half-open UTC ranges
// (server/shared/dates.ts), whatever the server's zone: npm test runs this file again under
// TZ=America/Los_Angeles (tests/elsewhen.sh).

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
type Pair = { transfersAToB: number; transfersBToA: number };

/** Transfers the settlement of `month` counts, over every pair (the treasurer sees all). */
async function settledTransfers(treasurer: Agent, month: string): Promise<number> {
  const res = await treasurer.get(`/api/transfers/settlement?month=${month}`);
  expect(res.status).toBe(200);
  return res.body.pairs.reduce((n: number, p: Pair) => n + p.transfersAToB + p.transfersBToA, 0);
}

describe('monthly settlement by Paris calendar month', () => {
  it('When transfers are received at 00:30 and 02:30 Paris on 1 November, Then November counts each once and October neither; 23:59 on 31 October stays in October', async () => {
    const t = await createTestApp({ now: '2026-10-31T20:00:00.000Z' });
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const treasurer = await t.agentAs('tresorier@officoop.test');
    const [P] = unheldProducts(t.db, 1) as [string];
    await bugeat
      .post('/api/stock/receipts')
      .send({ cip13: P, lotNumber: 'L1', expiryDate: '2027-10-31', quantity: 30, unitCostCents: 100 });

    /** A shipped transfer from Bugeat to Meymac, received at `receivedAt` (UTC). */
    async function receivedAt(receivedIso: string) {
      const asked = await meymac.post('/api/transfers').send({
        fromPharmacyId: pharmacyId(t.db, 'bugeat'),
        cip13: P,
        quantity: 2,
        reason: 'Patient en sortie',
        urgency: 'normal',
      });
      expect(asked.status).toBe(201);
      expect((await bugeat.post(`/api/transfers/${asked.body.id}/accept`).send({})).status).toBe(200);
      expect((await bugeat.post(`/api/transfers/${asked.body.id}/ship`)).status).toBe(200);
      t.clock.set(receivedIso);
      const received = await meymac.post(`/api/transfers/${asked.body.id}/receive`).send({});
      expect(received.status).toBe(200);
      expect(received.body.receivedAt).toBe(receivedIso);
    }

    const octoberBefore = await settledTransfers(treasurer, '2026-10');
    const novemberBefore = await settledTransfers(treasurer, '2026-11');
    await receivedAt('2026-10-31T22:59:00.000Z'); // 23:59 Paris, 31 October (CET, +1)
    await receivedAt('2026-10-31T23:30:00.000Z'); // 00:30 Paris, 1 November
    await receivedAt('2026-11-01T01:30:00.000Z'); // 02:30 Paris, 1 November

    expect(await settledTransfers(treasurer, '2026-10')).toBe(octoberBefore + 1);
    expect(await settledTransfers(treasurer, '2026-11')).toBe(novemberBefore + 2);
  });
});

describe('audit log by Paris calendar day', () => {
  /** Audit rows of a test-only entity at the given UTC instants. */
  function auditAt(t: App, instants: string[]) {
    for (const at of instants) {
      insertAudit(t.db, { at, actorUserId: null, actorLabel: 'test', action: 'probe', entity: 'probe', entityId: at });
    }
  }
  const probes = async (admin: Agent, query: string) => {
    const res = await admin.get(`/api/audit?entity=probe&pageSize=200&${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((e: { entityId: string }) => e.entityId).sort();
  };

  it('When the admin asks up to 9999-12-31, Then every row comes back', async () => {
    const t = await createTestApp({ seed: 'organisation' });
    const admin = await t.agentAs('admin@officoop.test');
    auditAt(t, ['2026-11-23T08:00:00.000Z', '2031-03-30T01:30:00.000Z']);
    const rows = count(t.db, 'audit_log');
    for (const query of ['to=9999-12-31', 'from=0001-01-01&to=9999-12-31', 'from=0001-01-01']) {
      const res = await admin.get(`/api/audit?pageSize=200&${query}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(rows);
    }
    expect((await admin.get('/api/audit?to=9999-12-31&pageSize=200')).body.total).toBe(
      (await admin.get('/api/audit?to=9998-12-31&pageSize=200')).body.total,
    );
  });

  it('When the admin filters from/to one Paris day, Then rows from its Paris midnight to the next are included, and none outside', async () => {
    const t = await createTestApp({ seed: 'organisation' });
    const admin = await t.agentAs('admin@officoop.test');
    auditAt(t, [
      '2026-11-22T22:59:59.999Z', // 23:59:59 Paris on the 22nd
      '2026-11-22T23:00:00.000Z', // midnight Paris, the 23rd
      '2026-11-23T22:59:59.999Z', // last instant of the 23rd in Paris
      '2026-11-23T23:00:00.000Z', // the 24th in Paris (still the 23rd in UTC)
    ]);
    expect(await probes(admin, 'from=2026-11-23&to=2026-11-23')).toEqual([
      '2026-11-22T23:00:00.000Z',
      '2026-11-23T22:59:59.999Z',
    ]);
    expect(await probes(admin, 'to=2026-11-22')).toEqual(['2026-11-22T22:59:59.999Z']);
    expect(await probes(admin, 'from=2026-11-24')).toEqual(['2026-11-23T23:00:00.000Z']);
  });

  it('When the admin filters the autumn DST day, Then its 25 Paris hours are included', async () => {
    const t = await createTestApp({ seed: 'organisation' });
    const admin = await t.agentAs('admin@officoop.test');
    auditAt(t, [
      '2026-10-24T21:59:59.999Z', // 23:59:59 CEST on the 24th
      '2026-10-24T22:00:00.000Z', // midnight CEST, the 25th
      '2026-10-25T22:30:00.000Z', // 23:30 CET, still the 25th
      '2026-10-25T23:00:00.000Z', // midnight CET, the 26th
    ]);
    expect(await probes(admin, 'from=2026-10-25&to=2026-10-25')).toEqual([
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T22:30:00.000Z',
    ]);
  });
});
