import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import type { z } from 'zod';
import { type Actor, actorLabel, type Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { PARIS } from '../shared/dates';
import { insertAudit, listAudit } from './audit.repository';
import type { AuditQuery } from './audit.schemas';

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

/** Start of a Paris calendar day as a UTC instant (DST-safe). */
const parisDayStartIso = (day: string) => new TZDate(`${day}T00:00:00`, PARIS).toISOString();

export function searchAudit({ ctx, query }: { ctx: Ctx; query: z.output<typeof AuditQuery> }) {
  authorize(ctx.actor, 'audit.read');
  const { items, total } = listAudit(
    ctx.db,
    {
      actorUserId: query.actorUserId,
      entity: query.entity,
      entityId: query.entityId,
      fromIso: query.from ? parisDayStartIso(query.from) : undefined,
      toIso: query.to ? addDays(new TZDate(`${query.to}T00:00:00`, PARIS), 1).toISOString() : undefined,
    },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items, total, page: query.page, pageSize: query.pageSize };
}
