import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { jobRuns } from '../../db/schema';
import { jobs } from '../../jobs/registry';
import {
  defineJob,
  type JobDef,
  type JobDeps,
  RETRY_FAILED_AFTER_MS,
  runDueJobs,
  runJob,
  STALE_RUNNING_MS,
  schedulerBaseline,
  startScheduler,
} from '../../jobs/runner';
import { dueInstant, type JobPeriod, latestDuePeriod, nextDuePeriod } from '../../jobs/schedule';
import { type FixedClock, fixedClock } from '../../server/shared/clock';
import { createTestDb } from '../helpers/test-db';

const log = pino({ level: 'silent' });
const MINUTE = 60_000;
/** The simulated server ticks every quarter of an hour (the real one every minute): four ticks inside the skipped or repeated hour. */
const TICK = 15 * MINUTE;

type Call = { job: string; key: string; at: string };

/** Every registered job with its body replaced by a recorder: what is tested is when it runs. */
function recorded(list: readonly JobDef[] = jobs) {
  const calls: Call[] = [];
  const fakes = list.map(
    (job): JobDef => ({
      ...job,
      run: (ctx, _deps, period) => {
        calls.push({ job: job.name, key: period.key, at: ctx.clock.now().toISOString() });
        return 'recorded';
      },
    }),
  );
  return { calls, fakes };
}

function deps(now: string): JobDeps & { clock: FixedClock } {
  return { db: createTestDb(), clock: fixedClock(now), log, backupDir: '/nonexistent', dbPath: ':memory:' };
}

/** A server up from `from` to `to`, ticking every TICK, as startScheduler does (baseline at start). */
async function serveBetween(d: ReturnType<typeof deps>, fakes: JobDef[], from: Date, to: Date, tick = TICK) {
  d.clock.set(from);
  const since = schedulerBaseline(d.db, d.clock.now());
  while (d.clock.now().getTime() <= to.getTime()) {
    await runDueJobs(fakes, d, { since });
    d.clock.advance(tick);
  }
}

/** Every period of a job whose due instant falls in [from, to]. */
function duePeriodsBetween(job: JobDef, from: Date, to: Date): JobPeriod[] {
  const out: JobPeriod[] = [];
  for (
    let p = nextDuePeriod(job, new Date(from.getTime() - 1));
    p.dueAt.getTime() <= to.getTime();
    p = nextDuePeriod(job, p.dueAt)
  )
    out.push(p);
  return out;
}

const DST_SUNDAYS = [
  // Spring forward: 02:00–03:00 does not exist. Window: all of March, ISO weeks W09–W13, 1 April.
  { day: '2027-03-28', week: '2027-W12', month: '2027-03', from: '2027-02-28T11:00:00Z', to: '2027-04-04T22:00:00Z' },
  // Fall back: 02:00–03:00 happens twice. Window: all of October, W39–W44, 1 November.
  { day: '2027-10-31', week: '2027-W43', month: '2027-10', from: '2027-09-26T10:00:00Z', to: '2027-11-07T23:00:00Z' },
];

describe('schedule', () => {
  it('When a due time falls in the skipped or the repeated hour, Then it is due once, after the gap or the first time', () => {
    const at = (time: string) => ({ period: 'day' as const, at: time });
    expect(dueInstant(at('02:00'), '2027-03-28').toISOString()).toBe('2027-03-28T01:00:00.000Z'); // 03:00 CEST
    expect(dueInstant(at('02:30'), '2027-03-28').toISOString()).toBe('2027-03-28T01:30:00.000Z'); // 03:30 CEST
    expect(dueInstant(at('02:00'), '2027-10-31').toISOString()).toBe('2027-10-31T00:00:00.000Z'); // first 02:00
    expect(dueInstant({ period: 'week', weekday: 7, at: '03:00' }, '2027-W12').toISOString()).toBe(
      '2027-03-28T01:00:00.000Z',
    );
    expect(dueInstant({ period: 'month', dayOfMonth: 1, at: '05:00' }, '2027-11').toISOString()).toBe(
      '2027-11-01T04:00:00.000Z',
    );
  });

  it('When the due time has not come yet, Then the period in force is the previous one', () => {
    const backup = { period: 'day' as const, at: '02:00' };
    expect(latestDuePeriod(backup, new Date('2027-03-28T00:59:00Z')).key).toBe('2027-03-27');
    expect(latestDuePeriod(backup, new Date('2027-03-28T01:00:00Z')).key).toBe('2027-03-28');
    const monthly = { period: 'month' as const, dayOfMonth: 1, at: '05:00' };
    expect(latestDuePeriod(monthly, new Date('2027-01-01T03:59:00Z')).key).toBe('2026-12');
    const weekly = { period: 'week' as const, weekday: 1, at: '06:00' };
    expect(latestDuePeriod(weekly, new Date('2027-01-04T04:59:00Z')).key).toBe('2026-W53');
  });

  it('When a job is defined with an impossible schedule or name, Then defineJob refuses it', () => {
    const run = () => 'x';
    expect(() => defineJob({ name: 'x', period: 'day', at: '24:00', run })).toThrow(/HH:mm/);
    expect(() => defineJob({ name: 'x', period: 'day', at: '2:00', run })).toThrow(/HH:mm/);
    expect(() => defineJob({ name: 'x', period: 'week', weekday: 0, at: '06:00', run })).toThrow(/weekday/);
    expect(() => defineJob({ name: 'x', period: 'month', dayOfMonth: 31, at: '06:00', run })).toThrow(/dayOfMonth/);
    expect(() => defineJob({ name: 'Weekly Orders', period: 'day', at: '06:00', run })).toThrow(/kebab/);
  });

  it('When the registry is read, Then every job is valid and its name unique', () => {
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(() => defineJob(job)).not.toThrow();
    expect(new Set(jobs.map((j) => j.name)).size).toBe(jobs.length);
  });
});

