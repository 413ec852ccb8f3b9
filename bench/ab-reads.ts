/**
 * Goal 2 of issue 16 in CPU time: every read endpoint of `npm run bench` against its same SQL
 * (the "baseline <endpoint>" floor), measured as cpu-ab.ts does, in one process. The small-scale
 * bench database is built in a temp folder, each read's statements are captured as the bench
 * captures them (sql-capture.ts), and two apps serve that database: the real app (`createApp`,
 * log level `warn` as the bench's server) and a bare express route replaying each endpoint's SQL.
 * Each row alternates the endpoint with its floor, round after round, and reports the CPU µs per
 * request of both and floor ÷ endpoint (goal 2: ≥ 0.7), for the median and the least round.
 *
 * A third route splits the endpoint's cost in two: "the use case", a bare express app with the
 * same route dispatcher (validation, the use case, the JSON answer) and the actor resolved once
 * per cookie, without the stack around it (request log, security headers, body and origin
 * checks, the session's look-up). Use case ÷ endpoint is the stack's share of a read; same SQL ÷
 * use case is what the use case does beyond its SQL (a report's arithmetic, a calendar's time).
 * A fourth route bounds the ratio from above: "authenticated same SQL", the same SQL replayed
 * behind what every authenticated API answer must do (auth-floor.ts: the server's security headers,
 * the session cookie's HMAC and the session row found by the server's own look-up). Same SQL ÷
 * authenticated same SQL is the most any authenticated read running this SQL can reach of goal 2;
 * authenticated same SQL ÷ endpoint is Officoop's own share (its stack and use case beyond them).
 *
 * Before the table, an A/A row measures the floor against its twin (the same handler on a second
 * app): the spread of that ratio is the instrument's own, within which a read's ratio cannot be told
 * from the line.
 *
 * Req/s at one connection (the bench table) blurs this ratio by the load generator's share and by
 * whatever else the machine runs; CPU per request does not.
 *
 * Each measure serves every app afresh for each of `--sets` sets of rounds (measureCpuOnFreshServers):
 * one of identical servers can be a tenth or more dearer than its twin for as long as it lives.
 *
 * With `--per-request` the routes take turns request by request and each round's figure is the
 * median request's CPU (measureCpuPerRequest): the cost of a request's path, without the garbage
 * collections and hiccups that move whole rounds (and without the collections its garbage causes).
 *
 *   npx tsx bench/ab-reads.ts [--rounds 5] [--requests 200] [--sets 3] [--per-request] [--only name,name]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import express from 'express';
import pino from 'pino';
import { openDb } from '../db/client';
import { createApp } from '../server/app';
import { resolveSession } from '../server/auth/auth.usecases';
import { loadConfig } from '../server/config';
import type { UserActor } from '../server/http/context';
import type { AppDeps } from '../server/http/deps';
import { errorMiddleware } from '../server/http/errors';
import { routeDispatcher } from '../server/http/route';
import { sessionToken } from '../server/http/session';
import { routes } from '../server/routes';
import { systemClock } from '../server/shared/clock';
import { answerHeaders, sessionCheck } from './auth-floor';
import { type AppRoute, closeClient, leastRound, listen, measureCpuOnFreshServers, medianRound } from './cpu-ab';
import { buildDataset } from './dataset';
import { resolvePath, SQL_FLOOR_RATIO } from './endpoints';
import { ENDPOINTS } from './figures';
import { roleCookies } from './http';
import { createRng, DEFAULT_SEED } from './prng';
import { SCALES } from './scales';
import { captureEndpointSql, replayCapturedSql } from './sql-capture';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    requests: { type: 'string', default: '200' },
    sets: { type: 'string', default: '3' },
    'per-request': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
/**
 * Authenticated same SQL ÷ endpoint at or above which a read under the line is counted "near its
 * cap": Officoop's stack and use case add at most a ninth to what any authenticated read of the
 * same SQL costs, about the spread of one run's rounds.
 */
const NEAR_CAP = 0.9;

