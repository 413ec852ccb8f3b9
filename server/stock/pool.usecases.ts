import type { z } from 'zod';
import { raiseAlert, resolveAlerts } from '../alerts/alerts.usecases';
import { queryWords, searchProducts, toFtsQuery } from '../catalogue/catalogue.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { addCalendarDays } from '../shared/dates';
import { emptiedLotsWithOpenExpiryAlert } from './expiry-alerts';
import { lastTransferInDays, listOpenOffers } from './offers.repository';
import { byHeldName, type HeldMatch, pageAvailability, searchHeldPresentations } from './pool-search.repository';
import { stockErrors } from './stock.errors';
import { suggestRebalancing, toAvailability } from './stock.models';
import {
  findBoxLabel,
  findPresentationLabel,
  listAllLotsOnHand,
  listLendableAvailability,
  listPharmacies,
  type PoolRow,
  poolAvailability,
  usageSince,
} from './stock.repository';
import type { PoolQuery } from './stock.schemas';
import { staffPharmacy, today } from './stock.usecases';
import { nameSortKey } from './stock-list.models';
import { listOpenTransfers } from './transfers.repository';
import { sendableFrom } from './transfers.usecases';

/** Dispensing history read for rebalancing: the last 90 days (SPEC §4). */
export const USAGE_WINDOW_DAYS = 90;

/** Lots expiring within this many days are "expiring soon" (SPEC §4). */
export const EXPIRY_HORIZON_DAYS = 90;

function availabilityByProduct(ctx: Ctx, cip13s: string[]) {
  const pharmacies = listPharmacies(ctx.db);
  const rows = new Map(
    poolAvailability(ctx.db, cip13s, sendableFrom(ctx)).map((r) => [`${r.cip13}|${r.pharmacyId}`, r]),
  );
  return (cip13: string) => pharmacies.map((p) => toAvailability(p, rows.get(`${cip13}|${p.id}`)));
}

/**
 * The pool: for products matching a search, what each of the five pharmacies could lend
 * (on hand minus reserved, lots still good tomorrow: the earliest a lent box arrives, the same
 * rule as a request's limit, `sendableFrom`) and its nearest expiry. Products someone holds
 * come first, by name; products nobody holds fill the rest, as the catalogue ranks them.
 * Nothing else of other pharmacies is shown: no movements, no costs. With `inStock`, only
 * products another pharmacy than the caller's can lend now (available units > 0) are listed.
 */
export function searchPool({ ctx, query }: { ctx: Ctx; query: z.output<typeof PoolQuery> }) {
  authorize(ctx.actor, 'pool.read');
  if (query.q === undefined) return { items: listLendable(ctx, query.limit) };
  const digits = query.q.replace(/\s+/g, '');
  const words = queryWords(query.q);
  if (!/^\d+$/.test(digits) && words.length === 0) return { items: [] };
  const match = /^\d+$/.test(digits) ? { digits } : { fts: toFtsQuery(words) };
  const pharmacies = listPharmacies(ctx.db);
  const from = sendableFrom(ctx);

  // Bounded at any scale (issue 16): the held presentations the search matches (catalogue-bound),
  // by name, then the holders' availability for one page of them at a time.
  const held = searchHeldPresentations(ctx.db, match, from).sort(byHeldName);
  // "In stock only": a product some pharmacy can lend now, the caller's own aside (what it can ask for).
  const ownId = ctx.actor.kind === 'user' ? ctx.actor.pharmacyId : null;
  const items: ReturnType<typeof toPoolItem>[] = [];
  for (let at = 0; at < held.length && items.length < query.limit; at += query.limit) {
    const page = held.slice(at, at + query.limit);
    const rows = new Map<string, Map<number, { available: number; nearestExpiry: string | null }>>();
    for (const row of pageAvailability(
      ctx.db,
      page.map((p) => p.cip13),
      from,
    )) {
      const byPharmacy = rows.get(row.cip13) ?? new Map();
      byPharmacy.set(row.pharmacyId, row);
      rows.set(row.cip13, byPharmacy);
    }
    for (const product of page) {
      if (items.length >= query.limit) break;
      const holders = rows.get(product.cip13) ?? new Map();
      if (query.inStock && ![...holders].some(([id, r]) => id !== ownId && r.available > 0)) continue;
      items.push(toPoolItem(product, pharmacies, holders));
    }
  }
  if (!query.inStock && items.length < query.limit) {
    const more = searchProducts({ ctx, query: { q: query.q, limit: query.limit } }).items;
    const heldCip13s = new Set(held.map((p) => p.cip13));
    for (const p of more) {
      if (items.length >= query.limit) break;
      if (heldCip13s.has(p.cip13)) continue;
      items.push({
        cip13: p.cip13,
        productLabel: p.name ?? p.label,
        boxLabel: p.label,
        pharmacies: pharmacies.map((ph) => toAvailability(ph)),
      });
    }
  }
  return { items };
}

