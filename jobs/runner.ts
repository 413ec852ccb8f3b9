import { and, eq } from 'drizzle-orm';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Db } from '../db/client';
import { jobRuns } from '../db/schema';
import { type Ctx, systemActor } from '../server/http/context';
import type { Clock } from '../server/shared/clock';
import { isoWeek, PARIS, parisDate, parisMonth } from '../server/shared/dates';

export type JobDeps = { db: Db; clock: Clock; log: Logger; backupDir: string; dbPath: string };

export type JobDef = {
  name: string;
  /** node-cron expression, read in Europe/Paris wall-clock time. */
  cron: string;
  /** The period a run covers: a job runs at most once per period. */
  period: 'day' | 'week' | 'month';
  run: (ctx: Ctx, deps: JobDeps) => Promise<string | undefined> | string | undefined;
};

export type JobOutcome =
  | { status: 'succeeded'; periodKey: string; summary?: string }
  | { status: 'skipped'; periodKey: string; reason: string }
  | { status: 'failed'; periodKey: string; error: string };

export function periodKey(period: JobDef['period'], now: Date): string {
  if (period === 'day') return parisDate(now);
  if (period === 'week') return isoWeek(now);
  return parisMonth(now);
}

/**
 * Claims (job, period) in job_runs, runs the job as the system actor and records the outcome.
 * A period already succeeded or still running is skipped; a failed one may be tried again.
 */
export async function runJob(job: JobDef, deps: JobDeps, opts: { force?: boolean } = {}): Promise<JobOutcome> {
  const now = deps.clock.now();
  const key = periodKey(job.period, now);
  const claim = deps.db.transaction(
    () => {
      const existing = deps.db
        .select()
        .from(jobRuns)
        .where(and(eq(jobRuns.job, job.name), eq(jobRuns.periodKey, key)))
        .get();
      if (existing && !opts.force && existing.outcome !== 'failed') {
        return { skip: `already ${existing.outcome} for ${key}` };
      }
      const row = { job: job.name, periodKey: key, startedAt: now.toISOString(), outcome: 'running' as const };
      if (existing) {
        deps.db
          .update(jobRuns)
          .set({ ...row, finishedAt: null, error: null, summary: null })
          .where(eq(jobRuns.id, existing.id))
          .run();
        return { id: existing.id };
      }
      return { id: deps.db.insert(jobRuns).values(row).returning().get().id };
    },
    { behavior: 'immediate' },
  );
  if ('skip' in claim) return { status: 'skipped', periodKey: key, reason: claim.skip as string };

  const ctx: Ctx = { db: deps.db, clock: deps.clock, actor: systemActor(job.name), log: deps.log };
  try {
    const summary = (await job.run(ctx, deps)) ?? undefined;
    deps.db
      .update(jobRuns)
      .set({ outcome: 'succeeded', finishedAt: deps.clock.now().toISOString(), summary: summary ?? null })
      .where(eq(jobRuns.id, claim.id))
      .run();
    return { status: 'succeeded', periodKey: key, summary };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.db
      .update(jobRuns)
      .set({ outcome: 'failed', finishedAt: deps.clock.now().toISOString(), error: message })
      .where(eq(jobRuns.id, claim.id))
      .run();
    deps.log.error({ err, job: job.name, periodKey: key }, 'job failed');
    return { status: 'failed', periodKey: key, error: message };
  }
}

/** Schedules every job in Paris time; returns a stop function for graceful shutdown. */
export function registerJobs(jobs: JobDef[], deps: JobDeps): () => Promise<void> {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.cron,
      async () => {
        const outcome = await runJob(job, deps);
        deps.log.info({ job: job.name, outcome }, 'scheduled job finished');
      },
      { timezone: PARIS, name: job.name, noOverlap: true },
    ),
  );
  return async () => {
    await Promise.all(tasks.map((t) => t.stop()));
  };
}
