import { z } from 'zod';
import { CalendarDate, FreeText, Id, IdParam, QueryInt } from '../shared/schemas';
import {
  ALLOCATION_KEYS,
  daysBetween,
  isPeriodStart,
  LEDGER_KINDS,
  MAX_DATE,
  MAX_REPORT_DAYS,
  MIN_DATE,
  PERIOD_KINDS,
  PERIOD_STATUSES,
  SHARE_TRANSACTION_TYPES,
} from './shares.models';

// Inputs and outputs of the share register, ledger, periods and shares report (SPEC §8, §10).
// Custom messages are keys of the web catalogues (web/src/i18n/*/shares.ts): the forms reuse
// these schemas and show them in the user's language.

/** A calendar date in the ledger's sane range (2000-01-01 … 2099-12-31). */
export const LedgerDate = CalendarDate.refine((d) => d >= MIN_DATE && d <= MAX_DATE, 'shares.validation.dateRange');
/** Whole shares, at least one. */
/** The most shares one transaction may carry. */
export const MAX_SHARES = 1_000_000;
export const ShareCount = z.number().int('validation.integer').positive('shares.validation.positive').max(MAX_SHARES);
/** The largest amount one entry may carry: €100 million. */
export const MAX_AMOUNT_CENTS = 10_000_000_000;
/** An amount in integer cents, strictly positive (a JSON number: `12.5` and `"1250"` are refused). */
export const AmountCents = z
  .number('shares.validation.cents')
  .int('shares.validation.cents')
  .positive('shares.validation.positive')
  .max(MAX_AMOUNT_CENTS, 'shares.validation.amountTooLarge');

/** `to` not before `from`; compared only when both are ledger dates (a wrong one has its own error). */
const orderedRange = <T extends { from?: string; to?: string }>(q: T) =>
  !q.from || !q.to || !LedgerDate.safeParse(q.from).success || !LedgerDate.safeParse(q.to).success || q.from <= q.to;
const rangeMessage = { message: 'shares.validation.rangeInverted', path: ['to'] };

export const ShareTransactionBody = z
  .strictObject({
    type: z.enum(SHARE_TRANSACTION_TYPES),
    date: LedgerDate,
    shares: ShareCount,
    pharmacyId: Id,
    toPharmacyId: Id.optional(),
    note: FreeText({ max: 300 }).optional(),
  })
  .superRefine((tx, ctx) => {
    if (tx.type === 'transfer' && tx.toPharmacyId == null)
      ctx.addIssue({ code: 'custom', path: ['toPharmacyId'], message: 'shares.validation.recipientRequired' });
    if (tx.type === 'transfer' && tx.toPharmacyId === tx.pharmacyId)
      ctx.addIssue({ code: 'custom', path: ['toPharmacyId'], message: 'shares.validation.transferToSelf' });
    if (tx.type !== 'transfer' && tx.toPharmacyId != null)
      ctx.addIssue({ code: 'custom', path: ['toPharmacyId'], message: 'shares.validation.recipientOnlyForTransfer' });
  });
export const TransactionsQuery = z
  .strictObject({ from: LedgerDate.optional(), to: LedgerDate.optional(), pharmacyId: IdParam.optional() })
  .refine(orderedRange, rangeMessage);
export const HoldingsQuery = z.strictObject({ date: LedgerDate.optional() });
export const NominalValueBody = z.strictObject({
  validFrom: LedgerDate,
  valueCents: z.number().int('shares.validation.cents').positive('shares.validation.positive').max(100_000_000),
});

