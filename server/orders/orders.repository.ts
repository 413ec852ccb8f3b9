import { and, asc, desc, eq, gt, gte, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  careHomes,
  cataloguePresentations,
  catalogueSpecialities,
  orderAbsences,
  orderChangeRequests,
  orderEvents,
  orderLines,
  users,
  weeklyOrders,
} from '../../db/schema';
import { preparedQuery, statement } from '../../db/statements';
import {
  OPEN_STATUSES,
  type OrderStatus,
  type OrderWeek,
  type ResidentWeek,
  type UnitRoute,
  type WeekLine,
} from './orders.models';

/** Which orders a caller sees: all, those of a pharmacy's care homes, or one care home's. */
export type OrderScope = { all: true } | { all: false; pharmacyId?: number; careHomeId?: number };

/** The shape of a scope's filter: one prepared query per shape (issue 16). */
type ScopeKind = 'all' | 'careHome' | 'pharmacy' | 'none';

function scopeKind(scope: OrderScope): ScopeKind {
  if (scope.all) return 'all';
  if (scope.careHomeId !== undefined) return 'careHome';
  if (scope.pharmacyId !== undefined) return 'pharmacy';
  return 'none';
}

/** A scope's filter, its values in placeholders `scopeCareHomeId`, `scopePharmacyId` (see `scopeValues`). */
function scopePlaceholder(kind: ScopeKind): SQL | undefined {
  if (kind === 'all') return undefined;
  if (kind === 'careHome') return eq(weeklyOrders.careHomeId, sql.placeholder('scopeCareHomeId'));
  if (kind === 'pharmacy') return eq(careHomes.pharmacyId, sql.placeholder('scopePharmacyId'));
  return sql`0`;
}

const scopeValues = (scope: OrderScope) => ({
  scopeCareHomeId: scope.all ? undefined : scope.careHomeId,
  scopePharmacyId: scope.all ? undefined : scope.pharmacyId,
});

const orderColumns = {
  id: weeklyOrders.id,
  careHomeId: weeklyOrders.careHomeId,
  careHomeName: careHomes.name,
  pharmacyId: careHomes.pharmacyId,
  week: weeklyOrders.week,
  status: weeklyOrders.status,
  notes: weeklyOrders.notes,
  cutoffAt: weeklyOrders.cutoffAt,
  deliveryAt: weeklyOrders.deliveryAt,
  pouches: weeklyOrders.pouches,
  robotUnits: weeklyOrders.robotUnits,
  manualUnits: weeklyOrders.manualUnits,
  horsPdaUnits: weeklyOrders.horsPdaUnits,
  computedAt: weeklyOrders.computedAt,
  submittedAt: weeklyOrders.submittedAt,
  pendingChangeRequests: sql<number>`(SELECT count(*) FROM ${orderChangeRequests} r
    WHERE r.order_id = "weekly_orders"."id" AND r.status = 'pending')`,
};
export type OrderRow = {
  id: number;
  careHomeId: number;
  careHomeName: string;
  pharmacyId: number;
  week: string;
  status: OrderStatus;
  notes: string;
  cutoffAt: string;
  deliveryAt: string;
  pouches: number;
  robotUnits: number;
  manualUnits: number;
  horsPdaUnits: number;
  computedAt: string;
  submittedAt: string | null;
  pendingChangeRequests: number;
};

const ordersQuery = (db: Db) =>
  db.select(orderColumns).from(weeklyOrders).innerJoin(careHomes, eq(careHomes.id, weeklyOrders.careHomeId));

