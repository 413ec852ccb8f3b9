import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ProductSummary as ProductSummarySchema } from '../../../server/catalogue/catalogue.schemas';
import { apiFetch } from '../shared/api';

export type ProductSummary = z.output<typeof ProductSummarySchema>;

/** The catalogue answers from two characters on (name words, CIP13, CIP7 or CIS). */
export const MIN_PRODUCT_QUERY = 2;

export function searchProducts(q: string, limit = 20, signal?: AbortSignal): Promise<{ items: ProductSummary[] }> {
  return apiFetch<{ items: ProductSummary[] }>('/products', { query: { q, limit }, signal });
}

export function useProductSearch(q: string, limit = 20) {
  const query = q.trim();
  return useQuery({
    queryKey: ['products', 'search', query, limit],
    queryFn: ({ signal }) => searchProducts(query, limit, signal),
    enabled: query.length >= MIN_PRODUCT_QUERY,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** The name a presentation is known by: the speciality name, else the box label. */
export function productName(product: Pick<ProductSummary, 'name' | 'label'>): string {
  return product.name ?? product.label;
}
