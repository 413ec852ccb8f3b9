import { describe, expect, it } from 'vitest';
import {
  completeFormIssues,
  depannageFor,
  followedOrders,
  mayPrintDeliveryNotes,
  mayRun,
  mayVerify,
  missingPouches,
  ranTimes,
  runTooShort,
  startsAfter,
} from '../../web/src/robot/production/production.rules';

const batch = { pharmacyId: 4, production: { hostPharmacyId: 1 } } as Parameters<typeof mayRun>[1];
const user = (role: 'pharmacist' | 'technician' | 'admin' | 'carehome', pharmacyId: number | null) => ({
  role,
  pharmacy: pharmacyId === null ? null : { id: pharmacyId, slug: 'x', name: 'X', careHomes: 1 },
});

describe('who may act on a batch in the web app', () => {
  it('When staff work at the host or at the orders’ pharmacy, Then they run production; only pharmacists verify', () => {
    expect(mayRun(user('technician', 1), batch)).toBe(true);
    expect(mayRun(user('technician', 4), batch)).toBe(true);
    expect(mayVerify(user('technician', 4), batch)).toBe(false);
    expect(mayVerify(user('pharmacist', 4), batch)).toBe(true);
    // The host's pharmacist runs the robot but verifies only its own care homes' batches.
    expect(mayVerify(user('pharmacist', 1), batch)).toBe(false);
  });

  it('When the host runs another pharmacy’s batch, Then only the orders’ pharmacy gets the delivery-note links', () => {
    expect(mayPrintDeliveryNotes(user('technician', 4), batch)).toBe(true);
    expect(mayPrintDeliveryNotes(user('pharmacist', 4), batch)).toBe(true);
    expect(mayPrintDeliveryNotes(user('pharmacist', 1), batch)).toBe(false);
    expect(mayPrintDeliveryNotes(user('carehome', null), batch)).toBe(false);
  });

  it('When the user is elsewhere or not pharmacy staff, Then no production button shows', () => {
    expect(mayRun(user('pharmacist', 2), batch)).toBe(false);
    expect(mayRun(user('admin', null), batch)).toBe(false);
    expect(mayVerify(user('carehome', null), batch)).toBe(false);
  });
});

describe('« Terminer la production » before it is sent', () => {
  const form = (pouchesProduced: number | string, incident = '', short: [string | null, number | string][] = []) => ({
    pouchesProduced,
    incident,
    short: short.map(([residentId, pouches]) => ({ residentId, pouches })),
  });

  it('When fewer pouches than planned are produced and no incident is described, Then the incident field says so', () => {
    expect(completeFormIssues(form(1037), 1040)).toEqual({
      incident: { key: 'production.complete.incidentMissing', params: { count: 3 } },
    });
    expect(completeFormIssues(form(1037, '   '), 1040)).toHaveProperty('incident');
  });

  // A tester typed « -5 » and read « Il manque 1 045 sachets : décrivez l’incident. ».
  it('When the pouches produced are unreadable, negative or over the planned count, Then none are said to be missing', () => {
    expect(missingPouches(1037, 1040)).toBe(3);
    expect(missingPouches(0, 1040)).toBe(1040);
    expect(missingPouches(1040, 1040)).toBe(0);
    for (const typed of [-5, 12.5, '12,5', '', 1041]) expect(missingPouches(typed, 1040)).toBe(0);
    expect(completeFormIssues(form(-5), 1040)).toEqual({});
  });

  it('When the short pouches listed do not add up to the missing ones, Then the list says how many it should be', () => {
    expect(completeFormIssues(form(1037, 'Bourrage cassette 15', [['12', 2]]), 1040)).toEqual({
      short: { key: 'errors.robot.short_pouches_mismatch', params: { listed: 2, missing: 3 } },
    });
    // A row without its resident does not count yet.
    expect(
      completeFormIssues(
        form(1037, 'Bourrage', [
          ['12', 2],
          [null, 1],
        ]),
        1040,
      ),
    ).toHaveProperty('short');
    expect(
      completeFormIssues(
        form(1037, 'Bourrage', [
          ['12', 2],
          ['13', '1'],
        ]),
        1040,
      ),
    ).toEqual({});
  });

  it('When more pouches than planned are typed, Then the count itself is refused, not sent as pouches to remake', () => {
    expect(completeFormIssues(form(1041), 1040)).toEqual({
      pouchesProduced: { key: 'production.complete.overPlanned', params: { planned: 1040 } },
    });
  });

  it('When every pouch is produced (or the count is still being typed), Then nothing is refused here', () => {
    expect(completeFormIssues(form(1040), 1040)).toEqual({});
    expect(completeFormIssues(form(''), 1040)).toEqual({});
  });
});

