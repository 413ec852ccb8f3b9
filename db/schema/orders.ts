import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  ABSENCE_REASONS,
  CHANGE_REQUEST_STATUSES,
  ORDER_STATUSES,
  RESIDENT_STATUSES,
  SCHEDULE_KINDS,
  UNIT_ROUTES,
} from '../../server/orders/orders.models';
import { flag, id, instant } from '../columns';
import { cataloguePresentations } from './catalogue';
import { careHomes } from './organisation';
import { users } from './users';

const DATE_GLOB = "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'";
const isDate = (column: AnySQLiteColumn) => sql`${column} GLOB ${sql.raw(DATE_GLOB)}`;
const isTime = (column: AnySQLiteColumn) =>
  sql`length(${column}) = 5 AND ${column} GLOB '[0-2][0-9]:[0-5][0-9]' AND ${column} < '24:00'`;
const inList = (column: AnySQLiteColumn, values: readonly string[]) =>
  sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
const count = (column: AnySQLiteColumn) => sql`typeof(${column}) = 'integer' AND ${column} >= 0`;

/**
 * A care home's PDA settings (SPEC §5), one row per care home; a care home without a row uses the
 * defaults (`DEFAULT_CARE_HOME_SETTINGS`). Weekdays are ISO (1 = Monday), times Paris wall clock
 * `HH:mm`, both of the week before the order week.
 */
