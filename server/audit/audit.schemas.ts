import { z } from 'zod';
import { CalendarDate, IdParam, PERIOD_INVERTED, periodInOrder, QueryInt, TextKey } from '../shared/schemas';

/** A period whose last day comes before its first reads as an error, never as an empty log. */
export const AUDIT_RANGE_INVERTED = PERIOD_INVERTED;

export const AuditQuery = z
  .strictObject({
    actorUserId: IdParam.optional(),
    /** One action, e.g. `auth.login_failed` (failed logins, entity `security`). */
    action: z.string().min(1).max(64).optional(),
    entity: z.string().min(1).max(64).optional(),
    entityId: TextKey.optional(),
    from: CalendarDate.optional().describe('First Paris calendar day included (YYYY-MM-DD)'),
    to: CalendarDate.optional().describe('Last Paris calendar day included (YYYY-MM-DD)'),
    page: QueryInt(1, 1_000_000).default(1),
    pageSize: QueryInt(1, 200).default(50),
  })
  .refine(...periodInOrder);

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.number().int().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const AuditFacets = z.object({ actions: z.array(z.string()), entities: z.array(z.string()) });
