import type { Db } from '../../db/client';

/** Ids and rows of the demo's care homes, residents and orders, read straight from the database. */
export function careHomeId(db: Db, slug: string): number {
  return (db.$client.prepare('SELECT id FROM care_homes WHERE slug = ?').get(slug) as { id: number }).id;
}

export function orderOf(db: Db, slug: string, week: string) {
  return db.$client
    .prepare(
      `SELECT o.* FROM weekly_orders o JOIN care_homes c ON c.id = o.care_home_id WHERE c.slug = ? AND o.week = ?`,
    )
    .get(slug, week) as { id: number; status: string; pouches: number; cutoff_at: string } | undefined;
}

export function orderId(db: Db, slug: string, week: string): number {
  const order = orderOf(db, slug, week);
  if (!order) throw new Error(`no demo order for ${slug} ${week}`);
  return order.id;
}

/** Active residents of a care home with at least one pouch-eligible line every day of the week. */
export function dailyResidents(db: Db, slug: string): number[] {
  return (
    db.$client
      .prepare(
        `SELECT DISTINCT r.id FROM residents r JOIN care_homes c ON c.id = r.care_home_id
         JOIN prescription_lines l ON l.resident_id = r.id
         JOIN catalogue_presentations p ON p.cip13 = l.cip13
         WHERE c.slug = ? AND r.status = 'active' AND l.schedule_kind = 'daily' AND l.as_needed = 0
           AND p.pda_excluded = 0 AND l.end_date IS NULL AND l.replaced_by_id IS NULL
         ORDER BY r.id`,
      )
      .all(slug) as { id: number }[]
  ).map((r) => r.id);
}

export function setOrderStatus(db: Db, id: number, status: string): void {
  db.$client.prepare('UPDATE weekly_orders SET status = ? WHERE id = ?').run(status, id);
}

/** Row counts of the tables an orders request may write. */
export function orderTableCounts(db: Db) {
  const n = (table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    orders: n('weekly_orders'),
    absences: n('order_absences'),
    changeRequests: n('order_change_requests'),
    events: n('order_events'),
    lines: n('prescription_lines'),
    residents: n('residents'),
    settings: n('care_home_settings'),
  };
}
