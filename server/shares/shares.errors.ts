import { conflict, notFound, unprocessable } from '../shared/errors';
import type { AllocationKey } from './shares.models';

// Errors of the share register, the ledger and the periods (SPEC §8). Details carry the values
// the UI puts in its message (web catalogue: errors.shares.*).

/** The code of an `Idempotency-Key` sent again with another body (createOnce, server/http/idempotency.ts). */
export const IDEMPOTENCY_KEY_REUSED = 'shares.idempotency_key_reused';

export const sharesErrors = {
  negativeHolding: (details: { pharmacyId: number; date: string; available: number; requested: number }) =>
    conflict('shares.negative_holding', `Only ${details.available} shares can leave this member on ${details.date}`, [
      details,
    ]),
  transferToSelf: () => unprocessable('shares.transfer_to_self', 'A member cannot transfer shares to itself'),
  transferNeedsRecipient: () =>
    unprocessable('shares.transfer_needs_recipient', 'A transfer needs the member that receives the shares'),
  recipientOnlyForTransfer: () =>
    unprocessable('shares.recipient_only_for_transfer', 'Only a transfer has a receiving member'),
  pharmacyNotFound: (pharmacyId: number) =>
    notFound('pharmacies.not_found', `Pharmacy ${pharmacyId} not found`, [{ pharmacyId }]),
  noNominalValue: (date: string) =>
    unprocessable('shares.no_nominal_value', `No nominal value per share is in force on ${date}`, [{ date }]),
  nominalValueExists: (validFrom: string) =>
    conflict('shares.nominal_value_exists', `A nominal value already starts on ${validFrom}`, [{ validFrom }]),
  nominalValueBackdated: (validFrom: string, lastTransactionDate: string) =>
    conflict(
      'shares.nominal_value_backdated',
      `Transactions are already recorded on or after ${validFrom} (last on ${lastTransactionDate})`,
      [{ validFrom, lastTransactionDate }],
    ),
  dateTooFar: (date: string, latest: string) =>
    unprocessable('shares.date_too_far', `${date} is more than a year ahead (latest ${latest})`, [{ date, latest }]),
  /**
   * `date` is the date of the change refused (an entry's or a transaction's date, a key's first
   * day): inside the closed period, or before it for a change that reaches every later day.
   */
  periodClosed: (details: { periodId: number; start: string; end: string; date: string }) =>
    conflict(
      'shares.period_closed',
      `A change dated ${details.date} would alter the closed period ${details.start} – ${details.end}`,
      [details],
    ),
  categoryNotFound: (categoryId: number) =>
    notFound('shares.category_not_found', `Ledger category ${categoryId} not found`, [{ categoryId }]),
  categoryExists: (name: string) =>
    conflict('shares.category_exists', `A category is already named ${name}`, [{ name }]),
  categoryKindMismatch: (details: { categoryId: number; categoryKind: string; kind: string }) =>
    unprocessable(
      'shares.category_kind_mismatch',
      `Category ${details.categoryId} holds ${details.categoryKind}s, not ${details.kind}s`,
      [details],
    ),
  keyUnchanged: (validFrom: string, allocationKey: string) =>
    conflict('shares.key_unchanged', `The key in force on ${validFrom} is already ${allocationKey}`, [
      { validFrom, allocationKey },
    ]),
  keyExists: (validFrom: string) =>
    conflict('shares.key_exists', `This category already changes key on ${validFrom}`, [{ validFrom }]),
  entryNotFound: (entryId: number) =>
    notFound('shares.entry_not_found', `Ledger entry ${entryId} not found`, [{ entryId }]),
  alreadyReversed: (entryId: number, reversalId: number) =>
    conflict('shares.entry_already_reversed', `Entry ${entryId} is already reversed by ${reversalId}`, [
      { entryId, reversalId },
    ]),
  reversalNotReversible: (entryId: number) =>
    unprocessable('shares.reversal_not_reversible', `Entry ${entryId} is itself a reversal`, [{ entryId }]),
  noWeights: (items: { entryId?: number; categoryId: number; allocationKey: AllocationKey; date: string }[]) =>
    unprocessable(
      'shares.no_allocation_weights',
      'Some entries cannot be shared: every weight of their key is zero on their date (no shares held, or no verified pouches that month)',
      items,
    ),
  periodNotFound: (periodId: number) =>
    notFound('shares.period_not_found', `Period ${periodId} not found`, [{ periodId }]),
  periodExists: (kind: string, start: string) =>
    conflict('shares.period_exists', `A ${kind} period already starts on ${start}`, [{ kind, start }]),
  periodOverlapsClosed: (details: { periodId: number; start: string; end: string }) =>
    conflict('shares.period_overlaps_closed', `Its days lie in the closed period ${details.start} – ${details.end}`, [
      details,
    ]),
  periodNotEnded: (end: string, today: string) =>
    conflict('shares.period_not_ended', `The period ends on ${end}: it can be closed from the next day`, [
      { end, today },
    ]),
  periodAlreadyClosed: (periodId: number) =>
    conflict('shares.period_already_closed', `Period ${periodId} is closed for good`, [{ periodId }]),
};
