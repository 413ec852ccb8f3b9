import type { z } from 'zod';
import { raiseAlert } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import { queryWords, toFtsQuery } from '../catalogue/catalogue.usecases';
import type { Ctx } from '../http/context';
import { type Action, authorize } from '../http/policy';
import { addCalendarDays, parisDate } from '../shared/dates';
import { forbidden, unprocessable } from '../shared/errors';
import { lapseUncoverableOffers } from './offers.lapse';
import { stockErrors } from './stock.errors';
import {
  centsOf,
  checkExpiryPlausible,
  type LotPick,
  MILLICENTS_PER_CENT,
  pickFefo,
  weightedUnitCost,
} from './stock.models';
import {
  applyMovement,
  findLot,
  findLotByIdentity,
  findLotByNumber,
  findPresentationLabel,
  insertLot,
  type LotRow,
  listBelowThreshold,
  listLots,
  listMovements,
  listProductTotals,
  listThresholds,
  type NewMovement,
  pageLots,
  type StockSearch,
  setLotUnitCost,
  upsertThreshold,
} from './stock.repository';
import type {
  AdjustmentBody,
  DestructionBody,
  DispenseBody,
  ExpiringQuery,
  LotsQuery,
  ProductsQuery,
  ReceiptBody,
  ThresholdBody,
} from './stock.schemas';
import { orderProducts, stockSearchTerms } from './stock-list.models';

/** The pharmacy a staff member works for, once the policy allows the action. */
export function staffPharmacy(ctx: Ctx, action: Action): number {
  authorize(ctx.actor, action);
  if (ctx.actor.kind !== 'user' || ctx.actor.pharmacyId == null) {
    throw forbidden('auth.forbidden', 'Only pharmacy staff hold stock');
  }
  return ctx.actor.pharmacyId;
}

export const withAvailable = (lot: LotRow) => ({ ...lot, available: lot.quantity - lot.reserved });

export const today = (ctx: { clock: Ctx['clock'] }) => parisDate(ctx.clock.now());

/** Throws 422 `stock.expiry_too_early` / `stock.expiry_too_far` for an expiry no real box carries (checkExpiryPlausible). */
export function assertPlausibleExpiry(ctx: { clock: Ctx['clock'] }, expiryDate: string): void {
  const check = checkExpiryPlausible(expiryDate, today(ctx));
  if (check.ok) return;
  throw check.code === 'expiryTooEarly'
    ? stockErrors.expiryTooEarly(expiryDate, check.earliest)
    : stockErrors.expiryTooFar(expiryDate, check.latest);
}

/** Movement fields every use case fills the same way. */
export function movementStamp(ctx: Ctx) {
  const now = ctx.clock.now();
  return {
    day: parisDate(now),
    createdAt: now.toISOString(),
    createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
  };
}

/**
 * Applies a movement or throws 409 with what is available: the transaction then writes nothing.
 * Open offers of the lot it no longer covers lapse (lapseUncoverableOffers).
 */
export function move(ctx: Ctx, m: Omit<NewMovement, 'day' | 'createdAt' | 'createdBy'>, lot: LotRow) {
  if (!applyMovement(ctx.db, { ...m, ...movementStamp(ctx) })) {
    throw stockErrors.insufficientQuantity({ cip13: lot.cip13, requested: -m.quantity, available: lot.quantity });
  }
  // Units leaving a lot may leave an open anti-waste offer of it uncovered: it lapses now.
  if (m.quantity < 0) lapseUncoverableOffers(ctx, { lotIds: [m.lotId] });
}

function lotInPharmacy(ctx: Ctx, pharmacyId: number, lotId: number): LotRow {
  const lot = findLot(ctx.db, pharmacyId, lotId);
  if (!lot) throw stockErrors.lotNotFound();
  return lot;
}

/** Units that can leave a lot: on hand, minus what accepted transfers have reserved. */
function requireAvailable(lot: LotRow, quantity: number) {
  const available = lot.quantity - lot.reserved;
  if (quantity > available)
    throw stockErrors.insufficientQuantity({ cip13: lot.cip13, requested: quantity, available });
}

/** A search box's text as the stock lists' SQL filter (stockSearchTerms; words → the catalogue's FTS query). */
export function stockSearch(q: string | undefined): StockSearch | null {
  const terms = stockSearchTerms(q, queryWords);
  if (!terms) return null;
  return { compact: terms.compact, lot: terms.lot, fts: terms.words.length > 0 ? toFtsQuery(terms.words) : null };
}

