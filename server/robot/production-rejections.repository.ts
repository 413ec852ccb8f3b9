import type { Db } from '../../db/client';
import { robotBatchRejections } from '../../db/schema';
import { statement } from '../../db/statements';
import type { RejectionDecision } from './production.models';

// A pharmacist's rejection of a produced batch (SPEC §6): the run reopened or the batch given up,
// its consumption voided, its open anomalies closed. The use case checked the actor's rights.

/** A rejected run is to be produced again: its completion is cleared (the rejection keeps its trace). */
export function reopenRun(db: Db, batchId: number) {
  statement(
    db,
    'UPDATE robot_batch_runs SET completed_at = NULL, completed_by = NULL, pouches_produced = NULL, incident = NULL WHERE batch_id = ?',
  ).run(batchId);
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

export function insertRejection(
  db: Db,
  r: { batchId: number; decision: RejectionDecision; reason: string; at: string; userId: number | null },
) {
  db.insert(robotBatchRejections)
    .values({ batchId: r.batchId, decision: r.decision, reason: r.reason, rejectedAt: r.at, rejectedBy: r.userId })
    .run();
}

export function listRejections(db: Db, batchId: number) {
  return statement(
    db,
    `SELECT j.decision, j.reason, j.rejected_at AS rejectedAt, u.display_name AS rejectedBy
     FROM robot_batch_rejections j LEFT JOIN users u ON u.id = j.rejected_by WHERE j.batch_id = ? ORDER BY j.id`,
  ).all(batchId) as { decision: RejectionDecision; reason: string; rejectedAt: string; rejectedBy: string | null }[];
}
