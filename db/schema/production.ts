import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DELIVERY_SIGNERS, REJECTION_DECISIONS, VERIFICATION_OUTCOMES } from '../../server/robot/production.models';
import { id, instant } from '../columns';
import { cataloguePresentations } from './catalogue';
import { orderLines, residents, weeklyOrders } from './orders';
import { robotBatches } from './robot';
import { stockLots, stockMovements } from './stock';
import { users } from './users';

const inList = (column: AnySQLiteColumn, values: readonly string[]) =>
  sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
const whole = (column: AnySQLiteColumn, min: number) =>
  sql`typeof(${column}) = 'integer' AND ${column} >= ${sql.raw(String(min))}`;

/**
 * A batch's production run (SPEC §6): started, then completed with the pouches produced. One row
 * per batch that left `booked`; the batch's status column says where it stands.
 */
export const robotBatchRuns = sqliteTable(
  'robot_batch_runs',
  {
    batchId: integer('batch_id')
      .primaryKey()
      .references(() => robotBatches.id),
    startedAt: instant('started_at').notNull(),
    startedBy: integer('started_by').references(() => users.id),
    /**
     * The start of the slot the batch was booked at, when it started elsewhere (ahead of its slot or
     * late): its block then moved to where the robot ran it. Null: it started on its slot.
     */
    bookedStartAt: instant('booked_start_at'),
    completedAt: instant('completed_at'),
    completedBy: integer('completed_by').references(() => users.id),
    pouchesProduced: integer('pouches_produced'),
    /** What went wrong during the run, as the operator told it at completion (null: nothing). */
    incident: text('incident'),
  },
  (t) => [
    index('robot_batch_runs_completed_idx').on(t.completedAt),
    check(
      'robot_batch_runs_completed',
      sql`(${t.completedAt} IS NULL) = (${t.pouchesProduced} IS NULL)
        AND (${t.completedAt} IS NULL OR ${t.completedAt} >= ${t.startedAt})
        AND (${t.pouchesProduced} IS NULL OR ${whole(t.pouchesProduced, 0)})`,
    ),
  ],
);

/**
 * Units of one lot of the host pharmacy put into one order line's pouches (SPEC §4 recall, §6
 * "lot numbers recorded per order line"): order, resident and the `robot_consumption` movement
 * that took them from the lot. Written once, when the batch is completed.
 */
