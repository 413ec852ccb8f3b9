import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/** Client errors (4xx) will not change on retry; network hiccups and 5xx get two more tries. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * A write refused because what the page shows has moved on (404: gone, 409: changed meanwhile, as
 * from another tab or another user) leaves the page's copy stale: then every query on screen is
 * read again, so the page shows what the refusal was about (an absence already removed elsewhere
 * no longer stands in the grid, with a total the pharmacy will not prepare).
 */
const showsStaleCopy = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 409);

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onError: (error) => {
        if (showsStaleCopy(error)) void client.invalidateQueries();
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  return client;
}
