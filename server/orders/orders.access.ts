import type { Ctx } from '../http/context';
import { type Action, authorize, can } from '../http/policy';
import { parisDate } from '../shared/dates';
import type { AppError } from '../shared/errors';
import { ordersErrors } from './orders.errors';
import { findCareHomeRow } from './residents.repository';

/** The user behind a write, or null for a job. */
export const actorUserId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** Today's Paris calendar date. */
export const todayOf = (ctx: Pick<Ctx, 'clock'>) => parisDate(ctx.clock.now());

/**
 * Checks that the actor's role may do `action` (403 otherwise), then that the resource — owned by
 * a care home served by a pharmacy — is in its scope. Out of scope answers the same 404 as a
 * missing resource (`notFound`), so ids of other tenants cannot be probed.
 */
export function requireInScope<T extends { careHomeId: number; pharmacyId: number }>(
  ctx: Ctx,
  action: Action,
  resource: T | undefined,
  notFound: () => AppError,
): T {
  authorize(ctx.actor, action);
  if (!resource || !can(ctx.actor, action, { pharmacyId: resource.pharmacyId, careHomeId: resource.careHomeId })) {
    throw notFound();
  }
  return resource;
}

/** A care home the actor may act on for `action`, with its serving pharmacy; 404 otherwise. */
export function careHomeInScope(ctx: Ctx, action: Action, careHomeId: number) {
  const row = findCareHomeRow(ctx.db, careHomeId);
  return requireInScope(ctx, action, row && { ...row, careHomeId: row.id }, ordersErrors.careHomeNotFound);
}
