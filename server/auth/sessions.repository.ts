import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Role, sessions } from '../../db/schema';

export function insertSession(db: Db, row: typeof sessions.$inferInsert) {
  db.insert(sessions).values(row).run();
}

export type LiveSession = {
  sessionId: string;
  /** ISO 8601 instant, UTC. */
  expiresAt: string;
  userId: number;
  email: string;
  role: Role;
  pharmacyId: number | null;
  careHomeId: number | null;
  /** 1 while the user is on the coordinator's generated password (SQLite flag). */
  passwordProvisional: number;
};

/** How many live sessions a connection keeps in memory (a few per user of the cooperative, with room). */
const KEPT_SESSIONS = 1000;

type Kept = { row: LiveSession; changes: number; version: number };
type Lookup = {
  live: Statement;
  /** `total_changes()`: rows this connection has inserted, updated or deleted since it opened. */
  changes: Statement;
  /** `PRAGMA data_version`: changes whenever another connection commits. */
  version: Statement;
  kept: Map<string, Kept>;
};
const lookups = new WeakMap<Database.Database, Lookup>();

function lookupOf(sqlite: Database.Database): Lookup {
  let lookup = lookups.get(sqlite);
  if (!lookup) {
    lookup = {
      live: sqlite.prepare(
        `SELECT s.id AS sessionId, s.expires_at AS expiresAt, u.id AS userId, u.email AS email, u.role AS role,
                u.pharmacy_id AS pharmacyId, u.care_home_id AS careHomeId,
                u.password_provisional AS passwordProvisional
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id = ? AND s.expires_at > ? AND u.active = 1`,
      ),
      changes: sqlite.prepare('SELECT total_changes()').pluck(),
      version: sqlite.prepare('PRAGMA data_version').pluck(),
      kept: new Map(),
    };
    lookups.set(sqlite, lookup);
  }
  return lookup;
}

/**
 * The live session `id` (the token's HMAC, `sessionId`) and its active user at `nowIso` (an ISO
 * instant, UTC), or undefined when expired, unknown or disabled. Read on every API request.
 *
 * The answer is what the database holds now, but the row is read again only when the database
 * may have changed since it was read (issue 16: the look-up was the largest part of every
 * authenticated request). A found row is kept with the connection's two change counters, read
 * just before it: `total_changes()` (this connection's own writes, a rolled-back one included) and
 * `PRAGMA data_version` (commits of any other connection, another process's too). While both are
 * unchanged, no row can have changed, and the expiry is compared with `nowIso` as the query would
 * (ISO texts compare as instants). Nothing is kept inside a transaction, whose writes may still be
 * rolled back, nor a session not found. At most `KEPT_SESSIONS` rows per connection. The row
 * answered is frozen: callers share it. Not seen: a schema change made on this same connection
 * (DDL moves neither counter); none is made after start-up (migrations run before the server
 * listens, and one run by another process moves `data_version`).
 */
export function liveSessionOn(sqlite: Database.Database, id: string, nowIso: string): LiveSession | undefined {
  const lookup = lookupOf(sqlite);
  if (sqlite.inTransaction) return lookup.live.get(id, nowIso) as LiveSession | undefined;
  const changes = lookup.changes.get() as number;
  const version = lookup.version.get() as number;
  const kept = lookup.kept.get(id);
  if (kept && kept.changes === changes && kept.version === version) {
    return kept.row.expiresAt > nowIso ? kept.row : undefined;
  }
  const row = lookup.live.get(id, nowIso) as LiveSession | undefined;
  if (row) {
    if (!kept && lookup.kept.size >= KEPT_SESSIONS) lookup.kept.delete(lookup.kept.keys().next().value as string);
    lookup.kept.set(id, { row: Object.freeze(row), changes, version });
  } else if (kept) {
    lookup.kept.delete(id);
  }
  return row;
}

/** `liveSessionOn` on the app's connection. */
export function findLiveSession(db: Db, id: string, nowIso: string): LiveSession | undefined {
  return liveSessionOn(db.$client, id, nowIso);
}

export function extendSession(db: Db, id: string, expiresAt: string) {
  db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
}

export function deleteSession(db: Db, id: string) {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}

export function deleteUserSessions(db: Db, userId: number) {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function deleteExpiredSessions(db: Db, nowIso: string) {
  return db.delete(sessions).where(lte(sessions.expiresAt, nowIso)).run().changes;
}