const only = values.only ? new Set(values.only.split(',')) : null;

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'officoop-ab-reads-'));
  const dbPath = join(workDir, 'bench.sqlite');
  try {
    console.error(`building the small dataset in ${workDir}`);
    const dataset = await buildDataset({ dbPath, rng: createRng(DEFAULT_SEED), scale: SCALES.small });
    const reads = ENDPOINTS.filter(
      (e) => !e.write && e.sameSql !== false && e.on !== 'baseline' && (!only || only.has(e.name)),
    );
    const captured = await captureEndpointSql({ dbPath, endpoints: reads, dataset });

    const db = openDb(dbPath);
    const config = loadConfig(
      { SESSION_SECRET: 'bench-ab-reads-secret-0123456789abcdefghi', LOG_LEVEL: 'warn' },
      { demo: false },
    );
    const app = createApp({ db, clock: systemClock, config, log: pino({ level: 'warn' }), startedAt: new Date() });
    // The floor's own connection, with openDb's pragmas; it replays on better-sqlite3 directly.
    const sqlite = openDb(dbPath).$client;
    // No ETag on any route, as the server sends none (baseline-server.ts).
    const replay = replayCapturedSql(sqlite, captured);
    const floor = express();
    floor.set('etag', false);
    floor.get('/sql/:name', replay);
    // The same replay behind the authenticated floor's headers and session read.
    const roleOf = sessionCheck(sqlite, config.sessionSecret);
    const authFloor = express();
    authFloor.set('etag', false);
    authFloor.get('/sql/:name', answerHeaders(), (req, res, next) => {
      if (!roleOf(req)) res.status(401).json({ error: 'no session' });
      else replay(req, res, next);
    });
    // The app's own listener is for logging in; every measure serves each app afresh per set.
    const appServer = await listen(app);
    const useCaseApp = stacklessApp({
      db,
      clock: systemClock,
      config,
      log: pino({ level: 'warn' }),
      startedAt: new Date(),
    });
    const measure = {
      rounds: Number(values.rounds),
      requests: Number(values.requests),
      warmup: 50,
      sets: Number(values.sets),
      perRequest: values['per-request'],
    };

    // The instrument's own spread: the same-SQL floor against its twin (a second app, same
    // handler) in the same rounds. Their ratio should read 1.00; how far it strays in a run is
    // how far any ratio of that run can stray by measurement alone.
    const twinRead = reads.find((e) => captured[e.name]);
    if (twinRead) {
      const path = `/sql/${encodeURIComponent(twinRead.name)}`;
      const samples = await measureCpuOnFreshServers(
        [
          { name: 'floor', app: floor, path, headers: {} },
          { name: 'twin', app: twinOf(replay), path, headers: {} },
        ],
        measure,
      );
      const floorRounds = samples.get('floor') ?? [];
      const twinRounds = samples.get('twin') ?? [];
      const paired = twinRounds.map((t, i) => t / (floorRounds[i] as number));
      console.log(
        `A/A (the instrument): the same SQL of ${twinRead.name} against its twin reads ${(medianRound(twinRounds) / medianRound(floorRounds)).toFixed(2)} (median rounds), round by round ${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)}; 1.00 is no error.\n`,
      );
    }

    const cookieOf = roleCookies(`http://127.0.0.1:${appServer.port}`, dataset.accounts);
    console.log(
      '| endpoint | CPU µs per request | same SQL | same SQL ÷ endpoint | least round | ÷ | use case | use case ÷ endpoint | same SQL ÷ use case | authenticated same SQL | same SQL ÷ it (the most reachable) | it ÷ endpoint |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    let met = 0;
    let measured = 0;
    // The reads under the line, by what holds them there (printed after the table).
    const capped: string[] = [];
    const nearCap: string[] = [];
    const ownWork: string[] = [];
    const stackHeld: string[] = [];
    for (const endpoint of reads) {
      if (!captured[endpoint.name]) continue; // not answered 200 when captured: no floor
      const headers: Record<string, string> = {};
      if (endpoint.as) {
        const cookie = await cookieOf(endpoint.as);
        if (cookie === undefined) continue;
        headers.cookie = cookie;
      }
      const routes: AppRoute[] = [
        { name: 'endpoint', app, path: resolvePath(endpoint, dataset.facts), headers },
        { name: 'floor', app: floor, path: `/sql/${encodeURIComponent(endpoint.name)}`, headers: {} },
        { name: 'use case', app: useCaseApp, path: resolvePath(endpoint, dataset.facts), headers },
      ];
      // Anonymous reads have no session to check: their authenticated floor is not measured.
      if (endpoint.as) {
        routes.push({
          name: 'auth floor',
          app: authFloor,
          path: `/sql/${encodeURIComponent(endpoint.name)}`,
          headers,
        });
      }
      const samples = await measureCpuOnFreshServers(routes, measure);
      const [us, floorUs, useCaseUs, authUs] = ['endpoint', 'floor', 'use case', 'auth floor'].map((n) =>
        medianRound(samples.get(n) ?? []),
      ) as [number, number, number, number];
      const [least, floorLeast] = ['endpoint', 'floor'].map((n) => leastRound(samples.get(n) ?? [])) as [
        number,
        number,
      ];
      measured++;
      if (floorUs / us >= SQL_FLOOR_RATIO) met++;
      else if (authUs && floorUs / authUs < SQL_FLOOR_RATIO) capped.push(endpoint.name);
      else if (authUs && authUs / us >= NEAR_CAP) nearCap.push(endpoint.name);
      // The rest: by the smaller of the two shares, the use case's own work beyond its SQL (same
      // SQL ÷ use case) or the stack around it (use case ÷ endpoint: headers, session, request log).
      else if (floorUs / useCaseUs <= useCaseUs / us) {
        ownWork.push(`${endpoint.name} (same SQL ÷ use case ${(floorUs / useCaseUs).toFixed(2)})`);
      } else stackHeld.push(`${endpoint.name} (use case ÷ endpoint ${(useCaseUs / us).toFixed(2)})`);
      console.log(
        `| ${endpoint.label} | ${Math.round(us)} | ${Math.round(floorUs)} | ${(floorUs / us).toFixed(2)} | ${Math.round(least)} / ${Math.round(floorLeast)} | ${(floorLeast / least).toFixed(2)} | ${Math.round(useCaseUs)} | ${(useCaseUs / us).toFixed(2)} | ${(floorUs / useCaseUs).toFixed(2)} | ${authUs ? `${Math.round(authUs)} | ${(floorUs / authUs).toFixed(2)} | ${(authUs / us).toFixed(2)}` : 'n/a | n/a | n/a'} |`,
      );
    }
    console.log(`\n${met} of ${measured} reads at ≥ ${SQL_FLOOR_RATIO} of their same SQL (median round).`);
    console.log(
      `- ${capped.length} under it whose same SQL ÷ authenticated same SQL is itself < ${SQL_FLOOR_RATIO} (no authenticated read of this SQL reaches the line): ${capped.join(', ') || 'none'}`,
    );
    console.log(
      `- ${nearCap.length} under it within ${Math.round((1 / NEAR_CAP - 1) * 100)} % of their authenticated same SQL: ${nearCap.join(', ') || 'none'}`,
    );
    console.log(`- ${ownWork.length} held mostly by their own work: ${ownWork.join(', ') || 'none'}`);
    console.log(`- ${stackHeld.length} held mostly by the stack around them: ${stackHeld.join(', ') || 'none'}`);
    closeClient();
    appServer.server.close();
    db.$client.close();
    sqlite.close();
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** A second bare app serving the same-SQL replay: the floor's twin, for the A/A row. */
function twinOf(replay: express.RequestHandler): express.Express {
  const twin = express();
  twin.set('etag', false);
  twin.get('/sql/:name', replay);
  return twin;
}

/**
 * The routes without the stack: the app's route dispatcher and error shape behind a bare express
 * app, each cookie's session resolved once (its first request) and its actor reused.
 */
function stacklessApp(deps: AppDeps): express.Express {
  const app = express();
  app.set('etag', false);
  // What handlers read from the app, as createApp sets it (the health's uptime, the session settings).
  app.locals.sessionSettings = { secret: deps.config.sessionSecret, ttlHours: deps.config.SESSION_TTL_HOURS };
  app.locals.startedAt = deps.startedAt;
  app.locals.demo = deps.config.demo;
  const actors = new Map<string, UserActor | undefined>();
  app.use((req, _res, next) => {
    const cookie = req.headers.cookie;
    if (cookie) {
      if (!actors.has(cookie)) {
        const token = sessionToken(req);
        actors.set(cookie, token ? resolveSession(deps, token, app.locals.sessionSettings)?.actor : undefined);
      }
      req.actor = actors.get(cookie);
    }
    next();
  });
  app.use(routeDispatcher(routes, deps, {}, '/api'));
  app.use(errorMiddleware);
  return app;
}

await main();