export const careHomeSettings = sqliteTable(
  'care_home_settings',
  {
    careHomeId: integer('care_home_id')
      .primaryKey()
      .references(() => careHomes.id),
    /** `[{ name: 'matin', time: '08:00' }, …]` in the order of the day. */
    administrationTimes: text('administration_times', { mode: 'json' })
      .$type<{ name: string; time: string }[]>()
      .notNull(),
    deliveryWeekday: integer('delivery_weekday').notNull(),
    deliveryTime: text('delivery_time').notNull(),
    cutoffWeekday: integer('cutoff_weekday').notNull(),
    cutoffTime: text('cutoff_time').notNull(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [
    check('care_home_settings_times_json', sql`json_valid(${t.administrationTimes})`),
    check(
      'care_home_settings_weekdays',
      sql`${t.deliveryWeekday} BETWEEN 1 AND 7 AND ${t.cutoffWeekday} BETWEEN 1 AND 7`,
    ),
    check('care_home_settings_delivery_time', isTime(t.deliveryTime)),
    check('care_home_settings_cutoff_time', isTime(t.cutoffTime)),
  ],
);

/** A care-home resident (SPEC §5). `statusFrom`/`statusTo`: hospitalised from–to, discharged or deceased on. */
export const residents = sqliteTable(
  'residents',
  {
    id: id(),
    careHomeId: integer('care_home_id')
      .notNull()
      .references(() => careHomes.id),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    birthDate: text('birth_date').notNull(),
    room: text('room').notNull(),
    status: text('status', { enum: RESIDENT_STATUSES }).notNull().default('active'),
    statusFrom: text('status_from'),
    statusTo: text('status_to'),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('residents_care_home_idx').on(t.careHomeId, t.lastName, t.firstName),
    check('residents_status_valid', inList(t.status, RESIDENT_STATUSES)),
    check('residents_birth_date', isDate(t.birthDate)),
    check(
      'residents_status_dates',
      sql`(${t.status} = 'active') = (${t.statusFrom} IS NULL)
        AND (${t.statusFrom} IS NULL OR ${isDate(t.statusFrom)})
        AND (${t.statusTo} IS NULL OR (${t.status} = 'hospitalised' AND ${t.statusTo} >= ${t.statusFrom}))`,
    ),
    check('residents_names', sql`length(${t.lastName}) > 0 AND length(${t.firstName}) > 0`),
  ],
);

/**
 * A PDA prescription line (SPEC §5). Versioned: a line is never edited but closed — a replacement
 * ends it the day before the new line starts (`replacedById`), a stop sets its end date — so the
 * lines in force on any past day stay as they were. `doses` are integer quarters of a unit per
 * administration time name (`{ matin: 4, soir: 2 }` = 1 and ½). An end date the day before the
 * start date marks a line replaced before it ever applied.
 */
export const prescriptionLines = sqliteTable(
  'prescription_lines',
  {
    id: id(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    cip13: text('cip13')
      .notNull()
      .references(() => cataloguePresentations.cip13),
    doses: text('doses', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    scheduleKind: text('schedule_kind', { enum: SCHEDULE_KINDS }).notNull(),
    /** ISO weekdays `1,3,5` for `weekdays`. */
    scheduleWeekdays: text('schedule_weekdays'),
    scheduleN: integer('schedule_n'),
    scheduleFrom: text('schedule_from'),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    prescriber: text('prescriber').notNull(),
    asNeeded: flag('as_needed').notNull().default(false),
    replacesId: integer('replaces_id').references((): AnySQLiteColumn => prescriptionLines.id),
    replacedById: integer('replaced_by_id').references((): AnySQLiteColumn => prescriptionLines.id),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    closedAt: instant('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
  },
  (t) => [
    index('prescription_lines_resident_idx').on(t.residentId, t.startDate),
    check('prescription_lines_doses_json', sql`json_valid(${t.doses})`),
    check('prescription_lines_kind_valid', inList(t.scheduleKind, SCHEDULE_KINDS)),
    check(
      'prescription_lines_schedule',
      sql`(${t.scheduleKind} = 'weekdays') = (${t.scheduleWeekdays} IS NOT NULL)
        AND (${t.scheduleKind} = 'every_n_days') = (${t.scheduleN} IS NOT NULL)
        AND (${t.scheduleKind} = 'every_n_days') = (${t.scheduleFrom} IS NOT NULL)
        AND (${t.scheduleN} IS NULL OR ${t.scheduleN} BETWEEN 1 AND 366)`,
    ),
    check('prescription_lines_start', isDate(t.startDate)),
    check(
      'prescription_lines_end',
      sql`${t.endDate} IS NULL OR (${isDate(t.endDate)} AND ${t.endDate} >= date(${t.startDate}, '-1 day'))`,
    ),
    check('prescription_lines_as_needed_bool', sql`${t.asNeeded} IN (0, 1)`),
    check('prescription_lines_not_self', sql`${t.replacesId} IS NULL OR ${t.replacesId} <> ${t.id}`),
  ],
);

/**
 * A care home's order of dose pouches for one ISO week (SPEC §5). The totals are those of the
 * last computation (`computedAt`), kept on the row for the robot planner; the cut-off and
 * delivery instants are UTC, from the care home's settings when the order was created.
 */
export const weeklyOrders = sqliteTable(
  'weekly_orders',
  {
    id: id(),
    careHomeId: integer('care_home_id')
      .notNull()
      .references(() => careHomes.id),
    week: text('week').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('draft'),
    notes: text('notes').notNull().default(''),
    cutoffAt: instant('cutoff_at').notNull(),
    deliveryAt: instant('delivery_at').notNull(),
    pouches: integer('pouches').notNull().default(0),
    robotUnits: integer('robot_units').notNull().default(0),
    manualUnits: integer('manual_units').notNull().default(0),
    horsPdaUnits: integer('hors_pda_units').notNull().default(0),
    computedAt: instant('computed_at').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    submittedAt: instant('submitted_at'),
    submittedBy: integer('submitted_by').references(() => users.id),
    cancelledAt: instant('cancelled_at'),
    cancelledBy: integer('cancelled_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('weekly_orders_care_home_week_unique').on(t.careHomeId, t.week),
    index('weekly_orders_week_idx').on(t.week, t.status),
    check('weekly_orders_status_valid', inList(t.status, ORDER_STATUSES)),
    check('weekly_orders_week_format', sql`${t.week} GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'`),
    check(
      'weekly_orders_totals',
      sql`${count(t.pouches)} AND ${count(t.robotUnits)} AND ${count(t.manualUnits)} AND ${count(t.horsPdaUnits)}`,
    ),
    check('weekly_orders_deadlines', sql`${t.cutoffAt} <= ${t.deliveryAt}`),
  ],
);

/** Per resident of an order, as last computed: pouches of the week and per day (`days` JSON). */
export const orderResidents = sqliteTable(
  'order_residents',
  {
    orderId: integer('order_id')
      .notNull()
      .references(() => weeklyOrders.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    pouches: integer('pouches').notNull(),
    days: text('days', { mode: 'json' })
      .$type<{ date: string; absent: boolean; pouchesByTime: Record<string, number> }[]>()
      .notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.residentId] }),
    check('order_residents_pouches', count(t.pouches)),
    check('order_residents_days_json', sql`json_valid(${t.days})`),
  ],
);

/**
 * Units of one product for one resident in an order, as last computed, and how they are packed
 * (SPEC §6). Ids stay stable across recomputations, so production can record lots against them.
 */
export const orderLines = sqliteTable(
  'order_lines',
  {
    id: id(),
    orderId: integer('order_id')
      .notNull()
      .references(() => weeklyOrders.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    cip13: text('cip13')
      .notNull()
      .references(() => cataloguePresentations.cip13),
    /** Sum of the week's doses in quarters; `units` rounds it up. */
    quarters: integer('quarters').notNull(),
    units: integer('units').notNull(),
    route: text('route', { enum: UNIT_ROUTES }).notNull(),
    /** One of the week's doses is a half or quarter tablet: cut and placed by hand, never by a cassette. */
    splitDoses: flag('split_doses').notNull().default(false),
  },
  (t) => [
    uniqueIndex('order_lines_unique').on(t.orderId, t.residentId, t.cip13),
    check('order_lines_route_valid', inList(t.route, UNIT_ROUTES)),
    check('order_lines_units', sql`${count(t.units)} AND ${count(t.quarters)} AND ${t.units} * 4 >= ${t.quarters}`),
  ],
);

/** A late change the care home asks for after the cut-off; a pharmacist accepts or refuses it. */
export const orderChangeRequests = sqliteTable(
  'order_change_requests',
  {
    id: id(),
    orderId: integer('order_id')
      .notNull()
      .references(() => weeklyOrders.id),
    message: text('message').notNull(),
    /** Absences asked for, applied on acceptance: `[{ residentId, from, to, reason }]`. */
    absences: text('absences', { mode: 'json' })
      .$type<{ residentId: number; from: string; to: string; reason: string }[]>()
      .notNull(),
    status: text('status', { enum: CHANGE_REQUEST_STATUSES }).notNull().default('pending'),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    decidedAt: instant('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id),
    refusalReason: text('refusal_reason'),
  },
  (t) => [
    index('order_change_requests_order_idx').on(t.orderId, t.status),
    check('order_change_requests_status_valid', inList(t.status, CHANGE_REQUEST_STATUSES)),
    check('order_change_requests_absences_json', sql`json_valid(${t.absences})`),
    check(
      'order_change_requests_decision',
      sql`(${t.status} = 'pending') = (${t.decidedAt} IS NULL)
        AND (${t.status} = 'refused') = (${t.refusalReason} IS NOT NULL)`,
    ),
  ],
);

/** A resident away on some days of an order's week; undoing it marks it removed, never deletes it. */
export const orderAbsences = sqliteTable(
  'order_absences',
  {
    id: id(),
    orderId: integer('order_id')
      .notNull()
      .references(() => weeklyOrders.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    reason: text('reason', { enum: ABSENCE_REASONS }).notNull(),
    changeRequestId: integer('change_request_id').references(() => orderChangeRequests.id),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    removedAt: instant('removed_at'),
    removedBy: integer('removed_by').references(() => users.id),
  },
  (t) => [
    index('order_absences_order_idx').on(t.orderId, t.residentId),
    check('order_absences_reason_valid', inList(t.reason, ABSENCE_REASONS)),
    check('order_absences_dates', sql`${isDate(t.fromDate)} AND ${isDate(t.toDate)} AND ${t.toDate} >= ${t.fromDate}`),
  ],
);

/** What happened to an order, oldest first: creation, absences, prescription changes, status steps. */
export const orderEvents = sqliteTable(
  'order_events',
  {
    id: id(),
    orderId: integer('order_id')
      .notNull()
      .references(() => weeklyOrders.id),
    at: instant('at').notNull(),
    actorUserId: integer('actor_user_id').references(() => users.id),
    actorLabel: text('actor_label').notNull(),
    kind: text('kind').notNull(),
    /** Pouches of the order before and after, and what the event was about. */
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id)],
);
