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

describe('demo robot production', () => {
  // Found by a tester: from Wednesday noon every batch of the week was already produced and
  // verified as the demo started, so a technician had nothing to start until the next week.
  it.each([
    ['2026-11-25T13:10:00Z', 3], // Wednesday 14:10, just after the cut-off: the week's three batches wait
    ['2026-11-26T09:00:00Z', 3], // Thursday 10:00
    ['2026-11-27T07:00:00Z', 1], // Friday 08:00: one batch still fits before delivery less the control
  ])(
    'When the demo starts at %s, between cut-off and delivery, Then its batches wait for the technician to start them (%i booked)',
    async (now, waiting) => {
      const { agentAs } = await createTestApp({ now });
      const technician = await agentAs('preparateur.bugeat@officoop.test');
      const robots = await technician.get('/api/robots').expect(200);
      const robotId = robots.body.items[0].id as number;
      const list = await technician.get(`/api/robot-batches?robotId=${robotId}&week=2026-W48`).expect(200);
      const booked = (list.body.items as { id: number; status: string; start: string }[]).filter(
        (b) => b.status === 'booked',
      );
      expect(booked).toHaveLength(waiting);
      for (const b of booked) expect(b.start > now.replace('Z', '.000Z')).toBe(true);
      // The earliest is startable now (its orders' cut-off has passed), through the app's own route.
      const first = booked.sort((a, b) => a.start.localeCompare(b.start))[0] as { id: number };
      const started = await technician.post(`/api/robot-batches/${first.id}/start`).expect(200);
      expect(started.body.status).toBe('in_production');
    },
  );
});
