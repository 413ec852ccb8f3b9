import type { z } from 'zod';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { createOnce } from '../http/idempotency';
import { authorize } from '../http/policy';
import { findPharmacy } from '../pharmacies/pharmacies.repository';
import { parisDate } from '../shared/dates';
import { loadRegister } from './report.usecases';
import { IDEMPOTENCY_KEY_REUSED, sharesErrors } from './shares.errors';
import { checkTransactionShape, holdingsTimeline, inForce, latestOperationDay, type ShareTx } from './shares.models';
import {
  findClosedOverlapping,
  findShareTransaction,
  insertNominalValue,
  insertShareTransaction,
  listNominalValues,
  listShareTransactions,
  type ShareTransactionRow,
} from './shares.repository';
import type { HoldingsQuery, NominalValueBody, ShareTransactionBody, TransactionsQuery } from './shares.schemas';
import { percentBasisPoints } from './shares-report.models';

const userId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** Refuses a date inside a closed period (409 `shares.period_closed`): closed figures never move. */
export function refuseClosed(ctx: Pick<Ctx, 'db'>, date: string): void {
  const closed = findClosedOverlapping(ctx.db, date, date);
  if (closed) throw sharesErrors.periodClosed({ periodId: closed.id, start: closed.start, end: closed.end, date });
}

/** Refuses a date more than `MAX_YEARS_AHEAD` year after today in Paris, to the day (422 `shares.date_too_far`). */
export function refuseTooFar(ctx: Pick<Ctx, 'clock'>, date: string): void {
  const latest = latestOperationDay(parisDate(ctx.clock.now()));
  if (date > latest) throw sharesErrors.dateTooFar(date, latest);
}

/** The register, by date then number; `pharmacyId` filters on either side of a transfer. Treasurer. */
export function listTransactions({ ctx, query }: { ctx: Ctx; query: z.output<typeof TransactionsQuery> }) {
  authorize(ctx.actor, 'shares.read');
  return { items: listShareTransactions(ctx.db, query) };
}

/**
 * Records a subscription, transfer or redemption of whole shares (SPEC §8), at the nominal value
 * in force on its date. Refused, with nothing written: a date on or before the end of a closed
 * period (409 `shares.period_closed`: holdings change from that date on, so the closed
 * figures would move), no nominal value yet (422), an unknown member (404), and any holding
 * that would go below zero on any later day (409 `shares.negative_holding`, with how many shares
 * can leave the member on that date). Audited. Answers `{ transaction, replayed }`.
 * With an `idempotencyKey` (the `Idempotency-Key` header, one per opened form), a repeat by the
 * same user writes nothing and answers the first transaction (`replayed: true`); the key with
 * another body is 422 `shares.idempotency_key_reused` (createOnce, server/http/idempotency.ts).
 */
export function recordShareTransaction({
  ctx,
  input,
  idempotencyKey,
}: {
  ctx: Ctx;
  input: z.output<typeof ShareTransactionBody>;
  idempotencyKey?: string;
}) {
  authorize(ctx.actor, 'shares.manage');
  const tx: ShareTx = {
    type: input.type,
    date: input.date,
    shares: input.shares,
    pharmacyId: input.pharmacyId,
    toPharmacyId: input.toPharmacyId ?? null,
  };
  const shape = checkTransactionShape(tx);
  if (shape === 'shares.transfer_to_self') throw sharesErrors.transferToSelf();
  if (shape === 'shares.transfer_needs_recipient') throw sharesErrors.transferNeedsRecipient();
  if (shape === 'shares.recipient_only_for_transfer') throw sharesErrors.recipientOnlyForTransfer();
  refuseTooFar(ctx, tx.date);
  const once = { scope: 'POST /shares/transactions', key: idempotencyKey, body: input, status: 201 };
  return ctx.db.transaction(
    () => {
      let created: ShareTransactionRow | undefined;
      const { replayed, id } = createOnce(ctx, { ...once, reusedCode: IDEMPOTENCY_KEY_REUSED }, () => {
        created = insertCheckedTransaction(ctx, tx, input.note ?? null);
        return created.id;
      });
      return { transaction: created ?? (findShareTransaction(ctx.db, id) as ShareTransactionRow), replayed };
    },
    { behavior: 'immediate' },
  );
}

