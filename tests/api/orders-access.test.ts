import { beforeAll, describe, expect, it } from 'vitest';
import { careHomeId, dailyResidents, orderId, orderTableCounts } from '../helpers/orders';
import { createTestApp } from '../helpers/test-app';

// One app for the file: every request here is refused or only reads, and the counts prove it.
type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
const agents: Record<string, Awaited<ReturnType<App['agentAs']>>> = {};
let ids: {
  bugeatHome: number;
  bugeatOrder: number;
  bugeatResident: number;
  bugeatLine: number;
  felletinRequest: number;
};

beforeAll(async () => {
  t = await createTestApp();
  for (const email of [
    'ehpad.bugeat@officoop.test',
    'ehpad.meymac@officoop.test',
    'pharmacien.bugeat@officoop.test',
    'pharmacien.meymac@officoop.test',
    'preparateur.bugeat@officoop.test',
    'pharmacien.royere@officoop.test',
    'admin@officoop.test',
    'tresorier@officoop.test',
  ]) {
    agents[email.split('@')[0] as string] = await t.agentAs(email);
  }
  const bugeatResident = dailyResidents(t.db, 'ehpad-bugeat')[0] as number;
  ids = {
    bugeatHome: careHomeId(t.db, 'ehpad-bugeat'),
    bugeatOrder: orderId(t.db, 'ehpad-bugeat', '2026-W49'),
    bugeatResident,
    bugeatLine: (
      t.db.$client.prepare('SELECT id FROM prescription_lines WHERE resident_id = ? LIMIT 1').get(bugeatResident) as {
        id: number;
      }
    ).id,
    felletinRequest: (t.db.$client.prepare('SELECT id FROM order_change_requests LIMIT 1').get() as { id: number }).id,
  };
});

const prescription = {
  cip13: '3400937977661',
  doses: { matin: 1 },
  schedule: { kind: 'daily' },
  startDate: '2026-11-30',
  prescriber: 'Dr Test',
  asNeeded: false,
};

/** Every route that names one resource of the Bugeat care home (or Felletin's change request). */
const routes = () =>
  [
    ['get', `/api/care-homes/${ids.bugeatHome}/settings`, undefined, 'care_homes.not_found'],
    ['get', `/api/care-homes/${ids.bugeatHome}/schedule`, undefined, 'care_homes.not_found'],
    ['get', `/api/residents?careHomeId=${ids.bugeatHome}`, undefined, 'care_homes.not_found'],
    ['get', `/api/residents/${ids.bugeatResident}`, undefined, 'residents.not_found'],
    ['patch', `/api/residents/${ids.bugeatResident}`, { room: '12' }, 'residents.not_found'],
    ['get', `/api/residents/${ids.bugeatResident}/prescriptions`, undefined, 'residents.not_found'],
    ['get', `/api/orders/${ids.bugeatOrder}`, undefined, 'orders.not_found'],
    ['get', `/api/orders/${ids.bugeatOrder}/delivery-note`, undefined, 'orders.not_found'],
    ['patch', `/api/orders/${ids.bugeatOrder}`, { notes: 'x' }, 'orders.not_found'],
    [
      'post',
      `/api/orders/${ids.bugeatOrder}/absences`,
      { residentId: ids.bugeatResident, from: '2026-12-01', to: '2026-12-01', reason: 'leave' },
      'orders.not_found',
    ],
    ['delete', `/api/orders/${ids.bugeatOrder}/absences/1`, undefined, 'orders.not_found'],
    ['post', `/api/orders/${ids.bugeatOrder}/submit`, undefined, 'orders.not_found'],
    ['post', `/api/orders/${ids.bugeatOrder}/cancel`, undefined, 'orders.not_found'],
    ['post', '/api/orders', { careHomeId: ids.bugeatHome, week: '2026-W52' }, 'care_homes.not_found'],
  ] as const;

