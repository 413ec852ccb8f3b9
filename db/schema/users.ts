import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, instant } from '../columns';
import { careHomes, pharmacies } from './organisation';

export const ROLES = ['admin', 'pharmacist', 'technician', 'carehome', 'treasurer'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    pharmacyId: integer('pharmacy_id').references(() => pharmacies.id),
    careHomeId: integer('care_home_id').references(() => careHomes.id),
    active: flag('active').notNull().default(true),
    // Set when the coordinator gives a generated password (account created, password reset):
    // the user is asked to choose their own at the next login; cleared when they do.
    passwordProvisional: flag('password_provisional').notNull().default(false),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    check('users_email_lowercase', sql`${t.email} = lower(${t.email})`),
    check('users_role_valid', sql`${t.role} IN ('admin', 'pharmacist', 'technician', 'carehome', 'treasurer')`),
    // The scope a role needs, and only that one: pharmacy staff have a pharmacy, care-home users a care home.
    check(
      'users_scope_matches_role',
      sql`(${t.role} IN ('pharmacist', 'technician')) = (${t.pharmacyId} IS NOT NULL)
        AND (${t.role} = 'carehome') = (${t.careHomeId} IS NOT NULL)`,
    ),
    check('users_active_bool', sql`${t.active} IN (0, 1)`),
    check('users_password_provisional_bool', sql`${t.passwordProvisional} IN (0, 1)`),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** HMAC of the cookie token: a stolen database does not yield usable cookies. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);
