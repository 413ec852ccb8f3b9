import type { z } from 'zod';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize, listScope } from '../http/policy';
import { parisMonth, parisMonthRange } from '../shared/dates';
import { conflict, forbidden, notFound } from '../shared/errors';
import { isProvisional, lotsLine, monthsOfYear, paymentKey } from './settlement.models';
import {
  getPayment,
  insertPayment,
  listLivePayments,
  listOpenTransfersOf,
  listSettledLines,
  markPaymentUndone,
  type PaymentRow,
} from './settlement.repository';
import type { SettlementPaymentBody } from './settlement.schemas';
import { settle } from './stock.models';
import { listPharmacies } from './stock.repository';
import { listReceivedBetween } from './transfers.repository';

export const settlementErrors = {
  lineNotFound: () => notFound('settlement.line_not_found', 'No such payment in this settlement'),
  paymentNotFound: () => notFound('settlement.payment_not_found', 'Payment mark not found'),
  creditorOnly: () =>
    forbidden(
      'settlement.creditor_only',
      'Only the treasurer or the pharmacist of the creditor pharmacy marks it paid',
    ),
  provisional: (month: string) =>
    conflict('settlement.month_provisional', `The settlement of ${month} is provisional: it cannot be paid yet`, [
      { month },
    ]),
  alreadyPaid: (id: number) => conflict('settlement.already_paid', 'This payment is already marked paid', [{ id }]),
  alreadyUndone: (id: number) => conflict('settlement.payment_undone', 'This mark was already undone', [{ id }]),
};

export type SettlementData = ReturnType<typeof loadSettlement>;

const toPayment = (p: PaymentRow) => ({ ...p, markedByName: p.markedByName ?? null });

/**
 * The month's settlement statement (`month` is `YYYY-MM`): transfers received during the Paris
 * calendar month — the half-open UTC range of `parisMonthRange`, so a transfer belongs to exactly
 * one month whatever the server's zone — netted per pair of pharmacies (amounts in cents, at the
 * sender's cost). Pharmacy staff see the pairs their pharmacy is part of; the treasurer and the
 * coordinator see all, to check exchanges stay occasional.
 *
 * `provisional` (issue #15): the Paris month is not over, or a transfer of the pairs shown that
 * was asked for or shipped during the month is still open (`openTransfers`); each pair carries its
 * own flag and its live payment mark. `transfers` lists each received transfer with its lots and
 * units, oldest first.
 */
export function loadSettlement({ ctx, month }: { ctx: Ctx; month: string }) {
  authorize(ctx.actor, 'settlement.read');
  const { start, end } = parisMonthRange(month);
  const scope = listScope(ctx.actor);
  const visible = (t: { fromPharmacyId: number; toPharmacyId: number }) =>
    scope.all || t.fromPharmacyId === scope.pharmacyId || t.toPharmacyId === scope.pharmacyId;
  const received = listReceivedBetween(ctx.db, start.toISOString(), end.toISOString()).filter(visible);
  const open = listOpenTransfersOf(ctx.db, start.toISOString(), end.toISOString()).filter(visible);
  const now = ctx.clock.now();
  const names = new Map(listPharmacies(ctx.db).map((p) => [p.id, p.name]));
  const payments = new Map(
    listLivePayments(ctx.db, [month]).map((p) => [paymentKey(p.debtorPharmacyId, p.creditorPharmacyId), p]),
  );
  const samePair = (a: number, b: number, t: { fromPharmacyId: number; toPharmacyId: number }) =>
    (t.fromPharmacyId === a && t.toPharmacyId === b) || (t.fromPharmacyId === b && t.toPharmacyId === a);
  const pairs = settle(received.map((t) => ({ ...t, valueCents: t.valueCents ?? 0 }))).map((p) => {
    const payment =
      p.debtorId !== null && p.creditorId !== null ? payments.get(paymentKey(p.debtorId, p.creditorId)) : undefined;
    return {
      ...p,
      pharmacyAName: names.get(p.pharmacyAId) ?? '',
      pharmacyBName: names.get(p.pharmacyBId) ?? '',
      provisional: isProvisional(end, now, open.filter((t) => samePair(p.pharmacyAId, p.pharmacyBId, t)).length),
      payment: payment ? toPayment(payment) : null,
    };
  });
  const lines = new Map<number, ReturnType<typeof listSettledLines>>();
  for (const l of listSettledLines(
    ctx.db,
    received.map((t) => t.id),
  )) {
    lines.set(l.transferId, [...(lines.get(l.transferId) ?? []), l]);
  }
  return {
    month,
    monthOver: now.getTime() >= end.getTime(),
    provisional: isProvisional(end, now, open.length),
    openTransfers: open.length,
    pairs,
    transfers: received.map((t) => ({
      id: t.id,
      receivedAt: t.receivedAt ?? '',
      fromPharmacyId: t.fromPharmacyId,
      fromPharmacyName: names.get(t.fromPharmacyId) ?? '',
      toPharmacyId: t.toPharmacyId,
      toPharmacyName: names.get(t.toPharmacyId) ?? '',
      cip13: t.cip13,
      productLabel: t.productLabel,
      ...lotsLine(lines.get(t.id) ?? []),
      valueCents: t.valueCents ?? 0,
    })),
  };
}

