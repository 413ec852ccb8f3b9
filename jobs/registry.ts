import { backupJob } from './backup';
import type { JobDef } from './runner';

/** Every scheduled job (SPEC §9), one line each. */
export const jobs: JobDef[] = [backupJob];

export function findJob(name: string): JobDef | undefined {
  return jobs.find((j) => j.name === name);
}
