import type { UndividedForm } from '../catalogue/catalogue.models';
import { conflict, notFound, unprocessable } from '../shared/errors';

/** Errors of care-home settings, residents, prescriptions and weekly orders; details carry what the UI shows. */
export const ordersErrors = {
  careHomeNotFound: () => notFound('care_homes.not_found', 'Care home not found'),
  cutoffAfterDelivery: () =>
    unprocessable('care_homes.cutoff_after_delivery', 'The order cut-off must come before the delivery'),
  noProductionTime: (controlMinutes: number) =>
    unprocessable(
      'care_homes.no_production_time',
      `Between the cut-off and the delivery less the pharmacist's control time (${controlMinutes} min), no pouch can be produced`,
      [{ controlMinutes }],
    ),
  administrationTimeInUse: (inUse: { name: string; lines: number }[]) =>
    conflict(
      'care_homes.administration_time_in_use',
      `Prescriptions still give doses at ${inUse.map((t) => t.name).join(', ')}`,
      inUse,
    ),
  residentNotFound: () => notFound('residents.not_found', 'Resident not found'),
  deathInFuture: (statusFrom: string) =>
    unprocessable('residents.death_in_future', `A death dated ${statusFrom} is in the future`, [{ statusFrom }]),
  deathBeforeReviewActs: (statusFrom: string, lastAct: string) =>
    conflict(
      'residents.death_before_review_acts',
      `A death dated ${statusFrom} is before a medication review act dated ${lastAct}`,
      [{ statusFrom, lastAct }],
    ),
  birthDateTooEarly: (birthDate: string, earliest: string) =>
    unprocessable('residents.birth_date_too_early', `Birth date ${birthDate} is before ${earliest}`, [
      { birthDate, earliest },
    ]),
  residentDuplicate: (r: { id: number; lastName: string; firstName: string; birthDate: string; status: string }) =>
    conflict(
      'residents.duplicate',
      `${r.lastName} ${r.firstName}, born the same day, is already a resident of this care home (resident ${r.id}): open them, or confirm a different person (allowDuplicate)`,
      [{ residentId: r.id, lastName: r.lastName, firstName: r.firstName, birthDate: r.birthDate, status: r.status }],
    ),
  birthDateInFuture: (birthDate: string) =>
    unprocessable('residents.birth_date_in_future', `Birth date ${birthDate} is in the future`, [{ birthDate }]),
  prescriptionNotFound: () => notFound('prescriptions.not_found', 'Prescription line not found'),
  unknownProduct: (cip13: string) =>
    unprocessable('prescriptions.unknown_product', `CIP13 ${cip13} is not in the catalogue`, [{ cip13 }]),
  unknownAdministrationTime: (name: string, known: string[]) =>
    unprocessable(
      'prescriptions.unknown_administration_time',
      `The care home has no administration time "${name}" (it has ${known.join(', ')})`,
      [{ name, known }],
    ),
  endBeforeStart: (startDate: string, endDate: string) =>
    unprocessable('prescriptions.end_before_start', `End ${endDate} is before start ${startDate}`, [
      { startDate, endDate },
    ]),
  startInPast: (startDate: string, today: string) =>
    unprocessable(
      'prescriptions.start_in_past',
      `A replacement starts today or later (${startDate} is before ${today}): past weeks keep their lines`,
      [{ startDate, today }],
    ),
  endInPast: (endDate: string, earliest: string) =>
    unprocessable(
      'prescriptions.end_in_past',
      `A line can be stopped from today at the earliest (last day ${earliest})`,
      [{ endDate, earliest }],
    ),
  startAfterDeath: (startDate: string, deathDate: string) =>
    unprocessable(
      'prescriptions.start_after_death',
      `Start ${startDate} is on or after the resident's death (${deathDate})`,
      [{ startDate, deathDate }],
    ),
  doseNotDivisible: (cip13: string, form: string, rule: UndividedForm, times: string[]) =>
    unprocessable(
      'prescriptions.dose_not_divisible',
      `A ${form} cannot be given as a fraction of a unit (${times.join(', ')})`,
      [{ cip13, form, rule, times }],
    ),
  startBeforeBirth: (startDate: string, birthDate: string) =>
    unprocessable(
      'prescriptions.start_before_birth',
      `Start ${startDate} is before the resident's birth (${birthDate})`,
      [{ startDate, birthDate }],
    ),
  duplicateProduct: (line: { lineId: number; startDate: string; endDate: string | null }) =>
    conflict(
      'prescriptions.duplicate_product',
      `The resident already has a line of this product over these dates (line ${line.lineId}): change it, or confirm a second line (allowDuplicate)`,
      [line],
    ),
  alreadyReplaced: (replacedById: number) =>
    conflict('prescriptions.already_replaced', 'This line was already replaced: change its latest version', [
      { replacedById },
    ]),
  stopExtends: (currentEnd: string, endDate: string) =>
    conflict('prescriptions.stop_extends', `This line already ends on ${currentEnd}: a stop cannot move it later`, [
      { currentEnd, endDate },
    ]),
  lineEnded: (endDate: string) =>
    conflict('prescriptions.ended', `This line ended on ${endDate}: add a new line instead`, [{ endDate }]),
  orderNotFound: () => notFound('orders.not_found', 'Order not found'),
  orderExists: (id: number, week: string) =>
    conflict('orders.already_exists', `The care home already has an order for ${week}`, [{ id, week }]),
  cutoffPassed: (cutoffAt: string) =>
    conflict('orders.cutoff_passed', 'The cut-off has passed: ask the pharmacy for a late change', [{ cutoffAt }]),
  deliveryPassed: (deliveryAt: string) =>
    conflict('orders.delivery_passed', `This week's delivery (${deliveryAt}) has passed: it can no longer be ordered`, [
      { deliveryAt },
    ]),
  weekTooFar: (week: string, latest: string) =>
    unprocessable('orders.week_too_far', `Orders are taken at most 52 weeks ahead (until ${latest})`, [
      { week, latest },
    ]),
  cutoffNotPassed: (cutoffAt: string) =>
    conflict('orders.cutoff_not_passed', 'The cut-off is still ahead: change the order directly', [{ cutoffAt }]),
  invalidTransition: (from: string, to: string) =>
    conflict('orders.invalid_transition', `An order that is ${from} cannot become ${to}`, [{ from, to }]),
  invalidStatus: (status: string, action: string) =>
    conflict('orders.invalid_status', `An order that is ${status} cannot be ${action}`, [{ status, action }]),
  residentNotInCareHome: (residentId: number) =>
    unprocessable('orders.resident_not_in_care_home', 'This resident does not live in the order’s care home', [
      { residentId },
    ]),
  /** `resident` is its "NOM Prénom", for a request that names several residents. */
  absenceOverlaps: (
    from: string,
    to: string,
    existing: { id?: number; from: string; to: string },
    resident: { residentId: number; resident: string },
  ) =>
    conflict(
      'orders.absence_overlaps',
      `${from}–${to} overlaps an absence already marked (${existing.from}–${existing.to})`,
      [{ from, to, ...resident, existing }],
    ),
  absenceAlreadyRequested: (
    absence: { residentId: number; from: string; to: string },
    pending: { changeRequestId: number; from: string; to: string },
    resident: string,
  ) =>
    conflict(
      'orders.absence_already_requested',
      `${absence.from}–${absence.to} overlaps an absence a pending late change already asks for (${pending.from}–${pending.to}, request ${pending.changeRequestId})`,
      [{ ...absence, resident, pending }],
    ),
  /** `weekFrom`, `weekTo`: the week's Monday and Sunday, which the message gives. */
  absenceOutsideWeek: (from: string, to: string, week: string, weekFrom: string, weekTo: string) =>
    unprocessable('orders.absence_outside_week', `${from}–${to} is not inside ${week}`, [
      { from, to, week, weekFrom, weekTo },
    ]),
  /** Every day of `from`–`to` is one the resident's status (hospitalised, discharged, deceased) already keeps away. */
  residentAwayByStatus: (
    from: string,
    to: string,
    resident: {
      residentId: number;
      resident: string;
      status: string;
      statusFrom: string | null;
      statusTo: string | null;
    },
  ) =>
    unprocessable(
      'orders.resident_away_by_status',
      `${resident.resident}'s status (${resident.status}) already keeps them away from ${from} to ${to}`,
      [{ from, to, ...resident }],
    ),
  absenceDates: (from: string, to: string) =>
    unprocessable('orders.absence_dates', `The absence ends (${to}) before it starts (${from})`, [{ from, to }]),
  absenceNotFound: () => notFound('orders.absence_not_found', 'Absence not found'),
  changeRequestNotFound: () => notFound('orders.change_request_not_found', 'Change request not found'),
  changeRequestDecided: (status: string) =>
    conflict('orders.change_request_decided', `This change request is already ${status}`, [{ status }]),
};
