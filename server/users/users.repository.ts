import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { careHomes, pharmacies, type Role, users } from '../../db/schema';

export type NewUser = {
  email: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  pharmacyId: number | null;
  careHomeId: number | null;
  /** A generated password the user has not chosen (default false: the seeds' known passwords). */
  passwordProvisional?: boolean;
  createdAt: string;
};

export function findUserByEmail(db: Db, email: string) {
  return db.select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

export function insertUser(db: Db, user: NewUser) {
  return db
    .insert(users)
    .values({ ...user, email: user.email.toLowerCase() })
    .returning()
    .get();
}

/** The user with the names of its pharmacy or care home, as `GET /api/auth/me` shows it. */
export function findUserProfile(db: Db, userId: number) {
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      passwordProvisional: users.passwordProvisional,
      pharmacyId: pharmacies.id,
      pharmacySlug: pharmacies.slug,
      pharmacyName: pharmacies.name,
      /** The active care homes the user's pharmacy serves (0 when none, or without a pharmacy). */
      pharmacyCareHomes: sql<number>`(SELECT count(*) FROM care_homes served
        WHERE served.pharmacy_id = ${pharmacies.id} AND served.active = 1)`,
      careHomeId: careHomes.id,
      careHomeSlug: careHomes.slug,
      careHomeName: careHomes.name,
    })
    .from(users)
    .leftJoin(pharmacies, eq(pharmacies.id, users.pharmacyId))
    .leftJoin(careHomes, eq(careHomes.id, users.careHomeId))
    .where(eq(users.id, userId))
    .get();
}

const userColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  pharmacyId: users.pharmacyId,
  careHomeId: users.careHomeId,
  active: users.active,
  passwordProvisional: users.passwordProvisional,
  createdAt: users.createdAt,
};

/** Every account, for the cooperative's coordinator (admin only: users are not tenant data). */
export function listUsers(db: Db) {
  return db.select(userColumns).from(users).orderBy(asc(users.displayName), asc(users.id)).all();
}

/** The active pharmacists of a pharmacy ({ id, displayName }), by name. */
export function listActivePharmacists(db: Db, pharmacyId: number) {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.pharmacyId, pharmacyId), eq(users.role, 'pharmacist'), eq(users.active, true)))
    .orderBy(asc(users.displayName), asc(users.id))
    .all();
}

export function findUserById(db: Db, userId: number) {
  return db.select(userColumns).from(users).where(eq(users.id, userId)).get();
}

export function updateUserRow(
  db: Db,
  userId: number,
  values: Partial<
    Pick<
      typeof users.$inferInsert,
      'displayName' | 'role' | 'pharmacyId' | 'careHomeId' | 'active' | 'passwordHash' | 'passwordProvisional'
    >
  >,
) {
  return db.update(users).set(values).where(eq(users.id, userId)).returning(userColumns).get();
}
