import { sql } from 'drizzle-orm';
import { check, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant } from '../columns';

export const JOB_OUTCOMES = ['running', 'succeeded', 'failed'] as const;

/** One row per (job, period): the claim that makes every job idempotent per period. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: id(),
    job: text('job').notNull(),
    periodKey: text('period_key').notNull(),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    outcome: text('outcome', { enum: JOB_OUTCOMES }).notNull(),
    summary: text('summary'),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('job_runs_job_period_unique').on(t.job, t.periodKey),
    check('job_runs_outcome_valid', sql`${t.outcome} IN ('running', 'succeeded', 'failed')`),
  ],
);
