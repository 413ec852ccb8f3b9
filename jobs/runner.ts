import { and, eq, min } from 'drizzle-orm';
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Db } from '../db/client';
import { jobRuns } from '../db/schema';
import { statement } from '../db/statements';
import { type Ctx, systemActor } from '../server/http/context';
import type { Clock } from '../server/shared/clock';
import { PARIS } from '../server/shared/dates';
import { type JobPeriod, type JobWhen, latestDuePeriod, scheduleProblem } from './schedule';

export type { JobPeriod, JobWhen } from './schedule';

export type JobDeps = { db: Db; clock: Clock; log: Logger; backupDir: string; dbPath: string };

/**
 * A scheduled job (SPEC §9): a name, when it is due (period + Paris wall-clock time, see
 * JobWhen) and what it does. `run` gets the system actor's ctx, the deps, and the period it
 * covers (`period.key`, `period.dueAt`): a job that works on "its" day/week/month reads it from
 * there rather than from the clock, so a late catch-up run still does the right period.
 * Returns a one-line summary for job_runs; throwing records the run as failed.
 */
export type JobDef = JobWhen & {
  name: string;
  run: (ctx: Ctx, deps: JobDeps, period: JobPeriod) => Promise<string | undefined> | string | undefined;
};

/** Checks a job's name and schedule and returns it; throws at import time on a mistake. */
export function defineJob<J extends JobDef>(job: J): J {
  if (!/^[a-z][a-z0-9-]*$/.test(job.name)) throw new Error(`job name must be kebab-case: ${JSON.stringify(job.name)}`);
  const problem = scheduleProblem(job);
  if (problem) throw new Error(`job ${job.name}: ${problem}`);
  return job;
}

export type JobOutcome =
  | { status: 'succeeded'; periodKey: string; summary?: string }
  | { status: 'skipped'; periodKey: string; reason: string }
  | { status: 'failed'; periodKey: string; error: string };

/** A run still marked `running` after this long was interrupted (process killed): it may be claimed again. */
export const STALE_RUNNING_MS = 60 * 60_000;
/** The scheduler tries a failed period again this long after the failure (a job is never retried in a tight loop). */
export const RETRY_FAILED_AFTER_MS = 30 * 60_000;

type RunRow = typeof jobRuns.$inferSelect;

const findRun = (db: Db, job: string, key: string): RunRow | undefined =>
  db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.periodKey, key)))
    .get();

const isLive = (row: Pick<RunRow, 'outcome' | 'startedAt'>, now: Date) =>
  row.outcome === 'running' && now.getTime() - Date.parse(row.startedAt) < STALE_RUNNING_MS;

/**
 * Claims (job, period) in job_runs, runs the job as the system actor and records the outcome.
 * The period defaults to the one in force now (latestDuePeriod: the latest due instant that has
 * passed). A period already succeeded, or still running, is skipped unless `force`; a failed
 * (or interrupted) one is run again.
 */
export async function runJob(
  job: JobDef,
  deps: JobDeps,
  opts: { force?: boolean; period?: JobPeriod } = {},
): Promise<JobOutcome> {
  const now = deps.clock.now();
  const period = opts.period ?? latestDuePeriod(job, now);
  const key = period.key;
  const claim = deps.db.transaction(
    () => {
      const existing = findRun(deps.db, job.name, key);
      if (existing && !opts.force && (existing.outcome === 'succeeded' || isLive(existing, now))) {
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
    const summary = (await job.run(ctx, deps, period)) ?? undefined;
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

/**
 * Since when the scheduler owes runs: the first run ever recorded in job_runs, or `now` on a
 * database that has none (a fresh install or a demo does not start by catching up periods that
 * were due before any server ran on it; from then on every missed period is owed).
 */
export function schedulerBaseline(db: Db, now: Date): Date {
  const first = db
    .select({ at: min(jobRuns.startedAt) })
    .from(jobRuns)
    .get()?.at;
  return first ? new Date(first) : now;
}

/** True when the job owes a run for `period`: nothing recorded, or a failure old enough to retry, or an interrupted run. */
function owesRun(db: Db, job: JobDef, period: JobPeriod, now: Date, since?: Date): boolean {
  if (since && period.dueAt.getTime() < since.getTime()) return false;
  // Every tick asks this for every job: a statement prepared once.
  const row = statement(
    db,
    'SELECT outcome, started_at AS startedAt, finished_at AS finishedAt FROM job_runs WHERE job = ? AND period_key = ?',
  ).get(job.name, period.key) as Pick<RunRow, 'outcome' | 'startedAt' | 'finishedAt'> | undefined;
  if (!row) return true;
  if (row.outcome === 'succeeded' || isLive(row, now)) return false;
  if (row.outcome === 'failed')
    return now.getTime() - Date.parse(row.finishedAt ?? row.startedAt) >= RETRY_FAILED_AFTER_MS;
  return true;
}

/**
 * One scheduler tick: runs, one after the other, every job whose period in force is due and has
 * no successful run in job_runs (catch-up included: a DST-skipped hour or a server down at the
 * due time is run at the first tick after it). Only the latest period is owed: a server down
 * for ten days runs each daily job once, not ten times. Periods due before `since` (see
 * schedulerBaseline) are not owed. Returns what ran.
 */
export async function runDueJobs(
  jobs: readonly JobDef[],
  deps: JobDeps,
  opts: { since?: Date } = {},
): Promise<{ job: string; outcome: JobOutcome }[]> {
  const ran: { job: string; outcome: JobOutcome }[] = [];
  for (const job of jobs) {
    const now = deps.clock.now();
    const period = latestDuePeriod(job, now);
    if (!owesRun(deps.db, job, period, now, opts.since)) continue;
    ran.push({ job: job.name, outcome: await runJob(job, deps, { period }) });
  }
  return ran;
}

/**
 * Starts the in-server scheduler: one tick at once (start-up catch-up), then one every minute
 * through node-cron in Europe/Paris (`tickCron` overrides the expression, e.g. every second).
 * Ticks never overlap. Independent of the process's time zone and of timers firing on time:
 * what is due is read from the clock and job_runs at each tick.
 * Returns a stop function that waits for a tick in progress (graceful shutdown).
 */
export function startScheduler(
  jobs: readonly JobDef[],
  deps: JobDeps,
  opts: { tickCron?: string } = {},
): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const since = schedulerBaseline(deps.db, deps.clock.now());
  const tick = () => {
    if (running || stopped) return;
    running = runDueJobs(jobs, deps, { since })
      .then((ran) => {
        for (const r of ran) deps.log.info({ job: r.job, outcome: r.outcome }, 'scheduled job finished');
      })
      .catch((err) => deps.log.error({ err }, 'scheduler tick failed'))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  // node-cron only wakes the scheduler: what is due is read from the clock and job_runs, so a
  // tick node-cron skips or repeats around a DST change loses or doubles nothing.
  const timer = cron.schedule(opts.tickCron ?? '* * * * *', tick, { timezone: PARIS, name: 'officoop-scheduler' });
  return async () => {
    stopped = true;
    await timer.destroy();
    await running;
  };
}
