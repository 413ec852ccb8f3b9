/**
 * SQL of drug-related problems and the prescription proposals they lead to, always filtered by
 * the pharmacy that owns the review.
 */
import type { Db } from '../../db/client';
import { statement as stmt } from '../../db/statements';
import type { GpAnswer, InterventionCode, ProblemCode, ProposalKind, ProposalStatus } from './act-ip.models';

export type ProblemRow = {
  id: number;
  reviewId: number;
  problemCode: ProblemCode;
  interventionCode: InterventionCode;
  drugs: { cip13: string; label: string }[];
  description: string;
  prescriptionLineId: number | null;
  change: Record<string, unknown> | null;
  gpAnswer: GpAnswer;
  gpAnswerDate: string | null;
  gpComment: string | null;
  createdAt: string;
  proposal: { id: number; kind: ProposalKind; status: ProposalStatus } | null;
};

type RawProblem = Omit<ProblemRow, 'drugs' | 'change' | 'proposal'> & {
  drugs: string;
  change: string | null;
  proposalId: number | null;
  proposalKind: ProposalKind | null;
  proposalStatus: ProposalStatus | null;
};

const PROBLEM_SELECT = `SELECT q.id, q.review_id AS reviewId, q.problem_code AS problemCode,
    q.intervention_code AS interventionCode, q.drugs, q.description, q.prescription_line_id AS prescriptionLineId,
    q.change, q.gp_answer AS gpAnswer, q.gp_answer_date AS gpAnswerDate, q.gp_comment AS gpComment,
    q.created_at AS createdAt, x.id AS proposalId, x.kind AS proposalKind, x.status AS proposalStatus
  FROM review_problems q JOIN reviews v ON v.id = q.review_id
  LEFT JOIN prescription_proposals x ON x.problem_id = q.id`;

const toProblem = (r: RawProblem): ProblemRow => {
  const { proposalId, proposalKind, proposalStatus, ...rest } = r;
  return {
    ...rest,
    drugs: JSON.parse(r.drugs),
    change: r.change == null ? null : JSON.parse(r.change),
    proposal:
      proposalId != null
        ? { id: proposalId, kind: proposalKind as ProposalKind, status: proposalStatus as ProposalStatus }
        : null,
  };
};

export function listProblems(db: Db, pharmacyId: number, reviewId: number): ProblemRow[] {
  return (
    stmt(db, `${PROBLEM_SELECT} WHERE q.review_id = ? AND v.pharmacy_id = ? ORDER BY q.id`).all(
      reviewId,
      pharmacyId,
    ) as RawProblem[]
  ).map(toProblem);
}

export function findProblem(db: Db, pharmacyId: number, id: number): ProblemRow | undefined {
  const row = stmt(db, `${PROBLEM_SELECT} WHERE q.id = ? AND v.pharmacy_id = ?`).get(id, pharmacyId) as
    | RawProblem
    | undefined;
  return row && toProblem(row);
}

export function insertProblem(
  db: Db,
  row: {
    reviewId: number;
    problemCode: ProblemCode;
    interventionCode: InterventionCode;
    drugs: { cip13: string; label: string }[];
    description: string;
    prescriptionLineId: number | null;
    change: Record<string, unknown> | null;
    createdAt: string;
    createdBy: number | null;
  },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO review_problems (review_id, problem_code, intervention_code, drugs, description, prescription_line_id,
         change, created_at, created_by)
       VALUES (@reviewId, @problemCode, @interventionCode, @drugs, @description, @prescriptionLineId, @change,
         @createdAt, @createdBy)`,
    ).run({ ...row, drugs: JSON.stringify(row.drugs), change: row.change ? JSON.stringify(row.change) : null })
      .lastInsertRowid,
  );
}

export function answerProblem(
  db: Db,
  id: number,
  a: { answer: GpAnswer; date: string; comment: string | null; answeredAt: string; answeredBy: number | null },
): void {
  stmt(
    db,
    `UPDATE review_problems SET gp_answer = @answer, gp_answer_date = @date, gp_comment = @comment,
       answered_at = @answeredAt, answered_by = @answeredBy WHERE id = @id`,
  ).run({ ...a, id });
}

/** A resident's PDA line as the proposal needs it, if the line is the resident's. */
export function findResidentLine(db: Db, residentId: number, lineId: number) {
  const row = stmt(
    db,
    `SELECT l.id, l.cip13, l.doses, l.schedule_kind AS scheduleKind, l.schedule_weekdays AS scheduleWeekdays,
       l.schedule_n AS scheduleN, l.schedule_from AS scheduleFrom, l.start_date AS startDate, l.end_date AS endDate,
       l.prescriber, l.as_needed AS asNeeded, l.replaced_by_id AS replacedById
     FROM prescription_lines l WHERE l.id = ? AND l.resident_id = ?`,
  ).get(lineId, residentId) as
    | {
        id: number;
        cip13: string;
        doses: string;
        scheduleKind: string;
        scheduleWeekdays: string | null;
        scheduleN: number | null;
        scheduleFrom: string | null;
        startDate: string;
        endDate: string | null;
        prescriber: string;
        asNeeded: number;
        replacedById: number | null;
      }
    | undefined;
  return row;
}

export function insertProposal(
  db: Db,
  row: {
    pharmacyId: number;
    problemId: number;
    residentId: number;
    kind: ProposalKind;
    prescriptionLineId: number | null;
    change: Record<string, unknown>;
    createdAt: string;
  },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO prescription_proposals (pharmacy_id, problem_id, resident_id, kind, prescription_line_id, change, status, created_at)
       VALUES (@pharmacyId, @problemId, @residentId, @kind, @prescriptionLineId, @change, 'pending', @createdAt)`,
    ).run({ ...row, change: JSON.stringify(row.change) }).lastInsertRowid,
  );
}

