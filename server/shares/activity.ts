import type { Db } from '../../db/client';
import { monthlyVerifiedPouches } from '../robot/activity.usecases';
import type { ActivitySource } from './shares-report.models';

export type { ActivitySource };

/**
 * The cooperative's business per pharmacy for the `activity` allocation key (SPEC §8): verified
 * robot pouches made for each pharmacy's care homes in a Paris month `YYYY-MM`, as
 * `GET /api/robot/activity?month=` serves them (robot production, `monthlyVerifiedPouches`).
 * A month without verified pouches has no activity: an entry keyed `activity` is then shared by
 * holding, and the report says so (`effectiveWeights`; never a division by zero). This is the one place the
 * shares domain reads activity; tests inject a double through the `activity` argument instead.
 */
export function robotActivitySource(db: Db): ActivitySource {
  return (month) => monthlyVerifiedPouches(db, month);
}
