import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CategoryBody,
  CategoryKeyBody,
  Category as CategorySchema,
  DraftList,
  EntryBody,
  EntryDetail as EntryDetailSchema,
  EntryList,
  Holdings as HoldingsSchema,
  NominalValue,
  NominalValueBody,
  NominalValueList,
  PeriodBody,
  Period as PeriodSchema,
  ReverseBody,
  SharesReport as SharesReportSchema,
  ShareTransactionBody,
  ShareTransaction as ShareTransactionSchema,
  Statement as StatementSchema,
} from '../../../server/shares/shares.schemas';
import { apiFetch } from '../shared/api';

// Types of the API's answers and bodies, straight from the server's zod schemas.
export type ShareTransaction = z.output<typeof ShareTransactionSchema>;
export type Holdings = z.output<typeof HoldingsSchema>;
export type Holding = Holdings['items'][number];
export type Category = z.output<typeof CategorySchema>;
export type Entry = z.output<typeof EntryList>['items'][number];
export type EntryDetail = z.output<typeof EntryDetailSchema>;
export type Period = z.output<typeof PeriodSchema>;
export type SharesReport = z.output<typeof SharesReportSchema>;
export type ReportMember = SharesReport['members'][number];
export type ReportCategory = SharesReport['categories'][number];
export type Statement = z.output<typeof StatementSchema>;
export type Draft = z.output<typeof DraftList>['items'][number];

export type Range = { from: string; to: string };

/** Every query of the domain lives under this key: a write refreshes them all (figures move together). */
export const SHARES_KEY = ['shares'] as const;
export const refreshShares = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: SHARES_KEY });

export const useHoldings = (date?: string) =>
  useQuery({
    queryKey: [...SHARES_KEY, 'holdings', date ?? 'today'],
    queryFn: () => apiFetch<Holdings>('/shares/holdings', { query: { date } }),
  });

export const useShareTransactions = () =>
  useQuery({
    queryKey: [...SHARES_KEY, 'transactions'],
    queryFn: () => apiFetch<{ items: ShareTransaction[] }>('/shares/transactions'),
  });

export const useNominalValues = () =>
  useQuery({
    queryKey: [...SHARES_KEY, 'nominal-values'],
    queryFn: () => apiFetch<z.output<typeof NominalValueList>>('/shares/nominal-values'),
  });

/** A new nominal value per share from `validFrom` on (201 with it). */
export const setNominalValue = (body: z.output<typeof NominalValueBody>) =>
  apiFetch<z.output<typeof NominalValue>>('/shares/nominal-values', { method: 'POST', body });

/** Records a register operation; `idempotencyKey` (one per opened form) makes a double click or a retry record it once. */
export const recordShareTransaction = (body: z.output<typeof ShareTransactionBody>, idempotencyKey?: string) =>
  apiFetch<ShareTransaction>('/shares/transactions', { method: 'POST', body, idempotencyKey });

export const useCategories = () =>
  useQuery({
    queryKey: [...SHARES_KEY, 'categories'],
    queryFn: () => apiFetch<{ items: Category[] }>('/ledger/categories'),
  });

export const createCategory = (body: z.output<typeof CategoryBody>) =>
  apiFetch<Category>('/ledger/categories', { method: 'POST', body });

export const changeCategoryKey = (id: number, body: z.output<typeof CategoryKeyBody>) =>
  apiFetch<Category>(`/ledger/categories/${id}/keys`, { method: 'POST', body });

export type EntryFilters = { from?: string; to?: string; categoryId?: number };

/** Entries shown per page of the ledger (the server pages; its totals cover every page). */
export const LEDGER_PAGE_SIZE = 50;

export const useEntries = (filters: EntryFilters, page = 1) =>
  useQuery({
    queryKey: [...SHARES_KEY, 'entries', filters, page],
    queryFn: () =>
      apiFetch<z.output<typeof EntryList>>('/ledger/entries', {
        query: { ...filters, page, pageSize: LEDGER_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });

export const useEntry = (id: number | null) =>
  useQuery({
    queryKey: [...SHARES_KEY, 'entry', id],
    queryFn: () => apiFetch<EntryDetail>(`/ledger/entries/${id}`),
    enabled: id !== null,
  });

/** Records a ledger entry; `idempotencyKey` (one per opened form) makes a double click or a retry record it once. */
export const recordEntry = (body: z.output<typeof EntryBody>, idempotencyKey?: string) =>
  apiFetch<EntryDetail>('/ledger/entries', { method: 'POST', body, idempotencyKey });

export const reverseEntry = (id: number, body: z.output<typeof ReverseBody>) =>
  apiFetch<EntryDetail>(`/ledger/entries/${id}/reverse`, { method: 'POST', body });

export const usePeriods = () =>
  useQuery({ queryKey: [...SHARES_KEY, 'periods'], queryFn: () => apiFetch<{ items: Period[] }>('/periods') });

export const createPeriod = (body: z.output<typeof PeriodBody>) =>
  apiFetch<Period>('/periods', { method: 'POST', body });

export const closePeriod = (id: number) => apiFetch<Period>(`/periods/${id}/close`, { method: 'POST' });

export const useSharesReport = (range: Range | null) =>
  useQuery({
    queryKey: [...SHARES_KEY, 'report', range],
    queryFn: () => apiFetch<SharesReport>('/reports/shares', { query: range ?? undefined }),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });

export const useStatement = (pharmacyId: number | null, range: Range | null) =>
  useQuery({
    queryKey: [...SHARES_KEY, 'statement', pharmacyId, range],
    queryFn: () => apiFetch<Statement>(`/shares/statements/${pharmacyId}`, { query: range ?? undefined }),
    enabled: pharmacyId !== null && range !== null,
  });

export const useDrafts = () =>
  useQuery({
    queryKey: [...SHARES_KEY, 'drafts'],
    queryFn: () => apiFetch<z.output<typeof DraftList>>('/reports/shares/drafts'),
  });

/** The CSV or PDF of the report over a range (a plain link: the browser downloads it). */
/** One member's statement as a PDF (`GET /api/shares/statements/:pharmacyId?format=pdf`), for the member to keep or hand on. */
export function statementPdfUrl(pharmacyId: number, range: Range): string {
  const q = new URLSearchParams({ from: range.from, to: range.to, format: 'pdf' });
  return `/api/shares/statements/${pharmacyId}?${q.toString()}`;
}

export function reportFileUrl(range: Range, format: 'csv' | 'pdf' | 'json'): string {
  const q = new URLSearchParams({ from: range.from, to: range.to, format });
  return `/api/reports/shares?${q.toString()}`;
}