/**
 * "In stock only" without a search (PoolQuery allows no `q` then): the first `limit` products,
 * by name, that a pharmacy other than the caller's can lend now, each with the five pharmacies'
 * availability, as searchPool answers them.
 */
function listLendable(ctx: Ctx, limit: number) {
  const pharmacies = listPharmacies(ctx.db);
  const ownId = ctx.actor.kind === 'user' ? ctx.actor.pharmacyId : null;
  const products = new Map<string, { productLabel: string; boxLabel: string; rows: Map<number, PoolRow> }>();
  for (const row of listLendableAvailability(ctx.db, { exceptPharmacyId: ownId, today: sendableFrom(ctx), limit })) {
    const product = products.get(row.cip13) ?? {
      productLabel: row.productLabel,
      boxLabel: row.boxLabel,
      rows: new Map(),
    };
    product.rows.set(row.pharmacyId, row);
    products.set(row.cip13, product);
  }
  return (
    [...products.entries()]
      // The order listLendableAvailability paged them in: French name order (nameSortKey), then CIP13.
      .map(([cip13, p]) => ({ cip13, p, key: nameSortKey(p.productLabel) }))
      .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.cip13 < y.cip13 ? -1 : x.cip13 > y.cip13 ? 1 : 0))
      .map(({ cip13, p }) => [cip13, p] as const)
      .map(([cip13, p]) => ({
        cip13,
        productLabel: p.productLabel,
        boxLabel: p.boxLabel,
        pharmacies: pharmacies.map((ph) => toAvailability(ph, p.rows.get(ph.id))),
      }))
  );
}

/** One product of the pool's answer: its labels and every pharmacy's availability (0 when it holds none). */
function toPoolItem(
  product: HeldMatch,
  pharmacies: { id: number; slug: string; name: string }[],
  holders: Map<number, { available: number; nearestExpiry: string | null }>,
) {
  return {
    cip13: product.cip13,
    productLabel: product.productLabel,
    boxLabel: product.boxLabel,
    pharmacies: pharmacies.map((ph) => toAvailability(ph, holders.get(ph.id))),
  };
}

export function getPoolProduct({ ctx, cip13 }: { ctx: Ctx; cip13: string }) {
  authorize(ctx.actor, 'pool.read');
  const label = findPresentationLabel(ctx.db, cip13);
  if (!label) throw stockErrors.unknownProduct(cip13);
  return {
    cip13,
    productLabel: label,
    boxLabel: findBoxLabel(ctx.db, cip13) ?? '',
    pharmacies: availabilityByProduct(ctx, [cip13])(cip13),
  };
}

function computeSuggestions(ctx: Ctx) {
  const day = today(ctx);
  const since = addCalendarDays(day, -USAGE_WINDOW_DAYS);
  const lots = listAllLotsOnHand(ctx.db, { notExpiredOn: day });
  const transferIn = lastTransferInDays(ctx.db, since);
  const suggestions = suggestRebalancing({
    lots: lots.map((l) => ({
      ...l,
      lotId: l.id,
      available: l.quantity - l.reserved,
      lastTransferInDay: transferIn.get(l.id) ?? null,
    })),
    usage: usageSince(ctx.db, since),
    today: day,
    windowDays: USAGE_WINDOW_DAYS,
  });
  const pharmacies = new Map(listPharmacies(ctx.db).map((p) => [p.id, p.name]));
  const labels = new Map(lots.map((l) => [l.id, l.productLabel]));
  const open = listOpenTransfers(ctx.db);
  const offers = listOpenOffers(ctx.db, day);
  return suggestions.map((s) => ({
    ...s,
    productLabel: labels.get(s.lotId) ?? s.cip13,
    fromPharmacyName: pharmacies.get(s.fromPharmacyId) ?? '',
    toPharmacyName: pharmacies.get(s.toPharmacyId) ?? '',
    openTransferId:
      open.find(
        (t) => t.cip13 === s.cip13 && t.fromPharmacyId === s.fromPharmacyId && t.toPharmacyId === s.toPharmacyId,
      )?.id ?? null,
    openOfferId:
      offers.find(
        (o) => o.lotId === s.lotId && o.toPharmacyId === s.toPharmacyId && o.fromPharmacyId === s.fromPharmacyId,
      )?.id ?? null,
  }));
}

