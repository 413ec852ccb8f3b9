import { beforeAll, describe, expect, it } from 'vitest';
import { demoOrderTimeline } from '../../db/seed/demo-timeline';
import { formatCount } from '../../reports/layout';
import { deliverySignatures } from '../../server/robot/delivery.usecases';
import { lotsOutOfBalance } from '../../server/stock/stock.repository';
import { orderId } from '../helpers/orders';
import {
  bookFirstSlot,
  catalogueLabelOf,
  ensureRobot,
  OPEN_WEEK_CUTOFF,
  orderStatusOf,
  pharmacyIdOf,
  pouchNeeds,
  productionState,
  stockUp,
} from '../helpers/production';
import { binary, pdfText } from '../helpers/shares';
import { createTestApp, TEST_NOW } from '../helpers/test-app';

/** A count as the sheet prints it, read back by pdftotext (its no-break spaces as plain ones). */
const count = (n: number) => formatCount(n).replace(/\u00a0/g, ' ');

// What really happens at the robot (found by a tester): the operator loads another lot than the
// sheet's FEFO one, the robot jams and some pouches are missing, the pharmacist rejects a batch
// and has it produced again, or gives it up so its orders are planned again. The robot is hosted
// by Bugeat; the demo's open week (2026-W49) ends Sunday 2026-12-06.

type App = Awaited<ReturnType<typeof createTestApp>>;
type Agent = Awaited<ReturnType<App['agentAs']>>;
let t: App;
const as: Record<string, Agent> = {};
let robotId: number;
const week = demoOrderTimeline(new Date(TEST_NOW)).open;
const q = <T>(sql: string, ...args: unknown[]) => t.db.$client.prepare(sql).all(...args) as T[];
const agent = (key: string) => as[key] as Agent;

async function refused(
  send: () => PromiseLike<{ status: number; body: { error?: { code: string } } }>,
  status: number,
  code: string,
) {
  const before = productionState(t.db);
  const res = await send();
  expect([res.status, res.body.error?.code]).toEqual([status, code]);
  expect(productionState(t.db)).toEqual(before);
  return res;
}

const lotId = (pharmacy: string, lotNumber: string) =>
  q<{ id: number }>(
    'SELECT id FROM stock_lots WHERE pharmacy_id = ? AND lot_number = ?',
    pharmacyIdOf(t.db, pharmacy),
    lotNumber,
  )[0]?.id as number;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(OPEN_WEEK_CUTOFF); // the demo as seeded on Monday, run from the open week's cut-off on
  for (const [key, email] of Object.entries({
    admin: 'admin@officoop.test',
    felletin: 'pharmacien.felletin@officoop.test',
    felletinTech: 'preparateur.felletin@officoop.test',
    bugeat: 'pharmacien.bugeat@officoop.test',
    bugeatTech: 'preparateur.bugeat@officoop.test',
    meymac: 'pharmacien.meymac@officoop.test',
  }))
    as[key] = await t.agentAs(email);
  robotId = await ensureRobot(t.db, agent('admin'));
});

