import type { Db } from '../../db/client';
import type { DatasetGenerator } from './generator';

/**
 * Last generator: publishes, as facts, one id of each resource the sweep of every domain
 * read (bench/figures.ts, issue 16) needs in its path, taken where the bench's logins may
 * read it (the first pharmacist's pharmacy, its care homes and batches; anything for the
 * treasurer). It writes nothing. A missing id leaves its fact unset: the endpoint's probe
 * then fails and its row says so.
 */
export const idsGenerator: DatasetGenerator = {
  name: 'ids',
  build({ db, facts }) {
    const one = (sql: string, ...params: unknown[]): number | undefined => {
      const row = db.$client.prepare(sql).get(...params) as { id: number } | undefined;
      return row?.id;
    };
    const pharmacyId = one("SELECT pharmacy_id AS id FROM users WHERE role = 'pharmacist' ORDER BY id LIMIT 1");
    if (pharmacyId === undefined) return { skipped: 'no pharmacist' };
    const set = (name: string, value: number | string | undefined) => {
      if (value !== undefined) facts[name] = value;
    };
    set('pharmacyId', pharmacyId);
    const careHomeId = one('SELECT id FROM care_homes WHERE pharmacy_id = ? ORDER BY id LIMIT 1', pharmacyId);
    set('careHomeId', careHomeId);
    set('residentId', one('SELECT id FROM residents WHERE care_home_id = ? ORDER BY id LIMIT 1', careHomeId ?? -1));
    // A batch with the most orders, produced if any: its lots, verification and shortages are not empty.
    set(
      'batchId',
      one(
        `SELECT b.id FROM robot_batches b LEFT JOIN robot_batch_orders o ON o.batch_id = b.id
         WHERE b.pharmacy_id = ? GROUP BY b.id
         ORDER BY b.status IN ('produced', 'verified') DESC, count(o.order_id) DESC, b.id LIMIT 1`,
        pharmacyId,
      ) ?? one('SELECT id FROM robot_batches ORDER BY id LIMIT 1'),
    );
    // A submitted order of this pharmacy's care homes that no batch holds: the robot's slots for it.
    set(
      'slotsOrderId',
      one(
        `SELECT o.id FROM weekly_orders o JOIN care_homes c ON c.id = o.care_home_id
         WHERE c.pharmacy_id = ? AND o.status = 'submitted' AND NOT EXISTS (
           SELECT 1 FROM robot_batch_orders bo JOIN robot_batches b ON b.id = bo.batch_id
           WHERE bo.order_id = o.id AND b.status <> 'cancelled')
         ORDER BY o.id LIMIT 1`,
        pharmacyId,
      ),
    );
    set('patientId', one('SELECT id FROM patients WHERE pharmacy_id = ? ORDER BY id LIMIT 1', pharmacyId));
    set('reviewId', one('SELECT id FROM reviews WHERE pharmacy_id = ? ORDER BY id DESC LIMIT 1', pharmacyId));
    set('ledgerEntryId', one('SELECT id FROM ledger_entries ORDER BY id DESC LIMIT 1'));
    set('periodId', one('SELECT id FROM share_periods ORDER BY id DESC LIMIT 1'));
    set('activityMonth', latestMonth(db));
    return { rows: {} };
  },
};

function latestMonth(db: Db): string | undefined {
  const row = db.$client.prepare('SELECT max(started_at) AS at FROM robot_batch_runs').get() as
    | { at: string | number | null }
    | undefined;
  if (row?.at === null || row?.at === undefined) return undefined;
  return new Date(row.at).toISOString().slice(0, 7);
}
