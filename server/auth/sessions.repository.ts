import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema';

export function insertSession(db: Db, row: typeof sessions.$inferInsert) {
  db.insert(sessions).values(row).run();
}

/** The live session and its active user, or undefined when expired, unknown or disabled. */
export function findLiveSession(db: Db, id: string, nowIso: string) {
  return db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      email: users.email,
      role: users.role,
      pharmacyId: users.pharmacyId,
      careHomeId: users.careHomeId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, nowIso), eq(users.active, true)))
    .get();
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
