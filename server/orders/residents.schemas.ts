// Shared by the server (validation, OpenAPI) and the web forms: import nothing here but zod, the
// shared schemas and pure models (no drizzle). Custom messages are keys of the web catalogues.
import { z } from 'zod';
import { isValidCip13 } from '../catalogue/catalogue.models';
import { CalendarDate, FreeText, Id, IdParam, IdParams, IsoWeek } from '../shared/schemas';
import { MAX_DOSE_UNITS, RESIDENT_STATUSES, unitsToQuarters } from './orders.models';

export { IdParams };

export const Cip13 = z
  .string()
  .regex(/^\d{13}$/, 'validation.cip13')
  .refine(isValidCip13, 'validation.cip13')
  .meta({ example: '3400930000001' });

/** Paris wall-clock time `HH:mm`. */
export const WallTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.time')
  .meta({ example: '08:00' });

const TIME_NAME = /^[\p{L}\p{N}][\p{L}\p{N} '’-]*$/u;

/**
 * An administration time's name as the care home says it: `matin`, `lever`, `16 h`… The OpenAPI
 * pattern is given as the plain regex source: the generator would print the `u` flag into it.
 */
export const TimeName = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .max(20, 'validation.tooLong')
  .regex(TIME_NAME, 'validation.timeName')
  .meta({ pattern: TIME_NAME.source });

export const IsoWeekday = z.number().int().min(1, 'validation.weekday').max(7, 'validation.weekday');

// ---- care-home settings -------------------------------------------------------------------

export const CareHomeSettingsBody = z
  .strictObject({
    administrationTimes: z
      .array(z.strictObject({ name: TimeName, time: WallTime }))
      .min(1, 'validation.administrationTimesRequired')
      .max(8, 'validation.administrationTimesMax'),
    deliveryWeekday: IsoWeekday,
    deliveryTime: WallTime,
    cutoffWeekday: IsoWeekday,
    cutoffTime: WallTime,
  })
  .superRefine((value, ctx) => {
    const names = value.administrationTimes.map((t) => t.name.toLocaleLowerCase('fr'));
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: 'custom', path: ['administrationTimes'], message: 'validation.administrationTimesUnique' });
    }
    const times = value.administrationTimes.map((t) => t.time);
    if (times.some((time, i) => i > 0 && time <= (times[i - 1] as string))) {
      ctx.addIssue({ code: 'custom', path: ['administrationTimes'], message: 'validation.administrationTimesOrder' });
    }
  });
export type CareHomeSettingsInput = z.output<typeof CareHomeSettingsBody>;

export const CareHomeSettingsResponse = z.object({
  careHomeId: z.number().int(),
  administrationTimes: z.array(z.object({ name: z.string(), time: z.string() })),
  deliveryWeekday: z.number().int(),
  deliveryTime: z.string(),
  cutoffWeekday: z.number().int(),
  cutoffTime: z.string(),
  /** False while the care home uses the SPEC §5 defaults. */
  customised: z.boolean(),
});

export type CareHomeSettingsOut = z.output<typeof CareHomeSettingsResponse>;

/** `weeks`: 1 to 26, decimal digits only. */
export const ScheduleQuery = z.strictObject({
  from: IsoWeek.optional(),
  weeks: z
    .string()
    .regex(/^[1-9][0-9]?$/, 'validation.weeks')
    .transform(Number)
    .pipe(z.number().max(26, 'validation.weeks'))
    .optional(),
});
export const ScheduleResponse = z.object({
  items: z.array(
    z.object({
      week: z.string(),
      cutoffAt: z.string(),
      deliveryAt: z.string(),
      deliveryMovedFor: z.string().nullable().meta({
        description: 'French public holiday that moved this week’s delivery and cut-off earlier, or null',
      }),
    }),
  ),
});

// ---- residents ----------------------------------------------------------------------------

const residentFields = {
  lastName: FreeText({ max: 80 }),
  firstName: FreeText({ max: 80 }),
  birthDate: CalendarDate,
  room: FreeText({ max: 20 }),
};

export const ResidentBody = z.strictObject({
  careHomeId: Id,
  ...residentFields,
  /** Confirms a namesake born the same day in the same care home (else 409 `residents.duplicate`). */
  allowDuplicate: z.boolean().optional(),
});
export type ResidentInput = z.output<typeof ResidentBody>;

