// Shared by the server (validation, OpenAPI) and the web forms: zod, shared schemas and pure
// models only (no drizzle). Field names are a contract with clients (issue: the shared PDA robot).
import { z } from 'zod';
import { Id, IdParam, IsoWeek } from '../shared/schemas';
import { UNPLACED_REASONS } from './planner.models';
import { BATCH_STATUSES } from './robot.models';
import { MinuteInstant } from './robot.schemas';

const OrderIds = z
  .array(Id)
  .min(1, 'validation.ordersRequired')
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, 'validation.duplicateOrder');

export const BookBody = z.strictObject({ robotId: Id, start: MinuteInstant, orderIds: OrderIds });
export type BookInput = z.output<typeof BookBody>;
export const RescheduleBody = z.strictObject({ start: MinuteInstant });

export const BatchesQuery = z.strictObject({ robotId: IdParam, week: IsoWeek });

const Breakdown = z.object({
  setup: z.number().int(),
  pouches: z.number().int(),
  manual: z.number().int(),
  cleaning: z.number().int(),
});

export const Batch = z.object({
  id: Id,
  robotId: Id,
  start: z.string(),
  end: z.string(),
  status: z.enum(BATCH_STATUSES),
  slotMissed: z
    .boolean()
    .describe(
      'True when the batch is still booked though its slot has ended: to start now, reschedule or cancel (its orders then go back to submitted)',
    ),
  orderIds: z.array(Id),
  pouches: z.number().int(),
  manualUnits: z.number().int(),
  durationMinutes: z.number().int(),
  breakdown: Breakdown.describe('Minutes'),
  pharmacyId: Id,
  pharmacyName: z.string(),
  careHomes: z.array(z.object({ id: Id, name: z.string() })),
  orders: z.array(
    z.object({
      orderId: Id,
      careHomeId: Id,
      careHomeName: z.string(),
      week: z.string(),
      pouches: z.number().int(),
      manualUnits: z.number().int(),
      cutoffAt: z.string().describe('The order’s cut-off: its batch may not start before it'),
      deadline: z.string(),
    }),
  ),
});
export const BatchList = z.object({ items: z.array(Batch) });

/** SHA-256 (hex) of a plan's batches and left-out orders, as `POST /api/robot-batches/plan` answers it. */
export const PlanFingerprint = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'validation.format')
  .meta({ example: '3f5a0c9e4b1d2a7f6e8c0b9a1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e' });

export const PlanBody = z.strictObject({
  robotId: Id,
  orderWeek: IsoWeek,
  apply: z.boolean().default(false),
  fingerprint: PlanFingerprint.optional().describe(
    'With apply: the fingerprint of the plan the user previewed. When the plan to book now differs (bookings changed in between), 409 robot.plan_changed with the new plan and nothing is booked',
  ),
});
export const PlanResult = z.object({
  fingerprint: PlanFingerprint.describe('Send it back with apply: true to book exactly this plan'),
  batches: z.array(
    z.object({
      id: Id.optional().describe('Set once applied'),
      start: z.string(),
      end: z.string(),
      orderIds: z.array(Id),
      durationMinutes: z.number().int(),
      pharmacyId: Id,
      pouches: z.number().int(),
      manualUnits: z.number().int(),
      breakdown: Breakdown,
    }),
  ),
  unplaced: z.array(
    z.object({
      orderId: Id,
      reason: z
        .enum(UNPLACED_REASONS)
        .describe(
          'cutoff_too_late: the free time that would hold it lies before its cut-off, or none is left after it',
        ),
      neededMinutes: z.number().int(),
      freeMinutes: z.number().int(),
      deadline: z.string(),
      earliestStart: z
        .string()
        .describe("Now, or the order's cut-off when later: no batch of it starts before (reason cutoff_too_late)"),
    }),
  ),
  applied: z.boolean(),
});

/** Comma-separated order ids in a query string: `orderIds=12,13`. */
const OrderIdsParam = z
  .string()
  .regex(/^[1-9][0-9]{0,15}(,[1-9][0-9]{0,15}){0,49}$/, 'validation.id')
  .transform((s) => s.split(',').map(Number))
  .refine((ids) => ids.every(Number.isSafeInteger) && new Set(ids).size === ids.length, 'validation.id');

export const SlotsQuery = z.strictObject({ orderIds: OrderIdsParam, excludeBatchId: IdParam.optional() });
export const Slots = z.object({
  durationMinutes: z.number().int(),
  breakdown: Breakdown,
  deadline: z.string(),
  earliest: z.string().describe("Now, or the orders' cut-off when later"),
  starts: z.array(z.string()),
});

export const PendingQuery = z.strictObject({ week: IsoWeek.optional() });
export const PendingOrder = z.object({
  orderId: Id,
  careHomeId: Id,
  careHomeName: z.string(),
  pharmacyId: Id,
  week: z.string(),
  pouches: z.number().int(),
  manualUnits: z.number().int(),
  cutoffAt: z.string(),
  deliveryAt: z.string(),
  deadline: z.string(),
  durationMinutes: z.number().int(),
});
export const PendingList = z.object({ items: z.array(PendingOrder) });
