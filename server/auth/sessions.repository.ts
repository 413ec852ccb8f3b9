import { eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Role, sessions } from '../../db/schema';
import { statement } from '../../db/statements';

export function insertSession(db: Db, row: typeof sessions.$inferInsert) {
  db.insert(sessions).values(row).run();
}

/**
 * The live session and its active user, or undefined when expired, unknown or disabled.
 * Read on every API request: a statement prepared once, not a query built each time.
 */
export function findLiveSession(db: Db, id: string, nowIso: string) {
  return statement(
    db,
    `SELECT s.id AS sessionId, s.expires_at AS expiresAt, u.id AS userId, u.email AS email, u.role AS role,
            u.pharmacy_id AS pharmacyId, u.care_home_id AS careHomeId
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = ? AND s.expires_at > ? AND u.active = 1`,
  ).get(id, nowIso) as
    | {
        sessionId: string;
        expiresAt: string;
        userId: number;
        email: string;
        role: Role;
        pharmacyId: number | null;
        careHomeId: number | null;
      }
    | undefined;
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
