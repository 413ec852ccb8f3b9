import { and, desc, eq, gte, inArray, isNotNull, isNull, like, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alerts, type Role } from '../../db/schema';
import { preparedQuery } from '../../db/statements';

export type AlertScopeFilter = { all: true } | { all: false; pharmacyId?: number; careHomeId?: number; role?: Role };

/** Alerts addressed to the scope: its pharmacy or care home, or its role. */
function scopeCondition(scope: AlertScopeFilter): SQL | undefined {
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.pharmacyId != null) parts.push(eq(alerts.pharmacyId, scope.pharmacyId));
  if (scope.careHomeId != null) parts.push(eq(alerts.careHomeId, scope.careHomeId));
  if (scope.role) parts.push(eq(alerts.role, scope.role));
  return parts.length ? or(...parts) : eq(alerts.id, -1);
}

/** `scopeCondition` of the scope's shape, its values as placeholders `scopePharmacyId`, `scopeCareHomeId`, `scopeRole`. */
function scopeConditionShape(scope: AlertScopeFilter): SQL | undefined {
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.pharmacyId != null) parts.push(eq(alerts.pharmacyId, sql.placeholder('scopePharmacyId')));
  if (scope.careHomeId != null) parts.push(eq(alerts.careHomeId, sql.placeholder('scopeCareHomeId')));
  if (scope.role) parts.push(eq(alerts.role, sql.placeholder('scopeRole')));
  return parts.length ? or(...parts) : eq(alerts.id, -1);
}

/** The entity ids of a pharmacy's open alerts of one kind. */
export function openAlertEntityIds(db: Db, key: { kind: string; pharmacyId: number }): string[] {
  return db
    .selectDistinct({ entityId: alerts.entityId })
    .from(alerts)
    .where(and(eq(alerts.kind, key.kind), eq(alerts.pharmacyId, key.pharmacyId), isNull(alerts.dismissedAt)))
    .all()
    .map((r) => r.entityId);
}

/**
 * The parameters of a pharmacy's newest open alert of these kinds about one entity, or undefined:
 * what it was last told, for a notice that replaces it to build on.
 */
export function latestOpenAlertParams(
  db: Db,
  key: { kinds: readonly string[]; pharmacyId: number; entity: string; entityId: string },
): Record<string, string | number> | undefined {
  return db
    .select({ params: alerts.params })
    .from(alerts)
    .where(
      and(
        inArray(alerts.kind, [...key.kinds]),
        eq(alerts.pharmacyId, key.pharmacyId),
        eq(alerts.entity, key.entity),
        eq(alerts.entityId, key.entityId),
        isNull(alerts.dismissedAt),
      ),
    )
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(1)
    .get()?.params;
}

/** Inserts unless the same alert was already raised today; returns whether a row was added. */
export function insertAlertOnce(db: Db, row: typeof alerts.$inferInsert): boolean {
  return db.insert(alerts).values(row).onConflictDoNothing().run().changes === 1;
}

export type AlertListFilter = {
  state: 'open' | 'dismissed' | 'all';
  kind?: string;
  /** Kind prefix before the dot: `stock` matches `stock.low` and `stock.expiring`. */
  domain?: string;
  /** Paris calendar days (YYYY-MM-DD) on `raised_on`, both included. */
  from?: string;
  to?: string;
};

/** The scope's alerts, newest first, at most 500. */
export function listAlerts(db: Db, scope: AlertScopeFilter, opts: AlertListFilter) {
  // Built once per connection and shape of scope and filters (issue 16): values are placeholders.
  const s = scope.all ? null : scope;
  const scopeShape = s
    ? `${s.pharmacyId != null ? 'p' : ''}${s.careHomeId != null ? 'c' : ''}${s.role ? 'r' : ''}`
    : 'all';
  const key = `alerts.list:${scopeShape}:${opts.state}:${opts.kind ? 'k' : ''}${opts.domain ? 'd' : ''}${opts.from ? 'f' : ''}${opts.to ? 't' : ''}`;
  const query = preparedQuery(db, key, () => {
    const conditions = [scopeConditionShape(scope)];
    if (opts.state === 'open') conditions.push(isNull(alerts.dismissedAt));
    if (opts.state === 'dismissed') conditions.push(isNotNull(alerts.dismissedAt));
    if (opts.kind) conditions.push(eq(alerts.kind, sql.placeholder('kind')));
    if (opts.domain) conditions.push(like(alerts.kind, sql.placeholder('domainPattern')));
    if (opts.from) conditions.push(gte(alerts.raisedOn, sql.placeholder('from')));
    if (opts.to) conditions.push(lte(alerts.raisedOn, sql.placeholder('to')));
    return db
      .select()
      .from(alerts)
      .where(and(...conditions))
      .orderBy(desc(alerts.createdAt), desc(alerts.id))
      .limit(500)
      .prepare();
  });
  return query.all({
    scopePharmacyId: s?.pharmacyId,
    scopeCareHomeId: s?.careHomeId,
    scopeRole: s?.role,
    kind: opts.kind,
    domainPattern: opts.domain ? `${opts.domain}.%` : undefined,
    from: opts.from,
    to: opts.to,
  });
}

