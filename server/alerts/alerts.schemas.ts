import { z } from 'zod';
import { ROLES } from '../../db/schema';
import { IdParams } from '../shared/schemas';

export const AlertsQuery = z.strictObject({
  includeDismissed: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  kind: z.string().min(1).max(64).optional(),
});

export const AlertIdParams = IdParams;

export const Alert = z.object({
  id: z.number().int(),
  pharmacyId: z.number().int().nullable(),
  careHomeId: z.number().int().nullable(),
  role: z.enum(ROLES).nullable(),
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