describe('the one-click dépannage', () => {
  it('When several pharmacies hold the product, Then the one holding most is asked for what is missing', () => {
    const pool = [
      { pharmacyId: 3, pharmacyName: 'Peyrelevade', available: 40, nearestExpiry: '2027-01-31' },
      { pharmacyId: 2, pharmacyName: 'Meymac', available: 90, nearestExpiry: '2027-03-31' },
    ];
    expect(depannageFor({ missing: 60, pool })).toEqual({ fromPharmacyId: 2, pharmacyName: 'Meymac', quantity: 60 });
  });

  it('When the best holder has less than missing, Then it is asked for all it has; nobody: null', () => {
    const pool = [{ pharmacyId: 5, pharmacyName: 'Royère', available: 12, nearestExpiry: '2027-01-31' }];
    expect(depannageFor({ missing: 60, pool })?.quantity).toBe(12);
    expect(depannageFor({ missing: 60, pool: [] })).toBeNull();
  });
});

describe('when a booked batch may start', () => {
  it('When an order of the batch is still before its cut-off, Then the page waits for the last cut-off; after it, the batch may start', () => {
    const orders = [{ cutoffAt: '2026-11-25T11:00:00.000Z' }, { cutoffAt: '2026-11-25T13:00:00.000Z' }] as Parameters<
      typeof startsAfter
    >[0]['orders'];
    expect(startsAfter({ orders }, new Date('2026-11-25T10:00:00Z'))).toBe('2026-11-25T13:00:00.000Z');
    expect(startsAfter({ orders }, new Date('2026-11-25T12:00:00Z'))).toBe('2026-11-25T13:00:00.000Z');
    expect(startsAfter({ orders }, new Date('2026-11-25T13:00:00Z'))).toBeNull();
    expect(startsAfter({ orders: [] }, new Date('2026-11-25T10:00:00Z'))).toBeNull();
  });
});

describe("the care home's order-tracking card", () => {
  const order = (id: number, week: string, status: string) => ({ id, week, status });

  it('When a verified week is followed by planned weeks, Then the verified one shows first and counts as waiting', () => {
    const orders = [
      order(1, '2026-W49', 'delivered'),
      order(2, '2026-W50', 'verified'),
      order(3, '2026-W51', 'planned'),
      order(4, '2026-W52', 'planned'),
      order(5, '2027-W01', 'draft'),
    ];
    const { shown, waiting } = followedOrders(orders);
    expect(shown.map((o) => o.id)).toEqual([2, 3]);
    expect(waiting).toBe(1);
  });

  it('When two verified orders wait, Then both count even if only one would be shown; delivered ones come last, latest first', () => {
    const orders = [
      order(1, '2026-W48', 'delivered'),
      order(2, '2026-W49', 'delivered'),
      order(3, '2026-W50', 'verified'),
      order(4, '2026-W51', 'verified'),
    ];
    expect(followedOrders(orders, 1)).toEqual({ shown: [orders[2]], waiting: 2 });
    expect(followedOrders(orders.filter((o) => o.status === 'delivered')).shown.map((o) => o.id)).toEqual([2, 1]);
  });
});

describe('finishing a run much shorter than planned', () => {
  const run = (startedAt: string | null) => ({ durationMinutes: 90, production: { startedAt } });
  const now = new Date('2026-12-09T13:40:30Z');
  it('When « Terminer » comes minutes after « Démarrer » for a 90-minute batch, Then the dialog asks to check, with the minutes run', () => {
    expect(runTooShort(run('2026-12-09T13:40:00Z'), now)).toBe(0);
    expect(runTooShort(run('2026-12-09T13:00:00Z'), now)).toBe(40);
    // From half the planned length on (45 of 90 minutes), a run is plausible: nothing is said.
    expect(runTooShort(run('2026-12-09T12:55:30Z'), now)).toBeNull();
    expect(runTooShort(run('2026-12-09T11:00:00Z'), now)).toBeNull();
  });
  it('When the batch has not started, or the clock is behind its start, Then nothing negative is shown', () => {
    expect(runTooShort(run(null), now)).toBeNull();
    expect(runTooShort(run('2026-12-09T14:00:00Z'), now)).toBe(0);
  });
});

describe('the times a produced batch ran', () => {
  // Found under a faked Thursday: a batch started ahead of its slot, whose block could not move
  // onto the demo's batches booked that morning, showed its block (next week) as its run.
  it('When a batch ran away from its block, Then its page gives the run: started to completed, and its minutes', () => {
    const batch = {
      status: 'produced' as const,
      start: '2026-12-16T13:00:00.000Z',
      end: '2026-12-10T09:42:00.000Z',
      production: { startedAt: '2026-12-10T09:00:00.000Z', completedAt: '2026-12-10T09:42:00.000Z' },
    };
    expect(ranTimes(batch)).toEqual({
      start: '2026-12-10T09:00:00.000Z',
      end: '2026-12-10T09:42:00.000Z',
      minutes: 42,
    });
    expect(
      ranTimes({ ...batch, production: { ...batch.production, completedAt: batch.production.startedAt } })?.minutes,
    ).toBe(1);
    expect(ranTimes({ ...batch, status: 'in_production' })).toBeNull();
  });
});
