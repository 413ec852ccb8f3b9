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

/** Splits rows into chunks for multi-row INSERTs that stay under SQLite's bound-parameter limit. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
