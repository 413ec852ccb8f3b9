import type { z } from 'zod';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { productNotFound } from './catalogue.errors';
import { decidePdaExclusion, normalizeText, type PdaRule } from './catalogue.models';
import {
  findPresentation,
  findSpeciality,
  listCompositions,
  listGenericGroups,
  type ProductSummaryRow,
  searchByCode,
  searchByText,
  updatePresentationPda,
} from './catalogue.repository';
import type { PdaUpdateBody, ProductOut, ProductSearchQuery, ProductSummaryOut } from './catalogue.schemas';

/** Lower-case words without accents, split like the FTS5 unicode61 tokenizer splits. */
export function queryWords(q: string): string[] {
  return normalizeText(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * "amlo 5" → `{name substances} : "amlo"* AND "5"*`: every word must match as a prefix (accents and
 * case ignored). The first one must be in the denomination or a substance, not in the form words
 * ("comprimé pelliculé") that end almost every name; a first word of 3 letters or less only in
 * the denomination, since "de" or "chl" would otherwise hit every "CHLORHYDRATE DE …" salt.
 */
export const toFtsQuery = ([first = '', ...rest]: string[]) =>
  [`{${first.length <= 3 ? 'name' : 'name substances'}} : ${term(first)}`, ...rest.map(term)].join(' AND ');

/** A short all-letter word also matches its dotted spelling: "lp" finds "L.P.", "ui" finds "U.I.". */
const term = (word: string) => (/^\p{L}{2,3}$/u.test(word) ? `("${word}"* OR "${[...word].join(' ')}")` : `"${word}"*`);

const toSummary = (r: ProductSummaryRow): ProductSummaryOut => ({
  cip13: r.cip13,
  cip7: r.cip7,
  cis: r.cis,
  name: r.name,
  label: r.label,
  form: r.form,
  marketed: r.marketed === 1,
  active: r.active === 1,
  unitsPerBox: r.units_per_box,
  priceCents: r.price_cents,
  reimbursementRatePct: r.reimbursement_rate_pct,
  pdaExcluded: r.pda_excluded === 1,
  pdaReason: r.pda_reason,
});

/** Search by name words, or by CIP13 / CIP7 / CIS when the query is only digits (spaces allowed). */
export function searchProducts({ ctx, query }: { ctx: Ctx; query: z.output<typeof ProductSearchQuery> }) {
  authorize(ctx.actor, 'catalogue.read');
  const digits = query.q.replace(/\s+/g, '');
  if (/^\d+$/.test(digits)) return { items: searchByCode(ctx.db, digits, query.limit).map(toSummary) };
  const words = queryWords(query.q);
  if (words.length === 0) return { items: [] };
  return { items: searchByText(ctx.db, toFtsQuery(words), words[0] as string, query.limit).map(toSummary) };
}

function loadProduct(db: Ctx['db'], cip13: string): ProductOut {
  const p = findPresentation(db, cip13);
  if (!p) throw productNotFound(cip13);
  const s = findSpeciality(db, p.cis);
  return {
    ...toSummary(p),
    adminStatus: p.admin_status,
    marketingStatus: p.marketing_status,
    marketingDate: p.marketing_date,
    collectivities: p.collectivities === null ? null : p.collectivities === 1,
    priceWithFeeCents: p.price_with_fee_cents,
    dispensingFeeCents: p.dispensing_fee_cents,
    reimbursementIndications: p.reimbursement_indications,
    pdaRule: p.pda_rule as PdaRule | null,
    pdaOverridden: p.pda_overridden === 1,
    pdaUpdatedAt: p.pda_updated_at,
    speciality: s
      ? {
          cis: s.cis,
          name: s.name,
          form: s.form,
          routes: s.routes.split(';').filter((r) => r !== ''),
          ammStatus: s.amm_status,
          ammProcedure: s.amm_procedure,
          marketingStatus: s.marketing_status,
          ammDate: s.amm_date,
          holders: s.holders,
          reinforcedMonitoring: s.reinforced_monitoring === 1,
          active: s.active === 1,
        }
      : null,
    substances: listCompositions(db, p.cis).map((c) => ({
      element: c.element,
      code: c.substance_code,
      name: c.substance_name,
      dosage: c.dosage,
      dosageReference: c.dosage_reference,
      nature: c.nature,
    })),
    genericGroups: listGenericGroups(db, p.cis).map((g) => ({
      groupId: g.group_id,
      label: g.group_label,
      genericType: g.generic_type,
    })),
  };
}

export function getProduct({ ctx, cip13 }: { ctx: Ctx; cip13: string }): ProductOut {
  authorize(ctx.actor, 'catalogue.read');
  return loadProduct(ctx.db, cip13);
}

/**
 * A pharmacist sets whether a presentation may go into pouches, with a reason (e.g. a
 * light-sensitive drug that must stay in its blister), or hands it back to the import rules.
 * The choice survives re-imports.
 */
export function updateProductPda({
  ctx,
  cip13,
  input,
}: {
  ctx: Ctx;
  cip13: string;
  input: z.output<typeof PdaUpdateBody>;
}): ProductOut {
  authorize(ctx.actor, 'catalogue.edit_pda');
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return ctx.db.transaction(() => {
    const before = loadProduct(ctx.db, cip13);
    let after: { pdaExcluded: boolean; pdaReason: string | null; overridden: boolean };
    if ('automatic' in input) {
      const decision = decidePdaExclusion({
        form: before.speciality?.form ?? null,
        routes: before.speciality?.routes ?? [],
        substances: before.substances.map((s) => s.name),
      });
      after = { pdaExcluded: decision.excluded, pdaReason: decision.reason, overridden: false };
    } else {
      after = { pdaExcluded: input.pdaExcluded, pdaReason: input.reason, overridden: true };
    }
    updatePresentationPda(ctx.db, { cip13, ...after, updatedAt: ctx.clock.now().toISOString(), updatedBy: userId });
    recordAudit(ctx, {
      action: 'catalogue.pda_update',
      entity: 'product',
      entityId: cip13,
      details: {
        before: { pdaExcluded: before.pdaExcluded, pdaReason: before.pdaReason, overridden: before.pdaOverridden },
        after,
      },
    });
    return loadProduct(ctx.db, cip13);
  });
}