export function findAlertInScope(db: Db, id: number, scope: AlertScopeFilter) {
  return db
    .select()
    .from(alerts)
    .where(and(eq(alerts.id, id), scopeCondition(scope)))
    .get();
}

export function markDismissed(db: Db, id: number, userId: number | null, atIso: string) {
  return db.update(alerts).set({ dismissedAt: atIso, dismissedBy: userId }).where(eq(alerts.id, id)).returning().get();
}

/** Dismisses the open alerts about one entity (of the given kinds, or all): returns how many. */
export function markResolved(
  db: Db,
  key: { entity: string; entityId: string; kinds?: readonly string[]; pharmacyId?: number },
  userId: number | null,
  atIso: string,
): number {
  const conditions = [eq(alerts.entity, key.entity), eq(alerts.entityId, key.entityId), isNull(alerts.dismissedAt)];
  if (key.kinds) conditions.push(inArray(alerts.kind, [...key.kinds]));
  if (key.pharmacyId !== undefined) conditions.push(eq(alerts.pharmacyId, key.pharmacyId));
  return db
    .update(alerts)
    .set({ dismissedAt: atIso, dismissedBy: userId })
    .where(and(...conditions))
    .run().changes;
}

/** Undoes a dismissal: the alert is open again. */
export function markOpen(db: Db, id: number) {
  return db.update(alerts).set({ dismissedAt: null, dismissedBy: null }).where(eq(alerts.id, id)).returning().get();
}

export function alertExists(
  db: Db,
  key: { kind: string; scopeKey: string; entity: string; entityId: string },
  opts: { openOnly: boolean },
): boolean {
  const conditions = [
    eq(alerts.kind, key.kind),
    eq(alerts.scopeKey, key.scopeKey),
    eq(alerts.entity, key.entity),
    eq(alerts.entityId, key.entityId),
  ];
  if (opts.openOnly) conditions.push(isNull(alerts.dismissedAt));
  return (
    db
      .select({ id: alerts.id })
      .from(alerts)
      .where(and(...conditions))
      .limit(1)
      .get() !== undefined
  );
}

/** True when the alert (kind, scope, entity) was raised at or after `sinceIso`, open or dismissed. */
export function alertRaisedSince(
  db: Db,
  key: { kind: string; scopeKey: string; entity: string; entityId: string },
  sinceIso: string,
): boolean {
  return (
    db
      .select({ id: alerts.id })
      .from(alerts)
      .where(
        and(
          eq(alerts.kind, key.kind),
          eq(alerts.scopeKey, key.scopeKey),
          eq(alerts.entity, key.entity),
          eq(alerts.entityId, key.entityId),
          gte(alerts.createdAt, sinceIso),
        ),
      )
      .limit(1)
      .get() !== undefined
  );
}

/**
 * Brings back the row of the alert (kind, scope, entity) raised on `row.raisedOn`: open again, with
 * the new message, raiser and time. Returns whether there was one.
 */
export function reraiseAlertOfDay(db: Db, row: typeof alerts.$inferInsert): boolean {
  return (
    db
      .update(alerts)
      .set({
        messageKey: row.messageKey,
        params: row.params,
        raisedBy: row.raisedBy,
        createdAt: row.createdAt,
        dismissedAt: null,
        dismissedBy: null,
      })
      .where(
        and(
          eq(alerts.kind, row.kind),
          eq(alerts.scopeKey, row.scopeKey),
          eq(alerts.entity, row.entity),
          eq(alerts.entityId, row.entityId),
          eq(alerts.raisedOn, row.raisedOn),
        ),
      )
      .run().changes === 1
  );
}
