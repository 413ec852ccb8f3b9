import {
  type DefaultError,
  type UseMutationOptions,
  type UseMutationResult,
  useMutation as useTanstackMutation,
} from '@tanstack/react-query';
import { useCallback, useRef } from 'react';

let unique = 0;

/**
 * The key of a mutation's input: the same input twice is the same key. An input JSON cannot write
 * (a cycle) gets a key of its own: it is sent, never taken for a repeat.
 */
function keyOf(variables: unknown): string {
  try {
    return JSON.stringify(variables ?? null);
  } catch {
    unique += 1;
    return `unique:${unique}`;
  }
}

/**
 * TanStack Query's `useMutation`, with one rule for every action of the app: while an action is on
 * its way, the same action with the same input is not sent again. A double click (or a double tap)
 * comes before the button's `loading` is drawn, and sent two POSTs: the second was refused (« Une
 * absence couvre déjà… », « La commande existe déjà ») under the first one's success (found by
 * testers). Another input goes at once (dismissing two alerts one after the other).
 *
 * Same options and result as `useMutation`; `mutate` returns nothing when it drops a repeat.
 */
export function useMutation<TData = unknown, TError = DefaultError, TVariables = void, TContext = unknown>(
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
): UseMutationResult<TData, TError, TVariables, TContext> {
  const inFlight = useRef(new Set<string>());
  const mutation = useTanstackMutation<TData, TError, TVariables, TContext>({
    ...options,
    onSettled: (data, error, variables, context, fnContext) => {
      inFlight.current.delete(keyOf(variables));
      return options.onSettled?.(data, error, variables, context, fnContext);
    },
  });
  const { mutate: send } = mutation;
  const mutate = useCallback<typeof send>(
    (...args) => {
      const key = keyOf(args[0]);
      if (inFlight.current.has(key)) return;
      inFlight.current.add(key);
      send(...args);
    },
    [send],
  );
  return { ...mutation, mutate };
}
