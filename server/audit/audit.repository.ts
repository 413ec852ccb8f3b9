import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import { statement } from '../../db/statements';

/**
 * Appends one audit row. Every write and every audited read records one, so the statement is
 * prepared once per connection rather than built by drizzle on each call (issue 16: the build
 * cost more than the insert). `details` is stored as drizzle's JSON mode stores it (JSON text, or NULL).
 */
export function insertAudit(db: Db, row: typeof auditLog.$inferInsert) {
  statement(
    db,
    `INSERT INTO audit_log (at, actor_user_id, actor_label, action, entity, entity_id, details)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.at,
    row.actorUserId ?? null,
    row.actorLabel,
    row.action,
    row.entity,
    row.entityId ?? null,
    row.details == null ? null : JSON.stringify(row.details),
  );
}

export type AuditFilter = {
  actorUserId?: number;
  action?: string;
  entity?: string;
  entityId?: string;
  fromIso?: string;
  toIso?: string;
};

export function listAudit(db: Db, f: AuditFilter, page: { limit: number; offset: number }) {
  const conditions: SQL[] = [];
  if (f.actorUserId !== undefined) conditions.push(eq(auditLog.actorUserId, f.actorUserId));
  if (f.action) conditions.push(eq(auditLog.action, f.action));
  if (f.entity) conditions.push(eq(auditLog.entity, f.entity));
  if (f.entityId) conditions.push(eq(auditLog.entityId, f.entityId));
  if (f.fromIso) conditions.push(gte(auditLog.at, f.fromIso));
  if (f.toIso) conditions.push(lt(auditLog.at, f.toIso));
  const where = conditions.length ? and(...conditions) : undefined;
  const items = db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  return { items, total };
}

/** Every action and entity the log holds, sorted: the admin's filter lists. */
export function auditFacets(db: Db) {
  const actions = db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(auditLog.action).all();
  const entities = db.selectDistinct({ v: auditLog.entity }).from(auditLog).orderBy(auditLog.entity).all();
  return { actions: actions.map((r) => r.v), entities: entities.map((r) => r.v) };
}
