import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import {
  BDPM_FILES,
  type BdpmEncoding,
  type BdpmKind,
  type ParsedBdpmFile,
  parseBdpmFile,
  type Rejection,
} from './bdpm.models';
import { optimizeSearchIndex } from './catalogue.repository';
import { type DbRecord, planSync, presentationRecord, RECORD_OF } from './catalogue-import.models';
import {
  IMPORT_TABLES,
  loadImportRows,
  loadPdaOverrides,
  loadSpecialityForms,
  loadSubstanceNames,
  recordKey,
  writeImportRows,
} from './catalogue-import.repository';

export type ParsedSet = { [K in BdpmKind]?: ParsedBdpmFile<K> };

/**
 * Files are applied in this order: compositions first so that the search triggers index each
 * new speciality with its substances at once; presentations last, since their PDA flags are
 * derived from the speciality form and substances just stored.
 */
const APPLY_ORDER: BdpmKind[] = ['compositions', 'genericGroups', 'specialities', 'presentations'];
const REQUIRED: BdpmKind[] = ['specialities', 'presentations'];
const REJECTIONS_SHOWN = 10;

export type FileReport = {
  kind: BdpmKind;
  file: string;
  /** applied; refused (cannot be trusted); held (fine, but another file was refused); missing. */
  status: 'applied' | 'refused' | 'held' | 'missing';
  encoding: BdpmEncoding | null;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Deactivated (specialities, presentations) or deleted (compositions, generic groups). */
  retired: number;
  rejected: number;
  firstRejected: Rejection[];
  notes: string[];
};

export type ImportReport = { applied: boolean; changed: boolean; files: FileReport[]; durationMs: number };

/** Reads whichever of the four BDPM files are present in a folder. */
export function readBdpmDir(dir: string): ParsedSet {
  const set: ParsedSet = {};
  for (const kind of APPLY_ORDER) {
    const path = join(dir, BDPM_FILES[kind]);
    if (existsSync(path)) Object.assign(set, { [kind]: parseBdpmFile(kind, readFileSync(path)) });
  }
  return set;
}

function emptyReport(kind: BdpmKind, parsed: ParsedBdpmFile<BdpmKind> | undefined): FileReport {
  return {
    kind,
    file: BDPM_FILES[kind],
    status: parsed ? 'held' : 'missing',
    encoding: parsed?.encoding ?? null,
    read: parsed?.linesRead ?? 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    retired: 0,
    rejected: parsed?.rejected.length ?? 0,
    firstRejected: parsed?.rejected.slice(0, REJECTIONS_SHOWN) ?? [],
    notes: [],
  };
}

/**
 * Imports parsed BDPM files, one transaction per file, writing only rows that changed.
 * A file with any rejected line (or a missing required file) makes the whole import write
 * nothing, unless `skipBadRows`: then the valid rows are imported, but rows the file no
 * longer lists are not retired, since a rejected line may have been one of them.
 */
export function importCatalogue({
  ctx,
  parsed,
  skipBadRows = false,
  mode = 'sync',
  audit = true,
}: {
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>;
  parsed: ParsedSet;
  skipBadRows?: boolean;
  /**
   * `sync`: the files are the whole BDPM (insert, update, retire what they no longer list).
   * `add_missing`: the files are an extract (the demo catalogue): only rows not stored yet are
   * inserted, so seeding never undoes a full import.
   */
  mode?: 'sync' | 'add_missing';
  /** Seeding demo or benchmark data is not an action anyone took: it leaves the audit log empty. */
  audit?: boolean;
}): ImportReport {
  const started = performance.now();
  const files = APPLY_ORDER.map((kind) => emptyReport(kind, parsed[kind]));
  const refused = files.filter(
    (f) => (f.status === 'missing' && REQUIRED.includes(f.kind)) || (f.rejected > 0 && !skipBadRows),
  );
  for (const f of refused) if (f.status !== 'missing') f.status = 'refused';
  for (const f of files) if (f.status === 'missing') f.notes.push('file not found');
  if (refused.length > 0) {
    return { applied: false, changed: false, files, durationMs: performance.now() - started };
  }
  for (const report of files) {
    const file = parsed[report.kind];
    if (!file) continue;
    applyFile(ctx, file, report, mode, audit);
  }
  const changed = files.some((f) => f.inserted + f.updated + f.retired > 0);
  // The import rewrote the full-text index row by row (triggers): merge its segments (issue 16).
  if (changed) optimizeSearchIndex(ctx.db);
  return { applied: true, changed, files, durationMs: performance.now() - started };
}

