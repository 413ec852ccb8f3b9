import { draftPreviousMonth } from '../server/shares/report.usecases';
import { defineJob } from './runner';

/**
 * 1st of the month 05:00 Paris (SPEC §9): the draft shares report of the month before, shown on
 * the treasurer's home. The month comes from the run's period, so a catch-up run after downtime
 * still drafts the right month.
 */
export const monthlySharesJob = defineJob({
  name: 'monthly-shares',
  period: 'month',
  dayOfMonth: 1,
  at: '05:00',
  run: (ctx, _deps, period) => draftPreviousMonth(ctx, period.key),
});
