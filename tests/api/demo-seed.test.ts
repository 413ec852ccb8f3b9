import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app';

/** Columns that record something that has happened (as opposed to a cut-off, a delivery or an expiry ahead). */
const EVENT_COLUMN =
  /^(created|updated|submitted|accepted|rejected|shipped|received|cancelled|verified|delivered|decided|recorded|closed|dismissed|answered|produced|started|finished|completed|signed|sent|reversed|applied|read|last_login|changed|done|resolved)_at$/;

describe('demo data', () => {
  // The demo is built around the day it starts: whatever the weekday, nothing in it has
  // happened after "now" (an order submitted tomorrow would puzzle a nurse and a reviewer).
  it.each([
    '2026-11-23T09:00:00Z', // a Monday morning
    '2026-11-26T15:30:00Z', // a Thursday afternoon, after the Wednesday cut-off
    '2026-11-29T20:00:00Z', // a Sunday evening
    '2027-03-28T01:30:00Z', // the spring DST Sunday
  ])('When the demo starts at %s, Then no recorded event lies in the future', async (now) => {
    const { db } = await createTestApp({ now });
    const tables = db.all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%' and name not like '__drizzle%'`,
    );
    const future: string[] = [];
    let checked = 0;
    for (const { name } of tables) {
      const columns = db.all<{ name: string }>(sql.raw(`select name from pragma_table_info('${name}')`));
      for (const column of columns.filter((c) => EVENT_COLUMN.test(c.name))) {
        checked++;
        const rows = db.all<{ value: string }>(
          sql.raw(
            `select "${column.name}" as value from "${name}" where "${column.name}" > '${now.replace('Z', '.000Z')}'`,
          ),
        );
        if (rows.length > 0) future.push(`${name}.${column.name}: ${rows.length} rows, e.g. ${rows[0]?.value}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(future).toEqual([]);

    // An order's history reads in order: created, then sent at the time its progress says, and an
    // absence declared names its resident and days (found by a tester: « created » after « sent »).
    const events = db.all<{
      orderId: number;
      at: string;
      kind: string;
      details: string;
      submittedAt: string | null;
      actor: string;
    }>(
      sql.raw(
        'select e.order_id as orderId, e.at, e.kind, e.details, o.submitted_at as submittedAt, e.actor_label as actor from order_events e join weekly_orders o on o.id = e.order_id order by e.id',
      ),
    );
    const byOrder = new Map<number, typeof events>();
    for (const e of events) byOrder.set(e.orderId, [...(byOrder.get(e.orderId) ?? []), e]);
    expect(byOrder.size).toBeGreaterThan(5);
    for (const [orderId, list] of byOrder) {
      const created = list.find((e) => e.kind === 'created');
      const submitted = list.find((e) => e.kind === 'submitted');
      expect(created, `order ${orderId}`).toBeDefined();
      if (submitted) {
        expect(submitted.at, `order ${orderId}`).toBe(submitted.submittedAt);
        expect((created?.at ?? '') < submitted.at, `order ${orderId} created before sent`).toBe(true);
        // Sent by the care home's nurse, as its history says (not « Système »).
        expect(submitted.actor, `order ${orderId}`).toMatch(/^ehpad\.[a-z]+@officoop\.test$/);
      }
      for (const absence of list.filter((e) => e.kind === 'absence_added')) {
        expect(absence.actor, `order ${orderId}`).toMatch(/^ehpad\.[a-z]+@officoop\.test$/);
        expect(JSON.parse(absence.details), `order ${orderId}`).toMatchObject({
          residentId: expect.any(Number),
          from: expect.any(String),
          to: expect.any(String),
        });
      }
    }
  });
});
