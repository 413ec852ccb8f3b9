// Shared by the server (validation, OpenAPI) and the web forms: zod, shared schemas and pure
// models only (no drizzle). Custom messages are keys of the web catalogues (`validation.*`).
import { z } from 'zod';
import { isValidCip13 } from '../catalogue/catalogue.models';
import { FreeText, Id, IdParam, IdParams, IsoWeek } from '../shared/schemas';
import { CLOSURE_KINDS, DEFAULT_ROBOT_TIMES, isWallTime } from './robot.models';

export { IdParams };

/** A UTC instant, ISO 8601 (`2026-11-25T13:30:00.000Z`; an offset is accepted and normalised). */
export const Instant = z.iso
  .datetime({ offset: true, message: 'validation.instant' })
  .transform((s) => new Date(s))
  .refine((d) => !Number.isNaN(d.getTime()), 'validation.instant')
  .meta({ example: '2026-11-25T13:30:00.000Z' });

/** A start instant on a whole minute (batches are planned to the minute). */
export const MinuteInstant = Instant.refine((d) => d.getTime() % 60_000 === 0, 'validation.wholeMinute');

export const Cip13 = z
  .string()
  .regex(/^\d{13}$/, 'validation.cip13')
  .refine(isValidCip13, 'validation.cip13')
  .meta({ example: '3400937977661' });

/** Paris wall clock `HH:mm`, `24:00` allowed for a window that ends at midnight. */
export const WindowTime = z.string().refine(isWallTime, 'validation.time').meta({ example: '08:30' });

// ---- robots -------------------------------------------------------------------------------

const robotFigures = {
  ratePerMinute: z.number().int().min(1).max(1000).describe('Pouches per minute'),
  setupMinutes: z.number().int().min(0).max(240),
  cleaningMinutes: z.number().int().min(0).max(240),
  manualSecondsPerUnit: z.number().int().min(0).max(600),
  controlMinutes: z.number().int().min(0).max(2880).describe('Pharmacist control time before delivery'),
  cassetteSlots: z.number().int().min(1).max(1000),
};

export const RobotBody = z.strictObject({
  name: FreeText({ max: 80 }),
  hostPharmacyId: Id,
  ratePerMinute: robotFigures.ratePerMinute.default(DEFAULT_ROBOT_TIMES.ratePerMinute),
  setupMinutes: robotFigures.setupMinutes.default(DEFAULT_ROBOT_TIMES.setupMinutes),
  cleaningMinutes: robotFigures.cleaningMinutes.default(DEFAULT_ROBOT_TIMES.cleaningMinutes),
  manualSecondsPerUnit: robotFigures.manualSecondsPerUnit.default(DEFAULT_ROBOT_TIMES.manualSecondsPerUnit),
  controlMinutes: robotFigures.controlMinutes.default(DEFAULT_ROBOT_TIMES.controlMinutes),
  cassetteSlots: robotFigures.cassetteSlots.default(250),
});
export type RobotInput = z.output<typeof RobotBody>;

export const RobotPatchBody = z
  .strictObject({
    name: FreeText({ max: 80 }).optional(),
    hostPharmacyId: Id.optional(),
    ratePerMinute: robotFigures.ratePerMinute.optional(),
    setupMinutes: robotFigures.setupMinutes.optional(),
    cleaningMinutes: robotFigures.cleaningMinutes.optional(),
    manualSecondsPerUnit: robotFigures.manualSecondsPerUnit.optional(),
    controlMinutes: robotFigures.controlMinutes.optional(),
    cassetteSlots: robotFigures.cassetteSlots.optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'validation.emptyPatch');

export const Robot = z.object({
  id: Id,
  name: z.string(),
  hostPharmacyId: Id,
  hostPharmacyName: z.string(),
  ratePerMinute: z.number().int(),
  setupMinutes: z.number().int(),
  cleaningMinutes: z.number().int(),
  manualSecondsPerUnit: z.number().int(),
  controlMinutes: z.number().int(),
  cassetteSlots: z.number().int(),
  active: z.boolean(),
});
export const RobotList = z.object({ items: z.array(Robot) });

// ---- windows ------------------------------------------------------------------------------

export const WindowBody = z.strictObject({
  weekday: z.number().int().min(1, 'validation.weekday').max(7, 'validation.weekday'),
  start: WindowTime,
  end: WindowTime,
});
export const WindowsBody = z.strictObject({ windows: z.array(WindowBody).max(70) });
export const WindowList = z.object({
  items: z.array(z.object({ weekday: z.number().int(), start: z.string(), end: z.string() })),
});

// ---- closures -----------------------------------------------------------------------------

export const ClosureBody = z.strictObject({
  start: Instant,
  end: Instant,
  kind: z.enum(CLOSURE_KINDS).default('maintenance'),
  reason: FreeText({ max: 200 }),
  /**
   * The booked batches the closure may cancel (a breakdown), by id, as the 409 listed them to the
   * admin: they are cancelled, their orders go back to be planned and each booking pharmacy is
   * alerted. A booked batch of the period not listed (the period changed since), or one already
   * in production, still refuses the closure.
   */
  cancelBatches: z.array(Id).max(200).optional(),
});
export const ClosuresQuery = z.strictObject({ week: IsoWeek.optional() });
export const Closure = z.object({
  id: Id.nullable().describe(
    'null: a French public holiday computed for a year whose holidays the robot does not store (it cannot be removed by id)',
  ),
  robotId: Id,
  start: z.string(),
  end: z.string(),
  kind: z.enum(CLOSURE_KINDS),
  reason: z.string(),
});
export const ClosureList = z.object({ items: z.array(Closure) });

// ---- cassettes ----------------------------------------------------------------------------

export const CassetteBody = z.strictObject({
  slot: z.number().int().min(1, 'validation.slot').max(1000, 'validation.slot'),
  cip13: Cip13,
});
export const CassetteReplaceBody = z.strictObject({ cip13: Cip13 });
export const Cassette = z.object({
  id: Id,
  robotId: Id,
  slot: z.number().int(),
  cip13: z.string(),
  productLabel: z.string(),
  installedAt: z.string(),
  removedAt: z.string().nullable(),
});
export const CassetteList = z.object({ items: z.array(Cassette) });
export const CassettesQuery = z.strictObject({
  history: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const CassetteChange = Cassette.extend({ recomputedOrders: z.number().int() });

// ---- calendar -----------------------------------------------------------------------------

export const WeekQuery = z.strictObject({ week: IsoWeek });
export const RobotIdQuery = z.strictObject({ robotId: IdParam });

export const CalendarBatch = z.object({
  id: Id,
  start: z.string(),
  end: z.string(),
  status: z.string(),
  slotMissed: z.boolean().describe('True when the batch is still booked though its slot has ended'),
  pharmacyId: Id,
  pharmacyName: z.string(),
  careHomes: z.array(z.object({ id: Id, name: z.string() })),
  orderIds: z.array(Id),
  pouches: z.number().int(),
  manualUnits: z.number().int(),
  durationMinutes: z.number().int(),
  mine: z.boolean().describe("True when the caller's pharmacy (or the admin) may change it"),
});
export const Calendar = z.object({
  robot: Robot,
  week: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      weekday: z.number().int(),
      freeMinutes: z.number().int().describe('Working minutes left free that day, from now on (past time is not free)'),
    }),
  ),
  windows: z.array(z.object({ day: z.string(), start: z.string(), end: z.string() })),
  closures: z.array(Closure),
  batches: z.array(CalendarBatch),
});
