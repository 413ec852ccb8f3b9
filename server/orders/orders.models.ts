/**
 * Pure rules of care homes' weekly dose-pack orders (SPEC §5, §6): pouch counting, units per
 * product and their robot / manual-tray / hors-PDA split, cut-off and delivery instants, order
 * status transitions. No database, no clock, no I/O.
 */

/** SPEC §5: `draft` → `submitted` → `planned` → `in_production` → `produced` → `verified` → `delivered`, or `cancelled`. */
export const ORDER_STATUSES = [
  'draft',
  'submitted',
  'planned',
  'in_production',
  'produced',
  'verified',
  'delivered',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const RESIDENT_STATUSES = ['active', 'hospitalised', 'discharged', 'deceased'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

export const SCHEDULE_KINDS = ['daily', 'weekdays', 'every_n_days'] as const;

/** SPEC §6: how a unit reaches its pouch (or not). */
export const UNIT_ROUTES = ['robot', 'manual', 'hors_pda'] as const;
export type UnitRoute = (typeof UNIT_ROUTES)[number];

export const ABSENCE_REASONS = ['hospitalisation', 'leave', 'other'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

export const CHANGE_REQUEST_STATUSES = ['pending', 'accepted', 'refused'] as const;
