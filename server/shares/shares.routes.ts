import { IdempotencyKeyHeaders } from '../http/idempotency';
import { defineRoute, type RouteDef } from '../http/route';
import { IdParams } from '../shared/schemas';
import {
  changeCategoryKey,
  createCategory,
  getLedgerEntry,
  listLedgerCategories,
  listLedgerEntries,
  recordEntry,
  reverseEntry,
} from './ledger.usecases';
import { closeSharePeriod, createSharePeriod, getSharePeriod, listSharePeriods } from './periods.usecases';
import {
  getHoldings,
  listNominal,
  listTransactions,
  recordShareTransaction,
  setNominalValue,
} from './register.usecases';
import {
  Category,
  CategoryBody,
  CategoryKeyBody,
  CategoryList,
  EntriesQuery,
  EntryBody,
  EntryDetail,
  EntryList,
  Holdings,
  HoldingsQuery,
  NominalValue,
  NominalValueBody,
  NominalValueList,
  Period,
  PeriodBody,
  PeriodList,
  ReverseBody,
  ShareTransaction,
  ShareTransactionBody,
  ShareTransactionList,
  TransactionsQuery,
} from './shares.schemas';

const register = ['shares'];
const ledger = ['ledger'];
const periods = ['periods'];

/** Share register, cooperative ledger and periods (SPEC §8). */
export const sharesRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/shares/transactions',
    summary: 'The share register: subscriptions, transfers, redemptions (by date)',
    tags: register,
    query: TransactionsQuery,
    response: ShareTransactionList,
    handler: async ({ ctx, query }) => listTransactions({ ctx, query }),
  }),
  defineRoute({
    method: 'post',
    path: '/shares/transactions',
    summary:
      'Record a subscription, transfer or redemption (no holding may go negative). Optional Idempotency-Key header: a repeat answers the first transaction (Idempotent-Replayed: true); the key with another body, 422 shares.idempotency_key_reused',
    tags: register,
    headers: IdempotencyKeyHeaders,
    body: ShareTransactionBody,
    response: ShareTransaction,
    status: 201,
    handler: async ({ ctx, body, headers, res }) => {
      const { transaction, replayed } = recordShareTransaction({
        ctx,
        input: body,
        idempotencyKey: headers['idempotency-key'],
      });
      if (replayed) res.set('Idempotent-Replayed', 'true');
      return transaction;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/shares/holdings',
    summary: "Every member's holding at the end of a date (default today, Paris)",
    tags: register,
    query: HoldingsQuery,
    response: Holdings,
    handler: async ({ ctx, query }) => getHoldings({ ctx, query }),
  }),
  defineRoute({
    method: 'get',
    path: '/shares/nominal-values',
    summary: 'Nominal value per share, dated',
    tags: register,
    response: NominalValueList,
    handler: async ({ ctx }) => listNominal({ ctx }),
  }),
  defineRoute({
    method: 'post',
    path: '/shares/nominal-values',
    summary: 'A new nominal value per share from a date on',
    tags: register,
    body: NominalValueBody,
    response: NominalValue,
    status: 201,
    handler: async ({ ctx, body }) => setNominalValue({ ctx, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/ledger/categories',
    summary: 'Ledger categories with their dated allocation keys',
    tags: ledger,
    response: CategoryList,
    handler: async ({ ctx }) => listLedgerCategories({ ctx }),
  }),
  defineRoute({
    method: 'post',
    path: '/ledger/categories',
    summary: 'A new cost or revenue category with its allocation key',
    tags: ledger,
    body: CategoryBody,
    response: Category,
    status: 201,
    handler: async ({ ctx, body }) => createCategory({ ctx, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/ledger/categories/:id/keys',
    summary: "Change a category's allocation key from a date on",
    tags: ledger,
    params: IdParams,
    body: CategoryKeyBody,
    response: Category,
    status: 201,
    handler: async ({ ctx, params, body }) => changeCategoryKey({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/ledger/entries',
    summary: 'Ledger entries, newest first, by date range and category',
    tags: ledger,
    query: EntriesQuery,
    response: EntryList,
    handler: async ({ ctx, query }) => listLedgerEntries({ ctx, query }),
  }),
  defineRoute({
    method: 'post',
    path: '/ledger/entries',
    summary:
      'Record a cost or revenue (integer cents > 0). Optional Idempotency-Key header: a repeat answers the first entry (Idempotent-Replayed: true); the key with another body, 422 shares.idempotency_key_reused',
    tags: ledger,
    headers: IdempotencyKeyHeaders,
    body: EntryBody,
    response: EntryDetail,
    status: 201,
    handler: async ({ ctx, body, headers, res }) => {
      const { entry, replayed } = recordEntry({ ctx, input: body, idempotencyKey: headers['idempotency-key'] });
      if (replayed) res.set('Idempotent-Replayed', 'true');
      return entry;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/ledger/entries/:id',
    summary: 'One entry with its split among the members and the key used',
    tags: ledger,
    params: IdParams,
    response: EntryDetail,
    handler: async ({ ctx, params }) => getLedgerEntry({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/ledger/entries/:id/reverse',
    summary: 'Cancel an entry by a reversing entry (entries are never edited)',
    tags: ledger,
    params: IdParams,
    body: ReverseBody,
    response: EntryDetail,
    status: 201,
    handler: async ({ ctx, params, body }) => reverseEntry({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/periods',
    summary: 'Ledger periods (month, quarter, year), open or closed',
    tags: periods,
    response: PeriodList,
    handler: async ({ ctx }) => listSharePeriods({ ctx }),
  }),
  defineRoute({
    method: 'post',
    path: '/periods',
    summary: 'Open a period; preview it with GET /api/reports/shares over its range',
    tags: periods,
    body: PeriodBody,
    response: Period,
    status: 201,
    handler: async ({ ctx, body }) => createSharePeriod({ ctx, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/periods/:id',
    summary: 'One period (with its snapshot hash once closed)',
    tags: periods,
    params: IdParams,
    response: Period,
    handler: async ({ ctx, params }) => getSharePeriod({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/periods/:id/close',
    summary: 'Close a period for good: its report is stored as a snapshot (canonical JSON + SHA-256)',
    tags: periods,
    params: IdParams,
    response: Period,
    handler: async ({ ctx, params }) => closeSharePeriod({ ctx, id: params.id }),
  }),
];
