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
