import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { findSamePerson, type Identity } from './patients.models';
import {
  earliestRecordOf,
  endMedication,
  findOwnMedication,
  findPatient,
  findPresentationFacts,
  findServedResident,
  insertMedication,
  insertPatient,
  listMedicationRows,
  listPatients,
  type PatientRow,
  updatePatient,
} from './patients.repository';
import {
  checkBirthBeforeRecords,
  checkBirthDate,
  checkPrescriptionDate,
  type DateProblem,
} from './plausibility.models';
import { reviewErrors } from './reviews.errors';
import { listReviews } from './reviews.repository';
import type { MedicationInput, MedicationStopInput, PatientInput, PatientPatch } from './reviews.schemas';
import {
  eligibilityFor,
  loadMedications,
  loadMedicationsOf,
  reviewStaff,
  summarizeReviews,
  todayOf,
} from './reviews.shared';

const toMedicationJson = (m: ReturnType<typeof loadMedications>[number]) => ({
  ...m,
  substances: m.substances.map((s) => s.name),
});

function patientInPharmacy(ctx: Ctx, pharmacyId: number, id: number): PatientRow {
  const patient = findPatient(ctx.db, pharmacyId, id);
  if (!patient) throw reviewErrors.patientNotFound();
  return patient;
}

/**
 * The pharmacy's patients (community patients and residents of the care homes it serves), with
 * today's eligibility and the review in progress. Read of patient data: audited.
 */
export function listMyPatients({ ctx, query }: { ctx: Ctx; query: { q?: string; residents?: 'only' | 'none' } }) {
  const { pharmacyId } = reviewStaff(ctx, 'patients.read');
  const day = todayOf(ctx);
  const rows = listPatients(ctx.db, pharmacyId, query);
  const open = new Map(listReviews(ctx.db, pharmacyId, { status: 'open' }).map((r) => [r.patientId, r.id]));
  const meds = loadMedicationsOf(ctx, rows, day);
  const items = rows.map((p) => {
    const e = eligibilityFor(p, meds.get(p.id) ?? [], day);
    // A deceased patient is not eligible, even without a birth date (eligibility unknown otherwise).
    return { ...p, eligible: e.error && !e.deceasedOn ? null : e.eligible, openReviewId: open.get(p.id) ?? null };
  });
  recordAudit(ctx, { action: 'patients.list', entity: 'patient', details: { count: items.length } });
  return { items };
}

/** One patient: identity, medication lines, eligibility today with its reasons, reviews. Audited. */
export function getPatient({ ctx, id }: { ctx: Ctx; id: number }) {
  const { pharmacyId } = reviewStaff(ctx, 'patients.read', reviewErrors.patientNotFound);
  const patient = patientInPharmacy(ctx, pharmacyId, id);
  recordAudit(ctx, { action: 'patients.read', entity: 'patient', entityId: id });
  return patientDetail(ctx, patient);
}

function patientDetail(ctx: Ctx, patient: PatientRow) {
  const day = todayOf(ctx);
  const meds = loadMedications(ctx, patient, day);
  const reviews = summarizeReviews(ctx, listReviews(ctx.db, patient.pharmacyId, { patientId: patient.id }), day).map(
    ({ steps: _, ...r }) => r,
  );
  return {
    ...patient,
    medications: meds.map(toMedicationJson),
    eligibility: eligibilityFor(patient, meds, day),
    reviews,
  };
}

const refuse = (problem: DateProblem | null) => {
  if (problem) throw reviewErrors.implausibleDate(problem);
};

/**
 * The medication line of a patient overlapping `[startDate, endDate]` for the same drug (a PDA line
 * of a resident included): the same speciality (BDPM CIS: substance, strength and form), whatever
 * its box (CIP13: a box of 30 or of 90 is the same treatment). The list would show, and count, the
 * drug twice.
 */
function overlappingLine(
  meds: readonly { cis: string; startDate: string; endDate: string | null }[],
  line: { cis: string; startDate: string; endDate: string | null },
) {
  return meds.find(
    (m) =>
      m.cis === line.cis &&
      (line.endDate == null || m.startDate <= line.endDate) &&
      (m.endDate == null || m.endDate >= line.startDate),
  );
}

const sameName = (a: string, b: string) => a.localeCompare(b, 'fr', { sensitivity: 'base' }) === 0;

