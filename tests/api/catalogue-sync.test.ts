import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueSyncJob } from '../../jobs/catalogue-sync';
import { findJob } from '../../jobs/registry';
import { runJob } from '../../jobs/runner';
import { bdpmBaseUrl, DEFAULT_BDPM_BASE_URL } from '../../server/catalogue/catalogue-sync.usecases';
import { fixedClock } from '../../server/shared/clock';
import { createTestDb } from '../helpers/test-db';

/** The real ANSM files: CI clones the repository with shared/ beside it. */
const BDPM_DIR = join(import.meta.dirname, '../../../shared/data/bdpm');
const PRESENTATION_ROWS = 20_874;

/**
 * Serves the BDPM folder like the ANSM site. The first path segment picks a behaviour for
 * CIS_CIP_bdpm.txt: `ok`, `error` (HTTP 500), `cut` (connection closed after half of the
 * announced length) or `short` (a body cut mid-line that ends cleanly, no length announced).
 */
function startBdpmServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const [, mode, file] = (req.url ?? '').split('/');
    const path = join(BDPM_DIR, file ?? '');
    if (!file || !/^CIS_[A-Z_]*bdpm\.txt$/.test(file) || !existsSync(path)) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = readFileSync(path);
    const broken = file === 'CIS_CIP_bdpm.txt' ? mode : 'ok';
    if (broken === 'error') {
      res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Erreur interne</h1>');
    } else if (broken === 'cut') {
      res.writeHead(200, { 'content-length': body.byteLength });
      res.write(body.subarray(0, body.byteLength / 2), () => res.destroy());
    } else if (broken === 'short') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(body.subarray(0, Math.floor(body.byteLength / 2) + 7));
    } else {
      res.writeHead(200, { 'content-length': body.byteLength }).end(body);
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('catalogue-sync job', () => {
  let server: Server;
  let base: string;
  const savedUrl = process.env.BDPM_BASE_URL;

  beforeAll(async () => {
    expect(existsSync(join(BDPM_DIR, 'CIS_CIP_bdpm.txt')), `BDPM files expected in ${BDPM_DIR}`).toBe(true);
    server = await startBdpmServer();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    process.env.BDPM_BASE_URL = savedUrl;
    await new Promise((resolve) => server.close(resolve));
  });

  function deps(now = '2026-11-22T02:00:00.000Z') {
    const db = createTestDb();
    return {
      db,
      clock: fixedClock(now),
      log: pino({ level: 'silent' }),
      backupDir: '/nonexistent',
      dbPath: ':memory:',
    };
  }
  const count = (db: ReturnType<typeof createTestDb>, table: string) =>
    (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const snapshot = (db: ReturnType<typeof createTestDb>) =>
    db.$client
      .prepare('SELECT count(*) AS n, sum(active) AS active, max(updated_at) AS at FROM catalogue_presentations')
      .get();

  it('When registered, Then it runs weekly on Sunday at 03:00 and defaults to the ANSM address', () => {
    expect(findJob('catalogue-sync')).toMatchObject({ period: 'week', weekday: 7, at: '03:00' });
    expect(bdpmBaseUrl({})).toBe(DEFAULT_BDPM_BASE_URL);
    expect(bdpmBaseUrl({ BDPM_BASE_URL: 'http://127.0.0.1:9/files/' })).toBe('http://127.0.0.1:9/files/');
    expect(() => bdpmBaseUrl({ BDPM_BASE_URL: 'not a url' })).toThrow();
  });

  it('When the files download, Then the job imports every presentation; run again by hand, nothing changes', async () => {
    const d = deps();
    process.env.BDPM_BASE_URL = `${base}/ok/`;
    const outcome = await runJob(catalogueSyncJob, d);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'succeeded', periodKey: '2026-W47' });
    expect(outcome.status === 'succeeded' && outcome.summary).toMatch(/^\d+ inserted, 0 updated, 0 deactivated/);
    expect(count(d.db, 'catalogue_presentations')).toBe(PRESENTATION_ROWS);
    expect(await runJob(catalogueSyncJob, d)).toMatchObject({ status: 'skipped' });
    expect(await runJob(catalogueSyncJob, d, { force: true })).toMatchObject({
      status: 'succeeded',
      summary: 'nothing changed',
    });
  }, 30_000);

  it.each([
    ['answers HTTP 500', 'error', /HTTP 500/],
    ['closes the connection half-way', 'cut', /was cut off/],
    ['sends a body cut mid-line', 'short', /truncated last line/],
  ])('When the server %s, Then the job fails and the catalogue is left as it was', async (_what, mode, error) => {
    const d = deps();
    process.env.BDPM_BASE_URL = `${base}/${mode}/`;
    const outcome = await runJob(catalogueSyncJob, d);
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(error) });
    for (const table of ['catalogue_specialities', 'catalogue_presentations', 'catalogue_compositions']) {
      expect(count(d.db, table), table).toBe(0);
    }
    expect(d.db.$client.prepare("SELECT outcome FROM job_runs WHERE job = 'catalogue-sync'").pluck().get()).toBe(
      'failed',
    );
  });

  it('When a later download breaks, Then the catalogue imported before stays exactly as it was', async () => {
    const d = deps();
    process.env.BDPM_BASE_URL = `${base}/ok/`;
    await runJob(catalogueSyncJob, d);
    const before = snapshot(d.db);
    d.clock.advance(7 * 24 * 3600_000);
    process.env.BDPM_BASE_URL = `${base}/short/`;
    expect(await runJob(catalogueSyncJob, d)).toMatchObject({ status: 'failed' });
    expect(snapshot(d.db)).toEqual(before);
  }, 30_000);
});
