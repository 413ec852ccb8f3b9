import type { z } from 'zod';
import type { Role } from '../../db/schema';
import { recordAudit } from '../audit/audit.usecases';
import { actorLabel, type Ctx, systemActor } from '../http/context';
import { authorize } from '../http/policy';
import { raiseMissedCutoffAlerts } from '../orders/missed-cutoff.usecases';
import { resolveStaleHostedBatchAlerts } from '../robot/hosted-batch.usecases';
import { raiseSlotMissedAlerts } from '../robot/slot-missed.usecases';
import { parisDate } from '../shared/dates';
import { notFound } from '../shared/errors';
import { withCurrentLotQuantities } from '../stock/expiry-alerts';
import {
  type AlertScopeFilter,
  alertExists,
  alertRaisedSince,
  findAlertInScope,
  insertAlertOnce,
  listAlerts,
  markDismissed,
  markOpen,
  markResolved,
  reraiseAlertOfDay,
} from './alerts.repository';
import type { AlertsQuery } from './alerts.schemas';

export type AlertScope = { pharmacyId: number } | { careHomeId: number } | { role: Role };

export type RaiseAlertInput = {
  scope: AlertScope;
  kind: string;
  entity: string;
  entityId: string | number;
  messageKey: string;
  params?: Record<string, string | number>;
  /**
   * `day` (default): at most one per Paris day. `open`: not while one is still undismissed
   * (a condition that lasts, like low stock). `ever`: once for good (a lot about to expire).
   * `{ since }`: once from that instant on (an ISO instant: when the condition began again, like a
   * cancelled order reopened as a draft); one raised before it does not count, and one raised
   * earlier the same Paris day is brought back (open again, its message and time renewed), since a
   * day holds one row per alert. `renew`: every raise tells something new (a batch shrank again):
   * today's row is brought back with the latest message, else a new row.
   */
  dedupe?: 'day' | 'open' | 'ever' | 'renew' | { since: string };
};

function scopeColumns(scope: AlertScope) {
  if ('pharmacyId' in scope) {
    return { pharmacyId: scope.pharmacyId, careHomeId: null, role: null, scopeKey: `pharmacy:${scope.pharmacyId}` };
  }
  if ('careHomeId' in scope) {
    return { pharmacyId: null, careHomeId: scope.careHomeId, role: null, scopeKey: `care_home:${scope.careHomeId}` };
  }
  return { pharmacyId: null, careHomeId: null, role: scope.role, scopeKey: `role:${scope.role}` };
}

/**
 * Raises an alert for a scope. Raising the same alert (kind, scope, entity) twice on one Paris
 * day keeps one row, so jobs can run again without flooding home pages. Returns true if new.
 */
export function raiseAlert(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, input: RaiseAlertInput): boolean {
  const now = ctx.clock.now();
  const scope = scopeColumns(input.scope);
  const dedupe = input.dedupe ?? 'day';
  const key = { kind: input.kind, scopeKey: scope.scopeKey, entity: input.entity, entityId: String(input.entityId) };
  if (typeof dedupe === 'object') {
    if (alertRaisedSince(ctx.db, key, dedupe.since)) return false;
  } else if (dedupe !== 'day' && dedupe !== 'renew') {
    if (alertExists(ctx.db, key, { openOnly: dedupe === 'open' })) return false;
  }
  const row = {
    ...scope,
    ...key,
    messageKey: input.messageKey,
    params: input.params ?? {},
    raisedOn: parisDate(now),
    raisedBy: actorLabel(ctx.actor),
    createdAt: now.toISOString(),
  };
  if (insertAlertOnce(ctx.db, row)) return true;
  return (typeof dedupe === 'object' || dedupe === 'renew') && reraiseAlertOfDay(ctx.db, row);
}

/**
 * The shared "resolve": once the thing an alert asks for is done (the transfer received, the
 * order planned…), its open alerts about that entity leave every home page, in all scopes.
 * `kinds` limits it (e.g. only `transfers.requested` once a request is answered); without it,
 * every open alert about the entity goes; `pharmacyId` limits it to that pharmacy's alerts (the
 * one that just acted). They show as dismissed by the user who did the thing
 * (`dismissedBy`; null for a job) at that time, and can still be brought back. Call it inside
 * the transaction of the write that does the thing. Returns how many alerts were resolved.
 */