/** A status change carries its dates: hospitalised from (to), discharged or deceased on. */
export const ResidentPatchBody = z
  .strictObject({
    ...residentFields,
    status: z.enum(RESIDENT_STATUSES),
    statusFrom: CalendarDate.nullable(),
    statusTo: CalendarDate.nullable(),
  })
  .partial()
  .superRefine((value, ctx) => {
    if (value.status === undefined) {
      if (value.statusFrom !== undefined || value.statusTo !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['status'], message: 'validation.statusRequired' });
      }
      return;
    }
    const from = value.statusFrom ?? null;
    const to = value.statusTo ?? null;
    if (value.status === 'active' ? from !== null : from === null) {
      ctx.addIssue({ code: 'custom', path: ['statusFrom'], message: 'validation.statusFrom' });
    }
    if (to !== null && (value.status !== 'hospitalised' || (from !== null && to < from))) {
      ctx.addIssue({ code: 'custom', path: ['statusTo'], message: 'validation.statusTo' });
    }
  });
export type ResidentPatch = z.output<typeof ResidentPatchBody>;

export const ResidentsQuery = z.strictObject({ careHomeId: IdParam.optional() });

export const Resident = z.object({
  id: z.number().int(),
  careHomeId: z.number().int(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string(),
  room: z.string(),
  status: z.enum(RESIDENT_STATUSES),
  statusFrom: z.string().nullable(),
  statusTo: z.string().nullable(),
});
export const ResidentList = z.object({ items: z.array(Resident.extend({ activeLines: z.number().int() })) });

// ---- prescriptions ------------------------------------------------------------------------

/** A dose in units: a multiple of 0.25 (quarter tablets), at most MAX_DOSE_UNITS. */
export const DoseUnits = z
  .number()
  .positive('validation.dosePositive')
  .max(MAX_DOSE_UNITS, 'validation.doseMax')
  .refine((n) => unitsToQuarters(n) !== null, 'validation.doseQuarter');

export const Schedule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('daily') }),
  z.strictObject({
    kind: z.literal('weekdays'),
    weekdays: z
      .array(IsoWeekday)
      .min(1, 'validation.weekdaysRequired')
      .refine((days) => new Set(days).size === days.length, 'validation.weekdaysUnique'),
  }),
  z.strictObject({
    kind: z.literal('every_n_days'),
    n: z.number().int().min(2, 'validation.everyN').max(366, 'validation.everyN'),
    from: CalendarDate,
  }),
]);

export const PrescriptionBody = z.strictObject({
  cip13: Cip13,
  doses: z
    .record(TimeName, DoseUnits)
    .refine((doses) => Object.keys(doses).length > 0, 'validation.doseRequired')
    .meta({ example: { matin: 1, soir: 0.5 } }),
  schedule: Schedule,
  startDate: CalendarDate,
  endDate: CalendarDate.nullable().optional(),
  prescriber: FreeText({ max: 120 }),
  asNeeded: z.boolean().default(false),
  allowDuplicate: z
    .boolean()
    .default(false)
    .describe(
      'Add the line although a regular line of the same product runs over some of its days (two schedules of one drug)',
    ),
});
export type PrescriptionInput = z.output<typeof PrescriptionBody>;

export const StopBody = z.strictObject({ endDate: CalendarDate });

export const PRESCRIPTION_STATES = ['active', 'planned', 'ended', 'replaced'] as const;

export const Prescription = z.object({
  id: z.number().int(),
  residentId: z.number().int(),
  cip13: z.string(),
  productLabel: z.string(),
  productForm: z.string().nullable().meta({
    description: 'BDPM pharmaceutical form ("gélule", "comprimé sécable"); null when the speciality is unknown',
  }),
  pdaExcluded: z.boolean(),
  doses: z.record(z.string(), z.number()),
  schedule: Schedule,
  startDate: z.string(),
  endDate: z.string().nullable(),
  prescriber: z.string(),
  asNeeded: z.boolean(),
  replacesId: z.number().int().nullable(),
  replacedById: z.number().int().nullable(),
  state: z.enum(PRESCRIPTION_STATES),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export const PrescriptionList = z.object({ items: z.array(Prescription) });