/** recordShareTransaction's checks and writes, inside its transaction: answers the new row. */
function insertCheckedTransaction(ctx: Ctx, tx: ShareTx, note: string | null): ShareTransactionRow {
  for (const id of [tx.pharmacyId, tx.toPharmacyId]) {
    if (id != null && !findPharmacy(ctx.db, id)) throw sharesErrors.pharmacyNotFound(id);
  }
  // A transaction moves holdings from its date on: every later day's shares, so a closed
  // period ending on or after that date would see its figures move.
  const closed = findClosedOverlapping(ctx.db, tx.date, '9999-12-31');
  if (closed)
    throw sharesErrors.periodClosed({ periodId: closed.id, start: closed.start, end: closed.end, date: tx.date });
  const nominal = inForce(listNominalValues(ctx.db), tx.date);
  if (!nominal) throw sharesErrors.noNominalValue(tx.date);
  const existing = listShareTransactions(ctx.db);
  if (holdingsTimeline([...existing, tx]).firstNegative()) {
    const available = Math.max(0, holdingsTimeline(existing).minimumFrom(tx.pharmacyId, tx.date));
    throw sharesErrors.negativeHolding({
      pharmacyId: tx.pharmacyId,
      date: tx.date,
      available,
      requested: tx.shares,
    });
  }
  const row = insertShareTransaction(ctx.db, {
    ...tx,
    nominalValueCents: nominal.valueCents,
    note,
    createdAt: ctx.clock.now().toISOString(),
    createdBy: userId(ctx),
  });
  recordAudit(ctx, {
    action: `shares.${tx.type}`,
    entity: 'share_transaction',
    entityId: row.id,
    details: { date: tx.date, shares: tx.shares, pharmacyId: tx.pharmacyId, toPharmacyId: tx.toPharmacyId },
  });
  return row;
}

/**
 * Every member's (a pharmacy named in the register by then) holding at the end of `date` (default: today in Paris), with its percentage of
 * all shares (two decimals, each rounded on its own as the shares report's are, `percentBasisPoints`: equal holdings show equal
 * percentages, and the rounded parts may add up to 99.99 or 100.01) and the nominal value then.
 */
export function getHoldings({ ctx, query }: { ctx: Ctx; query: z.output<typeof HoldingsQuery> }) {
  authorize(ctx.actor, 'shares.read');
  const date = query.date ?? parisDate(ctx.clock.now());
  // One read of the register for both its members and its holdings (issue 16: it was read twice).
  const register = loadRegister(ctx.db, date);
  const held = register.holdings.on(date);
  const members = register.members.map((m) => ({ id: m.pharmacyId, name: m.name }));
  const shares = members.map((p) => ({ id: p.id, weight: Math.max(0, held.get(p.id) ?? 0) }));
  const totalShares = shares.reduce((s, m) => s + m.weight, 0);
  const basisPoints = percentBasisPoints(shares);
  return {
    date,
    totalShares,
    nominalValueCents: inForce(listNominalValues(ctx.db), date)?.valueCents ?? null,
    items: members.map((p) => ({
      pharmacyId: p.id,
      name: p.name,
      shares: held.get(p.id) ?? 0,
      percent: (basisPoints.get(p.id) ?? 0) / 100,
    })),
  };
}

export function listNominal({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'shares.read');
  return { items: listNominalValues(ctx.db) };
}

/**
 * A new nominal value per share from `validFrom` on. It may not reach back over recorded
 * transactions (they carry the value of their day: 409 `shares.nominal_value_backdated`) nor
 * into a closed period; one value per date (409 `shares.nominal_value_exists`). Audited.
 */
export function setNominalValue({ ctx, input }: { ctx: Ctx; input: z.output<typeof NominalValueBody> }) {
  authorize(ctx.actor, 'shares.manage');
  refuseTooFar(ctx, input.validFrom);
  return ctx.db.transaction(
    () => {
      refuseClosed(ctx, input.validFrom);
      const last = listShareTransactions(ctx.db, { from: input.validFrom }).at(-1);
      if (last) throw sharesErrors.nominalValueBackdated(input.validFrom, last.date);
      const row = insertNominalValue(ctx.db, {
        ...input,
        createdAt: ctx.clock.now().toISOString(),
        createdBy: userId(ctx),
      });
      if (!row) throw sharesErrors.nominalValueExists(input.validFrom);
      recordAudit(ctx, {
        action: 'shares.nominal_value',
        entity: 'share_nominal_value',
        entityId: row.id,
        details: input,
      });
      return row;
    },
    { behavior: 'immediate' },
  );
}
