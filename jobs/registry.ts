import { backupJob } from './backup';
import { catalogueSyncJob } from './catalogue-sync';
import type { JobDef } from './runner';
import { sessionsPurgeJob } from './sessions-purge';

/** Every scheduled job (SPEC §9), one line each. */
export const jobs: JobDef[] = [backupJob, sessionsPurgeJob, catalogueSyncJob];

export function findJob(name: string): JobDef | undefined {
  return jobs.find((j) => j.name === name);
}
