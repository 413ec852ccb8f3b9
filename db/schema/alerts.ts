import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant } from '../columns';
import { careHomes, pharmacies } from './organisation';
import { ROLES, users } from './users';

/** "What needs doing": raised by jobs and use cases, shown on home pages, dismissed by a user. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: id(),
    pharmacyId: integer('pharmacy_id').references(() => pharmacies.id),
    careHomeId: integer('care_home_id').references(() => careHomes.id),
    role: text('role', { enum: ROLES }),
    /** `pharmacy:3`, `care_home:2` or `role:admin`: the scope as one value for de-duplication. */
    scopeKey: text('scope_key').notNull(),
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    messageKey: text('message_key').notNull(),
    params: text('params', { mode: 'json' }).$type<Record<string, string | number>>().notNull(),
    /** Paris calendar day the alert was raised: one alert per (kind, scope, entity, day). */
    raisedOn: text('raised_on').notNull(),
    raisedBy: text('raised_by').notNull(),
    createdAt: instant('created_at').notNull(),
    dismissedAt: instant('dismissed_at'),
    dismissedBy: integer('dismissed_by').references(() => users.id),
  },
  (t) => [
    check(
      'alerts_exactly_one_scope',
      sql`(${t.pharmacyId} IS NOT NULL) + (${t.careHomeId} IS NOT NULL) + (${t.role} IS NOT NULL) = 1`,
    ),
    uniqueIndex('alerts_dedupe_unique').on(t.kind, t.scopeKey, t.entity, t.entityId, t.raisedOn),
    index('alerts_pharmacy_idx').on(t.pharmacyId, t.dismissedAt),
    index('alerts_care_home_idx').on(t.careHomeId, t.dismissedAt),
  ],
);
