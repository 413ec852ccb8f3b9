import type { Statement } from 'better-sqlite3';
import type { Db } from './client';

const cache = new WeakMap<Db['$client'], Map<string, Statement>>();

/** A prepared statement, compiled once per connection: hot read paths skip SQLite's parser. */
export function statement(db: Db, sql: string): Statement {
  let byText = cache.get(db.$client);
  if (!byText) {
    byText = new Map();
    cache.set(db.$client, byText);
  }
  let prepared = byText.get(sql);
  if (!prepared) {
    prepared = db.$client.prepare(sql);
    byText.set(sql, prepared);
  }
  return prepared;
}

const queries = new WeakMap<Db['$client'], Map<string, unknown>>();

/**
 * A drizzle query built and prepared once per connection, under `key` (name it after the
 * repository function and the shape of its filters: a query whose WHERE clause varies needs one
 * key per variant). `build` runs once and must put every value in `sql.placeholder(name)`; the
 * caller passes the values to the returned query's `all`/`get`/`run`.
 *
 * Why: building a query is most of what a drizzle call costs. The orders list's one select
 * took ~0.3 ms to build (drizzle's `is()` walks class chains for every column and operator)
 * against ~0.01 ms to run once prepared (issue 16, bench/README.md "Third pass").
 */
export function preparedQuery<Q>(db: Db, key: string, build: () => Q): Q {
  let byKey = queries.get(db.$client);
  if (!byKey) {
    byKey = new Map();
    queries.set(db.$client, byKey);
  }
  let query = byKey.get(key) as Q | undefined;
  if (query === undefined) {
    query = build();
    byKey.set(key, query);
  }
  return query;
}