/**
 * A new patient of the staff member's pharmacy. With `residentId`, the resident of a care home the
 * pharmacy serves becomes a patient (once): its name and birth date stay the resident's, and any
 * sent in the body must match them. Another pharmacy's resident answers 404. A birth date in the
 * future or before 1900, a GP's prescription dated in the future or before the birth: 422.
 * Someone already a patient of the pharmacy under the same name and birth date (accents and case
 * ignored, `findSamePerson`) answers 409 `patients.duplicate` naming that patient, unless
 * `allowDuplicate` confirms a different person (namesakes born the same day).
 */
export function createPatient({ ctx, input }: { ctx: Ctx; input: PatientInput }) {
  const { pharmacyId, userId } = reviewStaff(ctx, 'patients.write');
  const now = ctx.clock.now().toISOString();
  const today = todayOf(ctx);
  if (input.birthDate) refuse(checkBirthDate(input.birthDate, today));
  return ctx.db.transaction(
    () => {
      let identity = {
        lastName: input.lastName ?? null,
        firstName: input.firstName ?? null,
        birthDate: input.birthDate ?? null,
      };
      // The person the new patient is, for the duplicate check: the resident, or the names sent.
      let who: Identity | null = null;
      if (input.residentId != null) {
        const resident = findServedResident(ctx.db, pharmacyId, input.residentId);
        if (!resident) throw reviewErrors.residentNotFound();
        if (resident.patientId != null) throw reviewErrors.residentAlreadyPatient(resident.patientId);
        if (input.lastName !== undefined && !sameName(input.lastName, resident.lastName))
          throw reviewErrors.identityFromResident('lastName');
        if (input.firstName !== undefined && !sameName(input.firstName, resident.firstName))
          throw reviewErrors.identityFromResident('firstName');
        if (input.birthDate !== undefined && input.birthDate !== resident.birthDate)
          throw reviewErrors.identityFromResident('birthDate');
        identity = { lastName: null, firstName: null, birthDate: null };
        who = resident;
        if (input.gpPrescriptionDate)
          refuse(checkPrescriptionDate(input.gpPrescriptionDate, resident.birthDate, today, 'gpPrescriptionDate'));
      } else if (!identity.lastName || !identity.firstName) {
        throw reviewErrors.namesRequired();
      } else {
        who = { lastName: identity.lastName, firstName: identity.firstName, birthDate: identity.birthDate };
        if (input.gpPrescriptionDate)
          refuse(checkPrescriptionDate(input.gpPrescriptionDate, identity.birthDate, today, 'gpPrescriptionDate'));
      }
      if (!input.allowDuplicate) {
        const same = findSamePerson(who as Identity, listPatients(ctx.db, pharmacyId, {}));
        if (same) throw reviewErrors.patientDuplicate(same);
      }
      const id = insertPatient(ctx.db, {
        pharmacyId,
        residentId: input.residentId ?? null,
        ...identity,
        gpName: input.gpName ?? null,
        gpContact: input.gpContact ?? null,
        gpPrescriptionDate: input.gpPrescriptionDate ?? null,
        createdAt: now,
        createdBy: userId,
      });
      recordAudit(ctx, {
        action: 'patients.create',
        entity: 'patient',
        entityId: id,
        details: { residentId: input.residentId ?? null },
      });
      return patientDetail(ctx, patientInPharmacy(ctx, pharmacyId, id));
    },
    { behavior: 'immediate' },
  );
}

/**
 * Changes a patient's details; a resident's name and birth date are changed on the resident (422).
 * A birth date is plausible (not in the future, not before 1900, not after a medication line or a
 * review of the patient: 422 `reviews.birth_after_records`), the GP's prescription date too.
 */
export function patchPatient({ ctx, id, input }: { ctx: Ctx; id: number; input: PatientPatch }) {
  const { pharmacyId } = reviewStaff(ctx, 'patients.write', reviewErrors.patientNotFound);
  return ctx.db.transaction(
    () => {
      const patient = patientInPharmacy(ctx, pharmacyId, id);
      if (patient.residentId != null) {
        for (const field of ['lastName', 'firstName', 'birthDate'] as const) {
          if (input[field] !== undefined) throw reviewErrors.identityFromResident(field);
        }
      }
      const today = todayOf(ctx);
      if (input.birthDate) {
        refuse(checkBirthDate(input.birthDate, today));
        refuse(checkBirthBeforeRecords(input.birthDate, earliestRecordOf(ctx.db, patient.id)));
      }
      const birthDate = input.birthDate !== undefined ? input.birthDate : patient.birthDate;
      const gpDate = input.gpPrescriptionDate !== undefined ? input.gpPrescriptionDate : patient.gpPrescriptionDate;
      if (gpDate && (input.gpPrescriptionDate || input.birthDate))
        refuse(checkPrescriptionDate(gpDate, birthDate, today, 'gpPrescriptionDate'));
      updatePatient(ctx.db, pharmacyId, id, input, ctx.clock.now().toISOString());
      recordAudit(ctx, {
        action: 'patients.update',
        entity: 'patient',
        entityId: id,
        details: { fields: Object.keys(input) },
      });
      return patientDetail(ctx, patientInPharmacy(ctx, pharmacyId, id));
    },
    { behavior: 'immediate' },
  );
}