export const robotBatchConsumption = sqliteTable(
  'robot_batch_consumption',
  {
    id: id(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => robotBatches.id),
    orderId: integer('order_id')
      .notNull()
      .references(() => weeklyOrders.id),
    orderLineId: integer('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    cip13: text('cip13')
      .notNull()
      .references(() => cataloguePresentations.cip13),
    lotId: integer('lot_id')
      .notNull()
      .references(() => stockLots.id),
    movementId: integer('movement_id')
      .notNull()
      .references(() => stockMovements.id),
    units: integer('units').notNull(),
    /** Set when a pharmacist rejected the run: its pouches were destroyed (kept for the recall). */
    voidedAt: instant('voided_at'),
  },
  (t) => [
    uniqueIndex('robot_batch_consumption_unique').on(t.batchId, t.orderLineId, t.lotId).where(sql`voided_at IS NULL`),
    index('robot_batch_consumption_lot_idx').on(t.lotId),
    index('robot_batch_consumption_order_idx').on(t.orderId),
    check('robot_batch_consumption_units', whole(t.units, 1)),
  ],
);

/**
 * A pharmacist's check of a produced batch (SPEC §6): pouches checked and the outcome, `verified`
 * (the batch then is) or `anomalies` (found then, recorded in `robot_batch_anomalies`).
 */
export const robotBatchVerifications = sqliteTable(
  'robot_batch_verifications',
  {
    id: id(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => robotBatches.id),
    pouchesChecked: integer('pouches_checked').notNull(),
    outcome: text('outcome', { enum: VERIFICATION_OUTCOMES }).notNull(),
    notes: text('notes').notNull().default(''),
    checkedAt: instant('checked_at').notNull(),
    checkedBy: integer('checked_by').references(() => users.id),
  },
  (t) => [
    index('robot_batch_verifications_batch_idx').on(t.batchId, t.id),
    index('robot_batch_verifications_month_idx').on(t.outcome, t.checkedAt),
    uniqueIndex('robot_batch_verifications_verified_unique').on(t.batchId).where(sql`outcome = 'verified'`),
    check('robot_batch_verifications_pouches', whole(t.pouchesChecked, 0)),
    check('robot_batch_verifications_outcome', inList(t.outcome, VERIFICATION_OUTCOMES)),
  ],
);

/** Something wrong in a resident's pouches; it blocks verification until a pharmacist resolves it. */
export const robotBatchAnomalies = sqliteTable(
  'robot_batch_anomalies',
  {
    id: id(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => robotBatches.id),
    verificationId: integer('verification_id').references(() => robotBatchVerifications.id),
    orderId: integer('order_id')
      .notNull()
      .references(() => weeklyOrders.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    description: text('description').notNull(),
    /** Pouches of this resident the robot did not produce (an incident at completion); null otherwise. */
    missingPouches: integer('missing_pouches'),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    resolvedAt: instant('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolution: text('resolution'),
  },
  (t) => [
    index('robot_batch_anomalies_batch_idx').on(t.batchId, t.resolvedAt),
    check('robot_batch_anomalies_description', sql`length(${t.description}) BETWEEN 1 AND 500`),
    check(
      'robot_batch_anomalies_resolution',
      sql`(${t.resolvedAt} IS NULL) = (${t.resolution} IS NULL) AND (${t.resolution} IS NULL OR length(${t.resolution}) BETWEEN 1 AND 500)`,
    ),
  ],
);

/**
 * A pharmacist's rejection of a produced batch (SPEC §6): with a reason, the batch is produced
 * again (`redo`: back to `in_production`, its consumption voided) or given up (`abandon`: the batch
 * is cancelled and its orders go back to `submitted`, to be planned again).
 */
export const robotBatchRejections = sqliteTable(
  'robot_batch_rejections',
  {
    id: id(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => robotBatches.id),
    decision: text('decision', { enum: REJECTION_DECISIONS }).notNull(),
    reason: text('reason').notNull(),
    rejectedAt: instant('rejected_at').notNull(),
    rejectedBy: integer('rejected_by').references(() => users.id),
    /** The rejected run as it was: its start and completion, and the pouches it made (null before migration 0034). */
    runStartedAt: instant('run_started_at'),
    runCompletedAt: instant('run_completed_at'),
    runPouchesProduced: integer('run_pouches_produced'),
  },
  (t) => [
    index('robot_batch_rejections_batch_idx').on(t.batchId, t.id),
    check('robot_batch_rejections_decision', inList(t.decision, REJECTION_DECISIONS)),
    check('robot_batch_rejections_reason', sql`length(${t.reason}) BETWEEN 1 AND 500`),
  ],
);

/** The delivery of a verified order, signed for receipt by the care home or by the pharmacy (SPEC §5). */
export const orderDeliveries = sqliteTable(
  'order_deliveries',
  {
    id: id(),
    orderId: integer('order_id')
      .notNull()
      .references(() => weeklyOrders.id),
    signer: text('signer', { enum: DELIVERY_SIGNERS }).notNull(),
    /** The name of the person who received the pouches, as they signed. */
    receivedBy: text('received_by').notNull(),
    notes: text('notes').notNull().default(''),
    signedAt: instant('signed_at').notNull(),
    signedBy: integer('signed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('order_deliveries_order_unique').on(t.orderId),
    check('order_deliveries_signer', inList(t.signer, DELIVERY_SIGNERS)),
    check('order_deliveries_received_by', sql`length(${t.receivedBy}) BETWEEN 1 AND 120`),
  ],
);