/**
 * Anti-waste suggestions that concern the caller's pharmacy, as holder or as the pharmacy
 * that would use the lot, most urgent first (soonest expiry, then most units at risk:
 * compareRebalanceUrgency). The value at risk is the holder's cost: only the holder sees it.
 * A lot received by dépannage within the usage window is not suggested (suggestRebalancing).
 * `openTransferId` / `openOfferId`: a request or an offer for it is already under way.
 */
export function listRebalancing({ ctx }: { ctx: Ctx }) {
  const pharmacyId = staffPharmacy(ctx, 'pool.read');
  const items = computeSuggestions(ctx)
    .filter((s) => s.fromPharmacyId === pharmacyId || s.toPharmacyId === pharmacyId)
    .map((s) => ({
      lotId: s.lotId,
      cip13: s.cip13,
      productLabel: s.productLabel,
      lotNumber: s.lotNumber,
      expiryDate: s.expiryDate,
      daysLeft: s.daysLeft,
      fromPharmacyId: s.fromPharmacyId,
      fromPharmacyName: s.fromPharmacyName,
      toPharmacyId: s.toPharmacyId,
      toPharmacyName: s.toPharmacyName,
      atRiskQuantity: s.atRiskQuantity,
      valueAtRiskCents: s.fromPharmacyId === pharmacyId ? s.valueAtRiskCents : null,
      suggestedQuantity: s.suggestedQuantity,
      openTransferId: s.openTransferId,
      openOfferId: s.openOfferId,
    }));
  return { items };
}

/**
 * Job `expiry-scan`: tells each pharmacy once about each lot entering the 90-day window,
 * and tells the pharmacy that would use an at-risk lot that it can ask for it; settles the expiry
 * alerts of lots emptied since (nothing left to use up).
 */
export function scanExpiry(ctx: Ctx): string {
  const day = today(ctx);
  const horizon = addCalendarDays(day, EXPIRY_HORIZON_DAYS);
  const lots = listAllLotsOnHand(ctx.db, { notExpiredOn: day }).filter((l) => l.expiryDate <= horizon);
  const suggestions = computeSuggestions(ctx);
  let raised = 0;
  let settled = 0;
  ctx.db.transaction(() => {
    for (const lotId of emptiedLotsWithOpenExpiryAlert(ctx.db)) {
      settled += resolveAlerts(ctx, {
        entity: 'stock_lot',
        entityId: lotId,
        kinds: ['stock.expiring', 'stock.rebalance'],
      });
    }
    for (const lot of lots) {
      const isNew = raiseAlert(ctx, {
        scope: { pharmacyId: lot.pharmacyId },
        kind: 'stock.expiring',
        entity: 'stock_lot',
        entityId: lot.id,
        messageKey: 'alerts.stockExpiring',
        params: {
          product: lot.productLabel,
          lotNumber: lot.lotNumber,
          expiryDate: lot.expiryDate,
          quantity: lot.quantity,
        },
        dedupe: 'ever',
      });
      if (isNew) raised++;
    }
    for (const s of suggestions) {
      if (s.openTransferId || s.openOfferId) continue;
      const isNew = raiseAlert(ctx, {
        scope: { pharmacyId: s.toPharmacyId },
        kind: 'stock.rebalance',
        entity: 'stock_lot',
        entityId: s.lotId,
        messageKey: 'alerts.stockRebalance',
        params: {
          product: s.productLabel,
          from: s.fromPharmacyName,
          quantity: s.suggestedQuantity,
          expiryDate: s.expiryDate,
        },
        dedupe: 'ever',
      });
      if (isNew) raised++;
    }
  });
  return `${lots.length} lots expiring within 90 days, ${suggestions.length} rebalancing suggestions, ${raised} new alerts, ${settled} alerts of emptied lots settled`;
}