export const CategoryBody = z.strictObject({
  name: FreeText({ max: 80 }),
  kind: z.enum(LEDGER_KINDS),
  allocationKey: z.enum(ALLOCATION_KEYS).default('holding'),
});
export const CategoryKeyBody = z.strictObject({ allocationKey: z.enum(ALLOCATION_KEYS), validFrom: LedgerDate });
export const EntriesQuery = z
  .strictObject({
    from: LedgerDate.optional(),
    to: LedgerDate.optional(),
    categoryId: IdParam.optional(),
    page: QueryInt(1, 1_000_000).default(1).describe('1-based page number'),
    pageSize: QueryInt(1, 500).default(50).describe('entries per page'),
  })
  .refine(orderedRange, rangeMessage);
export const EntryBody = z.strictObject({
  date: LedgerDate,
  categoryId: Id,
  amountCents: AmountCents,
  description: FreeText({ max: 200 }),
  reference: FreeText({ max: 60 }).optional(),
  /** Optional check: the category must be of this kind. */
  kind: z.enum(LEDGER_KINDS).optional(),
});
export const ReverseBody = z.strictObject({ reason: FreeText({ min: 3, max: 300 }) });

export const PeriodBody = z
  .strictObject({ kind: z.enum(PERIOD_KINDS), start: LedgerDate })
  .refine((p) => isPeriodStart(p.kind, p.start), { message: 'shares.validation.periodStart', path: ['start'] });

const reportRange = {
  from: LedgerDate,
  to: LedgerDate,
};
const boundedRange = (q: { from: string; to: string }) => q.from > q.to || daysBetween(q.from, q.to) < MAX_REPORT_DAYS;
export const ReportQuery = z
  .strictObject({ ...reportRange, format: z.enum(['json', 'csv', 'pdf']).default('json') })
  .refine(orderedRange, rangeMessage)
  .refine(boundedRange, { message: 'shares.validation.rangeTooLong', path: ['to'] });
export const StatementQuery = z
  .strictObject({ ...reportRange, format: z.enum(['json', 'pdf']).default('json') })
  .refine(orderedRange, rangeMessage)
  .refine(boundedRange, { message: 'shares.validation.rangeTooLong', path: ['to'] });
export const PharmacyParams = z.strictObject({ pharmacyId: IdParam });

// Responses.
export const ShareTransaction = z.object({
  id: z.number().int(),
  type: z.enum(SHARE_TRANSACTION_TYPES),
  date: z.string(),
  shares: z.number().int(),
  pharmacyId: z.number().int(),
  toPharmacyId: z.number().int().nullable(),
  nominalValueCents: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const ShareTransactionList = z.object({ items: z.array(ShareTransaction) });
export const Holdings = z.object({
  date: z.string(),
  totalShares: z.number().int(),
  nominalValueCents: z.number().int().nullable(),
  items: z.array(
    z.object({ pharmacyId: z.number().int(), name: z.string(), shares: z.number().int(), percent: z.number() }),
  ),
});
export const NominalValue = z.object({ id: z.number().int(), validFrom: z.string(), valueCents: z.number().int() });
export const NominalValueList = z.object({ items: z.array(NominalValue) });

export const Category = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(LEDGER_KINDS),
  allocationKey: z.enum(ALLOCATION_KEYS).describe('the key in force today'),
  keys: z.array(z.object({ validFrom: z.string(), allocationKey: z.enum(ALLOCATION_KEYS) })),
});
export const CategoryList = z.object({ items: z.array(Category) });
export const Entry = z.object({
  id: z.number().int(),
  date: z.string(),
  categoryId: z.number().int(),
  categoryName: z.string(),
  kind: z.enum(LEDGER_KINDS),
  amountCents: z.number().int().describe('negative for a reversal'),
  description: z.string(),
  reference: z.string().nullable(),
  reversesEntryId: z.number().int().nullable(),
  reversedByEntryId: z.number().int().nullable(),
  reversalReason: z.string().nullable(),
  createdAt: z.string(),
});
export const EntryList = z.object({
  items: z.array(Entry).describe('one page of the filtered entries, newest first'),
  total: z.number().int().describe('how many entries match the filters (every page)'),
  page: z.number().int(),
  pageSize: z.number().int(),
  totals: z
    .object({ costCents: z.number().int(), revenueCents: z.number().int(), netCents: z.number().int() })
    .describe('sums over every entry matching the filters, not just this page (reversals count negative)'),
});
export const EntryDetail = Entry.extend({
  allocationKey: z.enum(ALLOCATION_KEYS).describe('the key the split used'),
  keyFallback: z
    .enum(ALLOCATION_KEYS)
    .nullable()
    .describe(
      "the category's own key when it had no weight ('activity': no verified pouch that month) and holding shared it",
    ),
  allocationDate: z.string().describe("the date whose weights share it (a reversal: its original's)"),
  allocation: z.array(z.object({ pharmacyId: z.number().int(), cents: z.number().int(), weight: z.number().int() })),
  allocationError: z.string().nullable().describe('shares.no_allocation_weights when every weight is zero'),
});

