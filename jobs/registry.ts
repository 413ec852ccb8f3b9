import { backupJob } from './backup';
import { catalogueSyncJob } from './catalogue-sync';
import { monthlySharesJob } from './monthly-shares';
import { reviewRemindersJob } from './review-reminders';
import type { JobDef } from './runner';
import { sessionsPurgeJob } from './sessions-purge';
import { expiryScanJob, lowStockJob } from './stock-scans';
import { weeklyOrdersJob } from './weekly-orders';

/**
 * Every scheduled job (SPEC §9), one line each: a `defineJob({ name, period, at, … run })` from
 * its own file. The scheduler (runner.ts) and the DST tests (tests/unit/jobs-schedule.test.ts) take them from here.
 */
export const jobs: JobDef[] = [
  backupJob,
  sessionsPurgeJob,
  catalogueSyncJob,
  expiryScanJob,
  lowStockJob,
  reviewRemindersJob,
  monthlySharesJob,
  weeklyOrdersJob,
];

export function findJob(name: string): JobDef | undefined {
  return jobs.find((j) => j.name === name);
}
