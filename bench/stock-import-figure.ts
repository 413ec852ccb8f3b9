/**
 * Issue #15, item 5: "A 20 000-row import must not stop the cooperative". The in-process figure
 * applies a valid stock snapshot of 20 000 data rows (plus its header) through the use case the
 * route calls, on a migrated SQLite file with the demo data (products no pharmacy holds), and times it
 * until it answers (target: under 1 000 ms). Each run changes every row (the quantities
 * alternate between two files), so every run writes 20 000 lot updates and movements.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { migrate, openDb } from '../db/client';
import { seedDemo } from '../db/seed/demo';
import type { Ctx } from '../server/http/context';
import { importSnapshot } from '../server/stock/stock-import.usecases';
import type { InProcessBench } from './inprocess';

const ROWS = 20_000;
const NOW = new Date('2026-06-15T08:00:00Z');

/** A snapshot of `rows` lots over the catalogue's `products`, every quantity shifted by `shift`. */
export function syntheticSnapshot(products: string[], rows: number, shift: number): string {
  const lines = ['CIP13;Lot;Péremption;Quantité;Prix'];
  for (let i = 0; i < rows; i++) {
    const month = String((i % 12) + 1).padStart(2, '0');
    lines.push(`${products[i % products.length]};BENCH${i};${month}/2028;${(i % 60) + 1 + shift};0,043`);
  }
  return `${lines.join('\n')}\n`;
}

export const stockImportFigure: InProcessBench = {
  name: 'stock.import-20000',
  label: 'Stock snapshot import, 20 000 rows applied (parse, checks, plan, one write transaction)',
  maxMs: 1_000,
  warmup: 1,
  runs: 5,
  async prepare({ scale }) {
    const dir = mkdtempSync(join(tmpdir(), 'officoop-bench-import-'));
    const db = openDb(join(dir, 'import.sqlite'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    migrate(db);
    await seedDemo(db, NOW);
    const products = (
      db.$client
        .prepare(
          `SELECT cip13 FROM catalogue_presentations p
           WHERE marketed = 1 AND NOT EXISTS (SELECT 1 FROM stock_lots l WHERE l.cip13 = p.cip13) ORDER BY cip13`,
        )
        .all() as { cip13: string }[]
    ).map((r) => r.cip13);
    const user = db.$client
      .prepare("SELECT id, email, pharmacy_id AS pharmacyId FROM users WHERE role = 'pharmacist' LIMIT 1")
      .get() as { id: number; email: string; pharmacyId: number };
    const ctx: Ctx = {
      db,
      clock: { now: () => NOW },
      log: pino({ level: 'silent' }),
      actor: {
        kind: 'user',
        userId: user.id,
        email: user.email,
        role: 'pharmacist',
        pharmacyId: user.pharmacyId,
        careHomeId: null,
      },
    };
    // The tiny scale (the smoke test) only checks the figure runs: 1 000 rows.
    const rows = scale.name === 'tiny' ? 1_000 : ROWS;
    const files = [syntheticSnapshot(products, rows, 0), syntheticSnapshot(products, rows, 1)];
    let run = 0;
    return async () => {
      const csv = files[run++ % 2] as string;
      const result = await importSnapshot({ ctx, csv, apply: true });
      // The first run creates the lots; every later one changes each of them.
      if (result.errors.length > 0 || (run > 1 && result.adjustments.length !== rows)) {
        throw new Error(
          `expected ${rows} adjustments, got ${result.adjustments.length} (${result.errors.length} errors)`,
        );
      }
      return result;
    };
  },
};