/**
 * The year's statements (issue #15): each Paris month of `year` up to the current one, with its
 * number of dépannages, volume and amount due (cents), how many payments it nets to and how many
 * are marked paid, and whether it is still provisional. Same scope as `loadSettlement`.
 */
export function loadSettlementYear({ ctx, year }: { ctx: Ctx; year: number }) {
  authorize(ctx.actor, 'settlement.read');
  const items = monthsOfYear(year, parisMonth(ctx.clock.now())).map((month) => {
    const s = loadSettlement({ ctx, month });
    const due = s.pairs.filter((p) => p.netCents > 0);
    return {
      month,
      provisional: s.provisional,
      transfers: s.transfers.length,
      volumeCents: s.pairs.reduce((sum, p) => sum + p.sentAToBCents + p.sentBToACents, 0),
      dueCents: due.reduce((sum, p) => sum + p.netCents, 0),
      payments: due.length,
      paid: due.filter((p) => p.payment !== null).length,
    };
  });
  return { year, items };
}

/** Treasurer: any line; a pharmacist: lines whose creditor is its pharmacy (it receives the money). */
function mayMark(ctx: Ctx, creditorId: number): boolean {
  if (ctx.actor.kind === 'system') return true;
  return ctx.actor.kind === 'user' && (ctx.actor.role === 'treasurer' || ctx.actor.pharmacyId === creditorId);
}

/**
 * Marks one debtor → creditor line of a closed month paid (issue #15), recording who and when
 * and the amount netted (cents); audited. The treasurer, or the pharmacist of the creditor
 * pharmacy — the one who sees the money arrive — may mark it (`settlement.mark_paid`).
 * Errors: 403 `auth.forbidden` (other roles), 404 `settlement.line_not_found` (no such line, or
 * not one of the actor's pharmacy), 403 `settlement.creditor_only` (the debtor's pharmacist),
 * 409 `settlement.month_provisional`, 409 `settlement.already_paid`.
 */
export function markSettlementPaid({ ctx, input }: { ctx: Ctx; input: z.output<typeof SettlementPaymentBody> }) {
  authorize(ctx.actor, 'settlement.mark_paid');
  const { month, debtorPharmacyId, creditorPharmacyId } = input;
  return ctx.db.transaction(
    () => {
      const pair = loadSettlement({ ctx, month }).pairs.find(
        (p) => p.debtorId === debtorPharmacyId && p.creditorId === creditorPharmacyId,
      );
      if (!pair) throw settlementErrors.lineNotFound();
      if (!mayMark(ctx, creditorPharmacyId)) throw settlementErrors.creditorOnly();
      if (pair.provisional) throw settlementErrors.provisional(month);
      if (pair.payment) throw settlementErrors.alreadyPaid(pair.payment.id);
      const id = insertPayment(ctx.db, {
        month,
        debtorPharmacyId,
        creditorPharmacyId,
        amountCents: pair.netCents,
        markedAt: ctx.clock.now().toISOString(),
        markedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      });
      recordAudit(ctx, {
        action: 'settlement.mark_paid',
        entity: 'settlement_payment',
        entityId: id,
        details: { month, debtorPharmacyId, creditorPharmacyId, amountCents: pair.netCents },
      });
      return toPayment(getPayment(ctx.db, id) as PaymentRow);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Undoes a payment mark (issue #15): the row stays, with who undid it and when; audited. Same
 * rule as marking. Errors: 404 `settlement.payment_not_found` (unknown, or not of the actor's
 * pharmacy), 403 `settlement.creditor_only`, 409 `settlement.payment_undone`.
 */
export function undoSettlementPayment({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'settlement.mark_paid');
  return ctx.db.transaction(
    () => {
      const payment = getPayment(ctx.db, id);
      const scope = listScope(ctx.actor);
      if (
        !payment ||
        !(scope.all || payment.debtorPharmacyId === scope.pharmacyId || payment.creditorPharmacyId === scope.pharmacyId)
      )
        throw settlementErrors.paymentNotFound();
      if (!mayMark(ctx, payment.creditorPharmacyId)) throw settlementErrors.creditorOnly();
      if (payment.undoneAt) throw settlementErrors.alreadyUndone(id);
      markPaymentUndone(ctx.db, id, ctx.clock.now().toISOString(), ctx.actor.kind === 'user' ? ctx.actor.userId : null);
      recordAudit(ctx, {
        action: 'settlement.undo_paid',
        entity: 'settlement_payment',
        entityId: id,
        details: {
          month: payment.month,
          debtorPharmacyId: payment.debtorPharmacyId,
          creditorPharmacyId: payment.creditorPharmacyId,
          amountCents: payment.amountCents,
        },
      });
      return toPayment(getPayment(ctx.db, id) as PaymentRow);
    },
    { behavior: 'immediate' },
  );
}
