import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  cataloguePresentations,
  catalogueSpecialities,
  pharmacies,
  robotCassettes,
  robotClosures,
  robots,
  robotWindows,
} from '../../db/schema';
import { preparedQuery, statement } from '../../db/statements';
import { parisDayRange } from '../shared/dates';
import type { WorkingWindow } from './robot.models';

// Robots are cooperative-wide equipment: every member may read them, so these queries take no
// tenant. Batches and orders, which belong to pharmacies, are in batches.repository.ts.

const robotColumns = {
  id: robots.id,
  name: robots.name,
  hostPharmacyId: robots.hostPharmacyId,
  hostPharmacyName: pharmacies.name,
  ratePerMinute: robots.ratePerMinute,
  setupMinutes: robots.setupMinutes,
  cleaningMinutes: robots.cleaningMinutes,
  manualSecondsPerUnit: robots.manualSecondsPerUnit,
  controlMinutes: robots.controlMinutes,
  cassetteSlots: robots.cassetteSlots,
  active: robots.active,
};
export type RobotRow = {
  id: number;
  name: string;
  hostPharmacyId: number;
  hostPharmacyName: string;
  ratePerMinute: number;
  setupMinutes: number;
  cleaningMinutes: number;
  manualSecondsPerUnit: number;
  controlMinutes: number;
  cassetteSlots: number;
  active: boolean;
};

export function listRobots(db: Db): RobotRow[] {
  return preparedQuery(db, 'robots.list', () =>
    db
      .select(robotColumns)
      .from(robots)
      .innerJoin(pharmacies, eq(pharmacies.id, robots.hostPharmacyId))
      .orderBy(asc(robots.id))
      .prepare(),
  ).all();
}

export function findRobot(db: Db, id: number): RobotRow | undefined {
  const row = statement(
    db,
    `SELECT r.id, r.name, r.host_pharmacy_id AS hostPharmacyId, p.name AS hostPharmacyName,
       r.rate_per_minute AS ratePerMinute, r.setup_minutes AS setupMinutes, r.cleaning_minutes AS cleaningMinutes,
       r.manual_seconds_per_unit AS manualSecondsPerUnit, r.control_minutes AS controlMinutes,
       r.cassette_slots AS cassetteSlots, r.active
     FROM robots r JOIN pharmacies p ON p.id = r.host_pharmacy_id WHERE r.id = ?`,
  ).get(id) as (Omit<RobotRow, 'active'> & { active: number }) | undefined;
  return row && { ...row, active: row.active === 1 };
}

export function findRobotByName(db: Db, name: string) {
  return db.select({ id: robots.id }).from(robots).where(eq(robots.name, name)).get();
}

export function insertRobot(db: Db, row: typeof robots.$inferInsert): number {
  return db.insert(robots).values(row).returning({ id: robots.id }).get().id;
}

export function updateRobotRow(db: Db, id: number, values: Partial<typeof robots.$inferInsert>) {
  db.update(robots).set(values).where(eq(robots.id, id)).run();
}

export function listWindows(db: Db, robotId: number): WorkingWindow[] {
  return statement(
    db,
    'SELECT weekday, start_time AS start, end_time AS end FROM robot_windows WHERE robot_id = ? ORDER BY weekday, start_time',
  ).all(robotId) as WorkingWindow[];
}

export function replaceWindows(db: Db, robotId: number, windows: WorkingWindow[]) {
  db.delete(robotWindows).where(eq(robotWindows.robotId, robotId)).run();
  if (windows.length === 0) return;
  db.insert(robotWindows)
    .values(windows.map((w) => ({ robotId, weekday: w.weekday, startTime: w.start, endTime: w.end })))
    .run();
}

export type ClosureRow = { id: number; robotId: number; start: string; end: string; kind: string; reason: string };

/** Closures overlapping `[fromIso, toIso)`, in time order. */
export function listClosures(db: Db, robotId: number, fromIso: string, toIso: string): ClosureRow[] {
  return statement(
    db,
    `SELECT id, robot_id AS robotId, start_at AS start, end_at AS end, kind, reason FROM robot_closures
     WHERE robot_id = ? AND end_at > ? AND start_at < ? ORDER BY start_at, id`,
  ).all(robotId, fromIso, toIso) as ClosureRow[];
}

export function listAllClosures(db: Db, robotId: number): ClosureRow[] {
  return listClosures(db, robotId, '0000', '9999');
}

export function findClosure(db: Db, id: number): ClosureRow | undefined {
  return db
    .select({
      id: robotClosures.id,
      robotId: robotClosures.robotId,
      start: robotClosures.startAt,
      end: robotClosures.endAt,
      kind: robotClosures.kind,
      reason: robotClosures.reason,
    })
    .from(robotClosures)
    .where(eq(robotClosures.id, id))
    .get();
}

/** The robot's closure of that kind starting at that instant, if any (one per kind and start). */
export function findClosureStarting(db: Db, robotId: number, kind: string, startIso: string): ClosureRow | undefined {
  return statement(
    db,
    `SELECT id, robot_id AS robotId, start_at AS start, end_at AS end, kind, reason FROM robot_closures
     WHERE robot_id = ? AND kind = ? AND start_at = ?`,
  ).get(robotId, kind, startIso) as ClosureRow | undefined;
}

