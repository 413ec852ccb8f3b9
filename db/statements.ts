import type { Statement } from 'better-sqlite3';
import { Column, fillPlaceholders, is, SQL } from 'drizzle-orm';
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
    query = withFlatRows(build());
    byKey.set(key, query);
  }
  return query;
}

/** What `withFlatRows` reads of a drizzle better-sqlite3 prepared select (drizzle's own fields). */
type DrizzleSelect = {
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: unknown;
  values: (placeholders?: Record<string, unknown>) => unknown[][];
  all: (placeholders?: Record<string, unknown>) => unknown[];
  get: (placeholders?: Record<string, unknown>) => unknown;
  stmt?: Statement;
  query?: { sql: string; params: unknown[] };
  logger?: { logQuery: (sql: string, params: unknown[]) => void };
};
type Decoder = { mapFromDriverValue: (value: unknown) => unknown };

/**
 * A prepared drizzle select whose selection is flat (`{ id: t.id, n: sql<number>`…` }`, no nested
 * objects) gets an `all` and a `get` that map rows with each field's decoder resolved once, as
 * drizzle's `mapResultRow` maps them (a null stays null; nested paths and the null objects of left
 * joins are drizzle's business and keep its mapping). drizzle resolves each field's kind with
 * `is()`, which walks class chains, for every field of every row: ~0.5 µs a row of ten columns,
 * ~2.5 µs of the ~12 µs the five pharmacies cost (issue 16, bench/README.md). Any other query is
 * returned as is. tests/unit/flat-rows.test.ts holds the two mappings equal on the app's own selects.
 */
export function withFlatRows<Q>(query: Q): Q {
  const select = query as unknown as DrizzleSelect;
  const fields = select?.fields;
  if (!Array.isArray(fields) || select.customResultMapper || typeof select.values !== 'function') return query;
  if (fields.some((f) => !Array.isArray(f.path) || f.path.length !== 1)) return query;
  // A field is a column, an sql`…` expression or an aliased one (`sql…as('x')`); a subquery, or
  // anything newer drizzle may select, keeps drizzle's mapping.
  const decoders = fields.map(({ field }): Decoder | undefined => {
    if (is(field, Column)) return field;
    const expression = is(field, SQL) ? field : is(field, SQL.Aliased) ? field.sql : undefined;
    return (expression as unknown as { decoder?: Decoder } | undefined)?.decoder;
  });
  if (decoders.some((d) => typeof d?.mapFromDriverValue !== 'function')) return query;
  const names = fields.map((f) => f.path[0] as string);
  const count = names.length;
  const toRow = (raw: unknown[]) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const value = raw[i];
      row[names[i] as string] = value === null ? null : (decoders[i] as Decoder).mapFromDriverValue(value);
    }
    return row;
  };
  select.all = (placeholders) => select.values(placeholders).map(toRow);
  // `get` as drizzle runs it (its placeholders filled, its logger told, the first row read as an
  // array), mapped the same way.
  const { stmt, query: compiled, logger } = select;
  if (stmt && compiled && Array.isArray(compiled.params)) {
    select.get = (placeholders) => {
      const params = fillPlaceholders(compiled.params, placeholders ?? {});
      logger?.logQuery(compiled.sql, params);
      const raw = stmt.raw().get(...params) as unknown[] | undefined;
      return raw ? toRow(raw) : undefined;
    };
  }
  return query;
}
