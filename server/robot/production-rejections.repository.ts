import type { Db } from '../../db/client';
import { robotBatchRejections } from '../../db/schema';
import { statement } from '../../db/statements';
import type { RejectionDecision } from './production.models';

// A pharmacist's rejection of a produced batch (SPEC §6): the run reopened or the batch given up,
// its consumption voided, its open anomalies closed. The use case checked the actor's rights.

/**
 * A rejected run is to be produced again from `at` (ISO instant), the rejecting user putting it
 * back: the run restarts then and its completion is cleared (the rejection keeps the first run's
 * start, completion and pouches).
 */
export function reopenRun(db: Db, batchId: number, at: string, userId: number | null) {
  statement(
    db,
    `UPDATE robot_batch_runs SET started_at = ?, started_by = ?, completed_at = NULL, completed_by = NULL,
       pouches_produced = NULL, incident = NULL WHERE batch_id = ?`,
  ).run(at, userId, batchId);
}

/** The pouches of a rejected run were destroyed: its consumption rows leave the batch's lots (the recall keeps them). */
export function voidConsumption(db: Db, batchId: number, at: string) {
  statement(db, 'UPDATE robot_batch_consumption SET voided_at = ? WHERE batch_id = ? AND voided_at IS NULL').run(
    at,
    batchId,
  );
}

/** Closes the open anomalies of a rejected batch with the rejection's reason. */
export function resolveOpenAnomalies(db: Db, batchId: number, at: string, userId: number | null, resolution: string) {
  statement(
    db,
    'UPDATE robot_batch_anomalies SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE batch_id = ? AND resolved_at IS NULL',
  ).run(at, userId, resolution, batchId);
}

/** The rejected run as the rejection keeps it: ISO instants and the pouches it made. */
export type RejectedRun = { startedAt: string; completedAt: string | null; pouchesProduced: number | null };

export function insertRejection(
  db: Db,
  r: {
    batchId: number;
    decision: RejectionDecision;
    reason: string;
    at: string;
    userId: number | null;
    run: RejectedRun | undefined;
  },
) {
  db.insert(robotBatchRejections)
    .values({
      batchId: r.batchId,
      decision: r.decision,
      reason: r.reason,
      rejectedAt: r.at,
      rejectedBy: r.userId,
      runStartedAt: r.run?.startedAt ?? null,
      runCompletedAt: r.run?.completedAt ?? null,
      runPouchesProduced: r.run?.pouchesProduced ?? null,
    })
    .run();
}

/**
 * A batch's rejections, oldest first, each with the run it rejected (`runStartedAt`,
 * `runCompletedAt`: ISO instants; `runPouchesProduced`; all null for a rejection recorded before
 * migration 0034 kept them).
 */
export function listRejections(db: Db, batchId: number) {
  return statement(
    db,
    `SELECT j.decision, j.reason, j.rejected_at AS rejectedAt, u.display_name AS rejectedBy,
       j.run_started_at AS runStartedAt, j.run_completed_at AS runCompletedAt, j.run_pouches_produced AS runPouchesProduced
     FROM robot_batch_rejections j LEFT JOIN users u ON u.id = j.rejected_by WHERE j.batch_id = ? ORDER BY j.id`,
  ).all(batchId) as {
    decision: RejectionDecision;
    reason: string;
    rejectedAt: string;
    rejectedBy: string | null;
    runStartedAt: string | null;
    runCompletedAt: string | null;
    runPouchesProduced: number | null;
  }[];
}
