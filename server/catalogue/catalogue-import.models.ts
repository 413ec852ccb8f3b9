/**
 * Pure part of the import: BDPM rows to table records, and the plan that compares them with
 * what is stored so that a re-import writes only what changed (and can say "nothing changed").
 */
import type { BdpmKind, BdpmRowOf, PresentationRow } from './bdpm.models';
import { decidePdaExclusion, isMarketed, parseUnitsPerBox } from './catalogue.models';

/** One table row as the raw SQLite client reads and writes it (booleans as 0/1). */
export type DbRecord = Record<string, string | number | null>;

const bit = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

export type PdaContext = {
  forms: Map<string, { form: string; routes: string }>;
  substances: Map<string, string[]>;
  overrides: Map<string, { pdaExcluded: number; pdaReason: string | null }>;
};

export function presentationRecord(row: PresentationRow, pda: PdaContext): DbRecord {
  const speciality = pda.forms.get(row.cis);
  const decision = decidePdaExclusion({
    form: speciality?.form ?? null,
    routes: speciality ? speciality.routes.split(';').filter((r) => r.trim() !== '') : [],
    substances: pda.substances.get(row.cis) ?? [],
  });
  const override = pda.overrides.get(row.cip13);
  return {
    cip13: row.cip13,
    cip7: row.cip7,
    cis: row.cis,
    label: row.label,
    admin_status: row.adminStatus,
    marketing_status: row.marketingStatus,
    marketing_date: row.marketingDate,
    collectivities: bit(row.collectivities),
    reimbursement_rate_pct: row.reimbursementRatePct,
    price_cents: row.priceCents,
    price_with_fee_cents: row.priceWithFeeCents,
    dispensing_fee_cents: row.dispensingFeeCents,
    reimbursement_indications: row.reimbursementIndications,
    units_per_box: parseUnitsPerBox(row.label),
    marketed: bit(isMarketed(row.adminStatus, row.marketingStatus)),
    active: 1,
    pda_rule: decision.rule,
    pda_excluded: override ? override.pdaExcluded : bit(decision.excluded),
    pda_reason: override ? override.pdaReason : decision.reason,
  };
}

/** Records of the three files that need no context (presentations need the PDA context). */
export const RECORD_OF: { [K in Exclude<BdpmKind, 'presentations'>]: (row: BdpmRowOf[K]) => DbRecord } = {
  specialities: (r) => ({
    cis: r.cis,
    name: r.name,
    form: r.form,
    routes: r.routes,
    amm_status: r.ammStatus,
    amm_procedure: r.ammProcedure,
    marketing_status: r.marketingStatus,
    amm_date: r.ammDate,
    bdm_status: r.bdmStatus,
    eu_number: r.euNumber,
    holders: r.holders,
    reinforced_monitoring: bit(r.reinforcedMonitoring),
    active: 1,
  }),
  compositions: (r) => ({
    cis: r.cis,
    element: r.element,
    substance_code: r.substanceCode,
    substance_name: r.substanceName,
    dosage: r.dosage,
    dosage_reference: r.dosageReference,
    nature: r.nature,
    link_no: r.linkNo,
  }),
  genericGroups: (r) => ({
    group_id: r.groupId,
    cis: r.cis,
    group_label: r.groupLabel,
    generic_type: r.genericType,
    sort_no: r.sortNo,
  }),
};

export type SyncPlan = { inserts: DbRecord[]; updates: DbRecord[]; unchanged: number; retireKeys: DbRecord[] };

/**
 * Compares incoming records with stored ones. Stored rows missing from the file are retired
 * (deactivated, or deleted for rows that carry no history) only when `retireMissing` holds:
 * the importer withholds it when any line was rejected, since a rejected line may be one of them.
 */
export function planSync(opts: {
  existing: Map<string, DbRecord>;
  incoming: DbRecord[];
  keyOf: (r: DbRecord) => string;
  key: readonly string[];
  columns: readonly string[];
  retire: 'deactivate' | 'delete';
  retireMissing: boolean;
  /** False for a partial source (the demo extract): stored rows are left exactly as they are. */
  updateExisting?: boolean;
}): SyncPlan {
  const plan: SyncPlan = { inserts: [], updates: [], unchanged: 0, retireKeys: [] };
  const seen = new Set<string>();
  for (const record of opts.incoming) {
    const key = opts.keyOf(record);
    seen.add(key);
    const stored = opts.existing.get(key);
    if (!stored) plan.inserts.push(record);
    else if (opts.updateExisting !== false && opts.columns.some((c) => stored[c] !== record[c])) {
      plan.updates.push(record);
    } else plan.unchanged++;
  }
  if (!opts.retireMissing) return plan;
  for (const [key, stored] of opts.existing) {
    if (seen.has(key)) continue;
    if (opts.retire === 'deactivate' && stored.active === 0) continue;
    plan.retireKeys.push(Object.fromEntries(opts.key.map((k) => [k, stored[k] ?? null])));
  }
  return plan;
}
