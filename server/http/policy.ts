import { ROLES, type Role } from '../../db/schema';
import { forbidden, notFound } from '../shared/errors';
import type { Actor } from './context';

const ALL: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ['pharmacist', 'technician'];
/** Who reads the shared robot, its calendar and batches: the coordinator and pharmacy staff. */
const ROBOT_READERS: readonly Role[] = ['admin', ...STAFF];

/**
 * Who may do what: the one table of SPEC §2. Scoped roles (pharmacy staff, care homes) are
 * further limited to resources of their own pharmacy or care home; admin and treasurer are
 * cooperative-wide, but only for the actions listed for them (no patient data).
 */
export const RULES = {
  'audit.read': ['admin'],
  /** Everyone changes their own password (and only their own: the coordinator resets others'). */
  'auth.change_password': ALL,
  'users.manage': ['admin'],
  'pharmacies.read': ALL,
  'pharmacies.manage': ['admin'],
  'care_homes.read': ['admin', ...STAFF, 'carehome'],
  'care_homes.manage': ['admin'],
  'alerts.read': ALL,
  'alerts.dismiss': ALL,
  /** Undo a dismissal: whoever may dismiss an alert of their scope may bring it back. */
  'alerts.reopen': ALL,
  'catalogue.read': ALL,
  'catalogue.edit_pda': ['pharmacist'],
  // Medication reviews (SPEC §2, §7): staff of the owning pharmacy only; admin, treasurer and care homes never.
  'patients.read': STAFF,
  'patients.write': STAFF,
  'reviews.read': STAFF,
  'reviews.prepare': STAFF,
  'reviews.close': ['pharmacist'],
  /** Stop a review for good after acts were billed (moved away, hospital, refusal): a pharmacist's decision. */
  'reviews.interrupt': ['pharmacist'],
  'reviews.fees': STAFF,
  'review_fees.read': ['admin', ...STAFF],
  'review_fees.manage': ['admin'],
  'prescription_proposals.read': STAFF,
  'prescription_proposals.decide': ['pharmacist'],
  'stock.read': STAFF,
  'stock.write': STAFF,
  'pool.read': STAFF,
  'transfers.read': STAFF,
  'transfers.write': STAFF,
  'settlement.read': [...STAFF, 'admin', 'treasurer'],
  // A settlement payment is marked (and undone) by the treasurer or by the pharmacist of the creditor
  // pharmacy, who sees the money arrive (issue #15); the use case checks the creditor.
  'settlement.mark_paid': ['treasurer', 'pharmacist'],
  // Share register, ledger, periods and shares report (SPEC §2, §8): the treasurer only (the
  // coordinator has no role in it); a pharmacist reads the periods and its own pharmacy's statement.
  'shares.read': ['treasurer'],
  'shares.manage': ['treasurer'],
  'ledger.read': ['treasurer'],
  'ledger.write': ['treasurer'],
  'periods.read': ['treasurer', 'pharmacist'],
  'periods.manage': ['treasurer'],
  'shares_report.read': ['treasurer'],
  'shares_statement.read': ['treasurer', 'pharmacist'],
  // The shared robot (SPEC §6): the coordinator and every pharmacy's staff see its calendar
  // (batches as time blocks, never residents); the coordinator manages it and plans for all;
  // staff book for their care homes. Not a care home (SPEC §2: its residents, prescriptions,
  // orders and delivery notes): a batch names other care homes and their pouches; it follows its
  // own orders through their progress. Not the treasurer either (SPEC §2: share register, ledger,
  // periods, shares reports): only the month's verified pouches per pharmacy (`robot_activity.read`).
  'robots.read': ROBOT_READERS,
  'robots.manage': ['admin'],
  // A closure (a breakdown this morning, a maintenance visit): the coordinator, or a pharmacist of
  // the host pharmacy, who runs the robot and is the first to know (checked in the use case).
  'robots.close': ['admin', 'pharmacist'],
  'robot_batches.read': ROBOT_READERS,
  'robot_batches.book': ['admin', ...STAFF],
  // Production (SPEC §4, §6): staff of the robot's host pharmacy or of the batch's orders' pharmacy
  // run it; a pharmacist verifies; the care home (or its pharmacy) signs the delivery; a recall is
  // staff-only; verified pouches per pharmacy feed the shares' activity key.
  'robot_production.read': STAFF,
  'robot_production.run': STAFF,
  'robot_production.verify': ['pharmacist'],
  'order_deliveries.sign': [...STAFF, 'carehome'],
  'recalls.read': STAFF,
  'recalls.destroy': STAFF,
  'robot_activity.read': ['admin', 'treasurer', ...STAFF],
  'care_home_settings.read': ['admin', ...STAFF, 'carehome'],
  'care_home_settings.manage': ['admin'],
  'residents.read': [...STAFF, 'carehome'],
  'residents.manage': STAFF,
  'prescriptions.read': [...STAFF, 'carehome'],
  'prescriptions.write': ['pharmacist'],
  'orders.read': [...STAFF, 'carehome'],
  'orders.write': [...STAFF, 'carehome'],
  'orders.change_request': ['carehome'],
  'orders.decide_change': STAFF,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof RULES;

/** What a single resource belongs to; scoped roles must match it. */
export type Resource = { pharmacyId?: number | null; pharmacyIds?: number[]; careHomeId?: number | null };

function roleAllows(role: Role, action: Action): boolean {
  return (RULES[action] as readonly Role[]).includes(role);
}

function inScope(actor: Extract<Actor, { kind: 'user' }>, resource: Resource): boolean {
  switch (actor.role) {
    case 'admin':
    case 'treasurer':
      return true;
    case 'pharmacist':
    case 'technician':
      return (
        actor.pharmacyId != null &&
        (resource.pharmacyId === actor.pharmacyId || (resource.pharmacyIds ?? []).includes(actor.pharmacyId))
      );
    case 'carehome':
      return resource.careHomeId != null && resource.careHomeId === actor.careHomeId;
  }
}

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user' || !roleAllows(actor.role, action)) return false;
  return resource ? inScope(actor, resource) : true;
}

/**
 * Throws when the actor may not act. On a single resource the answer is 404, as if it did
 * not exist, so that ids of other pharmacies and care homes cannot be probed.
 */
export function authorize(actor: Actor, action: Action, resource?: Resource): void {
  if (can(actor, action, resource)) return;
  if (resource) throw notFound('http.not_found', 'Resource not found');
  throw forbidden('auth.forbidden', 'Your role does not allow this action');
}

export type ListScope = { all: true } | { all: false; pharmacyId?: number; careHomeId?: number; role?: Role };

/** How a list endpoint filters what it returns for this actor (silently, per SPEC §2). */
export function listScope(actor: Actor): ListScope {
  if (actor.kind === 'system') return { all: true };
  if (actor.kind !== 'user') return { all: false };
  if (actor.role === 'admin' || actor.role === 'treasurer') return { all: true };
  if (actor.pharmacyId != null) return { all: false, pharmacyId: actor.pharmacyId };
  if (actor.careHomeId != null) return { all: false, careHomeId: actor.careHomeId };
  return { all: false };
}
