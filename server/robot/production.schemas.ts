// Shared by the server (validation, OpenAPI) and the web forms: zod, shared schemas and pure
// models only (no drizzle). Field names are a contract with clients (issue: robot production).
import { z } from 'zod';
import { ORDER_STATUSES } from '../orders/orders.models';
import { FreeText, Id, Month } from '../shared/schemas';
import { Cip13 } from '../stock/stock.schemas';
import { Batch } from './batches.schemas';
import { DELIVERY_SIGNERS, REJECTION_DECISIONS, VERIFICATION_OUTCOMES } from './production.models';

const Count = z.number().int().min(0).max(10_000_000);

/** A body-less action (start): an empty object or nothing; unknown keys answer 400. */
export const EmptyBody = z.strictObject({});
/** A query-less read: unknown query keys answer 400 (SPEC §10). */
export const EmptyQuery = z.strictObject({});

export const LoadedLot = z.strictObject({
  cip13: Cip13,
  lotIds: z.array(Id).min(1).max(10).describe('The host pharmacy’s lots actually loaded, in the order used'),
});

export const ShortPouches = z.strictObject({
  residentId: Id,
  pouches: z.number().int().min(1).max(1000).describe('Pouches of this resident the robot did not produce'),
});

export const Incident = z.strictObject({
  description: FreeText({ max: 500, multiline: true }).describe('What went wrong during the run'),
  shortPouches: z.array(ShortPouches).max(200).default([]),
});

export const CompleteBody = z.strictObject({
  pouchesProduced: Count.describe(
    'Pouches the robot produced: the batch’s pouches, or fewer with an incident listing the short pouches',
  ),
  lots: z
    .array(LoadedLot)
    .max(200)
    .default([])
    .describe('Per product, the lots loaded when they are not the FEFO ones of the production sheet'),
  incident: Incident.optional(),
});
export type CompleteInput = z.output<typeof CompleteBody>;

export const RejectBody = z.strictObject({
  reason: FreeText({ max: 500, multiline: true }).describe('Why the batch is rejected'),
  decision: z.enum(REJECTION_DECISIONS).describe('redo: produce it again; abandon: its orders go back to be planned'),
});
export type RejectInput = z.output<typeof RejectBody>;

export const AnomalyInput = z.strictObject({
  residentId: Id,
  description: FreeText({ max: 500, multiline: true }),
});

export const VerifyBody = z.strictObject({
  pouchesChecked: Count,
  notes: FreeText({ min: 0, max: 1000, multiline: true }).optional(),
  anomalies: z.array(AnomalyInput).max(50).default([]),
});
export type VerifyInput = z.output<typeof VerifyBody>;

export const ResolveBody = z.strictObject({ resolution: FreeText({ max: 500, multiline: true }) });

export const DeliverBody = z.strictObject({
  receivedBy: FreeText({ max: 120 }).describe('Name of the person who received the pouches'),
  notes: FreeText({ min: 0, max: 500, multiline: true }).optional(),
});

export const Consumption = z.object({
  orderId: Id,
  cip13: z.string(),
  label: z.string().describe('The product’s name'),
  lot: z.string(),
  expiry: z.string(),
  units: z.number().int(),
});