/** Removes a proposal still pending (its answer was corrected): nobody acted on it. */
export function deletePendingProposal(db: Db, id: number): void {
  stmt(db, `DELETE FROM prescription_proposals WHERE id = ? AND status = 'pending'`).run(id);
}

export type ProposalRow = {
  id: number;
  pharmacyId: number;
  problemId: number;
  reviewId: number;
  residentId: number;
  patientId: number;
  patientName: string;
  careHomeName: string;
  kind: ProposalKind;
  prescriptionLineId: number | null;
  currentProductLabel: string | null;
  /** The line's doses when the proposal was made (units per administration time), or null (an addition). */
  currentDoses: Record<string, number> | null;
  change: Record<string, unknown>;
  newProductLabel: string | null;
  problemCode: ProblemCode;
  interventionCode: InterventionCode;
  description: string;
  gpAnswerDate: string | null;
  status: ProposalStatus;
  appliedLineId: number | null;
  dismissReason: string | null;
  createdAt: string;
  decidedAt: string | null;
};

const PROPOSAL_SELECT = `SELECT x.id, x.pharmacy_id AS pharmacyId, x.problem_id AS problemId, q.review_id AS reviewId, x.resident_id AS residentId,
    v.patient_id AS patientId, r.last_name || ' ' || r.first_name AS patientName, ch.name AS careHomeName,
    x.kind, x.prescription_line_id AS prescriptionLineId,
    (SELECT coalesce(s.name, cp.label) FROM prescription_lines l JOIN catalogue_presentations cp ON cp.cip13 = l.cip13
       LEFT JOIN catalogue_specialities s ON s.cis = cp.cis WHERE l.id = x.prescription_line_id) AS currentProductLabel,
    (SELECT l.doses FROM prescription_lines l WHERE l.id = x.prescription_line_id) AS currentDoses,
    x.change,
    (SELECT coalesce(s.name, cp.label) FROM catalogue_presentations cp LEFT JOIN catalogue_specialities s ON s.cis = cp.cis
       WHERE cp.cip13 = json_extract(x.change, '$.cip13')) AS newProductLabel,
    q.problem_code AS problemCode, q.intervention_code AS interventionCode, q.description,
    q.gp_answer_date AS gpAnswerDate, x.status, x.applied_line_id AS appliedLineId, x.dismiss_reason AS dismissReason,
    x.created_at AS createdAt, x.decided_at AS decidedAt
  FROM prescription_proposals x JOIN review_problems q ON q.id = x.problem_id JOIN reviews v ON v.id = q.review_id
  JOIN residents r ON r.id = x.resident_id JOIN care_homes ch ON ch.id = r.care_home_id`;

/** A PDA line's `doses` column (JSON, quarters per administration time) in units. */
export const unitsOf = (doses: string): Record<string, number> =>
  Object.fromEntries(Object.entries(JSON.parse(doses) as Record<string, number>).map(([k, q]) => [k, q / 4]));

type ProposalText = Omit<ProposalRow, 'change' | 'currentDoses'> & { change: string; currentDoses: string | null };

/** The doses column holds quarters per administration time; a proposal's `change.doses` and `currentDoses` are units. */
const toProposal = (r: ProposalText): ProposalRow => ({
  ...r,
  currentDoses: r.currentDoses === null ? null : unitsOf(r.currentDoses),
  change: JSON.parse(r.change),
});

export function listProposals(db: Db, pharmacyId: number, status?: ProposalStatus): ProposalRow[] {
  return (
    stmt(
      db,
      `${PROPOSAL_SELECT} WHERE x.pharmacy_id = @pharmacyId AND (@status IS NULL OR x.status = @status)
       ORDER BY x.status = 'pending' DESC, x.created_at DESC, x.id DESC`,
    ).all({ pharmacyId, status: status ?? null }) as ProposalText[]
  ).map(toProposal);
}

export function findProposal(db: Db, pharmacyId: number, id: number): ProposalRow | undefined {
  const row = stmt(db, `${PROPOSAL_SELECT} WHERE x.id = ? AND x.pharmacy_id = ?`).get(id, pharmacyId) as
    | ProposalText
    | undefined;
  return row && toProposal(row);
}

export function decideProposal(
  db: Db,
  id: number,
  d: {
    status: 'applied' | 'dismissed';
    appliedLineId: number | null;
    dismissReason: string | null;
    decidedAt: string;
    decidedBy: number | null;
  },
): void {
  stmt(
    db,
    `UPDATE prescription_proposals SET status = @status, applied_line_id = @appliedLineId, dismiss_reason = @dismissReason,
       decided_at = @decidedAt, decided_by = @decidedBy WHERE id = @id AND status = 'pending'`,
  ).run({ ...d, id });
}
