/**
 * SQL of reviews, their steps and drug-related problems, always filtered by the owning pharmacy.
 * Fee schedules are cooperative-wide (no patient data in them).
 */
import type { Db } from '../../db/client';
import { statement as stmt } from '../../db/statements';
import type { FeeAct, FeeSchedule, ReviewStatus, StepKind, Track } from './reviews.models';

export type ReviewRow = {
  id: number;
  pharmacyId: number;
  patientId: number;
  patientName: string;
  followUpYear: number;
  track: Track;
  status: ReviewStatus;
  startedOn: string;
  completedOn: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  interruptedOn: string | null;
  interruptReason: string | null;
};

const REVIEW_SELECT = `SELECT v.id, v.pharmacy_id AS pharmacyId, v.patient_id AS patientId,
    coalesce(r.last_name, p.last_name) || ' ' || coalesce(r.first_name, p.first_name) AS patientName,
    v.follow_up_year AS followUpYear, v.track, v.status, v.started_on AS startedOn, v.completed_on AS completedOn,
    v.cancelled_at AS cancelledAt, v.cancel_reason AS cancelReason,
    v.interrupted_on AS interruptedOn, v.interrupt_reason AS interruptReason
  FROM reviews v JOIN patients p ON p.id = v.patient_id LEFT JOIN residents r ON r.id = p.resident_id`;

export function findReview(db: Db, pharmacyId: number, id: number): ReviewRow | undefined {
  return stmt(db, `${REVIEW_SELECT} WHERE v.id = ? AND v.pharmacy_id = ?`).get(id, pharmacyId) as ReviewRow | undefined;
}

export function listReviews(db: Db, pharmacyId: number, f: { status?: ReviewStatus; patientId?: number }): ReviewRow[] {
  return stmt(
    db,
    `${REVIEW_SELECT} WHERE v.pharmacy_id = @pharmacyId AND (@status IS NULL OR v.status = @status)
       AND (@patientId IS NULL OR v.patient_id = @patientId)
     ORDER BY v.status = 'open' DESC, v.started_on DESC, v.id DESC`,
  ).all({ pharmacyId, status: f.status ?? null, patientId: f.patientId ?? null }) as ReviewRow[];
}

export function insertReview(
  db: Db,
  row: {
    pharmacyId: number;
    patientId: number;
    followUpYear: number;
    track: Track;
    startedOn: string;
    createdAt: string;
    createdBy: number | null;
  },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO reviews (pharmacy_id, patient_id, follow_up_year, track, started_on, status, created_at, created_by, updated_at)
       VALUES (@pharmacyId, @patientId, @followUpYear, @track, @startedOn, 'open', @createdAt, @createdBy, @createdAt)`,
    ).run(row).lastInsertRowid,
  );
}

export function completeReview(db: Db, id: number, completedOn: string, updatedAt: string): void {
  stmt(db, `UPDATE reviews SET status = 'completed', completed_on = ?, updated_at = ? WHERE id = ?`).run(
    completedOn,
    updatedAt,
    id,
  );
}

/** Marks an open review cancelled (with who, when, why); false if it was no longer open. */
export function cancelReviewRow(db: Db, id: number, c: { at: string; by: number; reason: string }): boolean {
  return (
    stmt(
      db,
      `UPDATE reviews SET status = 'cancelled', cancelled_at = @at, cancelled_by = @by, cancel_reason = @reason,
         updated_at = @at WHERE id = @id AND status = 'open'`,
    ).run({ ...c, id }).changes === 1
  );
}

/**
 * Marks an open review interrupted on `on` (a Paris day) with why, who and when it was recorded;
 * false if it was no longer open.
 */
export function interruptReviewRow(
  db: Db,
  id: number,
  i: { on: string; reason: string; at: string; by: number },
): boolean {
  return (
    stmt(
      db,
      `UPDATE reviews SET status = 'interrupted', interrupted_on = @on, interrupt_reason = @reason,
         interrupted_at = @at, interrupted_by = @by, updated_at = @at WHERE id = @id AND status = 'open'`,
    ).run({ ...i, id }).changes === 1
  );
}

export type StepRow = {
  id: number;
  reviewId: number;
  seq: number;
  kind: StepKind;
  ordinal: number;
  date: string;
  remote: boolean;
  notes: string;
  pharmacistId: number;
  pharmacistName: string;
  actCode: string | null;
  amountCents: number | null;
};

export function listSteps(db: Db, reviewIds: number[]): StepRow[] {
  if (reviewIds.length === 0) return [];
  // One prepared statement whatever the number of reviews: the ids go in as a JSON array (issue 16).
  const rows = stmt(
    db,
    `SELECT s.id, s.review_id AS reviewId, s.seq, s.kind, s.ordinal, s.date, s.remote, s.notes,
       s.pharmacist_id AS pharmacistId, u.display_name AS pharmacistName, s.act_code AS actCode, s.amount_cents AS amountCents
     FROM review_steps s JOIN users u ON u.id = s.pharmacist_id
     WHERE s.review_id IN (SELECT value FROM json_each(?)) ORDER BY s.review_id, s.seq`,
  ).all(JSON.stringify(reviewIds)) as (Omit<StepRow, 'remote'> & { remote: number })[];
  return rows.map((r) => ({ ...r, remote: r.remote === 1 }));
}

export function insertStep(
  db: Db,
  row: {
    reviewId: number;
    seq: number;
    kind: StepKind;
    ordinal: number;
    date: string;
    remote: boolean;
    notes: string;
    pharmacistId: number;
    actCode: string | null;
    amountCents: number | null;
    feeScheduleId: number | null;
    createdAt: string;
  },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO review_steps (review_id, seq, kind, ordinal, date, remote, notes, pharmacist_id, act_code, amount_cents,
         fee_schedule_id, created_at)
       VALUES (@reviewId, @seq, @kind, @ordinal, @date, @remote, @notes, @pharmacistId, @actCode, @amountCents,
         @feeScheduleId, @createdAt)`,
    ).run({ ...row, remote: row.remote ? 1 : 0 }).lastInsertRowid,
  );
}

