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
    active: flag('active').notNull().default(true),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('pharmacies_slug_unique').on(t.slug),
    check('pharmacies_slug_format', sql`${t.slug} GLOB '[a-z]*' AND ${t.slug} NOT GLOB '*[^a-z0-9-]*'`),
    check('pharmacies_active_bool', sql`${t.active} IN (0, 1)`),
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
