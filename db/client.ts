import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR } from '../server/shared/paths';
import { nameSortKey } from '../server/stock/stock-list.models';
import * as schema from './schema';
import { statement } from './statements';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens (creating if needed) a SQLite database with the pragmas every connection needs. */
export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // `ORDER BY french_key(label)`: the French order of every list (nameSortKey: accents with their
  // letter, case ignored, doses by value) inside SQL, so a list paged in SQL stays bounded.
  sqlite.function('french_key', { deterministic: true }, (text: unknown) =>
    text == null ? null : nameSortKey(String(text)),
  );
  // `upper_fr(last_name)`: SQLite's own upper() changes ASCII letters only (« BRUGèRE »).
  sqlite.function('upper_fr', { deterministic: true }, (text: unknown) =>
    text == null ? null : String(text).toLocaleUpperCase('fr'),
  );
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * Applies the committed drizzle-kit migrations that this database has not seen yet.
 *
 * A migration that changes a column rebuilds its table (SQLite's "12 steps": create the new
 * table, copy, drop the old one, rename). drizzle-kit writes `PRAGMA foreign_keys=OFF` around
 * that, but the migrator runs the pending migrations inside its own transaction, where SQLite
 * ignores the pragma: dropping a table that other rows reference then failed on any database that
 * holds data (https://www.sqlite.org/lang_altertable.html#otheralter, step 1 and 10). So the keys
 * are switched off for the run (outside its transaction, where the pragma works), every key is
 * checked afterwards, and the keys are switched back on.
 * Throws: the migrator's error (its transaction is rolled back, nothing applied), or `Error`
 * naming the first dangling reference a migration left (then the server must not start: restore
 * the backup taken before the upgrade).
 */
export function migrate(db: Db, migrationsFolder: string = MIGRATIONS_DIR): void {
  const sqlite = db.$client;
  sqlite.pragma('foreign_keys = OFF');
  try {
    drizzleMigrate(db, { migrationsFolder });
    const dangling = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    const first = dangling[0];
    if (first) {
      throw new Error(
        `the migrations left ${dangling.length} dangling references (first: ${first.table} row ${first.rowid} → ${first.parent})`,
      );
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

let journalTags: string[] | undefined;

/** The tag of the newest applied migration, for the health endpoint (the journal is read once). */
export function migrationVersion(db: Db): { applied: number; latest: string | null } {
  journalTags ??= (
    JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
  ).entries.map((e) => e.tag);
  const row = statement(db, 'SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  return { applied: row.n, latest: journalTags[row.n - 1] ?? null };
}