export const Period = z.object({
  id: z.number().int(),
  kind: z.enum(PERIOD_KINDS),
  start: z.string(),
  end: z.string(),
  status: z.enum(PERIOD_STATUSES),
  closedAt: z.string().nullable(),
  sha256: z.string().nullable(),
});
export const PeriodList = z.object({ items: z.array(Period) });

const CategoryCents = z.object({ categoryId: z.number().int(), cents: z.number().int() });
export const ReportMember = z.object({
  pharmacyId: z.number().int(),
  name: z.string(),
  sharesAtStart: z.number().int(),
  sharesAtEnd: z.number().int(),
  shareDays: z.number().int(),
  averageShares: z.number(),
  percent: z.number(),
  costs: z.array(CategoryCents),
  revenues: z.array(CategoryCents),
  costCents: z.number().int(),
  revenueCents: z.number().int(),
  netCents: z.number().int().describe('revenues − costs: > 0 the member receives, < 0 it owes'),
});
const ReportCategory = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(LEDGER_KINDS),
  keys: z.array(z.enum(ALLOCATION_KEYS)),
  entryCount: z.number().int(),
  totalCents: z.number().int(),
});
const Totals = z.object({
  costCents: z.number().int(),
  revenueCents: z.number().int(),
  netCents: z.number().int(),
  entryCount: z.number().int(),
});
const envelope = {
  cooperative: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  status: z.enum(['draft', 'closed']),
  period: z.object({ id: z.number().int(), kind: z.enum(PERIOD_KINDS) }).nullable(),
  generatedAt: z.string(),
  sha256: z.string().describe('SHA-256 of the canonical JSON of the content (all but generatedAt, status, sha256)'),
  categories: z.array(ReportCategory),
  totals: Totals,
  legalNote: z.string().nullable(),
  surplusSharedByHolding: z.boolean(),
  keyFallbacks: z
    .array(
      z.object({
        categoryId: z.number().int(),
        categoryName: z.string(),
        month: z.string(),
        fromKey: z.enum(ALLOCATION_KEYS),
        toKey: z.enum(ALLOCATION_KEYS),
        entryCount: z.number().int(),
      }),
    )
    .optional()
    .describe(
      'activity entries of a month without verified pouches, shared by holding instead (absent from older snapshots)',
    ),
};
export const SharesReport = z.object({
  ...envelope,
  members: z.array(ReportMember),
  reconciliation: z.object({
    ledgerCostCents: z.number().int(),
    ledgerRevenueCents: z.number().int(),
    allocatedCostCents: z.number().int(),
    allocatedRevenueCents: z.number().int(),
    balanced: z.boolean(),
  }),
});
export const Statement = z.object({ ...envelope, member: ReportMember });
export const DraftList = z.object({
  items: z.array(
    z.object({
      month: z.string(),
      from: z.string(),
      to: z.string(),
      createdAt: z.string(),
      sha256: z.string().nullable(),
      error: z.string().nullable(),
      totals: Totals.nullable(),
    }),
  ),
});