/** Whether the robot stores any public-holiday closure starting in that Paris year. */
export function hasStoredHolidays(db: Db, robotId: number, year: number): boolean {
  const from = parisDayRange(`${String(year).padStart(4, '0')}-01-01`).start.toISOString();
  const to = parisDayRange(`${String(year).padStart(4, '0')}-12-31`).end.toISOString();
  return (
    statement(
      db,
      `SELECT 1 FROM robot_closures WHERE robot_id = ? AND kind = 'public_holiday' AND start_at >= ? AND start_at < ? LIMIT 1`,
    ).get(robotId, from, to) !== undefined
  );
}

export function insertClosure(db: Db, row: typeof robotClosures.$inferInsert): number {
  return db.insert(robotClosures).values(row).returning({ id: robotClosures.id }).get().id;
}

/** Inserts a closure unless one of that kind starts at the same instant (seeding is idempotent). */
export function insertClosureIfAbsent(db: Db, row: typeof robotClosures.$inferInsert): boolean {
  return db.insert(robotClosures).values(row).onConflictDoNothing().run().changes > 0;
}

export function deleteClosure(db: Db, id: number) {
  db.delete(robotClosures).where(eq(robotClosures.id, id)).run();
}

const productLabel = sql<string>`coalesce(${catalogueSpecialities.name}, ${cataloguePresentations.label})`;
const cassetteColumns = {
  id: robotCassettes.id,
  robotId: robotCassettes.robotId,
  slot: robotCassettes.slot,
  cip13: robotCassettes.cip13,
  productLabel,
  installedAt: robotCassettes.installedAt,
  removedAt: robotCassettes.removedAt,
};
export type CassetteRow = {
  id: number;
  robotId: number;
  slot: number;
  cip13: string;
  productLabel: string;
  installedAt: string;
  removedAt: string | null;
};

function cassettesQuery(db: Db) {
  return db
    .select(cassetteColumns)
    .from(robotCassettes)
    .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, robotCassettes.cip13))
    .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis));
}

/** The cassettes in the robot now (slot order), or its whole history (newest change first). */
export function listCassettes(db: Db, robotId: number, history: boolean): CassetteRow[] {
  const id = sql.placeholder('robotId');
  if (history) {
    return preparedQuery(db, 'robots.cassettes:history', () =>
      cassettesQuery(db)
        .where(eq(robotCassettes.robotId, id))
        .orderBy(desc(robotCassettes.installedAt), desc(robotCassettes.id))
        .prepare(),
    ).all({ robotId });
  }
  return preparedQuery(db, 'robots.cassettes:now', () =>
    cassettesQuery(db)
      .where(and(eq(robotCassettes.robotId, id), isNull(robotCassettes.removedAt)))
      .orderBy(asc(robotCassettes.slot))
      .prepare(),
  ).all({ robotId });
}

export function findCassette(db: Db, id: number): CassetteRow | undefined {
  return cassettesQuery(db).where(eq(robotCassettes.id, id)).get();
}

export function findCassetteInSlot(db: Db, robotId: number, slot: number): CassetteRow | undefined {
  return cassettesQuery(db)
    .where(and(eq(robotCassettes.robotId, robotId), eq(robotCassettes.slot, slot), isNull(robotCassettes.removedAt)))
    .get();
}

export function insertCassette(db: Db, row: typeof robotCassettes.$inferInsert): number {
  return db.insert(robotCassettes).values(row).returning({ id: robotCassettes.id }).get().id;
}

export function closeCassette(db: Db, id: number, removedAt: string, removedBy: number | null) {
  db.update(robotCassettes)
    .set({ removedAt, removedBy })
    .where(and(eq(robotCassettes.id, id), isNull(robotCassettes.removedAt)))
    .run();
}

/** A catalogue presentation's PDA flag and its reason, or `undefined` when it is not in the catalogue. */
export function presentationPda(db: Db, cip13: string): { pdaExcluded: boolean; pdaReason: string | null } | undefined {
  const row = statement(
    db,
    'SELECT pda_excluded AS pdaExcluded, pda_reason AS pdaReason FROM catalogue_presentations WHERE cip13 = ?',
  ).get(cip13) as { pdaExcluded: number; pdaReason: string | null } | undefined;
  return row && { pdaExcluded: row.pdaExcluded === 1, pdaReason: row.pdaReason };
}

/**
 * Products with a cassette now in an active robot, or `undefined` when no robot has ever had a
 * cassette (a robot not set up yet: then every pouch-eligible unit counts as robot, SPEC §6 and
 * the orders domain). Once cassettes were set up, removing the last one leaves an empty set:
 * every eligible unit goes to the manual tray.
 */
export function cassetteProducts(db: Db): Set<string> | undefined {
  const rows = statement(
    db,
    `SELECT DISTINCT c.cip13 AS cip13 FROM robot_cassettes c JOIN robots r ON r.id = c.robot_id
     WHERE c.removed_at IS NULL AND r.active = 1`,
  ).all() as { cip13: string }[];
  if (rows.length === 0) {
    const everSetUp = statement(
      db,
      'SELECT 1 FROM robot_cassettes c JOIN robots r ON r.id = c.robot_id WHERE r.active = 1 LIMIT 1',
    ).get();
    return everSetUp ? new Set() : undefined;
  }
  return new Set(rows.map((r) => r.cip13));
}

/** Closures of a robot between two instants, for overlap checks (same as listClosures, drizzle-free callers). */
export function closuresOverlapping(db: Db, robotId: number, start: string, end: string) {
  return db
    .select({ id: robotClosures.id })
    .from(robotClosures)
    .where(and(eq(robotClosures.robotId, robotId), gt(robotClosures.endAt, start), lt(robotClosures.startAt, end)))
    .all();
}
