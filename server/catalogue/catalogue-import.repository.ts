/**
 * SQL of the BDPM import: load a whole table keyed by its ANSM key, then insert, update and
 * retire rows with prepared statements on the raw client (20 000 rows in well under a second).
 * Callers run these inside one synchronous transaction per file.
 */
import type { Db } from '../../db/client';
import type { BdpmKind } from './bdpm.models';
import type { DbRecord } from './catalogue-import.models';

type TableSpec = {
  table: string;
  key: readonly string[];
  /** Columns compared and written (besides the key). */
  columns: readonly string[];
  /** What happens to rows a re-import no longer lists. */
  retire: 'deactivate' | 'delete';
};

export const IMPORT_TABLES: { [K in BdpmKind]: TableSpec } = {
  specialities: {
    table: 'catalogue_specialities',
    key: ['cis'],
    columns: [
      'name',
      'form',
      'routes',
      'amm_status',
      'amm_procedure',
      'marketing_status',
      'amm_date',
      'bdm_status',
      'eu_number',
      'holders',
      'reinforced_monitoring',
      'active',
    ],
    retire: 'deactivate',
  },
  presentations: {
    table: 'catalogue_presentations',
    key: ['cip13'],
    columns: [
      'cip7',
      'cis',
      'label',
      'admin_status',
      'marketing_status',
      'marketing_date',
      'collectivities',
      'reimbursement_rate_pct',
      'price_cents',
      'price_with_fee_cents',
      'dispensing_fee_cents',
      'reimbursement_indications',
      'units_per_box',
      'marketed',
      'active',
      'pda_rule',
      'pda_excluded',
      'pda_reason',
    ],
    retire: 'deactivate',
  },
  compositions: {
    table: 'catalogue_compositions',
    key: ['cis', 'element', 'substance_code', 'nature', 'link_no'],
    columns: ['substance_name', 'dosage', 'dosage_reference'],
    retire: 'delete',
  },
  genericGroups: {
    table: 'catalogue_generic_groups',
    key: ['group_id', 'cis'],
    columns: ['group_label', 'generic_type', 'sort_no'],
    retire: 'delete',
  },
};

const KEY_SEPARATOR = '\u0001';
export const recordKey = (spec: TableSpec, record: DbRecord) =>
  spec.key.map((k) => String(record[k])).join(KEY_SEPARATOR);

/** Every row of the table (active or not), keyed like the import keys them. */
export function loadImportRows(db: Db, kind: BdpmKind): Map<string, DbRecord> {
  const spec = IMPORT_TABLES[kind];
  const rows = db.$client.prepare(`SELECT ${[...spec.key, ...spec.columns].join(', ')} FROM ${spec.table}`).all();
  return new Map((rows as DbRecord[]).map((row) => [recordKey(spec, row), row]));
}

export type ImportWrites = { inserts: DbRecord[]; updates: DbRecord[]; retireKeys: DbRecord[] };

/** Applies a planned sync. `updatedAt` stamps every written row; the key is never updated. */
export function writeImportRows(db: Db, kind: BdpmKind, writes: ImportWrites, updatedAt: string): void {
  const spec = IMPORT_TABLES[kind];
  const stamped = spec.retire === 'deactivate';
  const allColumns = [...spec.key, ...spec.columns, ...(stamped ? ['updated_at'] : [])];
  const keyWhere = spec.key.map((k) => `${k} = @${k}`).join(' AND ');
  const insert = db.$client.prepare(
    `INSERT INTO ${spec.table} (${allColumns.join(', ')}) VALUES (${allColumns.map((c) => `@${c}`).join(', ')})`,
  );
  const setColumns = [...spec.columns, ...(stamped ? ['updated_at'] : [])];
  const update = db.$client.prepare(
    `UPDATE ${spec.table} SET ${setColumns.map((c) => `${c} = @${c}`).join(', ')} WHERE ${keyWhere}`,
  );
  const retire = db.$client.prepare(
    spec.retire === 'deactivate'
      ? `UPDATE ${spec.table} SET active = 0, updated_at = @updated_at WHERE ${keyWhere}`
      : `DELETE FROM ${spec.table} WHERE ${keyWhere}`,
  );
  const withStamp = (r: DbRecord) => (stamped ? { ...r, updated_at: updatedAt } : r);
  for (const row of writes.inserts) insert.run(withStamp(row));
  for (const row of writes.updates) update.run(withStamp(row));
  for (const key of writes.retireKeys) retire.run(withStamp(key));
}

/** Form and routes of every speciality, for the PDA rules. */
export function loadSpecialityForms(db: Db): Map<string, { form: string; routes: string }> {
  const rows = db.$client.prepare('SELECT cis, form, routes FROM catalogue_specialities').all() as {
    cis: string;
    form: string;
    routes: string;
  }[];
  return new Map(rows.map((r) => [r.cis, { form: r.form, routes: r.routes }]));
}

/** Substance names per CIS, for the PDA substance lists. */
export function loadSubstanceNames(db: Db): Map<string, string[]> {
  const rows = db.$client.prepare('SELECT DISTINCT cis, substance_name FROM catalogue_compositions').all() as {
    cis: string;
    substance_name: string;
  }[];
  const byCis = new Map<string, string[]>();
  for (const r of rows) {
    const list = byCis.get(r.cis);
    if (list) list.push(r.substance_name);
    else byCis.set(r.cis, [r.substance_name]);
  }
  return byCis;
}

/** Presentations whose PDA flag a pharmacist chose: the import keeps that choice. */
export function loadPdaOverrides(db: Db): Map<string, { pdaExcluded: number; pdaReason: string | null }> {
  const rows = db.$client
    .prepare('SELECT cip13, pda_excluded, pda_reason FROM catalogue_presentations WHERE pda_overridden = 1')
    .all() as { cip13: string; pda_excluded: number; pda_reason: string | null }[];
  return new Map(rows.map((r) => [r.cip13, { pdaExcluded: r.pda_excluded, pdaReason: r.pda_reason }]));
}
