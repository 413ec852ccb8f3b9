import type { Db } from '../../db/client';
import type { ActivitySource } from './shares-report.models';

export type { ActivitySource };

/**
 * The cooperative's business per pharmacy for the `activity` allocation key (SPEC §8): verified
 * robot pouches made for each pharmacy's care homes in a Paris month `YYYY-MM`.
 *
 * Until the robot production tables exist this returns no activity, so an entry keyed
 * `activity` cannot be shared (422 `shares.no_allocation_weights`, never a division by zero).
 * WIRE IT HERE when the robot production issue lands: return, for the month, the verified
 * pouches per pharmacy that its repository computes (the figure `GET /api/robot/activity?month=`
 * serves). This is the one place the shares domain reads activity; tests inject a double through
 * the `activity` argument of the report use cases instead.
 */
export function robotActivitySource(_db: Db): ActivitySource {
  return () => new Map();
}
