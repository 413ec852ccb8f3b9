import type { z } from 'zod';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { createOnce } from '../http/idempotency';
import { authorize } from '../http/policy';
import { parisDate } from '../shared/dates';
import type { ActivitySource } from './activity';
import {
  type CategoryRow,
  type EntryRow,
  findCategory,
  findCategoryByName,
  findClosedEntryFrom,
  findEntry,
  insertCategory,
  insertCategoryKey,
  insertEntry,
  listCategories,
  listEntries,
} from './ledger.repository';
import { refuseClosed, refuseTooFar } from './register.usecases';
import { loadWeigher } from './report.usecases';
import { IDEMPOTENCY_KEY_REUSED, sharesErrors } from './shares.errors';
import { MIN_DATE } from './shares.models';
import type { CategoryBody, CategoryKeyBody, EntriesQuery, EntryBody, ReverseBody } from './shares.schemas';
import { keyOn, splitEntry } from './shares-report.models';

const userId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);
const today = (ctx: Ctx) => parisDate(ctx.clock.now());
/** A category with the key in force on the Paris day `day` (`YYYY-MM-DD`). */
const withKeyOn = (c: CategoryRow, day: string) => ({ ...c, allocationKey: keyOn(c, day) });

/** Ledger categories with their dated keys and the key in force today. Treasurer. */
export function listLedgerCategories({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'ledger.read');
  const day = today(ctx); // once for the list, not once per category (issue 16)
  return { items: listCategories(ctx.db).map((c) => withKeyOn(c, day)) };
}

/**
 * A new category (name unique, case aside: 409 `shares.category_exists` with the name in use), kind `cost` or `revenue`, with its
 * allocation key (default `holding`, SPEC §8) in force from the start. Audited.
 */
export function createCategory({ ctx, input }: { ctx: Ctx; input: z.output<typeof CategoryBody> }) {
  authorize(ctx.actor, 'ledger.write');
  return ctx.db.transaction(
    () => {
      const same = findCategoryByName(ctx.db, input.name);
      if (same) throw sharesErrors.categoryExists(same.name);
      const now = ctx.clock.now().toISOString();
      const id = insertCategory(ctx.db, { name: input.name, kind: input.kind, createdAt: now, createdBy: userId(ctx) });
      insertCategoryKey(ctx.db, {
        categoryId: id,
        validFrom: MIN_DATE,
        allocationKey: input.allocationKey,
        createdAt: now,
        createdBy: userId(ctx),
      });
      recordAudit(ctx, { action: 'ledger.category_create', entity: 'ledger_category', entityId: id, details: input });
      return withKeyOn(findCategory(ctx.db, id) as CategoryRow, today(ctx));
    },
    { behavior: 'immediate' },
  );
}

/**
 * Switches a category's key from `validFrom` on (e.g. the surplus line to `activity`), or corrects
 * the change already dated `validFrom` (the new row supersedes it: `listCategories`). Refused
 * when the key is already the one in force that day (409 `shares.key_unchanged`), when `validFrom` lies in a
 * closed period or an entry of the category from that date does (409 `shares.period_closed`:
 * closed figures never move), more than a year ahead (422 `shares.date_too_far`), or when the
 * category already changes to that very key that day (409 `shares.key_exists`). Audited, with the
 * key replaced. SPEC §8.
 */
