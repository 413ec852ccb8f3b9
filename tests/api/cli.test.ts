import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { migrate, openDb } from '../../db/client';
import { seedDemo } from '../../db/seed/demo';
import { createApp } from '../../server/app';
import { fixedClock } from '../../server/shared/clock';
import { testConfig } from '../helpers/test-app';

const run = promisify(execFile);
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');

/** Writes a file and returns its path. */
function writeText(path: string, text: string) {
  writeFileSync(path, text);
  return path;
}

function tempEnv() {
  const dir = mkdtempSync(join(tmpdir(), 'officoop-cli-'));
  return {
    dir,
    env: {
      ...process.env,
      DB_PATH: join(dir, 'officoop.sqlite'),
      BACKUP_DIR: join(dir, 'backups'),
      LOG_LEVEL: 'silent',
    },
  };
}

describe('command-line tools', () => {
  it('When `npm run job -- backup` runs twice on a day, Then one verified backup is written and the second run says skipped', async () => {
    const { dir, env } = tempEnv();
    const first = await run(tsx, ['jobs/cli.ts', 'backup'], { env });
    expect(first.stdout).toMatch(/backup \d{4}-\d{2}-\d{2}: succeeded — wrote .*integrity ok/);
    const second = await run(tsx, ['jobs/cli.ts', 'backup'], { env });
    expect(second.stdout).toMatch(/skipped \(already succeeded/);
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
  });

  it('When an unknown job is named, Then the usage lists the jobs and the exit code is 2', async () => {
    const { env } = tempEnv();
    await expect(run(tsx, ['jobs/cli.ts', 'nope'], { env })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/jobs: .*backup/),
    });
  });

  it('When restore is asked while a server uses the database, Then it refuses and changes nothing', async () => {
    const { env } = tempEnv();
    await run(tsx, ['jobs/cli.ts', 'backup'], { env });
    const backup = join(env.BACKUP_DIR, readdirSync(env.BACKUP_DIR)[0]!);
    writeFileSync(`${env.DB_PATH}.pid`, String(process.pid));
    await expect(run(tsx, ['db/restore-cli.ts', backup], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Refusing to restore: a server/),
    });
  });

  it.each([
    ['a text file', 'not a database', (dir: string) => writeText(join(dir, 'notes.txt'), 'hello, not sqlite\n')],
    ['an empty file', 'not an Officoop database', (dir: string) => writeText(join(dir, 'empty.sqlite'), '')],
    ['a folder', 'not a file', (dir: string) => dir],
  ])(
    'When restore is given %s, Then it refuses in one readable line and changes nothing',
    async (_name, reason, make) => {
      const { dir, env } = tempEnv();
      await run(tsx, ['jobs/cli.ts', 'backup'], { env });
      const before = readFileSync(env.DB_PATH);
      const err = await run(tsx, ['db/restore-cli.ts', make(dir)], { env }).catch((e) => e);
      expect(err.code).toBe(1);
      expect(err.stderr.trim().split('\n')).toHaveLength(1);
      expect(err.stderr).toMatch(new RegExp(`Refusing to restore: .*${reason}`));
      expect(readFileSync(env.DB_PATH).equals(before)).toBe(true);
    },
  );

  it('When restore targets a folder that does not exist, Then it refuses in one readable line', async () => {
    const { env } = tempEnv();
    await run(tsx, ['jobs/cli.ts', 'backup'], { env });
    const backup = join(env.BACKUP_DIR, readdirSync(env.BACKUP_DIR)[0]!);
    const missing = join(env.BACKUP_DIR, 'no-such-folder', 'officoop.sqlite');
    const err = await run(tsx, ['db/restore-cli.ts', backup], { env: { ...env, DB_PATH: missing } }).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr.trim().split('\n')).toHaveLength(1);
    expect(err.stderr).toMatch(/Refusing to restore: the folder .* does not exist/);
  });

  it('When the first admin is created, Then a generated password is printed once and works', async () => {
    const { env } = tempEnv();
    const out = await run(tsx, ['server/users/user-create-cli.ts', '--email', 'Coord@Officoop.fr', '--role', 'admin'], {
      env,
    });
    const password = /Password \(shown once, give it to the user\): (\S+)/.exec(out.stdout)?.[1];
    expect(password).toBeTruthy();
    const db = openDb(env.DB_PATH);
    migrate(db);
    const clock = fixedClock(new Date().toISOString());
    const app = createApp({ db, clock, config: testConfig(), log: pino({ level: 'silent' }), startedAt: clock.now() });
    const login = await request(app).post('/api/auth/login').send({ email: 'coord@officoop.fr', password });
    expect(login.status).toBe(200);
    expect(login.body.role).toBe('admin');
  });

  it('When a pharmacist is created without a pharmacy, Then the command refuses', async () => {
    const { env } = tempEnv();
    const db = openDb(env.DB_PATH);
    migrate(db);
    await seedDemo(db);
    db.$client.close();
    await expect(
      run(tsx, ['server/users/user-create-cli.ts', '--email', 'new@officoop.fr', '--role', 'pharmacist'], { env }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/--pharmacy SLUG/) });
  });
});