function applyFile(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>,
  file: ParsedBdpmFile<BdpmKind>,
  report: FileReport,
  mode: 'sync' | 'add_missing',
  audit: boolean,
) {
  const { db } = ctx;
  const spec = IMPORT_TABLES[file.kind];
  const retireMissing = mode === 'sync' && file.rejected.length === 0;
  if (file.rejected.length > 0) {
    report.notes.push(`${file.rejected.length} line(s) skipped; rows missing from the file were kept as they were`);
  }
  db.transaction(() => {
    const records = recordsOf(db, file);
    const plan = planSync({
      existing: loadImportRows(db, file.kind),
      incoming: records,
      keyOf: (r) => recordKey(spec, r),
      key: spec.key,
      columns: spec.columns,
      retire: spec.retire,
      retireMissing,
      updateExisting: mode === 'sync',
    });
    writeImportRows(db, file.kind, plan, ctx.clock.now().toISOString());
    Object.assign(report, {
      status: 'applied',
      inserted: plan.inserts.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      retired: plan.retireKeys.length,
    });
    if (audit && plan.inserts.length + plan.updates.length + plan.retireKeys.length > 0) {
      recordAudit(ctx, {
        action: 'catalogue.import',
        entity: 'catalogue_file',
        entityId: report.file,
        details: {
          inserted: report.inserted,
          updated: report.updated,
          retired: report.retired,
          rejected: report.rejected,
        },
      });
    }
  });
}

function recordsOf(db: Pick<Ctx, 'db'>['db'], file: ParsedBdpmFile<BdpmKind>): DbRecord[] {
  switch (file.kind) {
    case 'presentations': {
      const context = {
        forms: loadSpecialityForms(db),
        substances: loadSubstanceNames(db),
        overrides: loadPdaOverrides(db),
      };
      return (file as ParsedBdpmFile<'presentations'>).rows.map((row) => presentationRecord(row, context));
    }
    case 'specialities':
      return (file as ParsedBdpmFile<'specialities'>).rows.map(RECORD_OF.specialities);
    case 'compositions':
      return (file as ParsedBdpmFile<'compositions'>).rows.map(RECORD_OF.compositions);
    case 'genericGroups':
      return (file as ParsedBdpmFile<'genericGroups'>).rows.map(RECORD_OF.genericGroups);
  }
}

/** The summary the CLI prints and the sync job records. */
export function formatImportReport(report: ImportReport): string {
  const lines = report.files.map((f) => {
    const counts =
      f.status === 'missing'
        ? 'missing'
        : `${f.status}  ${f.encoding ?? '?'}  read ${f.read}  inserted ${f.inserted}  updated ${f.updated}` +
          `  unchanged ${f.unchanged}  ${f.kind === 'specialities' || f.kind === 'presentations' ? 'deactivated' : 'removed'} ${f.retired}  rejected ${f.rejected}`;
    const rejected = f.firstRejected.map((r) => `      line ${r.line}: ${r.reason}${r.text ? `  | ${r.text}` : ''}`);
    const more = f.rejected > f.firstRejected.length ? [`      … and ${f.rejected - f.firstRejected.length} more`] : [];
    const notes = f.notes.map((n) => `      note: ${n}`);
    return [`  ${f.file.padEnd(20)} ${counts}`, ...rejected, ...more, ...notes].join('\n');
  });
  const total = (k: 'inserted' | 'updated' | 'retired') => report.files.reduce((n, f) => n + f[k], 0);
  const verdict = !report.applied
    ? 'Import refused: nothing was written. Fix the files, or run again with --skip-bad-rows to import the valid rows.'
    : report.changed
      ? `Imported: ${total('inserted')} inserted, ${total('updated')} updated, ${total('retired')} deactivated or removed.`
      : 'Nothing changed: the catalogue already matches these files.';
  return [...lines, `${verdict} (${Math.round(report.durationMs)} ms)`].join('\n');
}