describe('a run with another lot, a jam, a rejection and a second run', () => {
  let order: number;
  let batch: number;
  let pouches: number;
  let needs: { cip13: string; units: number }[];
  let resident: { residentId: number; pouches: number };

  beforeAll(async () => {
    order = orderId(t.db, 'ehpad-felletin', week);
    needs = pouchNeeds(t.db, order);
    const bugeat = agent('bugeat');
    await stockUp(bugeat, needs, { prefix: 'FIRST', expiryDate: '2027-01-31', extra: 400 });
    await stockUp(bugeat, needs.slice(0, 1), { prefix: 'LOADED', expiryDate: '2027-12-31', extra: 400 });
    await stockUp(bugeat, needs.slice(0, 1), { prefix: 'SOON', expiryDate: '2026-12-02', extra: 400 });
    batch = await bookFirstSlot(agent('felletin'), robotId, [order]);
    pouches = (await agent('felletin').get(`/api/robot-batches/${batch}`)).body.pouches;
    expect((await agent('bugeatTech').post(`/api/robot-batches/${batch}/start`).send({})).status).toBe(200);
    resident = (await agent('felletin').get(`/api/robot-batches/${batch}/verification`)).body.residents[0];
  });

  it('When a resident’s last name has accents, Then the verification writes it in French capitals (« BRUGÈRE », not « BRUGèRE »)', async () => {
    const sqlite = t.db.$client;
    const before = sqlite
      .prepare('SELECT last_name AS lastName, first_name AS firstName FROM residents WHERE id = ?')
      .get(resident.residentId) as { lastName: string; firstName: string };
    sqlite.prepare("UPDATE residents SET last_name = 'Brugère' WHERE id = ?").run(resident.residentId);
    try {
      const view = (await agent('felletin').get(`/api/robot-batches/${batch}/verification`)).body;
      const named = view.residents.find((r: { residentId: number }) => r.residentId === resident.residentId);
      expect(named.name).toBe(`BRUGÈRE ${before.firstName}`);
    } finally {
      sqlite.prepare('UPDATE residents SET last_name = ? WHERE id = ?').run(before.lastName, resident.residentId);
    }
  });

  it('When the start or the completion carries an unknown key, Then 400 and nothing is written', async () => {
    await refused(
      () => agent('bugeatTech').post(`/api/robot-batches/${batch}/start`).send({ force: true }),
      400,
      'validation.invalid_input',
    );
    await refused(
      () =>
        agent('bugeatTech')
          .post(`/api/robot-batches/${batch}/complete`)
          .send({ pouchesProduced: pouches, skipCheck: true }),
      400,
      'validation.invalid_input',
    );
  });

  it('When a production read carries an unknown query key, Then 400', async () => {
    for (const path of ['verification', 'shortages', 'production-sheet']) {
      const res = await agent('felletin').get(`/api/robot-batches/${batch}/${path}`).query({ debug: 1 });
      expect([path, res.status, res.body.error?.code]).toEqual([path, 400, 'validation.invalid_input']);
    }
  });

  it('When fewer pouches are declared without an incident, or the incident’s short pouches do not add up, Then 422 and nothing is written', async () => {
    const complete = (body: object) => () =>
      agent('bugeatTech').post(`/api/robot-batches/${batch}/complete`).send(body);
    await refused(complete({ pouchesProduced: pouches - 2 }), 422, 'robot.pouch_count_mismatch');
    await refused(
      complete({
        pouchesProduced: pouches - 2,
        incident: { description: 'Bourrage', shortPouches: [{ residentId: resident.residentId, pouches: 1 }] },
      }),
      422,
      'robot.short_pouches_mismatch',
    );
    await refused(
      complete({
        pouchesProduced: pouches - 1,
        incident: { description: 'Bourrage', shortPouches: [{ residentId: 999999, pouches: 1 }] },
      }),
      422,
      'robot.anomaly_resident_not_in_batch',
    );
  });

  it('When the named lot is not one the batch may use, Then 422 robot.lot_not_usable and nothing is written', async () => {
    const first = needs[0]?.cip13 as string;
    const complete =
      (lotIds: number[], cip13 = first) =>
      () =>
        agent('bugeatTech')
          .post(`/api/robot-batches/${batch}/complete`)
          .send({ pouchesProduced: pouches, lots: [{ cip13, lotIds }] });
    await stockUp(agent('felletin'), needs.slice(0, 1), { prefix: 'ELSEWHERE', expiryDate: '2027-12-31' });
    const expiring = await refused(complete([lotId('bugeat', 'SOON0')]), 422, 'robot.lot_not_usable');
    expect(expiring.body).toMatchObject({ error: { details: [{ why: 'expires_too_soon' }] } });
    const foreign = await refused(complete([lotId('felletin', 'ELSEWHERE0')]), 422, 'robot.lot_not_usable');
    expect(foreign.body).toMatchObject({ error: { details: [{ why: 'not_host_lot' }] } });
  });

  it('When the operator lists the lots to choose from, Then the host’s usable lots show, FEFO marked, and not one expiring mid-week', async () => {
    const first = needs[0]?.cip13 as string;
    const res = await agent('bugeatTech').get(`/api/robot-batches/${batch}/lots`);
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { cip13: string }) => i.cip13 === first);
    for (const i of res.body.items) expect(i.label, i.cip13).toBe(catalogueLabelOf(t.db, i.cip13));
    const numbers = item.lots.map((l: { lotNumber: string }) => l.lotNumber);
    expect(numbers).toEqual(expect.arrayContaining(['FIRST0', 'LOADED0']));
    expect(numbers).not.toContain('SOON0');
    expect(item.fefoLotIds).toEqual([lotId('bugeat', 'FIRST0')]);
    expect((await agent('meymac').get(`/api/robot-batches/${batch}/lots`)).status).toBe(404);
  });

  it('When the operator names the lot loaded and declares a jam, Then that lot is consumed and the short pouches are open anomalies', async () => {
    const first = needs[0] as { cip13: string; units: number };
    const res = await agent('bugeatTech')
      .post(`/api/robot-batches/${batch}/complete`)
      .send({
        pouchesProduced: pouches - 2,
        lots: [{ cip13: first.cip13, lotIds: [lotId('bugeat', 'LOADED0')] }],
        incident: {
          description: 'Bourrage de la cassette 12',
          shortPouches: [{ residentId: resident.residentId, pouches: 2 }],
        },
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'produced',
      production: { pouchesProduced: pouches - 2, incident: 'Bourrage de la cassette 12', openAnomalies: 1 },
    });
    const ofFirst = res.body.consumption.filter((c: { cip13: string }) => c.cip13 === first.cip13);
    expect(ofFirst).toEqual([expect.objectContaining({ lot: 'LOADED0', units: first.units })]);
    const view = (await agent('felletin').get(`/api/robot-batches/${batch}/verification`)).body;
    expect(view.anomalies).toEqual([
      expect.objectContaining({ residentId: resident.residentId, missingPouches: 2, resolvedAt: null }),
    ]);
    await refused(
      () => agent('felletin').post(`/api/robot-batches/${batch}/verify`).send({ pouchesChecked: pouches }),
      409,
      'robot.open_anomalies',
    );
    // Once the 2 pouches are remade by hand, the pharmacist checks all the planned pouches, not
    // only the robot's: those are the pouches delivered.
    const anomalyId = view.anomalies[0].id as number;
    const resolved = await agent('felletin')
      .post(`/api/robot-batch-anomalies/${anomalyId}/resolve`)
      .send({ resolution: '2 sachets refaits à la main' });
    expect(resolved.status).toBe(200);
    const robotsOnly = await agent('felletin')
      .post(`/api/robot-batches/${batch}/verify`)
      .send({ pouchesChecked: pouches - 2 });
    expect([robotsOnly.status, robotsOnly.body.error.code, robotsOnly.body.error.details]).toEqual([
      422,
      'robot.pouches_not_all_checked',
      [{ checked: pouches - 2, produced: pouches }],
    ]);
    expect(lotsOutOfBalance(t.db)).toEqual([]);
    // The production sheet says what the robot made and why pouches are missing.
    const sheet = await agent('felletin')
      .get(`/api/robot-batches/${batch}/production-sheet`)
      .buffer(true)
      .parse(binary);
    const text = pdfText(sheet.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain('INCIDENT DE PRODUCTION — Bourrage de la cassette 12');
    expect(text).toContain(
      `Le robot a produit ${count(pouches - 2)} sachets sur ${count(pouches)} : 2 sachets manquants sont à refaire à la main`,
    );
  });

  it('When a technician, the host’s pharmacist or another pharmacy rejects it, Then 403/403/404 and nothing is written', async () => {
    const reject = (key: string) => () =>
      agent(key).post(`/api/robot-batches/${batch}/reject`).send({ reason: 'Sachets mal scellés', decision: 'redo' });
    await refused(reject('felletinTech'), 403, 'auth.forbidden');
    await refused(reject('bugeat'), 403, 'robot.verify_own_care_homes_only');
    await refused(reject('meymac'), 404, 'robot.batch_not_found');
    await refused(
      () => agent('felletin').post(`/api/robot-batches/${batch}/reject`).send({ reason: 'x', decision: 'later' }),
      400,
      'validation.invalid_input',
    );
  });

  it('When the Felletin pharmacist rejects it to be redone, Then it is in production again, its pouches’ lots voided, and a second run completes', async () => {
    const consumedBefore = q<{ n: number }>(
      "SELECT count(*) AS n FROM stock_movements WHERE kind = 'robot_consumption'",
    )[0]?.n;
    const before = (await agent('felletin').get(`/api/robot-batches/${batch}`)).body.production;
    // The pharmacist rejects the run twenty minutes after it was produced.
    const rejectedAt = new Date(Date.parse(OPEN_WEEK_CUTOFF) + 20 * 60_000).toISOString();
    t.clock.set(rejectedAt);
    const res = await agent('felletin')
      .post(`/api/robot-batches/${batch}/reject`)
      .send({ reason: 'Sachets mal scellés', decision: 'redo' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'in_production',
      consumption: [],
      production: {
        // The run starts again when the pharmacist sends it back, by her; the rejection keeps the first run.
        startedAt: rejectedAt,
        completedAt: null,
        pouchesProduced: null,
        incident: null,
        openAnomalies: 0,
        rejections: [
          {
            decision: 'redo',
            reason: 'Sachets mal scellés',
            rejectedAt,
            runStartedAt: before.startedAt,
            runCompletedAt: before.completedAt,
            runPouchesProduced: before.pouchesProduced,
          },
        ],
      },
    });
    expect(res.body.production.startedBy).toBe(res.body.production.rejections[0].rejectedBy);
    expect(res.body.production.startedBy).not.toBe(before.startedBy);
    expect(before.pouchesProduced).toBe(pouches - 2);
    // The production sheet tells the rejected run apart from the one to come.
    const sheet = await agent('felletin')
      .get(`/api/robot-batches/${batch}/production-sheet`)
      .buffer(true)
      .parse(binary);
    const text = pdfText(sheet.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain(`(${count(pouches - 2)} sachets, détruits) a été rejetée le`);
    expect(text).toContain(': Sachets mal scellés Elle a été refaite : cette fiche suit la nouvelle production.');
    expect(orderStatusOf(t.db, order)).toBe('in_production');
    // The destroyed pouches' units stay consumed; the recall still finds the lots they held.
    expect(q<{ n: number }>("SELECT count(*) AS n FROM stock_movements WHERE kind = 'robot_consumption'")[0]?.n).toBe(
      consumedBefore,
    );
    expect(
      q<{ n: number }>(
        'SELECT count(*) AS n FROM robot_batch_consumption WHERE batch_id = ? AND voided_at IS NULL',
        batch,
      )[0]?.n,
    ).toBe(0);
    await refused(
      () => agent('felletin').post(`/api/robot-batches/${batch}/reject`).send({ reason: 'Encore', decision: 'redo' }),
      409,
      'robot.batch_not_produced',
    );

    const again = await agent('bugeatTech')
      .post(`/api/robot-batches/${batch}/complete`)
      .send({ pouchesProduced: pouches });
    expect(again.status).toBe(200);
    const units = again.body.consumption.reduce((s: number, c: { units: number }) => s + c.units, 0);
    expect(units).toBe(needs.reduce((s, n) => s + n.units, 0));
    // The host's lot history tells the rejected run's consumption from the second run's.
    const movementOf = async (voided: boolean) => {
      const row = q<{ lotId: number; movementId: number }>(
        `SELECT lot_id AS lotId, movement_id AS movementId FROM robot_batch_consumption
         WHERE batch_id = ? AND (voided_at IS NOT NULL) = ? ORDER BY id LIMIT 1`,
        batch,
        voided ? 1 : 0,
      )[0];
      const lot = await agent('bugeat').get(`/api/stock/lots/${row?.lotId}`);
      const m = lot.body.movements.find((m: { id: number }) => m.id === row?.movementId);
      return [m.kind, m.reason, m.robotRunVoidedAt];
    };
    expect(await movementOf(true)).toEqual(['robot_consumption', `Série robot n° ${batch}`, rejectedAt]);
    expect(await movementOf(false)).toEqual(['robot_consumption', `Série robot n° ${batch}`, null]);
    const verified = await agent('felletin')
      .post(`/api/robot-batches/${batch}/verify`)
      .send({ pouchesChecked: pouches });
    expect(verified.body).toMatchObject({ status: 'verified' });
    // The delivery note's pharmacy box prints who verified, and when (the receipt box once signed).
    expect(deliverySignatures(t.db, order)).toEqual({
      handedOver: { by: verified.body.production.verifiedBy, at: rejectedAt },
      received: null,
    });
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });
});