/** One order with its care home's name and serving pharmacy (scope is checked by the caller). */
export function findOrderRow(db: Db, id: number): OrderRow | undefined {
  return preparedQuery(db, 'orders.find', () =>
    ordersQuery(db)
      .where(eq(weeklyOrders.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

export function findOrderIdByWeek(db: Db, careHomeId: number, week: string): number | undefined {
  return db
    .select({ id: weeklyOrders.id })
    .from(weeklyOrders)
    .where(and(eq(weeklyOrders.careHomeId, careHomeId), eq(weeklyOrders.week, week)))
    .get()?.id;
}

export function listOrderRows(
  db: Db,
  scope: OrderScope,
  f: { week?: string; careHomeId?: number; status?: OrderStatus; limit: number },
): OrderRow[] {
  // Built once per connection and shape of filters (issue 16): the values are placeholders.
  const kind = scopeKind(scope);
  const key = `orders.list:${kind}:${f.week ? 'w' : ''}${f.careHomeId ? 'c' : ''}${f.status ? 's' : ''}`;
  const query = preparedQuery(db, key, () =>
    ordersQuery(db)
      .where(
        and(
          scopePlaceholder(kind),
          f.week ? eq(weeklyOrders.week, sql.placeholder('week')) : undefined,
          f.careHomeId ? eq(weeklyOrders.careHomeId, sql.placeholder('careHomeId')) : undefined,
          f.status ? eq(weeklyOrders.status, sql.placeholder('status')) : undefined,
        ),
      )
      .orderBy(desc(weeklyOrders.week), asc(careHomes.name))
      .limit(sql.placeholder('limit'))
      .prepare(),
  );
  return query.all({
    ...scopeValues(scope),
    week: f.week,
    careHomeId: f.careHomeId,
    status: f.status,
    limit: f.limit,
  });
}

/** Orders of a care home still open to change (draft, submitted, planned) whose cut-off is after `nowIso`. */
export function openOrderIds(db: Db, careHomeId: number, nowIso: string, weeks?: string[]): number[] {
  return db
    .select({ id: weeklyOrders.id })
    .from(weeklyOrders)
    .where(
      and(
        eq(weeklyOrders.careHomeId, careHomeId),
        inArray(weeklyOrders.status, [...OPEN_STATUSES]),
        gt(weeklyOrders.cutoffAt, nowIso),
        weeks ? inArray(weeklyOrders.week, weeks) : undefined,
      ),
    )
    .orderBy(asc(weeklyOrders.week))
    .all()
    .map((r) => r.id);
}

/**
 * Draft and submitted orders of a care home (not yet planned on the robot) whose ISO week is
 * `fromWeek` or later, oldest week first: the orders a change of the care home's settings reaches.
 */
export function unplannedOrdersFrom(db: Db, careHomeId: number, fromWeek: string): UnplannedOrder[] {
  return db
    .select({
      id: weeklyOrders.id,
      week: weeklyOrders.week,
      status: weeklyOrders.status,
      cutoffAt: weeklyOrders.cutoffAt,
      deliveryAt: weeklyOrders.deliveryAt,
    })
    .from(weeklyOrders)
    .where(
      and(
        eq(weeklyOrders.careHomeId, careHomeId),
        inArray(weeklyOrders.status, ['draft', 'submitted']),
        gte(weeklyOrders.week, fromWeek),
      ),
    )
    .orderBy(asc(weeklyOrders.week))
    .all() as UnplannedOrder[];
}

type UnplannedOrder = { id: number; week: string; status: 'draft' | 'submitted'; cutoffAt: string; deliveryAt: string };

export function insertOrderRow(db: Db, row: typeof weeklyOrders.$inferInsert): number {
  return db.insert(weeklyOrders).values(row).returning({ id: weeklyOrders.id }).get().id;
}

export function updateOrderRow(db: Db, id: number, values: Partial<typeof weeklyOrders.$inferInsert>): void {
  db.update(weeklyOrders).set(values).where(eq(weeklyOrders.id, id)).run();
}

/**
 * Replaces an order's computed contents: its residents' week, its lines (updated in place when
 * the same resident and product stay, so production can keep pointing at them) and its totals.
 * Prepared statements: an order of 80 residents writes several hundred rows per recomputation.
 */
export function writeOrderContents(db: Db, orderId: number, week: OrderWeek, computedAt: string): void {
  statement(db, 'DELETE FROM order_residents WHERE order_id = ?').run(orderId);
  const insertResident = statement(
    db,
    'INSERT INTO order_residents (order_id, resident_id, pouches, days) VALUES (?, ?, ?, ?)',
  );
  for (const r of week.residents) insertResident.run(orderId, r.residentId, r.pouches, JSON.stringify(r.days));
  const existing = statement(db, 'SELECT id, resident_id AS residentId, cip13 FROM order_lines WHERE order_id = ?').all(
    orderId,
  ) as { id: number; residentId: number; cip13: string }[];
  const byKey = new Map(existing.map((l) => [`${l.residentId}:${l.cip13}`, l.id]));
  const insertLine = statement(
    db,
    `INSERT INTO order_lines (order_id, resident_id, cip13, quarters, units, route, split_doses)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateLine = statement(
    db,
    'UPDATE order_lines SET quarters = ?, units = ?, route = ?, split_doses = ? WHERE id = ?',
  );
  for (const line of week.lines) {
    const key = `${line.residentId}:${line.cip13}`;
    const id = byKey.get(key);
    const split = line.splitDoses ? 1 : 0;
    if (id === undefined) {
      insertLine.run(orderId, line.residentId, line.cip13, line.quarters, line.units, line.route, split);
    } else updateLine.run(line.quarters, line.units, line.route, split, id);
    byKey.delete(key);
  }
  const deleteLine = statement(db, 'DELETE FROM order_lines WHERE id = ?');
  for (const id of byKey.values()) deleteLine.run(id);
  const t = week.totals;
  statement(
    db,
    `UPDATE weekly_orders SET pouches = ?, robot_units = ?, manual_units = ?, hors_pda_units = ?,
     computed_at = ?, updated_at = ? WHERE id = ?`,
  ).run(t.pouches, t.robotUnits, t.manualUnits, t.horsPdaUnits, computedAt, computedAt, orderId);
}

/**
 * The residents of an order as last computed, with their current name and room, their week as
 * the stored JSON text of `ResidentWeek['days']` (hot read: prepared once).
 */
export function listOrderResidentTexts(db: Db, orderId: number) {
  return statement(
    db,
    `SELECT o.resident_id AS residentId, r.last_name AS lastName, r.first_name AS firstName, r.room AS room,
       o.pouches AS pouches, o.days AS days
     FROM order_residents o JOIN residents r ON r.id = o.resident_id
     WHERE o.order_id = ? ORDER BY french_key(r.last_name), french_key(r.first_name), r.id`,
  ).all(orderId) as {
    residentId: number;
    lastName: string;
    firstName: string;
    room: string;
    pouches: number;
    days: string;
  }[];
}

/** The residents of an order as last computed, with their current name, room and week. */
export function listOrderResidentRows(db: Db, orderId: number) {
  return listOrderResidentTexts(db, orderId).map((r) => ({
    ...r,
    days: JSON.parse(r.days) as OrderWeek['residents'][number]['days'],
  }));
}

/** An order's contents as last computed: its residents' days and its lines with their quarters. */
export function storedOrderContents(db: Db, orderId: number): { residents: ResidentWeek[]; lines: WeekLine[] } {
  const residentRows = statement(
    db,
    'SELECT resident_id AS residentId, pouches, days FROM order_residents WHERE order_id = ? ORDER BY resident_id',
  ).all(orderId) as { residentId: number; pouches: number; days: string }[];
  const lines = statement(
    db,
    `SELECT resident_id AS residentId, cip13, quarters, units, route, split_doses AS splitDoses FROM order_lines
     WHERE order_id = ? ORDER BY resident_id, cip13`,
  ).all(orderId) as (Omit<WeekLine, 'splitDoses'> & { splitDoses: number })[];
  return {
    residents: residentRows.map((r) => ({ ...r, days: JSON.parse(r.days) as ResidentWeek['days'] })),
    lines: lines.map((l) => ({ ...l, splitDoses: l.splitDoses === 1 })),
  };
}

/** Units per product of an order, with the name people know it by (hot read: prepared once). */
export function listOrderProductRows(db: Db, orderId: number) {
  return statement(
    db,
    `SELECT l.cip13 AS cip13, coalesce(s.name, p.label) AS label, sum(l.units) AS units, l.route AS route
     FROM order_lines l JOIN catalogue_presentations p ON p.cip13 = l.cip13
     LEFT JOIN catalogue_specialities s ON s.cis = p.cis
     WHERE l.order_id = ? GROUP BY l.cip13, l.route ORDER BY 2`,
  ).all(orderId) as { cip13: string; label: string; units: number; route: UnitRoute }[];
}

/** An order's lines per resident and product (for the delivery note and production). */
export function listOrderLineRows(db: Db, orderId: number) {
  return db
    .select({
      id: orderLines.id,
      residentId: orderLines.residentId,
      cip13: orderLines.cip13,
      label: sql<string>`coalesce(${catalogueSpecialities.name}, ${cataloguePresentations.label})`,
      units: orderLines.units,
      route: orderLines.route,
    })
    .from(orderLines)
    .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, orderLines.cip13))
    .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.residentId), asc(orderLines.cip13))
    .all();
}

// ---- absences -----------------------------------------------------------------------------

const absenceColumns = {
  id: orderAbsences.id,
  orderId: orderAbsences.orderId,
  residentId: orderAbsences.residentId,
  from: orderAbsences.fromDate,
  to: orderAbsences.toDate,
  reason: orderAbsences.reason,
  changeRequestId: orderAbsences.changeRequestId,
};

/** Absences of an order that were not undone. */
export function listAbsenceRows(db: Db, orderId: number) {
  return preparedQuery(db, 'orders.absences', () =>
    db
      .select(absenceColumns)
      .from(orderAbsences)
      .where(and(eq(orderAbsences.orderId, sql.placeholder('orderId')), isNull(orderAbsences.removedAt)))
      .orderBy(asc(orderAbsences.fromDate), asc(orderAbsences.id))
      .prepare(),
  ).all({ orderId });
}

export function findAbsenceRow(db: Db, orderId: number, id: number) {
  return db
    .select(absenceColumns)
    .from(orderAbsences)
    .where(and(eq(orderAbsences.id, id), eq(orderAbsences.orderId, orderId), isNull(orderAbsences.removedAt)))
    .get();
}

export function insertAbsenceRow(db: Db, row: typeof orderAbsences.$inferInsert) {
  return db.insert(orderAbsences).values(row).returning(absenceColumns).get();
}

/** New days of an absence, in place (its id, resident and reason stay). */
export function updateAbsenceDays(db: Db, id: number, days: { from: string; to: string }) {
  return db
    .update(orderAbsences)
    .set({ fromDate: days.from, toDate: days.to })
    .where(eq(orderAbsences.id, id))
    .returning(absenceColumns)
    .get();
}

export function markAbsenceRemoved(db: Db, id: number, at: string, by: number | null): void {
  db.update(orderAbsences).set({ removedAt: at, removedBy: by }).where(eq(orderAbsences.id, id)).run();
}

// ---- events -------------------------------------------------------------------------------

export function insertEventRow(db: Db, row: typeof orderEvents.$inferInsert): void {
  db.insert(orderEvents).values(row).run();
}

export function listEventRows(db: Db, orderId: number) {
  return preparedQuery(db, 'orders.events', () =>
    db
      .select({
        id: orderEvents.id,
        at: orderEvents.at,
        actor: sql<string>`coalesce(${users.displayName}, ${orderEvents.actorLabel})`,
        kind: orderEvents.kind,
        details: orderEvents.details,
      })
      .from(orderEvents)
      .leftJoin(users, eq(users.id, orderEvents.actorUserId))
      .where(eq(orderEvents.orderId, sql.placeholder('orderId')))
      .orderBy(asc(orderEvents.id))
      .prepare(),
  ).all({ orderId });
}

// ---- change requests ----------------------------------------------------------------------

const changeRequestColumns = {
  id: orderChangeRequests.id,
  orderId: orderChangeRequests.orderId,
  message: orderChangeRequests.message,
  absences: orderChangeRequests.absences,
  status: orderChangeRequests.status,
  createdAt: orderChangeRequests.createdAt,
  createdByName: users.displayName,
  decidedAt: orderChangeRequests.decidedAt,
  refusalReason: orderChangeRequests.refusalReason,
  week: weeklyOrders.week,
  careHomeId: weeklyOrders.careHomeId,
  careHomeName: careHomes.name,
  pharmacyId: careHomes.pharmacyId,
};

const changeRequestsQuery = (db: Db) =>
  db
    .select(changeRequestColumns)
    .from(orderChangeRequests)
    .innerJoin(weeklyOrders, eq(weeklyOrders.id, orderChangeRequests.orderId))
    .innerJoin(careHomes, eq(careHomes.id, weeklyOrders.careHomeId))
    .leftJoin(users, eq(users.id, orderChangeRequests.createdBy));

export function findChangeRequestRow(db: Db, id: number) {
  return changeRequestsQuery(db).where(eq(orderChangeRequests.id, id)).get();
}
export type ChangeRequestRow = NonNullable<ReturnType<typeof findChangeRequestRow>>;

export function listChangeRequestRows(
  db: Db,
  scope: OrderScope,
  f: { orderId?: number; status?: 'pending' | 'accepted' | 'refused' },
) {
  // Built once per connection and shape of filters (issue 16): the values are placeholders.
  const kind = scopeKind(scope);
  const key = `orders.changeRequests:${kind}:${f.orderId ? 'o' : ''}${f.status ? 's' : ''}`;
  const query = preparedQuery(db, key, () =>
    changeRequestsQuery(db)
      .where(
        and(
          scopePlaceholder(kind),
          f.orderId ? eq(orderChangeRequests.orderId, sql.placeholder('orderId')) : undefined,
          f.status ? eq(orderChangeRequests.status, sql.placeholder('status')) : undefined,
        ),
      )
      .orderBy(desc(orderChangeRequests.id))
      .limit(200)
      .prepare(),
  );
  return query.all({ ...scopeValues(scope), orderId: f.orderId, status: f.status });
}

/** Ids of every late change request of an order, whatever its status. */
export function changeRequestIdsOfOrder(db: Db, orderId: number): number[] {
  return (
    statement(db, 'SELECT id FROM order_change_requests WHERE order_id = ? ORDER BY id').all(orderId) as {
      id: number;
    }[]
  ).map((r) => r.id);
}

/** The late change requests of an order still waiting for the pharmacy's answer. */
export function pendingChangeRequestIdsOfOrder(db: Db, orderId: number): number[] {
  return (
    statement(db, "SELECT id FROM order_change_requests WHERE order_id = ? AND status = 'pending' ORDER BY id").all(
      orderId,
    ) as { id: number }[]
  ).map((r) => r.id);
}

export function insertChangeRequestRow(db: Db, row: typeof orderChangeRequests.$inferInsert): number {
  return db.insert(orderChangeRequests).values(row).returning({ id: orderChangeRequests.id }).get().id;
}

export function decideChangeRequestRow(
  db: Db,
  id: number,
  values: { status: 'accepted' | 'refused'; decidedAt: string; decidedBy: number | null; refusalReason?: string },
): void {
  db.update(orderChangeRequests).set(values).where(eq(orderChangeRequests.id, id)).run();
}
