import { backupJob } from './backup';
import { catalogueSyncJob } from './catalogue-sync';
import type { JobDef } from './runner';
import { sessionsPurgeJob } from './sessions-purge';
import { expiryScanJob, lowStockJob } from './stock-scans';

/** Every scheduled job (SPEC §9), one line each. */
export const jobs: JobDef[] = [backupJob, sessionsPurgeJob, catalogueSyncJob, expiryScanJob, lowStockJob];

export function findJob(name: string): JobDef | undefined {
  return jobs.find((j) => j.name === name);
}
