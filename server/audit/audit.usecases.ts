import type { z } from 'zod';
import { type Actor, actorLabel, type Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { parisDayRange } from '../shared/dates';
import { auditFacets, insertAudit, listAudit } from './audit.repository';
import type { AuditQuery } from './audit.schemas';
import { auditDetailsShown } from './audit-privacy';

export type AuditEvent = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
};

/**
 * Appends one row to the audit log. Call it inside the transaction of the write it records,
 * so that a write and its audit row land together or not at all.
 */
export function recordAudit(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, event: AuditEvent): void {
  insertAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    actorUserId: userIdOf(ctx.actor),
    actorLabel: actorLabel(ctx.actor),
    action: event.action,
    entity: event.entity,
    entityId: event.entityId == null ? null : String(event.entityId),
    details: event.details ?? null,
  });
}

const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/**
 * A page of the audit log, newest first. `from` and `to` are Paris calendar days, both included
 * (`parisDayRange`: any day the schema accepts, `9999-12-31` included); admin only.
 */
export function searchAudit({ ctx, query }: { ctx: Ctx; query: z.output<typeof AuditQuery> }) {
  authorize(ctx.actor, 'audit.read');
  const { items, total } = listAudit(
    ctx.db,
    {
      actorUserId: query.actorUserId,
      action: query.action,
      entity: query.entity,
      entityId: query.entityId,
      fromIso: query.from ? parisDayRange(query.from).start.toISOString() : undefined,
      toIso: query.to ? parisDayRange(query.to).end.toISOString() : undefined,
    },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  // SPEC §2: no patient data for the admin reading the log.
  const shown = items.map((i) => ({ ...i, details: auditDetailsShown(i.entity, i.details) }));
  return { items: shown, total, page: query.page, pageSize: query.pageSize };
}

/** The distinct actions and entities of the log (sorted), for the admin's filters; admin only. */
export function getAuditFacets({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'audit.read');
  return auditFacets(ctx.db);
}
