import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, instant } from '../columns';

export const pharmacies = sqliteTable(
  'pharmacies',
  {
    id: id(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    town: text('town').notNull(),
    // Contact details (null until the admin fills them in): street address, French postal code,
    // phone stored as "05 55 00 12 34", FINESS (9 characters), pharmacist in charge (titulaire).
    address: text('address'),
    postalCode: text('postal_code'),
    phone: text('phone'),
    finess: text('finess'),
    pharmacistInCharge: text('pharmacist_in_charge'),
    active: flag('active').notNull().default(true),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('pharmacies_slug_unique').on(t.slug),
    uniqueIndex('pharmacies_finess_unique').on(t.finess),
    check('pharmacies_slug_format', sql`${t.slug} GLOB '[a-z]*' AND ${t.slug} NOT GLOB '*[^a-z0-9-]*'`),
    check('pharmacies_active_bool', sql`${t.active} IN (0, 1)`),
    check(
      'pharmacies_finess_format',
      sql`${t.finess} IS NULL OR (length(${t.finess}) = 9 AND ${t.finess} GLOB '[0-9][0-9AB][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')`,
    ),
    check(
      'pharmacies_postal_code_format',
      sql`${t.postalCode} IS NULL OR (length(${t.postalCode}) = 5 AND ${t.postalCode} GLOB '[0-9][0-9][0-9][0-9][0-9]')`,
    ),
    check(
      'pharmacies_phone_format',
      sql`${t.phone} IS NULL OR (length(${t.phone}) = 14 AND ${t.phone} GLOB '0[1-9] [0-9][0-9] [0-9][0-9] [0-9][0-9] [0-9][0-9]')`,
    ),
  ],
);

export const careHomes = sqliteTable(
  'care_homes',
  {
    id: id(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    finess: text('finess').notNull(),
    pharmacyId: integer('pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    active: flag('active').notNull().default(true),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('care_homes_slug_unique').on(t.slug),
    uniqueIndex('care_homes_finess_unique').on(t.finess),
    check(
      'care_homes_finess_format',
      sql`length(${t.finess}) = 9 AND ${t.finess} GLOB '[0-9][0-9AB][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`,
    ),
    check('care_homes_active_bool', sql`${t.active} IN (0, 1)`),
  ],
);
