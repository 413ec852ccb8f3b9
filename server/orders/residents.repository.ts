import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  careHomeSettings,
  careHomes,
  cataloguePresentations,
  catalogueSpecialities,
  prescriptionLines,
  residents,
  users,
} from '../../db/schema';
import { preparedQuery } from '../../db/statements';
import { type CareHomeSettings, DEFAULT_CARE_HOME_SETTINGS, type OrderCalendar, type Schedule } from './orders.models';

// ---- care-home settings -------------------------------------------------------------------

export function findSettingsRow(db: Db, careHomeId: number) {
  return preparedQuery(db, 'residents.settings', () =>
    db
      .select()
      .from(careHomeSettings)
      .where(eq(careHomeSettings.careHomeId, sql.placeholder('careHomeId')))
      .prepare(),
  ).get({ careHomeId });
}

/** A care home's settings, the SPEC §5 defaults when it never changed them. */
export function loadCareHomeSettings(db: Db, careHomeId: number): CareHomeSettings & { customised: boolean } {
  const row = findSettingsRow(db, careHomeId);
  if (!row) return { ...DEFAULT_CARE_HOME_SETTINGS, customised: false };
  return {
    administrationTimes: row.administrationTimes,
    deliveryWeekday: row.deliveryWeekday,
    deliveryTime: row.deliveryTime,
    cutoffWeekday: row.cutoffWeekday,
    cutoffTime: row.cutoffTime,
    customised: true,
  };
}

/** The four columns of a care home's order calendar. */
const calendarColumns = {
  deliveryWeekday: careHomeSettings.deliveryWeekday,
  deliveryTime: careHomeSettings.deliveryTime,
  cutoffWeekday: careHomeSettings.cutoffWeekday,
  cutoffTime: careHomeSettings.cutoffTime,
};

/**
 * A care home's settings for an answer: the administration times as the JSON text they are stored
 * as (the answer sends them as they are, `storedJson`, issue 16), the SPEC §5 defaults' text when
 * it never changed them.
 */
export function loadCareHomeSettingsText(
  db: Db,
  careHomeId: number,
): OrderCalendar & { administrationTimesJson: string; customised: boolean } {
  const row = preparedQuery(db, 'residents.settingsText', () =>
    db
      .select({ administrationTimesJson: sql<string>`${careHomeSettings.administrationTimes}`, ...calendarColumns })
      .from(careHomeSettings)
      .where(eq(careHomeSettings.careHomeId, sql.placeholder('careHomeId')))
      .prepare(),
  ).get({ careHomeId });
  if (!row) return { ...DEFAULT_ORDER_CALENDAR, administrationTimesJson: DEFAULT_TIMES_JSON, customised: false };
  return { ...row, customised: true };
}

const DEFAULT_ORDER_CALENDAR: OrderCalendar = {
  deliveryWeekday: DEFAULT_CARE_HOME_SETTINGS.deliveryWeekday,
  deliveryTime: DEFAULT_CARE_HOME_SETTINGS.deliveryTime,
  cutoffWeekday: DEFAULT_CARE_HOME_SETTINGS.cutoffWeekday,
  cutoffTime: DEFAULT_CARE_HOME_SETTINGS.cutoffTime,
};
const DEFAULT_TIMES_JSON = JSON.stringify(DEFAULT_CARE_HOME_SETTINGS.administrationTimes);

/**
 * A care home's order calendar (cut-off and delivery weekday and Paris time), the SPEC §5 defaults
 * when it never changed them: `loadCareHomeSettings` without the administration times, for the
 * schedule, which reads nothing else (issue 16).
 */
export function loadOrderCalendar(db: Db, careHomeId: number): OrderCalendar {
  const row = preparedQuery(db, 'residents.orderCalendar', () =>
    db
      .select(calendarColumns)
      .from(careHomeSettings)
      .where(eq(careHomeSettings.careHomeId, sql.placeholder('careHomeId')))
      .prepare(),
  ).get({ careHomeId });
  return row ?? DEFAULT_ORDER_CALENDAR;
}

