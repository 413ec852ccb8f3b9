import { DEFAULT_CARE_HOME_SETTINGS, orderWeeksAt } from '../../server/orders/orders.models';
import { addIsoWeeks } from '../../server/shared/dates';

/**
 * The demo's order weeks relative to the instant the demo starts, whatever the weekday, for the
 * SPEC §5 default cut-off (Wednesday 12:00) and delivery (Friday 14:00) the demo care homes keep:
 * - `lastDelivered`: the last order week whose delivery has passed (its pouches are being taken
 *   or were taken; submitted by the orders seed, carried on to delivered by the robot seed);
 * - `closed`: weeks whose cut-off has passed but not yet their delivery (none from Friday 14:00
 *   to Wednesday 12:00, one otherwise): submitted;
 * - `open`: the first order week whose cut-off is still ahead (Bugeat's is a draft, the other two
 *   care homes submitted theirs);
 * - `next`: the week after `open`: drafts.
 * The robot, production and reviews demo seeds read the same weeks from here.
 */
export function demoOrderTimeline(now: Date): { lastDelivered: string; closed: string[]; open: string; next: string } {
  const weeks = orderWeeksAt(now, DEFAULT_CARE_HOME_SETTINGS);
  return { ...weeks, next: addIsoWeeks(weeks.open, 1) };
}