describe('tenant isolation: another care home or pharmacy gets 404, as for an id that does not exist', () => {
  for (const who of ['ehpad.meymac', 'pharmacien.meymac', 'pharmacien.royere']) {
    it(`When ${who} names a Bugeat resource on any route, Then 404 with the not-found code and nothing is written`, async () => {
      const counts = orderTableCounts(t.db);
      for (const [method, path, body, code] of routes()) {
        const res = await agents[who]?.[method](path).send(body as object);
        // A care home may not change residents at all: its role is refused before any lookup.
        const roleRefused = who.startsWith('ehpad') && method === 'patch' && path.startsWith('/api/residents');
        expect(res?.status, `${method} ${path}`).toBe(roleRefused ? 403 : 404);
        expect(res?.body.error.code, `${method} ${path}`).toBe(roleRefused ? 'auth.forbidden' : code);
      }
      expect(orderTableCounts(t.db)).toEqual(counts);
    });
  }

  it('When staff of another pharmacy touch a Bugeat prescription or Felletin’s change request, Then 404', async () => {
    const meymac = agents['pharmacien.meymac'];
    const cases = [
      [
        await meymac?.post(`/api/residents/${ids.bugeatResident}/prescriptions`).send(prescription),
        'residents.not_found',
      ],
      [
        await meymac?.post(`/api/prescriptions/${ids.bugeatLine}/replace`).send(prescription),
        'prescriptions.not_found',
      ],
      [
        await meymac?.post(`/api/prescriptions/${ids.bugeatLine}/stop`).send({ endDate: '2026-12-31' }),
        'prescriptions.not_found',
      ],
      [
        await meymac?.post(`/api/order-change-requests/${ids.felletinRequest}/accept`),
        'orders.change_request_not_found',
      ],
      [
        await meymac?.post(`/api/order-change-requests/${ids.felletinRequest}/refuse`).send({ reason: 'non' }),
        'orders.change_request_not_found',
      ],
    ] as const;
    for (const [res, code] of cases) {
      expect(res?.status).toBe(404);
      expect(res?.body.error.code).toBe(code);
    }
  });

  it('When an id does not exist, Then the answer is the same 404 as out of scope', async () => {
    const res = await agents['ehpad.meymac']?.get('/api/orders/999999');
    expect(res?.status).toBe(404);
    expect(res?.body.error.code).toBe('orders.not_found');
  });

  it('When lists are asked, Then each caller sees only its care home or the care homes its pharmacy serves', async () => {
    const homes = (rows: { careHomeId: number }[]) => [...new Set(rows.map((r) => r.careHomeId))];
    const meymacHome = careHomeId(t.db, 'ehpad-meymac');
    expect(homes((await agents['ehpad.meymac']?.get('/api/orders'))?.body.items)).toEqual([meymacHome]);
    expect(homes((await agents['pharmacien.bugeat']?.get('/api/orders'))?.body.items)).toEqual([ids.bugeatHome]);
    expect((await agents['pharmacien.royere']?.get('/api/orders'))?.body.items).toEqual([]);
    expect(homes((await agents['ehpad.bugeat']?.get('/api/residents'))?.body.items)).toEqual([ids.bugeatHome]);
    expect(homes((await agents['pharmacien.meymac']?.get('/api/residents'))?.body.items)).toEqual([meymacHome]);
    expect((await agents['pharmacien.bugeat']?.get('/api/order-change-requests'))?.body.items).toEqual([]);
    expect((await agents['ehpad.meymac']?.get(`/api/orders?careHomeId=${ids.bugeatHome}`))?.body.items).toEqual([]);
  });
});

describe('roles', () => {
  it('When a role is not allowed an action at all, Then 403 auth.forbidden and nothing is written', async () => {
    const counts = orderTableCounts(t.db);
    const cases = [
      await agents['preparateur.bugeat']?.post(`/api/residents/${ids.bugeatResident}/prescriptions`).send(prescription),
      await agents['preparateur.bugeat']
        ?.post(`/api/prescriptions/${ids.bugeatLine}/stop`)
        .send({ endDate: '2026-12-31' }),
      await agents['ehpad.bugeat']?.post('/api/residents').send({
        careHomeId: ids.bugeatHome,
        lastName: 'Nouveau',
        firstName: 'Résident',
        birthDate: '1940-01-01',
        room: '1',
      }),
      await agents['ehpad.bugeat']?.post(`/api/order-change-requests/${ids.felletinRequest}/accept`),
      await agents['pharmacien.bugeat']?.post(`/api/orders/${ids.bugeatOrder}/change-requests`).send({ message: 'x' }),
      await agents['admin']?.get(`/api/residents?careHomeId=${ids.bugeatHome}`),
      await agents['admin']?.get('/api/orders'),
      await agents['tresorier']?.get('/api/orders'),
      await agents['pharmacien.bugeat']?.put(`/api/care-homes/${ids.bugeatHome}/settings`).send({
        administrationTimes: [{ name: 'matin', time: '08:00' }],
        deliveryWeekday: 5,
        deliveryTime: '14:00',
        cutoffWeekday: 3,
        cutoffTime: '12:00',
      }),
    ];
    for (const res of cases) {
      expect(res?.status).toBe(403);
      expect(res?.body.error.code).toBe('auth.forbidden');
    }
    expect(orderTableCounts(t.db)).toEqual(counts);
  });

  it('When a technician or the care home reads prescriptions, Then they may, and each read is audited', async () => {
    const audits = () =>
      (
        t.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'prescriptions.read'").get() as {
          n: number;
        }
      ).n;
    const before = audits();
    for (const who of ['preparateur.bugeat', 'ehpad.bugeat']) {
      const res = await agents[who]?.get(`/api/residents/${ids.bugeatResident}/prescriptions`);
      expect(res?.status).toBe(200);
      expect(res?.body.items.length).toBeGreaterThan(0);
    }
    expect(audits()).toBe(before + 2);
  });

  it('When the admin reads a care home’s settings and schedule, Then it may (no patient data there)', async () => {
    expect((await agents['admin']?.get(`/api/care-homes/${ids.bugeatHome}/settings`))?.status).toBe(200);
    expect((await agents['admin']?.get(`/api/care-homes/${ids.bugeatHome}/schedule`))?.status).toBe(200);
  });
});