/**
 * Billed steps of a pharmacy dated in `[from, to]`, oldest first, with the patient's name; cancelled
 * reviews left out (an interrupted review's acts were done: they stay).
 */
export function listBilledSteps(db: Db, pharmacyId: number, from: string, to: string) {
  return (
    stmt(
      db,
      `SELECT s.id AS stepId, s.date, s.review_id AS reviewId, v.follow_up_year AS followUpYear, s.kind, s.remote,
         s.act_code AS actCode,
         s.amount_cents AS amountCents,
         coalesce(r.last_name, p.last_name) || ' ' || coalesce(r.first_name, p.first_name) AS patientName
       FROM review_steps s JOIN reviews v ON v.id = s.review_id JOIN patients p ON p.id = v.patient_id
       LEFT JOIN residents r ON r.id = p.resident_id
       WHERE v.pharmacy_id = ? AND s.date BETWEEN ? AND ? AND s.act_code IS NOT NULL AND v.status <> 'cancelled'
       ORDER BY s.date, s.id`,
    ).all(pharmacyId, from, to) as {
      stepId: number;
      date: string;
      reviewId: number;
      followUpYear: number;
      kind: StepKind;
      remote: number;
      actCode: string;
      amountCents: number;
      patientName: string;
    }[]
  ).map((l) => ({ ...l, remote: l.remote === 1 }));
}

export type FeeScheduleRow = FeeSchedule & { id: number; createdAt: string };

export function listFeeSchedules(db: Db): FeeScheduleRow[] {
  const schedules = stmt(
    db,
    `SELECT id, valid_from AS validFrom, label, created_at AS createdAt FROM review_fee_schedules ORDER BY valid_from`,
  ).all() as Omit<FeeScheduleRow, 'acts'>[];
  const acts = stmt(
    db,
    `SELECT schedule_id AS scheduleId, track, kind, ordinal, act_code AS actCode, amount_cents AS amountCents
     FROM review_fee_acts ORDER BY schedule_id, track, ordinal, kind`,
  ).all() as (FeeAct & { scheduleId: number })[];
  return schedules.map((s) => ({
    ...s,
    acts: acts.filter((a) => a.scheduleId === s.id).map(({ scheduleId: _, ...a }) => a),
  }));
}

export function insertFeeSchedule(
  db: Db,
  row: { validFrom: string; label: string; acts: FeeAct[]; createdAt: string; createdBy: number | null },
): number {
  const id = Number(
    stmt(
      db,
      `INSERT INTO review_fee_schedules (valid_from, label, created_at, created_by) VALUES (@validFrom, @label, @createdAt, @createdBy)`,
    ).run({ validFrom: row.validFrom, label: row.label, createdAt: row.createdAt, createdBy: row.createdBy })
      .lastInsertRowid,
  );
  const insert = stmt(
    db,
    `INSERT INTO review_fee_acts (schedule_id, track, kind, ordinal, act_code, amount_cents)
     VALUES (@scheduleId, @track, @kind, @ordinal, @actCode, @amountCents)`,
  );
  for (const a of row.acts) insert.run({ scheduleId: id, ...a });
  return id;
}

/**
 * Resolves (dismisses) the open alerts of kinds `kinds` about one entity of a pharmacy — a
 * review's due or overdue step once a step is recorded or the review cancelled, a pending
 * proposal once decided: the home page no longer shows work already done. Returns how many.
 */
export function resolveAlerts(
  db: Db,
  key: { pharmacyId: number; kinds: string[]; entity: string; entityId: number },
  atIso: string,
  userId: number | null,
): number {
  return db.$client
    .prepare(
      `UPDATE alerts SET dismissed_at = ?, dismissed_by = ?
       WHERE pharmacy_id = ? AND entity = ? AND entity_id = ? AND dismissed_at IS NULL
         AND kind IN (${key.kinds.map(() => '?').join(',')})`,
    )
    .run(atIso, userId, key.pharmacyId, key.entity, String(key.entityId), ...key.kinds).changes;
}