export function resolveAlerts(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>,
  about: { entity: string; entityId: string | number; kinds?: readonly string[]; pharmacyId?: number },
): number {
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return markResolved(
    ctx.db,
    { entity: about.entity, entityId: String(about.entityId), kinds: about.kinds, pharmacyId: about.pharmacyId },
    userId,
    ctx.clock.now().toISOString(),
  );
}

/** Alerts are addressed to a pharmacy, a care home or a role: each user sees its own. */
function alertScopeOf(ctx: Ctx): AlertScopeFilter {
  const a = ctx.actor;
  if (a.kind === 'system') return { all: true };
  if (a.kind !== 'user') return { all: false };
  return { all: false, role: a.role, pharmacyId: a.pharmacyId ?? undefined, careHomeId: a.careHomeId ?? undefined };
}

/**
 * The caller's alerts, newest first (at most 500): open ones by default; `state` also gives the
 * dismissed ones or both; `domain`/`kind` and `from`–`to` (Paris days raised, included) narrow them.
 * Figures that age are read as they are now (`withCurrentLotQuantities`: an expiry alert's units).
 * Pharmacy staff first get the alerts computed on read: drafts of their care homes left past the
 * cut-off (`raiseMissedCutoffAlerts`, SPEC §5) and booked robot batches they host or own whose
 * slot went by without production (`raiseSlotMissedAlerts`, SPEC §6), raised once as the system:
 * at once here, and each morning by the `expiry-scan` and `low-stock` jobs for a pharmacy that
 * does not open the app. News of colleagues' batches on their robot (booked, moved, resized,
 * cancelled) is resolved here once they started or their slot came (`resolveStaleHostedBatchAlerts`).
 */
export function listMyAlerts({ ctx, query }: { ctx: Ctx; query: z.output<typeof AlertsQuery> }) {
  authorize(ctx.actor, 'alerts.read');
  const staffPharmacy =
    ctx.actor.kind === 'user' && (ctx.actor.role === 'pharmacist' || ctx.actor.role === 'technician')
      ? ctx.actor.pharmacyId
      : null;
  if (staffPharmacy != null) {
    const pharmacyId = staffPharmacy;
    ctx.db.transaction(() => {
      raiseMissedCutoffAlerts({ db: ctx.db, clock: ctx.clock, actor: systemActor('orders.cutoff') }, pharmacyId);
      raiseSlotMissedAlerts({ db: ctx.db, clock: ctx.clock, actor: systemActor('robot.slot') }, pharmacyId);
      resolveStaleHostedBatchAlerts({ db: ctx.db, clock: ctx.clock, actor: systemActor('robot.slot') }, pharmacyId);
    });
  }
  const state = query.state ?? (query.includeDismissed ? 'all' : 'open');
  const listed = listAlerts(ctx.db, alertScopeOf(ctx), {
    state,
    kind: query.kind,
    domain: query.domain,
    from: query.from,
    to: query.to,
  });
  // Expiry alerts give the units their lot holds now, not those it held when raised.
  return { items: withCurrentLotQuantities(ctx.db, listed) };
}

export function dismissAlert({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'alerts.dismiss');
  return ctx.db.transaction(() => {
    const alert = findAlertInScope(ctx.db, id, alertScopeOf(ctx));
    if (!alert) throw notFound('alerts.not_found', 'Alert not found');
    if (alert.dismissedAt) return alert;
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const dismissed = markDismissed(ctx.db, id, userId, ctx.clock.now().toISOString());
    recordAudit(ctx, { action: 'alerts.dismiss', entity: 'alert', entityId: id });
    return dismissed;
  });
}

/**
 * Undoes a dismissal (the "Annuler" after "Ignorer"): the alert shows again on home pages.
 * 404 `alerts.not_found` outside the caller's scope; an alert already open is returned as is
 * (no audit row); otherwise audited as `alerts.reopen` with who had dismissed it and when.
 */
export function reopenAlert({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'alerts.reopen');
  return ctx.db.transaction(() => {
    const alert = findAlertInScope(ctx.db, id, alertScopeOf(ctx));
    if (!alert) throw notFound('alerts.not_found', 'Alert not found');
    if (!alert.dismissedAt) return alert;
    const reopened = markOpen(ctx.db, id);
    recordAudit(ctx, {
      action: 'alerts.reopen',
      entity: 'alert',
      entityId: id,
      details: { dismissedAt: alert.dismissedAt, dismissedBy: alert.dismissedBy },
    });
    return reopened;
  });
}