export const Production = z.object({
  robotName: z.string(),
  hostPharmacyId: Id,
  hostPharmacyName: z.string(),
  bookedStart: z
    .string()
    .describe('Start of the slot it was booked at: differs from `start` when it started ahead of it or late and moved'),
  startedAt: z.string().nullable(),
  startedBy: z.string().nullable(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  pouchesProduced: z.number().int().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  openAnomalies: z.number().int(),
  incident: z.string().nullable().describe('What went wrong during the run, as told at completion'),
  runningBatchId: Id.nullable().describe(
    'Another batch of the same robot in production: this one cannot start until it is produced (409 robot.robot_busy)',
  ),
  rejections: z.array(
    z.object({
      decision: z.enum(REJECTION_DECISIONS),
      reason: z.string(),
      rejectedAt: z.string(),
      rejectedBy: z.string().nullable(),
      runStartedAt: z
        .string()
        .nullable()
        .describe('The rejected run’s start (null for a rejection older than this field)'),
      runCompletedAt: z.string().nullable().describe('The rejected run’s completion'),
      runPouchesProduced: z.number().int().nullable().describe('The pouches the rejected run made (destroyed)'),
    }),
  ),
});

/** `GET /api/robot-batches/:id`: the booked batch, its production steps and the lots it consumed. */
export const BatchDetail = Batch.extend({
  production: Production,
  startOutlook: z
    .object({
      earliestStart: z
        .string()
        .nullable()
        .describe('Earliest start from now (UTC): robot free, in its hours, cut-offs passed'),
      end: z.string().nullable().describe('When it would end, started then'),
      deadline: z.string().nullable().describe('Its orders’ earliest deadline (delivery less control time)'),
      inTime: z.boolean().describe('Started at earliestStart, it ends by the deadline'),
    })
    .nullable()
    .describe('A booked batch started as soon as possible from now; null once started or cancelled'),
  consumption: z.array(Consumption).describe('Lots consumed per order and product, once produced'),
});
export const BatchDetailList = z.object({ items: z.array(BatchDetail) });
export const UpcomingBatches = z.object({
  until: z.string().describe('End of tomorrow, Paris time (UTC ISO)'),
  items: z.array(BatchDetail),
  next: z
    .object({ id: Id, start: z.string() })
    .nullable()
    .describe('The first booked batch starting after tomorrow, when today and tomorrow have none to show'),
});

export const PoolHolder = z.object({
  pharmacyId: Id,
  pharmacyName: z.string(),
  available: z.number().int(),
  nearestExpiry: z.string(),
});

export const ShortageItem = z.object({
  cip13: z.string(),
  label: z.string(),
  needed: z.number().int(),
  available: z.number().int(),
  missing: z.number().int(),
  pool: z.array(PoolHolder).describe('Other pharmacies that hold the product (dépannage)'),
});
export const Shortages = z.object({
  batchId: Id,
  hostPharmacyId: Id,
  hostPharmacyName: z.string(),
  items: z.array(ShortageItem),
});

export const UpcomingShortages = z.object({
  until: z.string().describe('End of tomorrow, Paris time'),
  items: z.array(
    z.object({
      batchId: Id,
      start: z.string(),
      robotName: z.string(),
      pharmacyName: z.string(),
      hostPharmacyId: Id,
      careHomes: z.array(z.object({ id: Id, name: z.string() })),
      shortages: z.array(ShortageItem.omit({ pool: true })),
    }),
  ),
});

const Anomaly = z.object({
  id: Id,
  orderId: Id,
  residentId: Id,
  residentName: z.string(),
  room: z.string(),
  careHomeName: z.string(),
  description: z.string(),
  missingPouches: z.number().int().nullable().describe('Pouches the robot did not produce (incident)'),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});

/** `GET /api/robot-batches/:id/verification`: what the pharmacist checks, with residents (staff only). */
export const VerificationView = z.object({
  batchId: Id,
  status: Batch.shape.status,
  pouchesProduced: z.number().int().nullable(),
  verifications: z.array(
    z.object({
      id: Id,
      pouchesChecked: z.number().int(),
      outcome: z.enum(VERIFICATION_OUTCOMES),
      notes: z.string(),
      checkedAt: z.string(),
      checkedBy: z.string().nullable(),
    }),
  ),
  anomalies: z.array(Anomaly),
  residents: z.array(
    z.object({
      residentId: Id,
      name: z.string(),
      room: z.string(),
      orderId: Id,
      careHomeId: Id,
      careHomeName: z.string(),
      pouches: z.number().int(),
    }),
  ),
});
export const AnomalyOut = Anomaly;

export const Delivery = z.object({
  orderId: Id,
  status: z.enum(ORDER_STATUSES),
  signer: z.enum(DELIVERY_SIGNERS),
  receivedBy: z.string(),
  notes: z.string(),
  signedAt: z.string(),
  signedBy: z.string().nullable(),
});

/** An order's production progress as its care home follows it. */
export const OrderProgress = z.object({
  orderId: Id,
  status: z.enum(ORDER_STATUSES),
  batch: z
    .object({
      id: Id,
      start: z.string(),
      end: z.string(),
      status: Batch.shape.status,
      slotMissed: Batch.shape.slotMissed,
    })
    .nullable(),
  steps: z.array(z.object({ status: z.enum(ORDER_STATUSES), at: z.string().nullable() })),
  delivery: Delivery.nullable(),
});

export const ActivityQuery = z.strictObject({ month: Month });
export const Activity = z.object({
  month: z.string(),
  items: z.array(z.object({ pharmacyId: Id, pharmacyName: z.string(), pouches: z.number().int() })),
  total: z.number().int(),
});

/** `GET /api/robot-batches/:id/lots`: the host's usable lots per product, for naming the lot loaded. */
export const BatchLots = z.object({
  batchId: Id,
  items: z.array(
    z.object({
      cip13: z.string(),
      label: z.string(),
      needed: z.number().int(),
      usableUntil: z.string().describe('A lot must not expire before this day (the last pouch day)'),
      lots: z.array(z.object({ id: Id, lotNumber: z.string(), expiryDate: z.string(), available: z.number().int() })),
      fefoLotIds: z.array(Id).describe('The lots the FEFO plan takes (the production sheet’s)'),
    }),
  ),
});
