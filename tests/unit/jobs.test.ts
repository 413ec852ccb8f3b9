import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { migrate, openDb } from '../../db/client';
import { jobRuns } from '../../db/schema';
import { BACKUPS_KEPT, backupDatabase, backupJob, checkIntegrity } from '../../jobs/backup';
import { type JobDef, runJob } from '../../jobs/runner';
import { calendarPeriodKey as periodKey } from '../../jobs/schedule';
import { fixedClock } from '../../server/shared/clock';
import { createTestDb } from '../helpers/test-db';

const log = pino({ level: 'silent' });

function deps(now = '2026-11-23T05:00:00Z') {
  return { db: createTestDb(), clock: fixedClock(now), log, backupDir: '/nonexistent', dbPath: ':memory:' };
}

describe('job runner', () => {
  it('When a job runs twice in the same period, Then the second run is skipped', async () => {
    const d = deps();
    let runs = 0;
    const job: JobDef = { name: 'count', period: 'day', at: '06:00', run: () => String(++runs) };
    expect(await runJob(job, d)).toMatchObject({ status: 'succeeded', periodKey: '2026-11-23', summary: '1' });
    expect(await runJob(job, d)).toMatchObject({ status: 'skipped' });
    expect(runs).toBe(1);
    d.clock.advance(24 * 3_600_000);
    expect(await runJob(job, d)).toMatchObject({ status: 'succeeded', periodKey: '2026-11-24' });
    expect(runs).toBe(2);
  });

  it('When a job fails, Then the failure is recorded and the next attempt in that period runs', async () => {
    const d = deps();
    let fail = true;
    const job: JobDef = {
      name: 'flaky',
      period: 'day',
      at: '06:00',
      run: () => {
        if (fail) throw new Error('network down');
        return 'ok';
      },
    };
    expect(await runJob(job, d)).toMatchObject({ status: 'failed', error: 'network down' });
    expect(d.db.select().from(jobRuns).get()).toMatchObject({ outcome: 'failed', error: 'network down' });
    fail = false;
    expect(await runJob(job, d)).toMatchObject({ status: 'succeeded' });
    expect(d.db.select().from(jobRuns).all()).toHaveLength(1);
  });

  it('When the period is computed, Then it follows the Paris calendar, ISO weeks and DST', () => {
    // 23:30 UTC on 31 Dec is already 1 January in Paris; 28 Dec 2026 is in ISO week 53.
    expect(periodKey('day', new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(periodKey('week', new Date('2026-12-31T12:00:00Z'))).toBe('2026-W53');
    expect(periodKey('month', new Date('2026-10-31T23:30:00Z'))).toBe('2026-11');
    // The night of the spring-forward change (29 March 2026) stays one Paris day.
    expect(periodKey('day', new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(periodKey('day', new Date('2026-03-29T21:59:00Z'))).toBe('2026-03-29');
  });
});

describe('backup', () => {
  function fileDb() {
    const dir = mkdtempSync(join(tmpdir(), 'officoop-backup-'));
    const db = openDb(join(dir, 'officoop.sqlite'));
    migrate(db);
    return { db, dir };
  }

  it('When the backup job runs, Then a copy that passes the integrity check is written, once per day', async () => {
    const { db, dir } = fileDb();
    const backupDir = join(dir, 'backups');
    const d = { db, clock: fixedClock('2026-11-23T01:00:00Z'), log, backupDir, dbPath: join(dir, 'officoop.sqlite') };
    expect(await runJob(backupJob, d)).toMatchObject({ status: 'succeeded' });
    expect(await runJob(backupJob, d)).toMatchObject({ status: 'skipped' });
    const files = readdirSync(backupDir);
    expect(files).toEqual(['officoop-20261123-020000.sqlite']);
    expect(checkIntegrity(join(backupDir, files[0]!))).toBe('ok');
    const copy = openDb(join(backupDir, files[0]!));
    expect(copy.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({
      n: expect.any(Number),
    });
  });

  it('When more than 14 backups exist, Then only the newest 14 are kept', async () => {
    const { db, dir } = fileDb();
    const backupDir = join(dir, 'backups');
    const clock = fixedClock('2026-11-01T01:00:00Z');
    for (let day = 0; day < BACKUPS_KEPT + 3; day++) {
      await backupDatabase(db, backupDir, clock.now());
      clock.advance(24 * 3_600_000);
    }
    const files = readdirSync(backupDir).sort();
    expect(files).toHaveLength(BACKUPS_KEPT);
    expect(files[0]).toBe('officoop-20261104-020000.sqlite');
  });

  it('When a file is not a database, Then the integrity check does not pass', () => {
    const dir = mkdtempSync(join(tmpdir(), 'officoop-backup-'));
    const bogus = join(dir, 'bogus.sqlite');
    writeFileSync(bogus, 'not a database at all'.repeat(100));
    expect(() => checkIntegrity(bogus)).toThrow();
    expect(existsSync(bogus)).toBe(true);
  });
});