describe.each(DST_SUNDAYS)('every registered job around the DST Sunday $day', (dst) => {
  it('When the server runs through it, Then each job runs exactly once per period, at its due time', async () => {
    const { calls, fakes } = recorded();
    const from = new Date(dst.from);
    const to = new Date(dst.to);
    const d = deps(dst.from);
    await serveBetween(d, fakes, from, to);
    const lastTick = new Date(from.getTime() + Math.floor((to.getTime() - from.getTime()) / TICK) * TICK);
    for (const job of fakes) {
      const expected = duePeriodsBetween(job, from, lastTick);
      const mine = calls.filter((c) => c.job === job.name);
      expect(
        mine.map((c) => c.key),
        job.name,
      ).toEqual(expected.map((p) => p.key));
      mine.forEach((c, i) => {
        const late = Date.parse(c.at) - (expected[i] as JobPeriod).dueAt.getTime();
        expect(late, `${job.name} ${c.key}`).toBeGreaterThanOrEqual(0);
        expect(late, `${job.name} ${c.key}`).toBeLessThan(TICK);
      });
      const dstKey = job.period === 'day' ? dst.day : job.period === 'week' ? dst.week : dst.month;
      expect(
        mine.filter((c) => c.key === dstKey),
        `${job.name} ${dstKey}`,
      ).toHaveLength(1);
    }
    expect(
      d.db
        .select()
        .from(jobRuns)
        .all()
        .every((r) => r.outcome === 'succeeded'),
    ).toBe(true);
  });

  it('When the server is down over a due time, Then the job runs once at the next start, not again before its next due time', async () => {
    for (const job of jobs) {
      const { calls, fakes } = recorded([job]);
      const sunday = latestDuePeriod(job, new Date(`${dst.day}T21:00:00Z`)); // the period in force that evening
      const missed = job.period === 'day' ? sunday : nextDuePeriod(job, new Date(`${dst.day}T00:00:00Z`));
      const previous = latestDuePeriod(job, new Date(missed.dueAt.getTime() - 1));
      const d = deps(previous.dueAt.toISOString());
      // Up at the previous due time (it ran), then stopped a minute before the missed one.
      await serveBetween(d, fakes, previous.dueAt, new Date(previous.dueAt.getTime() + 10 * MINUTE));
      await serveBetween(
        d,
        fakes,
        new Date(missed.dueAt.getTime() - 20 * MINUTE),
        new Date(missed.dueAt.getTime() - MINUTE),
      );
      expect(
        calls.map((c) => c.key),
        job.name,
      ).toEqual([previous.key]);
      // Started again two hours after the due time: the missed period runs at once, then nothing.
      const restart = new Date(missed.dueAt.getTime() + 2 * 60 * MINUTE);
      const next = nextDuePeriod(job, restart);
      await serveBetween(d, fakes, restart, new Date(next.dueAt.getTime() - MINUTE));
      expect(
        calls.map((c) => c.key),
        job.name,
      ).toEqual([previous.key, missed.key]);
      expect(calls[1]?.at, job.name).toBe(restart.toISOString());
    }
  });
});

