import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import type { DatasetFacts } from '../endpoints';
import type { Rng } from '../prng';
import type { BuildTiming } from '../report';
import type { Scale } from '../scales';

export type DatasetContext = { db: Db; rng: Rng; scale: Scale; facts: DatasetFacts; now: Date };

export type GeneratorOutcome =
  | { rows: Record<string, number>; note?: string; timings?: BuildTiming[] }
  | { skipped: string };

/**
 * One domain's share of the synthetic dataset. Generators run in order (each may rely on
 * the rows of the ones before), get their own forked PRNG, and may publish facts (ids,
 * weeks) that endpoint paths need. Domains add theirs to DATASET_GENERATORS (bench/dataset.ts).
 */
export type DatasetGenerator = {
  name: string;
  build(ctx: DatasetContext): GeneratorOutcome | Promise<GeneratorOutcome>;
};

/** Row count of a table (which must exist: check with tableExists first). */
export function tableCount(db: Db, table: string): number {
  return (db.$client.prepare(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`).get() as { n: number }).n;
}

export function tableExists(db: Db, table: string): boolean {
  return db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/**
 * A prepared single-row INSERT built from a drizzle table: typed like `db.insert(table)`,
 * but without building SQL per row, which makes the national scale's millions of rows
 * minutes faster. Call it inside a transaction; it returns the new rowid.
 */
export function preparedInsert<T extends SQLiteTable>(
  db: Db,
  table: T,
  keys: readonly (keyof T['$inferInsert'] & string)[],
): (row: T['$inferInsert']) => number {
  const columns = getTableColumns(table);
  const picked = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return { key, column };
  });
  const statement = db.$client.prepare(
    `INSERT INTO "${getTableName(table)}" (${picked.map((p) => `"${p.column.name}"`).join(', ')}) VALUES (${picked.map(() => '?').join(', ')})`,
  );
  return (row) => {
    const values = picked.map(({ key, column }) => {
      const value = row[key];
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    });
    return Number(statement.run(...values).lastInsertRowid);
  };
}
