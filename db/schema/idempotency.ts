import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { instant } from '../columns';
import { users } from './users';

/**
 * What a creating POST answered to an `Idempotency-Key` (server/http/idempotency.ts): per user
 * and scope (`POST /transfers`), the key the client sent, a SHA-256 of the request's parsed body,
 * the status and the id of the resource created. Written in the same transaction as the resource,
 * so a repeat of the key finds it or finds nothing; kept at least 24 h.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    resourceId: integer('resource_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.scope, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
    check('idempotency_keys_status', sql`${t.status} BETWEEN 200 AND 299`),
  ],
);
