import type { Ctx } from '../http/context';
import { createPrescription, replacePrescription, stopPrescription } from '../orders/prescriptions.usecases';
import type { PrescriptionInput } from '../orders/residents.schemas';
import { canonicalJson } from '../shared/canonical-json';
import { addCalendarDays } from '../shared/dates';
import { findPatient } from './patients.repository';
import type { ProposalRow } from './problems.repository';
import { findResidentLine, unitsOf } from './problems.repository';
import { reviewErrors } from './reviews.errors';
import type { PrescriptionChangeInput } from './reviews.schemas';
import { todayOf } from './reviews.shared';

type Line = NonNullable<ReturnType<typeof findResidentLine>>;

function scheduleOf(line: Line): PrescriptionInput['schedule'] {
  if (line.scheduleKind === 'weekdays') {
    return { kind: 'weekdays', weekdays: (line.scheduleWeekdays ?? '').split(',').filter(Boolean).map(Number) };
  }
  if (line.scheduleKind === 'every_n_days') {
    return { kind: 'every_n_days', n: line.scheduleN as number, from: line.scheduleFrom as string };
  }
  return { kind: 'daily' };
}

const sortedSchedule = (schedule: PrescriptionInput['schedule']) =>
  schedule.kind === 'weekdays' ? { ...schedule, weekdays: [...schedule.weekdays].sort((a, b) => a - b) } : schedule;

/**
 * Whether a change to a PDA line (substitute, dose or schedule) would leave it as it is: the same
 * product, the same doses (units per administration time, quarters allowed) and the same schedule
 * as the line (its `doses` column is in quarters). Such a proposal would make a new version of
 * the line that changes nothing in the pouches, and a GP asked to accept it is asked nothing.
 */
export function changesNothing(line: Line, change: PrescriptionChangeInput): boolean {
  const before = { cip13: line.cip13, doses: unitsOf(line.doses), schedule: sortedSchedule(scheduleOf(line)) };
  const after = {
    cip13: change.cip13 ?? line.cip13,
    doses: change.doses ?? before.doses,
    schedule: sortedSchedule(change.schedule ?? scheduleOf(line)),
  };
  return canonicalJson(before) === canonicalJson(after);
}

/**
 * Makes a proposal's change through the orders domain's prescription use cases (never by writing
 * prescription rows here), inside the caller's transaction, and returns the new line's id (the
 * stopped line's for a stop). Today's pouches are already prepared: a stop ends the line today, a
 * new or replacing line starts tomorrow. The line must still be the current version, not ended
 * (409 `prescription_proposals.stale`). The prescriber of the new line is the patient's GP, who
 * accepted the intervention.
 */
export function applyPrescriptionChange(ctx: Ctx, proposal: ProposalRow): number {
  const today = todayOf(ctx);
  const tomorrow = addCalendarDays(today, 1);
  const change = proposal.change as PrescriptionChangeInput;
  const patient = findPatient(ctx.db, proposal.pharmacyId, proposal.patientId);
  const gp = patient?.gpName ?? null;
  if (proposal.kind === 'add') {
    const created = createPrescription({
      ctx,
      residentId: proposal.residentId,
      input: {
        cip13: change.cip13 as string,
        doses: change.doses as Record<string, number>,
        schedule: change.schedule ?? { kind: 'daily' },
        startDate: tomorrow,
        endDate: null,
        prescriber: gp ?? 'Médecin traitant',
        asNeeded: false,
        // The product already running for the resident: the pharmacist changes that line instead.
        allowDuplicate: false,
      },
    });
    return created.id;
  }
  const line = findResidentLine(ctx.db, proposal.residentId, proposal.prescriptionLineId as number);
  if (!line || line.replacedById != null || (line.endDate != null && line.endDate < today)) {
    throw reviewErrors.proposalStale(proposal.prescriptionLineId as number);
  }
  if (proposal.kind === 'stop') {
    stopPrescription({ ctx, id: line.id, endDate: today });
    return line.id;
  }
  const replaced = replacePrescription({
    ctx,
    id: line.id,
    input: {
      cip13: change.cip13 ?? line.cip13,
      doses: change.doses ?? unitsOf(line.doses),
      schedule: change.schedule ?? scheduleOf(line),
      startDate: line.startDate > tomorrow ? line.startDate : tomorrow,
      endDate: line.endDate,
      prescriber: gp ?? line.prescriber,
      asNeeded: line.asNeeded === 1,
      allowDuplicate: false,
    },
  });
  return replaced.id;
}