describe('a batch given up', () => {
  it('When the Meymac pharmacist abandons a produced batch, Then it is cancelled and its order goes back to be planned', async () => {
    const order = orderId(t.db, 'ehpad-meymac', week);
    await stockUp(agent('bugeat'), pouchNeeds(t.db, order), { prefix: 'MEY', expiryDate: '2027-06-30' });
    const batch = await bookFirstSlot(agent('meymac'), robotId, [order]);
    const pouches = (await agent('meymac').get(`/api/robot-batches/${batch}`)).body.pouches;
    await agent('bugeatTech').post(`/api/robot-batches/${batch}/start`);
    expect(
      (await agent('bugeatTech').post(`/api/robot-batches/${batch}/complete`).send({ pouchesProduced: pouches }))
        .status,
    ).toBe(200);

    const res = await agent('meymac')
      .post(`/api/robot-batches/${batch}/reject`)
      .send({ reason: 'Robot en panne, lot inutilisable', decision: 'abandon' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      consumption: [],
      production: { rejections: [{ decision: 'abandon' }] },
    });
    expect(orderStatusOf(t.db, order)).toBe('submitted');
    // The order can be booked again in a new batch.
    const rebooked = await bookFirstSlot(agent('meymac'), robotId, [order]);
    expect(rebooked).not.toBe(batch);
    expect(orderStatusOf(t.db, order)).toBe('planned');
    expect(lotsOutOfBalance(t.db)).toEqual([]);
  });
});