describe('catch-up rules', () => {
  const daily = (run: JobDef['run']): JobDef => ({ name: 'daily', period: 'day', at: '06:00', run });

  it('When the server was down for ten days, Then a daily job runs once for the latest day, not ten times', async () => {
    const { calls, fakes } = recorded([daily(() => 'x')]);
    const d = deps('2027-03-20T05:00:00Z');
    await serveBetween(d, fakes, new Date('2027-03-20T05:00:00Z'), new Date('2027-03-20T06:00:00Z'));
    await serveBetween(d, fakes, new Date('2027-03-30T12:00:00Z'), new Date('2027-03-31T03:00:00Z'));
    expect(calls.map((c) => c.key)).toEqual(['2027-03-20', '2027-03-30']);
  });

  it('When a database has never recorded a run, Then the first start does not catch up periods due before it', async () => {
    const { calls, fakes } = recorded([daily(() => 'x')]);
    const d = deps('2027-03-20T12:00:00Z');
    await serveBetween(d, fakes, new Date('2027-03-20T12:00:00Z'), new Date('2027-03-21T05:30:00Z'));
    expect(calls.map((c) => c.key)).toEqual(['2027-03-21']);
  });

  it('When a run fails, Then the scheduler tries the period again after the retry delay, and stops once it succeeds', async () => {
    let attempts = 0;
    const job = daily(() => {
      attempts++;
      if (attempts < 3) throw new Error('network down');
      return 'ok';
    });
    const d = deps('2027-03-28T04:00:00Z'); // 06:00 CEST, the due time
    const attemptsAt = () => d.db.select().from(jobRuns).get()?.startedAt;
    await serveBetween(d, [job], new Date('2027-03-28T04:00:00Z'), new Date('2027-03-28T04:25:00Z'), 5 * MINUTE);
    expect(attempts).toBe(1);
    await serveBetween(d, [job], new Date('2027-03-28T04:25:00Z'), new Date('2027-03-28T12:00:00Z'), 5 * MINUTE);
    expect(attempts).toBe(3);
    expect(attemptsAt()).toBe(new Date(Date.parse('2027-03-28T04:00:00Z') + 2 * RETRY_FAILED_AFTER_MS).toISOString());
    expect(d.db.select().from(jobRuns).all()).toEqual([
      expect.objectContaining({ periodKey: '2027-03-28', outcome: 'succeeded', summary: 'ok', error: null }),
    ]);
  });

  it('When a run was interrupted (still "running" long after it started), Then it is run again; a live one is not', async () => {
    const { calls, fakes } = recorded([daily(() => 'x')]);
    const d = deps('2027-03-28T05:00:00Z');
    d.db
      .insert(jobRuns)
      .values({ job: 'daily', periodKey: '2027-03-28', startedAt: '2027-03-28T05:00:00.000Z', outcome: 'running' })
      .run();
    d.clock.set(new Date(Date.parse('2027-03-28T05:00:00Z') + STALE_RUNNING_MS - MINUTE));
    await runDueJobs(fakes, d);
    expect(calls).toEqual([]);
    d.clock.advance(MINUTE);
    await runDueJobs(fakes, d);
    expect(calls.map((c) => c.key)).toEqual(['2027-03-28']);
  });

  it('When a job is run by hand, Then it covers the period in force; --force runs it again', async () => {
    const { calls, fakes } = recorded([daily(() => 'x')]);
    const job = fakes[0] as JobDef;
    const d = deps('2027-03-28T04:59:00Z'); // 06:59 Paris: today's 06:00 has passed
    expect(await runJob(job, d)).toMatchObject({ status: 'succeeded', periodKey: '2027-03-28' });
    expect(await runJob(job, d)).toMatchObject({ status: 'skipped', periodKey: '2027-03-28' });
    expect(await runJob(job, d, { force: true })).toMatchObject({ status: 'succeeded', periodKey: '2027-03-28' });
    await runDueJobs(fakes, d);
    expect(calls).toHaveLength(2);
  });

  it('When the scheduler starts, Then it catches up at once and stop() waits for the job in progress', async () => {
    let finish: () => void = () => {};
    const started: string[] = [];
    const job = daily(async (_ctx, _deps, period) => {
      started.push(period.key);
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return 'done';
    });
    const d = deps('2027-03-27T05:00:00Z');
    const before = recorded([job]).fakes[0] as JobDef;
    await runJob(before, d); // 27 March ran, so the start-up owes the missed 28 March
    d.clock.set('2027-03-28T09:00:00Z');
    const stop = startScheduler([job], d, { tickCron: '* * * * * *' });
    await expect.poll(() => started).toEqual(['2027-03-28']);
    const stopping = stop();
    let stopped = false;
    void stopping.then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(
      d.db
        .select()
        .from(jobRuns)
        .all()
        .map((r) => [r.periodKey, r.outcome]),
    ).toEqual([
      ['2027-03-27', 'succeeded'],
      ['2027-03-28', 'succeeded'],
    ]);
  });
});
