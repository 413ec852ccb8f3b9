import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BATCH_STATUSES, CLOSURE_KINDS } from '../../server/robot/robot.models';
import { flag, id, instant } from '../columns';
import { cataloguePresentations } from './catalogue';
import { weeklyOrders } from './orders';
import { pharmacies } from './organisation';
import { users } from './users';

const inList = (column: AnySQLiteColumn, values: readonly string[]) =>
  sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
const whole = (column: AnySQLiteColumn, min: number, max: number) =>
  sql`typeof(${column}) = 'integer' AND ${column} BETWEEN ${sql.raw(String(min))} AND ${sql.raw(String(max))}`;
const isTime = (column: AnySQLiteColumn) =>
  sql`length(${column}) = 5 AND ((${column} GLOB '[0-2][0-9]:[0-5][0-9]' AND ${column} < '24:00') OR ${column} = '24:00')`;
const isInstant = (column: AnySQLiteColumn) =>
  sql`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;

/**
 * A PDA robot (SPEC §6), installed at a host pharmacy: its throughput and the pharmacist control
 * time before delivery. Weekly windows, closures, cassettes and batches hang off it.
 */
export const robots = sqliteTable(
  'robots',
  {
    id: id(),
    name: text('name').notNull(),
    hostPharmacyId: integer('host_pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    ratePerMinute: integer('rate_per_minute').notNull(),
    setupMinutes: integer('setup_minutes').notNull(),
    cleaningMinutes: integer('cleaning_minutes').notNull(),
    manualSecondsPerUnit: integer('manual_seconds_per_unit').notNull(),
    controlMinutes: integer('control_minutes').notNull(),
    /** Cassette slots the robot holds (80–500), numbered from 1. */
    cassetteSlots: integer('cassette_slots').notNull(),
    active: flag('active').notNull().default(true),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('robots_name_unique').on(t.name),
    check('robots_rate', whole(t.ratePerMinute, 1, 1000)),
    check('robots_setup', whole(t.setupMinutes, 0, 240)),
    check('robots_cleaning', whole(t.cleaningMinutes, 0, 240)),
    check('robots_manual_seconds', whole(t.manualSecondsPerUnit, 0, 600)),
    check('robots_control', whole(t.controlMinutes, 0, 2880)),
    check('robots_cassette_slots', whole(t.cassetteSlots, 1, 1000)),
    check('robots_active_bool', sql`${t.active} IN (0, 1)`),
    check('robots_name', sql`length(${t.name}) BETWEEN 1 AND 80`),
  ],
);

/** A weekly working window: ISO weekday and Paris wall-clock `HH:mm` times (end may be `24:00`). */
export const robotWindows = sqliteTable(
  'robot_windows',
  {
    id: id(),
    robotId: integer('robot_id')
      .notNull()
      .references(() => robots.id),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
  },
  (t) => [
    uniqueIndex('robot_windows_start_unique').on(t.robotId, t.weekday, t.startTime),
    check('robot_windows_weekday', whole(t.weekday, 1, 7)),
    check(
      'robot_windows_times',
      sql`${isTime(t.startTime)} AND ${isTime(t.endTime)} AND ${t.endTime} > ${t.startTime}`,
    ),
  ],
);

/** A period the robot does not run (maintenance, public holiday…), UTC instants, half-open. */
export const robotClosures = sqliteTable(
  'robot_closures',
  {
    id: id(),
    robotId: integer('robot_id')
      .notNull()
      .references(() => robots.id),
    startAt: instant('start_at').notNull(),
    endAt: instant('end_at').notNull(),
    kind: text('kind', { enum: CLOSURE_KINDS }).notNull(),
    reason: text('reason').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('robot_closures_start_unique').on(t.robotId, t.kind, t.startAt),
    index('robot_closures_span_idx').on(t.robotId, t.endAt),
    check('robot_closures_kind', inList(t.kind, CLOSURE_KINDS)),
    check('robot_closures_span', sql`${isInstant(t.startAt)} AND ${isInstant(t.endAt)} AND ${t.endAt} > ${t.startAt}`),
    check('robot_closures_reason', sql`length(${t.reason}) BETWEEN 1 AND 200`),
  ],
);

/**
 * A cassette calibrated for one product (CIP13) in a numbered slot, from `installedAt` until
 * `removedAt`: a change closes the row and opens another, so the history stays. At most one
 * cassette in a slot at a time.
 */
export const robotCassettes = sqliteTable(
  'robot_cassettes',
  {
    id: id(),
    robotId: integer('robot_id')
      .notNull()
      .references(() => robots.id),
    slot: integer('slot').notNull(),
    cip13: text('cip13')
      .notNull()
      .references(() => cataloguePresentations.cip13),
    installedAt: instant('installed_at').notNull(),
    installedBy: integer('installed_by').references(() => users.id),
    removedAt: instant('removed_at'),
    removedBy: integer('removed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('robot_cassettes_slot_current_unique').on(t.robotId, t.slot).where(sql`removed_at IS NULL`),
    index('robot_cassettes_product_idx').on(t.cip13, t.robotId),
    check('robot_cassettes_slot', whole(t.slot, 1, 1000)),
    check('robot_cassettes_dates', sql`${t.removedAt} IS NULL OR ${t.removedAt} >= ${t.installedAt}`),
  ],
);

/**
 * A batch of one or more orders on a robot (SPEC §6): booked → in_production → produced →
 * verified, or cancelled. Its duration and breakdown (minutes) are those of the pouches and
 * manual-tray units booked; `end_at - start_at` equals the duration, or once it left `booked` is
 * shorter (produced ahead of its planned end, it ends at its completion). All its orders are of one
 * pharmacy's care homes (`pharmacyId`). No two non-cancelled batches of a robot overlap (checked
 * in an immediate transaction, and by the triggers of the `robot_batches_no_overlap` migration).
 */
export const robotBatches = sqliteTable(
  'robot_batches',
  {
    id: id(),
    robotId: integer('robot_id')
      .notNull()
      .references(() => robots.id),
    pharmacyId: integer('pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    startAt: instant('start_at').notNull(),
    endAt: instant('end_at').notNull(),
    status: text('status', { enum: BATCH_STATUSES }).notNull().default('booked'),
    pouches: integer('pouches').notNull(),
    manualUnits: integer('manual_units').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    setupMinutes: integer('setup_minutes').notNull(),
    pouchMinutes: integer('pouch_minutes').notNull(),
    manualMinutes: integer('manual_minutes').notNull(),
    cleaningMinutes: integer('cleaning_minutes').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull(),
    cancelledAt: instant('cancelled_at'),
    cancelledBy: integer('cancelled_by').references(() => users.id),
  },
  (t) => [
    index('robot_batches_robot_start_idx').on(t.robotId, t.startAt),
    index('robot_batches_robot_end_idx').on(t.robotId, t.endAt),
    index('robot_batches_pharmacy_idx').on(t.pharmacyId, t.status),
    check('robot_batches_status', inList(t.status, BATCH_STATUSES)),
    check('robot_batches_span', sql`${isInstant(t.startAt)} AND ${isInstant(t.endAt)} AND ${t.endAt} > ${t.startAt}`),
    check('robot_batches_counts', sql`${whole(t.pouches, 0, 10_000_000)} AND ${whole(t.manualUnits, 0, 10_000_000)}`),
    check(
      'robot_batches_duration',
      sql`${t.durationMinutes} = ${t.setupMinutes} + ${t.pouchMinutes} + ${t.manualMinutes} + ${t.cleaningMinutes}
        AND ${t.setupMinutes} >= 0 AND ${t.pouchMinutes} >= 0 AND ${t.manualMinutes} >= 0 AND ${t.cleaningMinutes} >= 0
        AND (round((julianday(${t.endAt}) - julianday(${t.startAt})) * 1440) = ${t.durationMinutes}
          OR (${t.status} <> 'booked' AND round((julianday(${t.endAt}) - julianday(${t.startAt})) * 1440) < ${t.durationMinutes}))`,
    ),
    check('robot_batches_cancelled', sql`(${t.status} = 'cancelled') = (${t.cancelledAt} IS NOT NULL)`),
  ],
);

/**
 * An order in a batch, with the pouches and manual-tray units booked for it. `active` goes to 0
 * when the batch is cancelled: an order is in at most one active batch.
 */
export const robotBatchOrders = sqliteTable(
  'robot_batch_orders',
  {
    id: id(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => robotBatches.id),
    orderId: integer('order_id')
      .notNull()
      .references(() => weeklyOrders.id),
    pouches: integer('pouches').notNull(),
    manualUnits: integer('manual_units').notNull(),
    active: flag('active').notNull().default(true),
  },
  (t) => [
    uniqueIndex('robot_batch_orders_unique').on(t.batchId, t.orderId),
    uniqueIndex('robot_batch_orders_active_order_unique').on(t.orderId).where(sql`active = 1`),
    index('robot_batch_orders_order_idx').on(t.orderId),
    check(
      'robot_batch_orders_counts',
      sql`${whole(t.pouches, 0, 10_000_000)} AND ${whole(t.manualUnits, 0, 10_000_000)}`,
    ),
    check('robot_batch_orders_active_bool', sql`${t.active} IN (0, 1)`),
  ],
);