export function changeCategoryKey({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: z.output<typeof CategoryKeyBody>;
}) {
  authorize(ctx.actor, 'ledger.write');
  refuseTooFar(ctx, input.validFrom);
  return ctx.db.transaction(
    () => {
      const category = findCategory(ctx.db, id);
      if (!category) throw sharesErrors.categoryNotFound(id);
      refuseClosed(ctx, input.validFrom);
      const closed = findClosedEntryFrom(ctx.db, id, input.validFrom);
      // The date the treasurer gave (the key's first day), not the closed entry it reaches.
      if (closed) throw sharesErrors.periodClosed({ ...closed, date: input.validFrom });
      const same = category.keys.find((k) => k.validFrom === input.validFrom);
      if (same?.allocationKey === input.allocationKey) throw sharesErrors.keyExists(input.validFrom);
      // A new change to the key already in force would change nothing, and a later change before
      // it would make it one nobody chose.
      if (!same && keyOn(category, input.validFrom) === input.allocationKey) {
        throw sharesErrors.keyUnchanged(input.validFrom, input.allocationKey);
      }
      // Appended: the table keeps every change; the last of a date is the one in force.
      insertCategoryKey(ctx.db, {
        categoryId: id,
        ...input,
        createdAt: ctx.clock.now().toISOString(),
        createdBy: userId(ctx),
      });
      recordAudit(ctx, {
        action: 'ledger.category_key',
        entity: 'ledger_category',
        entityId: id,
        details: { ...input, replaced: same?.allocationKey ?? null },
      });
      return withKeyOn(findCategory(ctx.db, id) as CategoryRow, today(ctx));
    },
    { behavior: 'immediate' },
  );
}

/**
 * Entries of `from`…`to` (one category or all), newest first, one page (`page` 1-based,
 * `pageSize` entries), with `total` (how many match) and `totals` (cost, revenue and net cents
 * over every matching entry, not just the page): the ledger footer's figures. Treasurer.
 */
export function listLedgerEntries({ ctx, query }: { ctx: Ctx; query: z.output<typeof EntriesQuery> }) {
  authorize(ctx.actor, 'ledger.read');
  const { page, pageSize, ...filters } = query;
  return listEntries(ctx.db, filters, { page, pageSize });
}

/** An entry with its split: the key in force on its allocation date and every member's cents. */
function withSplit(ctx: Ctx, entry: EntryRow, activity?: ActivitySource) {
  const category = findCategory(ctx.db, entry.categoryId) as CategoryRow;
  const allocationDate = entry.reversesEntryId
    ? (findEntry(ctx.db, entry.reversesEntryId)?.date ?? entry.date)
    : entry.date;
  const { allocationKey, keyFallback, parts } = splitEntry(
    { allocationDate, amountCents: entry.amountCents },
    category,
    loadWeigher(ctx.db, activity),
  );
  return {
    ...entry,
    allocationKey,
    keyFallback,
    allocationDate,
    allocation: (parts ?? []).map((p) => ({ pharmacyId: p.id, cents: p.cents, weight: p.weight })),
    allocationError: parts ? null : 'shares.no_allocation_weights',
  };
}

export function getLedgerEntry({ ctx, id, activity }: { ctx: Ctx; id: number; activity?: ActivitySource }) {
  authorize(ctx.actor, 'ledger.read');
  const entry = findEntry(ctx.db, id);
  if (!entry) throw sharesErrors.entryNotFound(id);
  return withSplit(ctx, entry, activity);
}

/**
 * Records a cost or revenue (integer cents > 0) in a category, dated. Refused with nothing
 * written: an unknown category (404), a `kind` that is not the category's (422
 * `shares.category_kind_mismatch`), a date in a closed period (409 `shares.period_closed`) or
 * over a year ahead (422), and a `holding` or `equal` entry on a day nobody holds shares (422
 * `shares.no_allocation_weights`, whatever the key). An `activity` entry is accepted before the month's pouches are
 * verified; until they are, it is shared by holding and says so (`keyFallback: 'activity'`, and
 * the report's `keyFallbacks`). Audited. Returns the entry with its split (`entry`).
 * With an `idempotencyKey` (the `Idempotency-Key` header, one per opened form), a repeat of the
 * same entry by the same user (a double click, a retry) writes nothing and answers the first
 * entry (`replayed: true`); the key with another body is 422 `shares.idempotency_key_reused`
 * (createOnce, server/http/idempotency.ts). Money is not entered twice by a double click.
 */