/**
 * One page of my pharmacy's lots (with units unless `includeEmpty`; of one `cip13`; matching
 * `q`: drug name or substance words, CIP13 or lot number), in `sort` order (default first-expired
 * first). Answers `{ items, total, page, pageSize }`; another pharmacy's lots never appear.
 */
export function listMyLots({ ctx, query }: { ctx: Ctx; query: z.output<typeof LotsQuery> }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.read');
  const { items, total } = pageLots(ctx.db, pharmacyId, { ...query, search: stockSearch(query.q) });
  return { items: items.map(withAvailable), total, page: query.page, pageSize: query.pageSize };
}

/**
 * My pharmacy's stock by product (the stock page's grouped view, issue #15): one row per
 * product of the listed lots (same filters as listMyLots) with its totals, ordered (orderProducts)
 * and paged on the server. Answers `{ items, total (products), lotCount (their lots), page, pageSize }`.
 */
export function listMyProducts({ ctx, query }: { ctx: Ctx; query: z.output<typeof ProductsQuery> }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.read');
  const rows = listProductTotals(ctx.db, pharmacyId, { ...query, search: stockSearch(query.q) }, today(ctx));
  const start = (query.page - 1) * query.pageSize;
  return {
    items: orderProducts(rows, query.sort).slice(start, start + query.pageSize),
    total: rows.length,
    lotCount: rows.reduce((sum, row) => sum + row.lots, 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export function getLot({ ctx, id }: { ctx: Ctx; id: number }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.read');
  const lot = lotInPharmacy(ctx, pharmacyId, id);
  return { ...withAvailable(lot), movements: listMovements(ctx.db, pharmacyId, id) };
}

export function receiveStock({ ctx, input }: { ctx: Ctx; input: z.output<typeof ReceiptBody> }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.write');
  if (input.expiryDate < today(ctx)) throw stockErrors.expiryInPast(input.expiryDate);
  assertPlausibleExpiry(ctx, input.expiryDate);
  return ctx.db.transaction(
    () => {
      if (!findPresentationLabel(ctx.db, input.cip13)) throw stockErrors.unknownProduct(input.cip13);
      // A lot number already recorded with another expiry is a typing error on one of the two boxes.
      if (!findLotByIdentity(ctx.db, pharmacyId, input.cip13, input.lotNumber, input.expiryDate)) {
        const sameNumber = findLotByNumber(ctx.db, pharmacyId, input.cip13, input.lotNumber);
        if (sameNumber) throw stockErrors.lotExpiryMismatch(sameNumber.lotNumber, sameNumber.expiryDate);
      }
      const { lot, cost } = receiveIntoLot(ctx, {
        pharmacyId,
        cip13: input.cip13,
        lotNumber: input.lotNumber,
        expiryDate: input.expiryDate,
        quantity: input.quantity,
        unitCostMillicents: input.unitCostMillicents ?? input.unitCostCents * MILLICENTS_PER_CENT,
        kind: 'receipt',
      });
      recordAudit(ctx, {
        action: 'stock.receive',
        entity: 'stock_lot',
        entityId: lot.id,
        details: { quantity: input.quantity, ...costDetails(cost) },
      });
      return {
        movements: [{ lotId: lot.id, lotNumber: lot.lotNumber, expiryDate: lot.expiryDate, quantity: input.quantity }],
        /** Set when the lot was already held at another cost: its unit cost before and after, in millicents. */
        unitCost: cost ?? null,
      };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Units arriving into my pharmacy's lot of that identity (pharmacy, CIP13, number, expiry): a
 * wholesaler receipt or a received dépannage. The lot is created at the received unit cost; a
 * lot already held at another cost takes the weighted average (weightedUnitCost), so the units
 * on the shelf keep the value they were bought at. Then the movement is applied (`move`). Runs
 * inside the caller's transaction. Answers the lot as it was before the movement and, when a
 * held lot's cost changed, `cost`: `{ beforeMillicents, afterMillicents }`.
 */
export function receiveIntoLot(
  ctx: Ctx,
  arrival: {
    pharmacyId: number;
    cip13: string;
    lotNumber: string;
    expiryDate: string;
    quantity: number;
    unitCostMillicents: number;
    kind: 'receipt' | 'transfer_in';
    transferId?: number;
  },
): { lot: LotRow; cost?: { beforeMillicents: number; afterMillicents: number } } {
  const { pharmacyId, cip13, lotNumber, expiryDate, quantity, unitCostMillicents } = arrival;
  let lot = findLotByIdentity(ctx.db, pharmacyId, cip13, lotNumber, expiryDate);
  let cost: { beforeMillicents: number; afterMillicents: number } | undefined;
  if (!lot) {
    const id = insertLot(ctx.db, {
      pharmacyId,
      cip13,
      lotNumber,
      expiryDate,
      unitCostMillicents,
      unitCostCents: centsOf([{ quantity: 1, unitCostMillicents }]),
      createdAt: ctx.clock.now().toISOString(),
    });
    lot = lotInPharmacy(ctx, pharmacyId, id);
  } else if (lot.unitCostMillicents !== unitCostMillicents) {
    const afterMillicents = weightedUnitCost(lot, { quantity, unitCostMillicents });
    if (afterMillicents !== lot.unitCostMillicents) {
      setLotUnitCost(ctx.db, lot.id, afterMillicents);
      cost = { beforeMillicents: lot.unitCostMillicents, afterMillicents };
    }
  }
  move(ctx, { pharmacyId, lotId: lot.id, kind: arrival.kind, quantity, transferId: arrival.transferId ?? null }, lot);
  return { lot, cost };
}

/** A lot's cost change for the audit log, in cents as the admin reads it (absent when unchanged). */
export function costDetails(cost: { beforeMillicents: number; afterMillicents: number } | undefined) {
  if (!cost) return {};
  return {
    unitCostBeforeCents: centsOf([{ quantity: 1, unitCostMillicents: cost.beforeMillicents }]),
    unitCostAfterCents: centsOf([{ quantity: 1, unitCostMillicents: cost.afterMillicents }]),
  };
}

/** Dispensing to a patient: from the named lot, or FEFO across the pharmacy's lots. */
export function dispenseStock({ ctx, input }: { ctx: Ctx; input: z.output<typeof DispenseBody> }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.write');
  return ctx.db.transaction(
    () => {
      const day = today(ctx);
      let picks: LotPick[];
      if (input.lotId) {
        const lot = lotInPharmacy(ctx, pharmacyId, input.lotId);
        if (lot.cip13 !== input.cip13)
          throw unprocessable('stock.lot_product_mismatch', 'This lot is of another product', [
            { lotNumber: lot.lotNumber, cip13: lot.cip13 },
          ]);
        if (lot.expiryDate < day)
          throw unprocessable('stock.lot_expired', `Lot ${lot.lotNumber} expired on ${lot.expiryDate}`, [
            { lotNumber: lot.lotNumber, expiryDate: lot.expiryDate },
          ]);
        requireAvailable(lot, input.quantity);
        picks = [{ lotId: lot.id, lotNumber: lot.lotNumber, expiryDate: lot.expiryDate, quantity: input.quantity }];
      } else {
        const lots = listLots(ctx.db, pharmacyId, { cip13: input.cip13 });
        const result = pickFefo(
          lots.map((l) => ({ ...l, available: l.quantity - l.reserved })),
          input.quantity,
          day,
        );
        if (!result.ok) {
          throw stockErrors.insufficientQuantity({
            cip13: input.cip13,
            requested: input.quantity,
            available: result.available,
          });
        }
        picks = result.picks;
      }
      for (const p of picks) {
        const lot = lotInPharmacy(ctx, pharmacyId, p.lotId);
        move(ctx, { pharmacyId, lotId: p.lotId, kind: 'dispense', quantity: -p.quantity }, lot);
      }
      recordAudit(ctx, { action: 'stock.dispense', entity: 'product', entityId: input.cip13, details: { picks } });
      return { movements: picks };
    },
    { behavior: 'immediate' },
  );
}

export function adjustStock({ ctx, input }: { ctx: Ctx; input: z.output<typeof AdjustmentBody> }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.write');
  return ctx.db.transaction(
    () => {
      const lot = lotInPharmacy(ctx, pharmacyId, input.lotId);
      if (input.delta < 0) requireAvailable(lot, -input.delta);
      move(ctx, { pharmacyId, lotId: lot.id, kind: 'adjustment', quantity: input.delta, reason: input.reason }, lot);
      recordAudit(ctx, {
        action: 'stock.adjust',
        entity: 'stock_lot',
        entityId: lot.id,
        details: { delta: input.delta, reason: input.reason },
      });
      return {
        movements: [{ lotId: lot.id, lotNumber: lot.lotNumber, expiryDate: lot.expiryDate, quantity: input.delta }],
      };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Destroys `quantity` units of a lot of the actor's pharmacy (a `destruction` movement with its
 * reason), audited. Reason `expired` only for a lot past its expiry date in Paris (422
 * `stock.lot_not_expired`: the expiry-waste figures count these); 409 when fewer units are
 * available; 404 for another pharmacy's lot. SPEC §4.
 */
export function destroyStock({ ctx, input }: { ctx: Ctx; input: z.output<typeof DestructionBody> }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.write');
  return ctx.db.transaction(
    () => {
      const lot = lotInPharmacy(ctx, pharmacyId, input.lotId);
      if (input.reason === 'expired' && lot.expiryDate >= today(ctx)) throw stockErrors.notExpired(lot.expiryDate);
      requireAvailable(lot, input.quantity);
      move(
        ctx,
        { pharmacyId, lotId: lot.id, kind: 'destruction', quantity: -input.quantity, reason: input.reason },
        lot,
      );
      recordAudit(ctx, {
        action: 'stock.destroy',
        entity: 'stock_lot',
        entityId: lot.id,
        details: { quantity: input.quantity, reason: input.reason },
      });
      return {
        movements: [{ lotId: lot.id, lotNumber: lot.lotNumber, expiryDate: lot.expiryDate, quantity: -input.quantity }],
      };
    },
    { behavior: 'immediate' },
  );
}

/** Lots with units left that expire within `days` (already expired ones first: they need destroying). */
export function listExpiring({ ctx, query }: { ctx: Ctx; query: z.output<typeof ExpiringQuery> }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.read');
  return {
    items: listLots(ctx.db, pharmacyId, { expiringBy: addCalendarDays(today(ctx), query.days) }).map(withAvailable),
  };
}

export function listLowStock({ ctx }: { ctx: Ctx }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.read');
  const items = listBelowThreshold(ctx.db, { pharmacyId, today: today(ctx) }).map((r) => ({
    cip13: r.cip13,
    productLabel: r.productLabel,
    minQuantity: r.minQuantity,
    onHand: r.onHand,
    missing: r.minQuantity - r.onHand,
  }));
  return { items };
}

export function listMyThresholds({ ctx }: { ctx: Ctx }) {
  const pharmacyId = staffPharmacy(ctx, 'stock.read');
  return { items: listThresholds(ctx.db, pharmacyId) };
}

export function setThreshold({
  ctx,
  cip13,
  input,
}: {
  ctx: Ctx;
  cip13: string;
  input: z.output<typeof ThresholdBody>;
}) {
  const pharmacyId = staffPharmacy(ctx, 'stock.write');
  return ctx.db.transaction(() => {
    if (!findPresentationLabel(ctx.db, cip13)) throw stockErrors.unknownProduct(cip13);
    upsertThreshold(ctx.db, {
      pharmacyId,
      cip13,
      minQuantity: input.minQuantity,
      updatedAt: ctx.clock.now().toISOString(),
    });
    recordAudit(ctx, {
      action: 'stock.threshold',
      entity: 'product',
      entityId: cip13,
      details: { minQuantity: input.minQuantity },
    });
    return { cip13, minQuantity: input.minQuantity };
  });
}

/** Job `low-stock`: one open alert per product under its threshold, per pharmacy. */
export function scanLowStock(ctx: Ctx): string {
  let raised = 0;
  const rows = listBelowThreshold(ctx.db, { today: today(ctx) });
  ctx.db.transaction(() => {
    for (const r of rows) {
      const isNew = raiseAlert(ctx, {
        scope: { pharmacyId: r.pharmacyId },
        kind: 'stock.low',
        entity: 'product',
        entityId: r.cip13,
        messageKey: 'alerts.stockLow',
        params: { product: r.productLabel, onHand: r.onHand, minQuantity: r.minQuantity },
        dedupe: 'open',
      });
      if (isNew) raised++;
    }
  });
  return `${rows.length} products under threshold, ${raised} new alerts`;
}
