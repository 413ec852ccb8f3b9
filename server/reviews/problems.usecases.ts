import { raiseAlert } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { undividedDoses } from '../orders/prescriptions.usecases';
import { loadCareHomeSettings } from '../orders/residents.repository';
import { type ProposalKind, proposalKindOf } from './act-ip.models';
import { findPatient, findPresentationFacts, listMedicationRows, type PatientRow } from './patients.repository';
import { checkAnswerDate, checkNotAfterDeath } from './plausibility.models';
import { changesNothing } from './prescription-change';
import {
  answerProblem,
  deletePendingProposal,
  findProblem,
  findResidentLine,
  insertProblem,
  insertProposal,
  type ProblemRow,
  unitsOf,
} from './problems.repository';
import { resolvePendingAlert } from './proposals.usecases';
import { reviewErrors } from './reviews.errors';
import { analysisSent } from './reviews.models';
import { findReview, listSteps, type ReviewRow } from './reviews.repository';
import type { AnswerInput, PrescriptionChangeInput, ProblemInput } from './reviews.schemas';
import { reviewGates, reviewStaff, todayOf } from './reviews.shared';

/** What each kind of change needs besides the target line (`add` has none: it creates a line). */
const NEEDS: Record<ProposalKind, { line: boolean; change: (c: PrescriptionChangeInput) => string | null }> = {
  stop: { line: true, change: () => null },
  add: { line: false, change: (c) => (!c.cip13 ? 'cip13' : !c.doses ? 'doses' : null) },
  substitute: { line: true, change: (c) => (!c.cip13 ? 'cip13' : null) },
  adjust_dose: { line: true, change: (c) => (!c.doses ? 'doses' : null) },
  change_schedule: { line: true, change: (c) => (!c.doses && !c.schedule ? 'doses' : null) },
};

/**
 * The PDA change an intervention on a resident would make, or null (a community patient, an
 * intervention that changes no line, or no PDA line named). A named line with missing details
 * (a substitute without the new product…) is refused: the proposal must apply in one click.
 */
function plannedChange(patient: PatientRow, input: ProblemInput): { kind: ProposalKind } | null {
  const kind = proposalKindOf(input.interventionCode);
  if (patient.residentId == null || !kind) return null;
  const needs = NEEDS[kind];
  if (needs.line && input.prescriptionLineId == null) return null;
  if (!needs.line && !input.change) return null;
  const missing = needs.change(input.change ?? {});
  if (missing) throw reviewErrors.proposalDetails(kind, missing);
  return { kind };
}

/**
 * What the orders domain would refuse when the pharmacist applies the proposal, refused now,
 * when the problem is recorded: a dose at a time the resident's care home does not give drugs
 * (422 `reviews.unknown_administration_time`), a new line of a drug the resident already has
 * in force or planned (409 `reviews.drug_already_prescribed`: the pouches would hold it twice).
 */
function checkChangeForResident(ctx: Ctx, patient: PatientRow, kind: ProposalKind, change: PrescriptionChangeInput) {
  if (change.doses && patient.careHomeId != null) {
    const known = loadCareHomeSettings(ctx.db, patient.careHomeId).administrationTimes.map((t) => t.name);
    for (const name of Object.keys(change.doses)) {
      if (!known.includes(name)) throw reviewErrors.unknownAdministrationTime(name, known);
    }
  }
  if (kind === 'add' && change.cip13) {
    const today = todayOf(ctx);
    const same = listMedicationRows(ctx.db, patient.id, patient.residentId).find(
      (m) => m.source === 'pda' && m.cip13 === change.cip13 && (m.endDate == null || m.endDate >= today),
    );
    if (same) throw reviewErrors.drugAlreadyPrescribed(change.cip13, same.id);
  }
}

/**
 * Records a drug-related problem (SFPC Act-IP codes, validated by the schema) on an open review
 * of the pharmacy (409 on a completed, cancelled or interrupted one), with the drugs concerned (from the catalogue, each once: 422
 * `reviews.duplicate_drugs`) and, for a resident, the PDA line the intervention is about and the
 * change it proposes, checked as the prescription would be (`checkChangeForResident`) and not one
 * that leaves the line as it is (422 `reviews.change_changes_nothing`), nor one that would give a
 * fraction of a capsule or of an unscored modified-release tablet (422 `reviews.dose_not_divisible`:
 * the line's own rule, `undividedDoses`). Not once the
 * patient has died (recorded today, after a resident's death: 422 `reviews.patient_deceased`).
 * Problems are recorded during analysis (SPEC §7), so not before the patient's consent is on
 * record (409 `reviews.consent_required`; a following year relies on the first year's: `reviewGates`).
 */
