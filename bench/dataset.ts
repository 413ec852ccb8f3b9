import { asc, eq } from 'drizzle-orm';
import { type Db, migrate, openDb } from '../db/client';
import { ROLES, type Role, users } from '../db/schema';
import { DEMO_PASSWORD } from '../db/seed/demo';
import type { DatasetFacts } from './endpoints';
import { catalogueGenerator } from './generators/catalogue';
import type { DatasetGenerator } from './generators/generator';
import { idsGenerator } from './generators/ids';
import { ordersGenerator } from './generators/orders';
import { careHomesGenerator, demoGenerator, pharmaciesGenerator } from './generators/organisation';
import { productionGenerator } from './generators/production';
import { robotGenerator } from './generators/robot';
import { sharesGenerator } from './generators/shares';
import { stockGenerator } from './generators/stock';
import type { Rng } from './prng';
import type { DatasetSummary } from './report';
import type { Scale } from './scales';

export type { DatasetContext, DatasetGenerator, GeneratorOutcome } from './generators/generator';

/** "Now" for every row the dataset writes: today at 07:00 UTC, so runs on one day build identical rows. */
export function datasetNow(clock: Date = new Date()): Date {
  return new Date(Date.UTC(clock.getUTCFullYear(), clock.getUTCMonth(), clock.getUTCDate(), 7));
}

/** In order: each generator may rely on the rows of those before it. */
export const DATASET_GENERATORS: DatasetGenerator[] = [
  demoGenerator,
  pharmaciesGenerator,
  careHomesGenerator,
  catalogueGenerator,
  stockGenerator,
  sharesGenerator,
  ordersGenerator,
  robotGenerator,
  productionGenerator,
  // Last: reads the ids the sweep of every domain read needs.
  idsGenerator,
];

export type BuiltDataset = {
  summaries: DatasetSummary[];
  facts: DatasetFacts;
  /** One active demo account per role, for logging in. */
  accounts: Partial<Record<Role, { email: string; password: string }>>;
};

export async function buildDataset(opts: {
  dbPath: string;
  rng: Rng;
  scale: Scale;
  generators?: readonly DatasetGenerator[];
  onProgress?: (summary: DatasetSummary) => void;
}): Promise<BuiltDataset> {
  const db = openDb(opts.dbPath);
  try {
    migrate(db);
    const facts: DatasetFacts = {};
    const now = datasetNow();
    const summaries: DatasetSummary[] = [];
    for (const generator of opts.generators ?? DATASET_GENERATORS) {
      const started = performance.now();
      const outcome = await generator.build({
        db,
        rng: opts.rng.fork(generator.name),
        scale: opts.scale,
        facts,
        now,
      });
      const ms = performance.now() - started;
      const summary: DatasetSummary =
        'skipped' in outcome
          ? { name: generator.name, status: 'skipped', note: outcome.skipped, rows: {}, ms }
          : {
              name: generator.name,
              status: 'built',
              rows: outcome.rows,
              ms,
              ...(outcome.note ? { note: outcome.note } : {}),
              ...(outcome.timings ? { timings: outcome.timings } : {}),
            };
      summaries.push(summary);
      opts.onProgress?.(summary);
    }
    // The server's queries should see the same statistics a long-running database has.
    db.$client.exec('ANALYZE');
    return { summaries, facts, accounts: demoAccounts(db) };
  } finally {
    db.$client.close();
  }
}

function demoAccounts(db: Db): BuiltDataset['accounts'] {
  const accounts: BuiltDataset['accounts'] = {};
  for (const role of ROLES) {
    const row = db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.role, role))
      .orderBy(asc(users.id))
      .limit(1)
      .get();
    if (row) accounts[role] = { email: row.email, password: DEMO_PASSWORD };
  }
  return accounts;
}
