import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, count, eq } from 'drizzle-orm';
import { type Db, migrate, openDb } from '../db/client';
import { careHomes, pharmacies, ROLES, type Role, users } from '../db/schema';
import { DEMO_PASSWORD, seedDemo } from '../db/seed/demo';
import { importCatalogue, readBdpmDir } from '../server/catalogue/catalogue-import.usecases';
import { systemActor } from '../server/http/context';
import type { DatasetFacts } from './endpoints';
import type { Rng } from './prng';
import type { BuildTiming, DatasetSummary } from './report';
import type { Scale } from './scales';

export type DatasetContext = { db: Db; rng: Rng; scale: Scale; facts: DatasetFacts; now: Date };

export type GeneratorOutcome =
  | { rows: Record<string, number>; note?: string; timings?: BuildTiming[] }
  | { skipped: string };

/**
 * One domain's share of the synthetic dataset. Generators run in order (each may rely on
 * the rows of the ones before), get their own forked PRNG, and may publish facts (ids,
 * weeks) that endpoint paths need. Domains add theirs to DATASET_GENERATORS.
 */
export type DatasetGenerator = {
  name: string;
  build(ctx: DatasetContext): GeneratorOutcome | Promise<GeneratorOutcome>;
};

/** The real ANSM files beside the repository (SPEC §4); `BDPM_DIR` points elsewhere. */
export const BDPM_DIR = resolve(
  process.env.BDPM_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data', 'bdpm'),
);

/** Fixed "now" for every row the dataset writes, so two runs build identical databases. */
export const DATASET_NOW = new Date('2026-01-05T07:00:00.000Z');

export const DATASET_GENERATORS: DatasetGenerator[] = [
  {
    name: 'demo',
    async build({ db, now }) {
      await seedDemo(db, now);
      return { rows: { users: tableCount(db, 'users') } };
    },
  },
  {
    name: 'pharmacies',
    build({ db, scale, now }) {
      const existing = db.select({ n: count() }).from(pharmacies).get()?.n ?? 0;
      const createdAt = now.toISOString();
      const extra = Math.max(0, scale.pharmacies - existing);
      db.transaction((tx) => {
        for (let i = 1; i <= extra; i++) {
          const n = String(i).padStart(4, '0');
          tx.insert(pharmacies)
            .values({ slug: `bench-${n}`, name: `Pharmacie ${n}`, town: `Commune ${n}`, createdAt })
            .run();
        }
      });
      return { rows: { pharmacies: existing + extra } };
    },
  },
  {
    name: 'care-homes',
    build({ db, rng, scale, now }) {
      const existing = db.select({ n: count() }).from(careHomes).get()?.n ?? 0;
      const pharmacyIds = db.select({ id: pharmacies.id }).from(pharmacies).orderBy(asc(pharmacies.id)).all();
      const createdAt = now.toISOString();
      const extra = Math.max(0, scale.careHomes - existing);
      db.transaction((tx) => {
        for (let i = 1; i <= extra; i++) {
          const n = String(i).padStart(4, '0');
          tx.insert(careHomes)
            .values({
              slug: `ehpad-bench-${n}`,
              name: `EHPAD ${n}`,
              // Haute-Vienne FINESS prefix, which the demo care homes do not use.
              finess: `87${String(i).padStart(7, '0')}`,
              pharmacyId: rng.pick(pharmacyIds).id,
              createdAt,
            })
            .run();
        }
      });
      return { rows: { careHomes: existing + extra } };
    },
  },
  {
    // Search is only meaningful on the full file (SPEC §11), so every scale but tiny imports it.
    name: 'catalogue',
    build({ db, scale, now }) {
      const presentations = () => ({ presentations: tableCount(db, 'catalogue_presentations') });
      if (scale.name === 'tiny') return { rows: presentations(), note: 'demo extract only' };
      if (!existsSync(join(BDPM_DIR, 'CIS_CIP_bdpm.txt'))) {
        return { rows: presentations(), note: `no BDPM files in ${BDPM_DIR}: demo extract only` };
      }
      const started = performance.now();
      const report = importCatalogue({
        ctx: { db, clock: { now: () => now }, actor: systemActor('bench') },
        parsed: readBdpmDir(BDPM_DIR),
        skipBadRows: true,
        audit: false,
      });
      const ms = performance.now() - started;
      if (!report.applied) throw new Error(`BDPM import refused: ${JSON.stringify(report.files)}`);
      const rejected = report.files.reduce((sum, f) => sum + f.rejected, 0);
      return {
        rows: { ...presentations(), rejectedLines: rejected },
        timings: [{ name: 'catalogue.import', label: 'BDPM import (full CIS + CIP files)', ms, maxMs: 20_000 }],
      };
    },
  },
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
    const summaries: DatasetSummary[] = [];
    for (const generator of opts.generators ?? DATASET_GENERATORS) {
      const started = performance.now();
      const outcome = await generator.build({
        db,
        rng: opts.rng.fork(generator.name),
        scale: opts.scale,
        facts,
        now: DATASET_NOW,
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

/** Row count of a table (which must exist: check with tableExists first). */
export function tableCount(db: Db, table: string): number {
  return (db.$client.prepare(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`).get() as { n: number }).n;
}

export function tableExists(db: Db, table: string): boolean {
  return db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}
