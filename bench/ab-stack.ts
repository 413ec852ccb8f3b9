/**
 * The stack's cost in CPU time, measured in one process (issue 16, goal 2): a bare express
 * "hello" app and the real app (`createApp`, in-memory database with the demo organisation,
 * log level `warn` as the bench's server) are served on loopback ports of this process, and a
 * keep-alive client in the same process sends sequential GETs. The figure is the process's CPU
 * time (`process.cpuUsage`, user + system) per request: client and server together, so the
 * client's share is the same in every row and differences between rows are the server's.
 * Rounds alternate between the routes; the median and the least round are reported, which makes
 * the figure far steadier than req/s on a shared machine (a process waiting for the CPU uses none;
 * the least round is the one other processes disturbed least).
 *
 *   npx tsx bench/ab-stack.ts [--rounds 10] [--requests 1000]
 *
 * Rows: `hello` (bare express), `hello + the security headers` (the headers every answer of the
 * server carries), `express + headers + session read` (what any authenticated answer must do,
 * auth-floor.ts: goal 2's floor), `health` (real app, anonymous, no SQL but the health check),
 * `no-op` (`GET /api/health/session` as a logged-in pharmacist: session, policy, validation,
 * logging, helmet, JSON: the bench's `baseline authenticated no-op`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import express from 'express';
import pino from 'pino';
import { migrate, openDb } from '../db/client';
import { DEMO_PASSWORD, seedDemo } from '../db/seed/demo';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { systemClock } from '../server/shared/clock';
import { answerHeaders, authFloorHandlers } from './auth-floor';
import { login } from './http';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '10' }, requests: { type: 'string', default: '1000' } },
});
const rounds = Number(values.rounds);
const perRound = Number(values.requests);

function listen(app: express.Express): Promise<http.Server> {
  const server = http.createServer(app);
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((ok, fail) => {
    http
      .get({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      })
      .on('error', fail);
  });
}

async function main() {
  const hello = express();
  hello.get('/hello', (_req, res) => {
    res.json({ hello: 'world' });
  });

  const db = openDb(':memory:');
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
  sessionFloor.get('/floor', ...authFloorHandlers(db.$client, config.sessionSecret));
  // hello with the same headers: what the headers alone cost, client and server.
  const helloHeaders = express();
  helloHeaders.get('/hello', answerHeaders(), (_req, res) => {
    res.json({ hello: 'world' });
  });

  const helloServer = await listen(hello);
  const floorServer = await listen(sessionFloor);
  const floorPort = (floorServer.address() as AddressInfo).port;
  const helloHeadersServer = await listen(helloHeaders);
  const helloHeadersPort = (helloHeadersServer.address() as AddressInfo).port;
  const appServer = await listen(app);
  const helloPort = (helloServer.address() as AddressInfo).port;
  const appPort = (appServer.address() as AddressInfo).port;
  const cookie = await login(`http://127.0.0.1:${appPort}`, 'pharmacien.bugeat@officoop.test', DEMO_PASSWORD);

  const rows: { name: string; port: number; path: string; headers: Record<string, string> }[] = [
    { name: 'hello (bare express)', port: helloPort, path: '/hello', headers: {} },
    { name: 'hello + the security headers', port: helloHeadersPort, path: '/hello', headers: {} },
    { name: 'express + headers + session read (the floor)', port: floorPort, path: '/floor', headers: { cookie } },
    { name: 'health (anonymous)', port: appPort, path: '/api/health', headers: {} },
    { name: 'no-op (GET /api/health/session)', port: appPort, path: '/api/health/session', headers: { cookie } },
  ];
  const samples = new Map<string, number[]>(rows.map((r) => [r.name, []]));
  for (const row of rows) {
    for (let i = 0; i < 300; i++) {
      const status = await get(row.port, row.path, row.headers);
      if (status !== 200) throw new Error(`${row.path} answered ${status}`);
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (const row of rows) {
      const before = process.cpuUsage();
      for (let i = 0; i < perRound; i++) await get(row.port, row.path, row.headers);
      const used = process.cpuUsage(before);
      samples.get(row.name)?.push((used.user + used.system) / perRound);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const helloUs = median(samples.get(rows[0]?.name ?? '') ?? []);
  const least = (xs: number[]) => Math.min(...xs);
  const helloMin = least(samples.get(rows[0]?.name ?? '') ?? []);
  console.log('| route | CPU µs per request (median round) | ÷ hello | least round | ÷ hello |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const us = median(samples.get(row.name) ?? []);
    const min = least(samples.get(row.name) ?? []);
    console.log(
      `| ${row.name} | ${Math.round(us)} | ${(helloUs / us).toFixed(2)} | ${Math.round(min)} | ${(helloMin / min).toFixed(2)} |`,
    );
  }
  agent.destroy();
  helloServer.close();
  floorServer.close();
  helloHeadersServer.close();
  appServer.close();
  db.$client.close();
}

await main();
