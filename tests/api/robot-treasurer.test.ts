import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app';

// SPEC §2: the treasurer's business is the share register, the ledger, the periods and the shares
// reports. The robot's calendar and batches are the coordinator's and the pharmacies' staff's; the
// treasurer reads only the month's verified pouches per pharmacy (the shares' activity key).
type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;

let t: App;
let treasurer: Agent;
let robotId: number;
let batchId: number;

beforeAll(async () => {
  t = await createTestApp();
  treasurer = await t.agentAs('tresorier@officoop.test');
  robotId = (t.db.$client.prepare('SELECT id FROM robots ORDER BY id LIMIT 1').get() as { id: number }).id;
  batchId = (t.db.$client.prepare('SELECT id FROM robot_batches ORDER BY id LIMIT 1').get() as { id: number }).id;
});

const reads = () => [
  '/api/robots',
  `/api/robots/${robotId}`,
  `/api/robots/${robotId}/calendar?week=2026-W49`,
  `/api/robots/${robotId}/windows`,
  `/api/robots/${robotId}/closures`,
  `/api/robots/${robotId}/cassettes`,
  `/api/robot-batches?robotId=${robotId}&week=2026-W49`,
  `/api/robot-batches/${batchId}`,
];

describe('the robot is not the treasurer’s business (SPEC §2)', () => {
  it('When the treasurer reads the robot’s calendar, batches, windows, closures or cassettes, Then 403 auth.forbidden', async () => {
    for (const path of reads()) {
      const res = await treasurer.get(path);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 403, 'auth.forbidden']);
    }
  });

  it('When the coordinator or a pharmacist reads the same, Then 200', async () => {
    for (const email of ['admin@officoop.test', 'pharmacien.felletin@officoop.test']) {
      const agent = await t.agentAs(email);
      for (const path of reads()) expect([email, path, (await agent.get(path)).status]).toEqual([email, path, 200]);
    }
  });

  it('When the treasurer reads the month’s robot activity (the shares’ activity key), Then 200 still', async () => {
    const res = await treasurer.get('/api/robot/activity').query({ month: '2026-11' });
    expect(res.status).toBe(200);
  });
});
