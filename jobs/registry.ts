import { backupJob } from './backup';
import type { JobDef } from './runner';
import { sessionsPurgeJob } from './sessions-purge';

/** Every scheduled job (SPEC §9), one line each. */
export const jobs: JobDef[] = [backupJob, sessionsPurgeJob];

export function findJob(name: string): JobDef | undefined {
  return jobs.find((j) => j.name === name);
}
