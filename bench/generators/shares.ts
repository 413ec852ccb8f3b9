import pino from 'pino';
import { type Db, migrate, openDb } from '../../db/client';
import { ledgerEntries, pharmacies, shareNominalValues, shareTransactions } from '../../db/schema';
import { addCalendarDays, parisDate } from '../../server/shared/dates';
import { listCategories } from '../../server/shares/ledger.repository';
import { createCategory } from '../../server/shares/ledger.usecases';
import { computeSharesReport } from '../../server/shares/report.usecases';
import type { AllocationKey, LedgerKind } from '../../server/shares/shares.models';
import type { Rng } from '../prng';
import { type DatasetGenerator, preparedInsert, tableExists } from './generator';

// The shares report's data (SPEC §11: 100 000 ledger entries, 5 members, < 500 ms, exact to
// the cent): ledger entries spread over years on top of the demo's register and categories.

/** Entries over the `years` years ending `end`, random category and amount, none in a closed period. */
function insertLedger(db: Db, rng: Rng, opts: { entries: number; years: number; end: string; createdAt: string }) {
  const categories = listCategories(db);
  const closed = db.$client.prepare('SELECT start, "end" FROM share_periods WHERE status = \'closed\'').all() as {
    start: string;
    end: string;
  }[];
  const span = Math.round(opts.years * 365.25);
  const insert = preparedInsert(db, ledgerEntries, [
    'date',
    'categoryId',
    'amountCents',
    'description',
    'reference',
    'createdAt',
  ]);
  let written = 0;
  db.transaction(() => {
    while (written < opts.entries) {
      const date = addCalendarDays(opts.end, -rng.int(0, span - 1));
      if (closed.some((p) => date >= p.start && date <= p.end)) continue;
      const category = rng.pick(categories);
      insert({
        date,
        categoryId: category.id,
        amountCents: rng.int(500, 500_000),
        description: `${category.name} ${written}`,
        reference: `B-${written}`,
        createdAt: opts.createdAt,
      });
      written++;
    }
  });
  return written;
}

/**
 * The dataset's ledger: `scale.ledgerEntries` entries over `scale.ledgerYears` years ending
 * yesterday, on the demo's categories. Publishes `sharesFrom`/`sharesTo`: the last twelve months,
 * the range the report endpoint is measured on.
 */
export const sharesGenerator: DatasetGenerator = {
  name: 'shares',
  build({ db, rng, scale, facts, now }) {
    if (!tableExists(db, 'ledger_entries')) return { skipped: 'no ledger tables' };
    if (listCategories(db).length === 0) return { skipped: 'no ledger categories in the demo' };
    const end = addCalendarDays(parisDate(now), -1);
    const written = insertLedger(db, rng, {
      entries: scale.ledgerEntries,
      years: scale.ledgerYears,
      end,
      createdAt: now.toISOString(),
    });
    facts.sharesFrom = addCalendarDays(end, -364);
    facts.sharesTo = end;
    return { rows: { ledgerEntries: written } };
  },
};

const CATEGORIES: { name: string; kind: LedgerKind; allocationKey: AllocationKey }[] = [
  { name: 'Location du robot PDA', kind: 'cost', allocationKey: 'holding' },
  { name: 'Maintenance', kind: 'cost', allocationKey: 'holding' },
  { name: 'Consommables', kind: 'cost', allocationKey: 'holding' },
  { name: 'Coordination', kind: 'cost', allocationKey: 'equal' },
  { name: 'Logiciels', kind: 'cost', allocationKey: 'equal' },
  { name: 'Honoraires PDA', kind: 'revenue', allocationKey: 'holding' },
  { name: 'Subventions', kind: 'revenue', allocationKey: 'holding' },
];

/**
 * An in-memory cooperative for the in-process figure: five members (400/300/100/150/50 shares,
 * a transfer each year), seven categories and `entries` entries over five years ending
 * 2026-12-31. Returns the timed closure: the whole report over the five years, checked to the cent.
 */
export function syntheticSharesReport(rng: Rng, entries = 100_000) {
  const db = openDb(':memory:');
  migrate(db);
  const createdAt = '2027-01-01T08:00:00.000Z';
  const ctx = {
    db,
    clock: { now: () => new Date(createdAt) },
    actor: { kind: 'system' as const, name: 'bench' },
    log: pino({ level: 'silent' }),
  };
  const from = '2022-01-01';
  const to = '2026-12-31';
  db.transaction(() => {
    const ids = [400, 300, 100, 150, 50].map(
      (shares, i) =>
        [
          db
            .insert(pharmacies)
            .values({ slug: `m${i}`, name: `Membre ${i + 1}`, town: 'Plateau', createdAt })
            .returning()
            .get().id,
          shares,
        ] as const,
    );
    db.insert(shareNominalValues).values({ validFrom: from, valueCents: 5_000, createdAt }).run();
    for (const [pharmacyId, shares] of ids) {
      db.insert(shareTransactions)
        .values({ type: 'subscription', date: from, shares, pharmacyId, nominalValueCents: 5_000, createdAt })
        .run();
    }
    for (let year = 2022; year <= 2026; year++) {
      const [a, b] = [rng.pick(ids), rng.pick(ids)];
      if (a[0] === b[0]) continue;
      db.insert(shareTransactions)
        .values({
          type: 'transfer',
          date: `${year}-06-15`,
          shares: 1,
          pharmacyId: a[0],
          toPharmacyId: b[0],
          nominalValueCents: 5_000,
          createdAt,
        })
        .run();
    }
  });
  for (const c of CATEGORIES) createCategory({ ctx, input: c });
  insertLedger(db, rng, { entries, years: 5, end: to, createdAt });
  return () => {
    const report = computeSharesReport(ctx, { from, to });
    const nets = report.members.reduce((s, m) => s + m.netCents, 0);
    const byCategory = report.categories.every(
      (c) =>
        report.members.reduce(
          (s, m) => s + ([...m.costs, ...m.revenues].find((l) => l.categoryId === c.id)?.cents ?? 0),
          0,
        ) === c.totalCents,
    );
    if (!report.reconciliation.balanced || nets !== report.totals.netCents || !byCategory) {
      throw new Error('the shares report does not reconcile to the cent');
    }
    if (report.totals.entryCount !== entries)
      throw new Error(`expected ${entries} entries, got ${report.totals.entryCount}`);
    return report.totals.netCents;
  };
}
