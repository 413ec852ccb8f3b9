import { z } from 'zod';
// Shared with the web app: zod and the drizzle-free shared schemas only (no db/schema).
import { CalendarDate, IdParams, periodInOrder } from '../shared/schemas';
import { type Role, roleSchema } from '../users/users.schemas';

/** The domains that raise alerts: the part of `kind` before the dot (`stock.low` → `stock`). */
export const ALERT_DOMAINS = ['stock', 'transfers', 'orders', 'reviews', 'shares', 'robot'] as const;
export type AlertDomain = (typeof ALERT_DOMAINS)[number];

/**
 * The domains whose alerts can reach each role, as the use cases address them: pharmacy staff get
 * their pharmacy's (stock, transfers, orders, reviews, robot), a care home its orders' news, the
 * treasurer the monthly shares draft; nothing is addressed to the coordinator. The alerts page
 * offers only these in its « Domaine » filter (a nurse is not asked about stock).
 */
export const ALERT_DOMAINS_OF_ROLE: Record<Role, readonly AlertDomain[]> = {
  admin: [],
  pharmacist: ['stock', 'transfers', 'orders', 'reviews', 'robot'],
  technician: ['stock', 'transfers', 'orders', 'reviews', 'robot'],
  carehome: ['orders'],
  treasurer: ['shares'],
};

export const ALERT_STATES = ['open', 'dismissed', 'all'] as const;

export const AlertsQuery = z
  .strictObject({
    /** Older form of `state`: `true` is `all`. Ignored when `state` is given. */
    includeDismissed: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** `open` (default, what the home cards show), `dismissed` or `all`. */
    state: z.enum(ALERT_STATES).optional(),
    /** One kind, e.g. `stock.low`. */
    kind: z.string().min(1).max(64).optional(),
    /** Every kind of one domain, e.g. `stock` for `stock.low`, `stock.expiring`… */
    domain: z.enum(ALERT_DOMAINS).optional(),
    from: CalendarDate.optional().describe('First Paris day raised, included (YYYY-MM-DD)'),
    to: CalendarDate.optional().describe('Last Paris day raised, included (YYYY-MM-DD)'),
  })
  .refine(...periodInOrder);

export const AlertIdParams = IdParams;

export const Alert = z.object({
  id: z.number().int(),
  pharmacyId: z.number().int().nullable(),
  careHomeId: z.number().int().nullable(),
  role: roleSchema.nullable(),
  kind: z.string(),
  entity: z.string(),
  entityId: z.string(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  raisedOn: z.string(),
  raisedBy: z.string(),
  createdAt: z.string(),
  dismissedAt: z.string().nullable(),
  dismissedBy: z.number().int().nullable(),
});

export const AlertList = z.object({ items: z.array(Alert) });
