import { BDPM_KINDS, type BdpmKind, type ParsedBdpmFile, ROW_SPECS } from '../../server/catalogue/bdpm.models';
import {
  formatImportReport,
  type ImportReport,
  importCatalogue,
  type ParsedSet,
} from '../../server/catalogue/catalogue-import.usecases';
import { systemActor } from '../../server/http/context';
import type { Db } from '../client';
import { DEMO_BDPM_ROWS } from './demo-catalogue.data';

/** The demo rows as if read from BDPM files, through the same row parsers as the importer. */
function demoParsedSet(): ParsedSet {
  const set: ParsedSet = {};
  for (const kind of BDPM_KINDS) {
    const spec = ROW_SPECS[kind];
    const rows = DEMO_BDPM_ROWS[kind].map((fields) => spec.parse(fields));
    const file = { kind, encoding: 'utf-8', linesRead: rows.length, rows, rejected: [] } as ParsedBdpmFile<BdpmKind>;
    Object.assign(set, { [kind]: file });
  }
  return set;
}

/**
 * Seeds about 150 real presentations that care-home residents commonly take, so that the demo
 * works without the full BDPM files (README, "Drug catalogue", explains how to import them).
 * Rows already in the catalogue (after a full import) are left untouched.
 */
export function seedDemoCatalogue(db: Db, now = new Date()): ImportReport {
  const report = importCatalogue({
    ctx: { db, clock: { now: () => now }, actor: systemActor('demo-seed') },
    parsed: demoParsedSet(),
    mode: 'add_missing',
    audit: false,
  });
  if (!report.applied) throw new Error(`demo catalogue refused:\n${formatImportReport(report)}`);
  return report;
}