export function recordEntry({
  ctx,
  input,
  activity,
  idempotencyKey,
}: {
  ctx: Ctx;
  input: z.output<typeof EntryBody>;
  activity?: ActivitySource;
  idempotencyKey?: string;
}): { entry: ReturnType<typeof withSplit>; replayed: boolean } {
  authorize(ctx.actor, 'ledger.write');
  refuseTooFar(ctx, input.date);
  const once = { scope: 'POST /ledger/entries', key: idempotencyKey, body: input, status: 201 };
  return ctx.db.transaction(
    () => {
      const { id, replayed } = createOnce(ctx, { ...once, reusedCode: IDEMPOTENCY_KEY_REUSED }, () =>
        insertCheckedEntry(ctx, input, activity),
      );
      return { entry: withSplit(ctx, findEntry(ctx.db, id) as EntryRow, activity), replayed };
    },
    { behavior: 'immediate' },
  );
}

/** recordEntry's checks and writes, inside its transaction: answers the new entry's id. */
function insertCheckedEntry(ctx: Ctx, input: z.output<typeof EntryBody>, activity?: ActivitySource): number {
  const category = findCategory(ctx.db, input.categoryId);
  if (!category) throw sharesErrors.categoryNotFound(input.categoryId);
  if (input.kind && input.kind !== category.kind)
    throw sharesErrors.categoryKindMismatch({
      categoryId: category.id,
      categoryKind: category.kind,
      kind: input.kind,
    });
  refuseClosed(ctx, input.date);
  const { allocationKey, parts } = splitEntry(
    { allocationDate: input.date, amountCents: input.amountCents },
    category,
    loadWeigher(ctx.db, activity),
  );
  // No key can share it (an `activity` key falls back to holding): nobody holds shares that day.
  if (!parts) throw sharesErrors.noWeights([{ categoryId: category.id, allocationKey, date: input.date }]);
  const id = insertEntry(ctx.db, {
    date: input.date,
    categoryId: category.id,
    amountCents: input.amountCents,
    description: input.description,
    reference: input.reference ?? null,
    createdAt: ctx.clock.now().toISOString(),
    createdBy: userId(ctx),
  });
  recordAudit(ctx, {
    action: 'ledger.entry_record',
    entity: 'ledger_entry',
    entityId: id,
    details: { date: input.date, categoryId: category.id, amountCents: input.amountCents },
  });
  return id;
}

/**
 * Cancels an entry by a reversing entry (SPEC §3: nothing that carries history is deleted): the
 * opposite amount, same category, dated today in Paris (or the original's date if later), shared
 * on the original's date so that every member's part cancels exactly. Refused: a reversal (422
 * `shares.reversal_not_reversible`), an entry already reversed (409), a reversal date in a closed
 * period (409). Audited.
 */
export function reverseEntry({
  ctx,
  id,
  input,
  activity,
}: {
  ctx: Ctx;
  id: number;
  input: z.output<typeof ReverseBody>;
  activity?: ActivitySource;
}) {
  authorize(ctx.actor, 'ledger.write');
  return ctx.db.transaction(
    () => {
      const entry = findEntry(ctx.db, id);
      if (!entry) throw sharesErrors.entryNotFound(id);
      if (entry.reversesEntryId != null) throw sharesErrors.reversalNotReversible(id);
      if (entry.reversedByEntryId != null) throw sharesErrors.alreadyReversed(id, entry.reversedByEntryId);
      const date = entry.date > today(ctx) ? entry.date : today(ctx);
      refuseClosed(ctx, date);
      const reversalId = insertEntry(ctx.db, {
        date,
        categoryId: entry.categoryId,
        amountCents: -entry.amountCents,
        description: entry.description,
        reference: entry.reference,
        reversesEntryId: entry.id,
        reversalReason: input.reason,
        createdAt: ctx.clock.now().toISOString(),
        createdBy: userId(ctx),
      });
      recordAudit(ctx, {
        action: 'ledger.entry_reverse',
        entity: 'ledger_entry',
        entityId: reversalId,
        details: { reverses: entry.id, reason: input.reason },
      });
      return withSplit(ctx, findEntry(ctx.db, reversalId) as EntryRow, activity);
    },
    { behavior: 'immediate' },
  );
}