/**
 * Adds a medication line (not a PDA prescription) to a patient. Whether it is reimbursed and its
 * active substances come from the catalogue; an unknown CIP13 is refused (422). The start is not
 * in the future nor before the patient's birth (422 `reviews.prescription_in_future`,
 * `reviews.prescription_before_birth`); a line of the same drug (CIS, whatever the box) whose dates
 * overlap one already on the list (a PDA line included) is refused (409 `reviews.medication_duplicate`).
 */
export function addMedication({ ctx, id, input }: { ctx: Ctx; id: number; input: MedicationInput }) {
  const { pharmacyId, userId } = reviewStaff(ctx, 'patients.write', reviewErrors.patientNotFound);
  return ctx.db.transaction(
    () => {
      const patient = patientInPharmacy(ctx, pharmacyId, id);
      const today = todayOf(ctx);
      refuse(checkPrescriptionDate(input.startDate, patient.birthDate, today, 'startDate'));
      const product = findPresentationFacts(ctx.db, input.cip13);
      if (!product) throw reviewErrors.unknownProduct(input.cip13);
      const twin = overlappingLine(listMedicationRows(ctx.db, patient.id, patient.residentId), {
        cis: product.cis,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
      });
      if (twin) throw reviewErrors.medicationDuplicate(input.cip13, twin.startDate);
      const lineId = insertMedication(ctx.db, {
        patientId: patient.id,
        cip13: input.cip13,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        prescriber: input.prescriber ?? null,
        dosage: input.dosage ?? null,
        createdAt: ctx.clock.now().toISOString(),
        createdBy: userId,
      });
      recordAudit(ctx, {
        action: 'patients.add_medication',
        entity: 'patient',
        entityId: patient.id,
        details: { medicationId: lineId },
      });
      const line = loadMedications(ctx, patient, todayOf(ctx)).find((m) => m.source === 'other' && m.id === lineId);
      return toMedicationJson(line as NonNullable<typeof line>);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Ends a medication line entered for a patient (SPEC §7, e.g. a stop the GP accepted): `endDate`
 * is the last day it is taken. From the day after, the line is no longer active: out of the
 * treatment in force (GP report) and of eligibility. Not before the line's start (422
 * `reviews.medication_end_before_start`); a line already ending on or before that day answers 409
 * `reviews.medication_ended`. Another pharmacy's patient, or a line not entered for this patient
 * (a PDA line is changed on the resident's prescriptions), answers 404. Audited.
 * Returns the line as `Medication`.
 */
export function stopMedication({
  ctx,
  id,
  lineId,
  input,
}: {
  ctx: Ctx;
  id: number;
  lineId: number;
  input: MedicationStopInput;
}) {
  const { pharmacyId } = reviewStaff(ctx, 'patients.write', reviewErrors.patientNotFound);
  return ctx.db.transaction(
    () => {
      const patient = patientInPharmacy(ctx, pharmacyId, id);
      const line = findOwnMedication(ctx.db, pharmacyId, patient.id, lineId);
      if (!line) throw reviewErrors.medicationNotFound();
      if (input.endDate < line.startDate) throw reviewErrors.medicationEndBeforeStart(input.endDate, line.startDate);
      if (line.endDate != null && line.endDate <= input.endDate) throw reviewErrors.medicationEnded(line.endDate);
      endMedication(ctx.db, patient.id, line.id, input.endDate);
      recordAudit(ctx, {
        action: 'patients.stop_medication',
        entity: 'patient',
        entityId: patient.id,
        details: { medicationId: line.id, endDate: input.endDate, previousEndDate: line.endDate },
      });
      const view = loadMedications(ctx, patient, todayOf(ctx)).find((m) => m.source === 'other' && m.id === line.id);
      return toMedicationJson(view as NonNullable<typeof view>);
    },
    { behavior: 'immediate' },
  );
}