export function addProblem({ ctx, reviewId, input }: { ctx: Ctx; reviewId: number; input: ProblemInput }) {
  const { pharmacyId, userId } = reviewStaff(ctx, 'reviews.prepare', reviewErrors.reviewNotFound);
  return ctx.db.transaction(
    () => {
      const review = findReview(ctx.db, pharmacyId, reviewId);
      if (!review) throw reviewErrors.reviewNotFound();
      if (review.status === 'completed') throw reviewErrors.reviewCompleted();
      if (review.status === 'cancelled') throw reviewErrors.reviewCancelled();
      if (review.status === 'interrupted') throw reviewErrors.reviewInterrupted(review.interruptedOn as string);
      if (!reviewGates(ctx, review, listSteps(ctx.db, [review.id])).consentRecorded)
        throw reviewErrors.consentRequired();
      const patient = findPatient(ctx.db, pharmacyId, review.patientId) as PatientRow;
      const afterDeath = checkNotAfterDeath(todayOf(ctx), patient.deceasedOn);
      if (afterDeath) throw reviewErrors.implausibleDate(afterDeath);
      const twice = input.drugs.find((cip13, i) => input.drugs.indexOf(cip13) !== i);
      if (twice) throw reviewErrors.duplicateDrugs(twice);
      const drugs = input.drugs.map((cip13) => {
        const facts = findPresentationFacts(ctx.db, cip13);
        if (!facts) throw reviewErrors.unknownProduct(cip13);
        return { cip13, label: facts.productLabel };
      });
      if ((input.prescriptionLineId != null || input.change) && patient.residentId == null) {
        throw reviewErrors.prescriptionOnlyForResidents();
      }
      const line =
        input.prescriptionLineId != null
          ? findResidentLine(ctx.db, patient.residentId as number, input.prescriptionLineId)
          : undefined;
      if (input.prescriptionLineId != null) {
        if (!line) throw reviewErrors.prescriptionNotOfPatient(input.prescriptionLineId);
        // The line a proposal changes is a line of a drug the problem is about: otherwise the GP
        // accepts "stop metformin" and the pouches lose omeprazole.
        if (!input.drugs.includes(line.cip13)) {
          throw reviewErrors.lineNotOfDrugs(input.prescriptionLineId, line.cip13, input.drugs);
        }
      }
      if (input.change?.cip13 && !findPresentationFacts(ctx.db, input.change.cip13)) {
        throw reviewErrors.unknownProduct(input.change.cip13);
      }
      const planned = plannedChange(patient, input);
      if (planned && input.change) checkChangeForResident(ctx, patient, planned.kind, input.change);
      if (planned && planned.kind !== 'stop' && input.change) {
        // The line as the change would leave it: its product and doses, each changed or kept.
        const cip13 = input.change.cip13 ?? line?.cip13;
        const doses = input.change.doses ?? (line ? unitsOf(line.doses) : undefined);
        const undivided = cip13 && doses ? undividedDoses(ctx.db, cip13, doses) : null;
        if (undivided && cip13)
          throw reviewErrors.doseNotDivisible(cip13, undivided.form, undivided.rule, undivided.times);
      }
      if (planned && planned.kind !== 'stop' && line && input.change && changesNothing(line, input.change)) {
        throw reviewErrors.changeChangesNothing(planned.kind, line.id);
      }
      const id = insertProblem(ctx.db, {
        reviewId: review.id,
        problemCode: input.problemCode,
        interventionCode: input.interventionCode,
        drugs,
        description: input.description,
        prescriptionLineId: input.prescriptionLineId ?? null,
        change: input.change ?? null,
        createdAt: ctx.clock.now().toISOString(),
        createdBy: userId,
      });
      recordAudit(ctx, {
        action: 'reviews.add_problem',
        entity: 'review_problem',
        entityId: id,
        details: { reviewId: review.id },
      });
      return findProblem(ctx.db, pharmacyId, id) as ProblemRow;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Records the GP's answer (accepted, refused, no answer yet) to the analysis sent to the GP (SPEC §7),
 * so not before the year's analysis step is recorded (409 `reviews.analysis_not_sent`; a year
 * whose plan has no analysis: `analysisSent`), and its date (not in the future, not
 * before the analysis step it answers: 422 `reviews.answer_before_analysis`, nor, without one,
 * before the review started: `reviews.answer_before_start`; nor after the death of a resident marked
 * deceased: `reviews.patient_deceased`).
 * An accepted or refused answer is final (409 `reviews.already_answered`) unless the body says
 * `correction`: a pharmacist's (403 `reviews.correct_pharmacist_only`) putting right an answer
 * recorded by mistake, while the change it proposed is still pending (409 `reviews.answer_decided`
 * once applied or dismissed: the pouches may have changed; record a new problem). A correction
 * away from « accepted » withdraws that pending proposal and its alert; a correction of a problem
 * the GP has not answered is refused (409 `reviews.not_answered`: record the answer). "No answer"
 * can still become an answer. An accepted intervention on a resident becomes a pending prescription
 * proposal for the pharmacy.
 */
export function answerGp({ ctx, problemId, input }: { ctx: Ctx; problemId: number; input: AnswerInput }) {
  const { pharmacyId, userId, role } = reviewStaff(ctx, 'reviews.prepare', reviewErrors.problemNotFound);
  const today = todayOf(ctx);
  if (input.date > today) throw reviewErrors.dateInFuture(input.date, today);
  return ctx.db.transaction(
    () => {
      const problem = findProblem(ctx.db, pharmacyId, problemId);
      if (!problem) throw reviewErrors.problemNotFound();
      const answered = problem.gpAnswer === 'accepted' || problem.gpAnswer === 'refused';
      if (answered && !input.correction) throw reviewErrors.alreadyAnswered(problem.gpAnswer);
      if (!answered && input.correction) throw reviewErrors.notAnswered();
      let withdrawn: number | null = null;
      if (answered) {
        if (role !== 'pharmacist') throw reviewErrors.correctPharmacistOnly();
        const proposal = problem.proposal;
        if (proposal && proposal.status !== 'pending') throw reviewErrors.answerDecided(proposal.id, proposal.status);
        // The change the wrong acceptance proposed goes, with its alert; nobody acted on it.
        if (proposal && input.answer !== 'accepted') {
          deletePendingProposal(ctx.db, proposal.id);
          resolvePendingAlert(ctx, pharmacyId, proposal.id, userId);
          withdrawn = proposal.id;
        }
      }
      const review = findReview(ctx.db, pharmacyId, problem.reviewId) as ReviewRow;
      if (review.status === 'cancelled') throw reviewErrors.reviewCancelled();
      const steps = listSteps(ctx.db, [review.id]);
      if (!analysisSent(review.track, steps)) throw reviewErrors.analysisNotSent();
      const analysis = steps.find((s) => s.kind === 'analyse');
      const patient = findPatient(ctx.db, pharmacyId, review.patientId) as PatientRow;
      const implausible =
        checkAnswerDate(input.date, today, analysis?.date ?? null, review.startedOn) ??
        checkNotAfterDeath(input.date, patient.deceasedOn);
      if (implausible) throw reviewErrors.implausibleDate(implausible);
      const now = ctx.clock.now().toISOString();
      answerProblem(ctx.db, problem.id, {
        answer: input.answer,
        date: input.date,
        comment: input.comment ?? null,
        answeredAt: now,
        answeredBy: userId,
      });
      let proposalId: number | null = problem.proposal && withdrawn === null ? problem.proposal.id : null;
      if (input.answer === 'accepted' && proposalId === null) {
        const patient = findPatient(ctx.db, pharmacyId, review.patientId) as PatientRow;
        const planned =
          patient &&
          plannedChange(patient, {
            problemCode: problem.problemCode,
            interventionCode: problem.interventionCode,
            drugs: [],
            description: problem.description,
            prescriptionLineId: problem.prescriptionLineId ?? undefined,
            change: (problem.change ?? undefined) as PrescriptionChangeInput | undefined,
          });
        if (patient && planned) {
          proposalId = insertProposal(ctx.db, {
            pharmacyId,
            problemId: problem.id,
            residentId: patient.residentId as number,
            kind: planned.kind,
            prescriptionLineId: planned.kind === 'add' ? null : problem.prescriptionLineId,
            change: problem.change ?? {},
            createdAt: now,
          });
          raiseAlert(ctx, {
            scope: { pharmacyId },
            kind: 'reviews.proposal_pending',
            entity: 'prescription_proposal',
            entityId: proposalId,
            messageKey: 'alerts.reviews.proposalPending',
            params: { resident: `${patient.lastName} ${patient.firstName}`, careHome: patient.careHomeName ?? '' },
            dedupe: 'ever',
          });
        }
      }
      recordAudit(ctx, {
        action: answered ? 'reviews.gp_answer_corrected' : 'reviews.gp_answer',
        entity: 'review_problem',
        entityId: problem.id,
        details: answered
          ? {
              reviewId: review.id,
              proposalId,
              from: problem.gpAnswer,
              to: input.answer,
              withdrawnProposalId: withdrawn,
            }
          : { reviewId: review.id, proposalId },
      });
      return findProblem(ctx.db, pharmacyId, problem.id) as ProblemRow;
    },
    { behavior: 'immediate' },
  );
}
