import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, instant } from '../columns';
import { users } from './users';

/**
 * The drug catalogue, loaded from the ANSM BDPM files (SPEC §4). Rows are keyed by the ANSM
 * codes. Nothing here references other tables by foreign key on CIS: the BDPM itself lists
 * presentations whose CIS is missing from the speciality file. The full-text index
 * `catalogue_search` and its triggers live in the custom migration `catalogue_fts`.
 */
export const catalogueSpecialities = sqliteTable(
  'catalogue_specialities',
  {
    cis: text('cis').primaryKey(),
    name: text('name').notNull(),
    form: text('form').notNull(),
    /** `;`-separated, as in the file: `orale`, `cutanée;orale;sublinguale`. */
    routes: text('routes').notNull(),
    ammStatus: text('amm_status').notNull(),
    ammProcedure: text('amm_procedure').notNull(),
    marketingStatus: text('marketing_status').notNull(),
    ammDate: text('amm_date'),
    bdmStatus: text('bdm_status'),
    euNumber: text('eu_number'),
    holders: text('holders').notNull(),
    reinforcedMonitoring: flag('reinforced_monitoring').notNull(),
    /** False once a re-import no longer lists it: kept, never deleted. */
    active: flag('active').notNull().default(true),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    /**
     * Search ranking (issue 16): the full-text index's rowid is the CIS as an integer; this covering
     * index gives each hit's name (sort key and "starts with" test) without reading the wide row.
     */
    index('catalogue_specialities_search_idx').on(sql`CAST(${t.cis} AS INTEGER)`, t.name, t.cis),
    check('catalogue_specialities_cis_format', sql`${t.cis} GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`),
    check('catalogue_specialities_flags', sql`${t.active} IN (0, 1) AND ${t.reinforcedMonitoring} IN (0, 1)`),
  ],
);

export const cataloguePresentations = sqliteTable(
  'catalogue_presentations',
  {
    cip13: text('cip13').primaryKey(),
    cip7: text('cip7').notNull(),
    cis: text('cis').notNull(),
    label: text('label').notNull(),
    adminStatus: text('admin_status').notNull(),
    marketingStatus: text('marketing_status').notNull(),
    marketingDate: text('marketing_date'),
    collectivities: flag('collectivities'),
    reimbursementRatePct: integer('reimbursement_rate_pct'),
    priceCents: integer('price_cents'),
    priceWithFeeCents: integer('price_with_fee_cents'),
    dispensingFeeCents: integer('dispensing_fee_cents'),
    reimbursementIndications: text('reimbursement_indications'),
    unitsPerBox: integer('units_per_box'),
    /** Active presentation declared on the market by its holder (ranked first in search). */
    marketed: flag('marketed').notNull(),
    /** False once a re-import no longer lists it: stock and history still point at it. */
    active: flag('active').notNull().default(true),
    /** The automatic PDA rule that matched on the last import (null: pouchable). */
    pdaRule: text('pda_rule'),
    pdaExcluded: flag('pda_excluded').notNull(),
    pdaReason: text('pda_reason'),
    /** Set when a pharmacist chose the flag: re-imports then leave pdaExcluded/pdaReason alone. */
    pdaOverridden: flag('pda_overridden').notNull().default(false),
    pdaUpdatedAt: instant('pda_updated_at'),
    pdaUpdatedBy: integer('pda_updated_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('catalogue_presentations_cip7_unique').on(t.cip7),
    index('catalogue_presentations_cis_idx').on(t.cis),
    /**
     * Search ranking (issue 16): a speciality's presentations with their rank tier (2 marketed and
     * listed, 1 listed, 0 dropped: `marketed * active + active`) and CIP13, so ranking a search's
     * hits reads this index only; the columns shown are read for the page's rows alone.
     */
    index('catalogue_presentations_search_idx').on(t.cis, sql`${t.marketed} * ${t.active} + ${t.active}`, t.cip13),
    check(
      'catalogue_presentations_cip13_format',
      sql`length(${t.cip13}) = 13 AND ${t.cip13} GLOB '3400*' AND ${t.cip13} NOT GLOB '*[^0-9]*'`,
    ),
    check('catalogue_presentations_cip7_format', sql`length(${t.cip7}) = 7 AND ${t.cip7} NOT GLOB '*[^0-9]*'`),
    check(
      'catalogue_presentations_cents',
      sql`(${t.priceCents} IS NULL OR (typeof(${t.priceCents}) = 'integer' AND ${t.priceCents} >= 0))
        AND (${t.priceWithFeeCents} IS NULL OR (typeof(${t.priceWithFeeCents}) = 'integer' AND ${t.priceWithFeeCents} >= 0))
        AND (${t.dispensingFeeCents} IS NULL OR (typeof(${t.dispensingFeeCents}) = 'integer' AND ${t.dispensingFeeCents} >= 0))`,
    ),
    check(
      'catalogue_presentations_rate',
      sql`${t.reimbursementRatePct} IS NULL OR ${t.reimbursementRatePct} BETWEEN 0 AND 100`,
    ),
    check('catalogue_presentations_units', sql`${t.unitsPerBox} IS NULL OR ${t.unitsPerBox} > 0`),
    check(
      'catalogue_presentations_flags',
      sql`${t.marketed} IN (0, 1) AND ${t.active} IN (0, 1) AND ${t.pdaExcluded} IN (0, 1) AND ${t.pdaOverridden} IN (0, 1)`,
    ),
    check('catalogue_presentations_pda_reason', sql`${t.pdaExcluded} = 0 OR ${t.pdaReason} IS NOT NULL`),
  ],
);

/** Composition lines (CIS_COMPO): active substances (SA) and therapeutic fractions (FT). */
export const catalogueCompositions = sqliteTable(
  'catalogue_compositions',
  {
    id: id(),
    cis: text('cis').notNull(),
    element: text('element').notNull(),
    substanceCode: text('substance_code').notNull(),
    substanceName: text('substance_name').notNull(),
    dosage: text('dosage'),
    dosageReference: text('dosage_reference'),
    nature: text('nature').notNull(),
    linkNo: integer('link_no').notNull(),
  },
  (t) => [
    uniqueIndex('catalogue_compositions_key_unique').on(t.cis, t.element, t.substanceCode, t.nature, t.linkNo),
    check('catalogue_compositions_nature', sql`${t.nature} IN ('SA', 'FT', 'ST')`),
  ],
);

/** Generic groups (CIS_GENER): type 0 princeps, 1 generic, 2 by dosage complementarity, 4 substitutable. */
export const catalogueGenericGroups = sqliteTable(
  'catalogue_generic_groups',
  {
    groupId: integer('group_id').notNull(),
    cis: text('cis').notNull(),
    groupLabel: text('group_label').notNull(),
    genericType: integer('generic_type').notNull(),
    sortNo: integer('sort_no').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.cis] }), index('catalogue_generic_groups_cis_idx').on(t.cis)],
);
