// Shared by the server (validation, OpenAPI) and the web forms: import nothing here but zod, the
// shared schemas and pure models (no drizzle). Custom messages are keys of the web catalogues.
import { z } from 'zod';
import { CalendarDate, FreeText, Id, IdParam, IsoWeek } from '../shared/schemas';
import { ABSENCE_REASONS, CHANGE_REQUEST_STATUSES, ORDER_STATUSES, UNIT_ROUTES } from './orders.models';

export const OrderBody = z.strictObject({ careHomeId: Id, week: IsoWeek });

export const OrdersQuery = z.strictObject({
  week: IsoWeek.optional(),
  careHomeId: IdParam.optional(),
  status: z.enum(ORDER_STATUSES).optional(),
});

export const AbsenceBody = z.strictObject({
  residentId: Id,
  from: CalendarDate,
  to: CalendarDate,
  reason: z.enum(ABSENCE_REASONS),
});
export type AbsenceInput = z.output<typeof AbsenceBody>;

/** New days of an absence (its resident and reason stay). */
export const AbsenceDaysBody = z.strictObject({ from: CalendarDate, to: CalendarDate });
export type AbsenceDaysInput = z.output<typeof AbsenceDaysBody>;

export const AbsenceParams = z.strictObject({ id: IdParam, absenceId: IdParam });

export const NotesBody = z.strictObject({ notes: FreeText({ min: 0, max: 2000, multiline: true }) });

/** Absences one late change request may carry: a whole floor of a care home, with room. */
export const MAX_CHANGE_ABSENCES = 50;

export const ChangeRequestBody = z.strictObject({
  message: FreeText({ max: 1000, multiline: true }),
  absences: z.array(AbsenceBody).max(MAX_CHANGE_ABSENCES, 'orders.change.tooManyAbsences').default([]),
});
export type ChangeRequestInput = z.output<typeof ChangeRequestBody>;

export const RefuseBody = z.strictObject({ reason: FreeText({ max: 500 }) });

export const ChangeRequestsQuery = z.strictObject({
  status: z.enum(CHANGE_REQUEST_STATUSES).optional(),
  orderId: IdParam.optional(),
});

const Totals = z.object({
  pouches: z.number().int(),
  robotUnits: z.number().int(),
  manualUnits: z.number().int(),
  horsPdaUnits: z.number().int(),
});

const orderSummaryShape = {
  id: z.number().int(),
  careHomeId: z.number().int(),
  careHomeName: z.string(),
  week: z.string(),
  status: z.enum(ORDER_STATUSES),
  cutoffAt: z.string().meta({ description: 'UTC instant of the cut-off' }),
  deliveryAt: z.string().meta({ description: 'UTC instant of the delivery' }),
  totals: Totals,
  /** True when the caller may still change it directly: draft or submitted, cut-off ahead. */
  editable: z.boolean(),
  pendingChangeRequests: z.number().int(),
  slotMissed: z.boolean().meta({
    description:
      'A planned order whose robot batch is still booked past its slot: nobody is producing it until the pharmacy starts, moves or cancels the batch',
  }),
  deliveryMovedFor: z.string().nullable().meta({
    description:
      'The French public holiday that moved this order’s delivery and cut-off earlier (e.g. « Noël » for 2026-W53), or null',
  }),
};
export const OrderSummary = z.object(orderSummaryShape);
export const OrderList = z.object({ items: z.array(OrderSummary) });

export const Absence = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  residentId: z.number().int(),
  from: z.string(),
  to: z.string(),
  reason: z.enum(ABSENCE_REASONS),
  changeRequestId: z.number().int().nullable(),
});

export const ChangeRequest = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  week: z.string(),
  careHomeId: z.number().int(),
  careHomeName: z.string(),
  message: z.string(),
  absences: z.array(
    z.object({ residentId: z.number().int(), name: z.string(), from: z.string(), to: z.string(), reason: z.string() }),
  ),
  status: z.enum(CHANGE_REQUEST_STATUSES),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
});
export const ChangeRequestList = z.object({ items: z.array(ChangeRequest) });

export const OrderDetail = z.object({
  ...orderSummaryShape,
  notes: z.string(),
  computedAt: z.string(),
  submittedAt: z.string().nullable(),
  administrationTimes: z.array(z.string()),
  days: z.array(z.string()),
  residents: z.array(
    z.object({
      residentId: z.number().int(),
      name: z.string(),
      room: z.string(),
      pouches: z.number().int(),
      days: z.array(
        z.object({ date: z.string(), absent: z.boolean(), pouchesByTime: z.record(z.string(), z.number().int()) }),
      ),
    }),
  ),
  products: z.array(
    z.object({ cip13: z.string(), label: z.string(), units: z.number().int(), route: z.enum(UNIT_ROUTES) }),
  ),
  absences: z.array(Absence),
  changeRequests: z.array(ChangeRequest),
  events: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actor: z.string(),
      kind: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type OrderDetailOut = z.output<typeof OrderDetail>;
