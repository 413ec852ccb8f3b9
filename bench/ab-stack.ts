/**
 * The stack's cost in CPU time (issue 16, goal 2), measured as cpu-ab.ts does (CPU µs per request,
 * client and server in one process, rounds alternating between the routes, median and least
 * round): a bare express "hello" app and the real app (`createApp`, log level `warn` as the bench's
 * server) on a file database in WAL mode with the demo organisation, as the server runs: on an
 * in-memory one the session's freshness check (`PRAGMA data_version`) takes no file lock and the
 * floor and the no-op would both read ~5 µs cheaper than they are.
 *
 *   npx tsx bench/ab-stack.ts [--rounds 10] [--requests 1000] [--sets 1] [--per-request]
 *
 * Each route is served afresh for each of `--sets` sets of rounds (measureCpuOnFreshServers);
 * `--per-request`: the routes take turns request by request and a round's figure is its median
 * request (measureCpuPerRequest, bench/README.md fifteenth pass).
 *
 * Rows: `hello` (bare express), `hello + the security headers` (the headers every answer of the
 * server carries), `express + headers + session read` (what any authenticated answer must do,
 * auth-floor.ts: goal 2's floor), `health` (real app, anonymous, no SQL but the health check),
 * `no-op` (`GET /api/health/session` as a logged-in pharmacist: session, policy, validation,
 * logging, helmet, JSON: the bench's `baseline authenticated no-op`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import express from 'express';
import pino from 'pino';
import { migrate, openDb } from '../db/client';
import { DEMO_PASSWORD, seedDemo } from '../db/seed/demo';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { systemClock } from '../server/shared/clock';
import { answerHeaders, authFloorHandlers } from './auth-floor';
import { type AppRoute, closeClient, leastRound, listen, measureCpuOnFreshServers, medianRound } from './cpu-ab';
import { login } from './http';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '10' },
    requests: { type: 'string', default: '1000' },
    sets: { type: 'string', default: '1' },
    'per-request': { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const perRound = Number(values.requests);

async function main() {
  // No ETag on any route, as the server sends none (baseline-server.ts).
  const hello = express();
  hello.set('etag', false);
  hello.get('/hello', (_req, res) => {
    res.json({ hello: 'world' });
  });

  const dir = mkdtempSync(join(tmpdir(), 'officoop-ab-stack-'));
  const db = openDb(join(dir, 'ab-stack.sqlite'));
  migrate(db);
  await seedDemo(db, new Date(), { domainData: false });
  const config = loadConfig(
    { SESSION_SECRET: 'bench-ab-stack-secret-0123456789abcdefgh', LOG_LEVEL: 'warn' },
    { demo: false },
  );
  const app = createApp({ db, clock: systemClock, config, log: pino({ level: 'warn' }), startedAt: new Date() });

  // The least an authenticated API answer can do on express (auth-floor.ts): the server's
  // security headers, the cookie's HMAC, the session and user row. The floor of goal 2.
  const sessionFloor = express();
  sessionFloor.set('etag', false);
  sessionFloor.get('/floor', ...authFloorHandlers(db.$client, config.sessionSecret));
  // hello with the same headers: what the headers alone cost, client and server.
  const helloHeaders = express();
  helloHeaders.set('etag', false);
  helloHeaders.get('/hello', answerHeaders(), (_req, res) => {
    res.json({ hello: 'world' });
  });

  // The app's own listener is for logging in; every measure serves each app afresh per set.
  const appServer = await listen(app);
  const cookie = await login(`http://127.0.0.1:${appServer.port}`, 'pharmacien.bugeat@officoop.test', DEMO_PASSWORD);

  const rows: AppRoute[] = [
    { name: 'hello (bare express)', app: hello, path: '/hello', headers: {} },
    { name: 'hello + the security headers', app: helloHeaders, path: '/hello', headers: {} },
    { name: 'express + headers + session read (the floor)', app: sessionFloor, path: '/floor', headers: { cookie } },
    { name: 'health (anonymous)', app, path: '/api/health', headers: {} },
    { name: 'no-op (GET /api/health/session)', app, path: '/api/health/session', headers: { cookie } },
  ];
  const samples = await measureCpuOnFreshServers(rows, {
    rounds,
    requests: perRound,
    sets: Number(values.sets),
    perRequest: values['per-request'],
  });
  const helloUs = medianRound(samples.get(rows[0]?.name ?? '') ?? []);
  const helloMin = leastRound(samples.get(rows[0]?.name ?? '') ?? []);
  console.log('| route | CPU µs per request (median round) | ÷ hello | least round | ÷ hello |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const us = medianRound(samples.get(row.name) ?? []);
    const min = leastRound(samples.get(row.name) ?? []);
    console.log(
      `| ${row.name} | ${Math.round(us)} | ${(helloUs / us).toFixed(2)} | ${Math.round(min)} | ${(helloMin / min).toFixed(2)} |`,
    );
  }
  closeClient();
  appServer.server.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