export function upsertSettingsRow(db: Db, row: typeof careHomeSettings.$inferInsert) {
  db.insert(careHomeSettings)
    .values(row)
    .onConflictDoUpdate({ target: careHomeSettings.careHomeId, set: { ...row, careHomeId: undefined } })
    .run();
}

/** Care homes, with their serving pharmacy: the scope every resident, line and order inherits. */
export function findCareHomeRow(db: Db, id: number) {
  return preparedQuery(db, 'residents.careHome', () =>
    db
      .select({ id: careHomes.id, name: careHomes.name, pharmacyId: careHomes.pharmacyId, active: careHomes.active })
      .from(careHomes)
      .where(eq(careHomes.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

export function listActiveCareHomeIds(db: Db): number[] {
  return db
    .select({ id: careHomes.id })
    .from(careHomes)
    .where(eq(careHomes.active, true))
    .orderBy(asc(careHomes.id))
    .all()
    .map((r) => r.id);
}

// ---- residents ----------------------------------------------------------------------------

const residentColumns = {
  id: residents.id,
  careHomeId: residents.careHomeId,
  lastName: residents.lastName,
  firstName: residents.firstName,
  birthDate: residents.birthDate,
  room: residents.room,
  status: residents.status,
  statusFrom: residents.statusFrom,
  statusTo: residents.statusTo,
};
export type ResidentRow = {
  id: number;
  careHomeId: number;
  lastName: string;
  firstName: string;
  birthDate: string;
  room: string;
  status: 'active' | 'hospitalised' | 'discharged' | 'deceased';
  statusFrom: string | null;
  statusTo: string | null;
};

/**
 * Residents of some care homes, by name, with how many prescription lines are in force on `today`.
 * One prepared query for any number of care homes: their ids go in as a JSON array (issue 16).
 */
export function listResidentRows(db: Db, careHomeIds: number[], today: string) {
  if (careHomeIds.length === 0) return [];
  const day = sql.placeholder('today');
  return preparedQuery(db, 'residents.list', () =>
    db
      .select({
        ...residentColumns,
        activeLines: sql<number>`(SELECT count(*) FROM ${prescriptionLines} l WHERE l.resident_id = "residents"."id"
          AND l.start_date <= ${day} AND (l.end_date IS NULL OR l.end_date >= ${day}))`,
      })
      .from(residents)
      .where(sql`${residents.careHomeId} IN (SELECT value FROM json_each(${sql.placeholder('careHomeIds')}))`)
      .orderBy(sql`french_key(${residents.lastName})`, sql`french_key(${residents.firstName})`, asc(residents.id))
      .prepare(),
  ).all({ careHomeIds: JSON.stringify(careHomeIds), today });
}

/** "NOM Prénom" of residents, by id (for late change requests' absences). */
export function residentNames(db: Db, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = preparedQuery(db, 'residents.names', () =>
    db
      .select({ id: residents.id, lastName: residents.lastName, firstName: residents.firstName })
      .from(residents)
      .where(sql`${residents.id} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`)
      .prepare(),
  ).all({ ids: JSON.stringify([...new Set(ids)]) });
  return new Map(rows.map((r) => [r.id, `${r.lastName.toLocaleUpperCase('fr')} ${r.firstName}`]));
}

/** One resident with the pharmacy serving its care home (for the scope check). */
export function findResidentRow(db: Db, id: number) {
  return preparedQuery(db, 'residents.find', () =>
    db
      .select({ ...residentColumns, pharmacyId: careHomes.pharmacyId })
      .from(residents)
      .innerJoin(careHomes, eq(careHomes.id, residents.careHomeId))
      .where(eq(residents.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

export function insertResidentRow(db: Db, row: typeof residents.$inferInsert): ResidentRow {
  return db.insert(residents).values(row).returning(residentColumns).get();
}

export function updateResidentRow(db: Db, id: number, values: Partial<typeof residents.$inferInsert>): ResidentRow {
  return db.update(residents).set(values).where(eq(residents.id, id)).returning(residentColumns).get() as ResidentRow;
}

/** Residents of a care home who may be there during a week starting `monday`: not gone before it. */
export function residentsForWeek(db: Db, careHomeId: number, monday: string): ResidentRow[] {
  return db
    .select(residentColumns)
    .from(residents)
    .where(
      and(
        eq(residents.careHomeId, careHomeId),
        or(inArray(residents.status, ['active', 'hospitalised']), sql`${residents.statusFrom} > ${monday}`),
      ),
    )
    .orderBy(sql`french_key(${residents.lastName})`, sql`french_key(${residents.firstName})`, asc(residents.id))
    .all();
}

// ---- prescription lines -------------------------------------------------------------------

const productLabel = sql<string>`coalesce(${catalogueSpecialities.name}, ${cataloguePresentations.label})`;

const lineColumns = {
  id: prescriptionLines.id,
  residentId: prescriptionLines.residentId,
  cip13: prescriptionLines.cip13,
  doses: prescriptionLines.doses,
  scheduleKind: prescriptionLines.scheduleKind,
  scheduleWeekdays: prescriptionLines.scheduleWeekdays,
  scheduleN: prescriptionLines.scheduleN,
  scheduleFrom: prescriptionLines.scheduleFrom,
  startDate: prescriptionLines.startDate,
  endDate: prescriptionLines.endDate,
  prescriber: prescriptionLines.prescriber,
  asNeeded: prescriptionLines.asNeeded,
  replacesId: prescriptionLines.replacesId,
  replacedById: prescriptionLines.replacedById,
  createdAt: prescriptionLines.createdAt,
};
export type LineRow = {
  id: number;
  residentId: number;
  cip13: string;
  doses: Record<string, number>;
  scheduleKind: 'daily' | 'weekdays' | 'every_n_days';
  scheduleWeekdays: string | null;
  scheduleN: number | null;
  scheduleFrom: string | null;
  startDate: string;
  endDate: string | null;
  prescriber: string;
  asNeeded: boolean;
  replacesId: number | null;
  replacedById: number | null;
  createdAt: string;
};

/** The schedule of a stored line, as the pure rules read it. */
export function scheduleOf(row: Pick<LineRow, 'scheduleKind' | 'scheduleWeekdays' | 'scheduleN' | 'scheduleFrom'>) {
  if (row.scheduleKind === 'weekdays') {
    return { kind: 'weekdays', weekdays: (row.scheduleWeekdays ?? '').split(',').map(Number) } satisfies Schedule;
  }
  if (row.scheduleKind === 'every_n_days') {
    return { kind: 'every_n_days', n: row.scheduleN ?? 1, from: row.scheduleFrom ?? '' } satisfies Schedule;
  }
  return { kind: 'daily' } satisfies Schedule;
}

/** A schedule as the columns store it. */
export function scheduleColumns(schedule: Schedule) {
  return {
    scheduleKind: schedule.kind,
    scheduleWeekdays: schedule.kind === 'weekdays' ? [...schedule.weekdays].sort().join(',') : null,
    scheduleN: schedule.kind === 'every_n_days' ? schedule.n : null,
    scheduleFrom: schedule.kind === 'every_n_days' ? schedule.from : null,
  };
}

/** Every version of a resident's lines, with the product's name and PDA flag and who wrote it. */
export function listLineRows(db: Db, residentId: number) {
  return preparedQuery(db, 'residents.lines', () =>
    db
      .select({
        ...lineColumns,
        productLabel,
        productForm: catalogueSpecialities.form,
        pdaExcluded: cataloguePresentations.pdaExcluded,
        createdByName: users.displayName,
      })
      .from(prescriptionLines)
      .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, prescriptionLines.cip13))
      .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
      .leftJoin(users, eq(users.id, prescriptionLines.createdBy))
      .where(eq(prescriptionLines.residentId, sql.placeholder('residentId')))
      .orderBy(asc(prescriptionLines.startDate), asc(prescriptionLines.id))
      .prepare(),
  ).all({ residentId });
}
export type LineWithProduct = ReturnType<typeof listLineRows>[number];

export function findLineRow(db: Db, id: number) {
  return db
    .select({
      ...lineColumns,
      careHomeId: residents.careHomeId,
      birthDate: residents.birthDate,
      residentStatus: residents.status,
      residentStatusFrom: residents.statusFrom,
      pharmacyId: careHomes.pharmacyId,
    })
    .from(prescriptionLines)
    .innerJoin(residents, eq(residents.id, prescriptionLines.residentId))
    .innerJoin(careHomes, eq(careHomes.id, residents.careHomeId))
    .where(eq(prescriptionLines.id, id))
    .get();
}

export function insertLineRow(db: Db, row: typeof prescriptionLines.$inferInsert): number {
  return db.insert(prescriptionLines).values(row).returning({ id: prescriptionLines.id }).get().id;
}

export function updateLineRow(db: Db, id: number, values: Partial<typeof prescriptionLines.$inferInsert>): void {
  db.update(prescriptionLines).set(values).where(eq(prescriptionLines.id, id)).run();
}

/** Lines of a care home's residents in force on some day of `monday`…`sunday`. */
export function linesForWeek(db: Db, careHomeId: number, monday: string, sunday: string): LineRow[] {
  return db
    .select(lineColumns)
    .from(prescriptionLines)
    .innerJoin(residents, eq(residents.id, prescriptionLines.residentId))
    .where(
      and(
        eq(residents.careHomeId, careHomeId),
        lte(prescriptionLines.startDate, sunday),
        or(isNull(prescriptionLines.endDate), gte(prescriptionLines.endDate, monday)),
      ),
    )
    .all();
}

/** Lines still in force on or after `today` that give a dose at one of `names`, counted per name. */
export function openLinesUsingTimes(db: Db, careHomeId: number, names: string[], today: string) {
  if (names.length === 0) return [];
  const rows = db
    .select({ doses: prescriptionLines.doses })
    .from(prescriptionLines)
    .innerJoin(residents, eq(residents.id, prescriptionLines.residentId))
    .where(
      and(
        eq(residents.careHomeId, careHomeId),
        isNull(prescriptionLines.replacedById),
        or(isNull(prescriptionLines.endDate), gte(prescriptionLines.endDate, today)),
      ),
    )
    .all();
  return names
    .map((name) => ({ name, lines: rows.filter((r) => (r.doses[name] ?? 0) > 0).length }))
    .filter((t) => t.lines > 0);
}

/** PDA exclusion flag of products, by CIP13. */
export function pdaExclusions(db: Db, cip13s: string[]): Map<string, boolean> {
  if (cip13s.length === 0) return new Map();
  const rows = db
    .select({ cip13: cataloguePresentations.cip13, pdaExcluded: cataloguePresentations.pdaExcluded })
    .from(cataloguePresentations)
    .where(inArray(cataloguePresentations.cip13, [...new Set(cip13s)]))
    .all();
  return new Map(rows.map((r) => [r.cip13, r.pdaExcluded]));
}

/**
 * A catalogue presentation's pharmaceutical form (its speciality's, BDPM column 3): undefined when
 * the CIP13 is not in the catalogue, null when its CIS is missing from the speciality file.
 */
export function productForm(db: Db, cip13: string): string | null | undefined {
  const row = db
    .select({ form: catalogueSpecialities.form })
    .from(cataloguePresentations)
    .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
    .where(eq(cataloguePresentations.cip13, cip13))
    .get();
  return row === undefined ? undefined : row.form;
}
