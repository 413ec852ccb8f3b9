/**
 * What each read's use case costs beyond its SQL, in-process (issue 16, goal 2): no HTTP, no
 * stack. For every read of `ENDPOINTS` with a same-SQL floor, on the small bench database built in
 * a temp folder: its route's handler (params and query parsed by the route's schemas, the use case,
 * the answer as `sendJson` stringifies it) against the statements it ran (captured as the bench
 * captures them, replayed on a second connection, rows stringified), each timed in a loop (the
 * median of five runs of `--loops` calls). Reported in µs per call: use case, same SQL, their ratio
 * and their difference (the use case's own work: its arithmetic, its time zones, its row shaping).
 *
 * In the server every figure here roughly doubles (cold caches at each request's start) and the
 * floors of bench/ab-reads.ts sit on top; a read's same SQL ÷ endpoint there is about its
 * authenticated cap (same SQL ÷ authenticated same SQL) times this ratio. Routes that write their
 * own answer (a CSV, a PDF, the shares report's formats) are skipped.
 *
 *   npx tsx bench/use-case-cost.ts [--loops 400] [--only name,name]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import FindMyWay from 'find-my-way';
import pino from 'pino';
import { openDb } from '../db/client';
import type { Ctx, UserActor } from '../server/http/context';
import { stringifyAnswer } from '../server/http/json-text';
import { routes } from '../server/routes';
import { systemClock } from '../server/shared/clock';
import { buildDataset } from './dataset';
import { resolvePath } from './endpoints';
import { ENDPOINTS } from './figures';
import { createRng, DEFAULT_SEED } from './prng';
import { SCALES } from './scales';
import { captureEndpointSql } from './sql-capture';

const { values } = parseArgs({
  options: { loops: { type: 'string', default: '400' }, only: { type: 'string' } },
});
const only = values.only ? new Set(values.only.split(',')) : null;
const loops = Number(values.loops);

/** Median µs per call of five runs of `loops` calls, after a warm-up. */
async function timed(fn: () => unknown): Promise<number> {
  for (let i = 0; i < 100; i++) await fn();
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < loops; i++) await fn();
    runs.push(Number(process.hrtime.bigint() - start) / loops / 1000);
  }
  return runs.sort((a, b) => a - b)[2] as number;
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'officoop-use-case-cost-'));
  const dbPath = join(workDir, 'bench.sqlite');
  try {
    console.error(`building the small dataset in ${workDir}`);
    const dataset = await buildDataset({ dbPath, rng: createRng(DEFAULT_SEED), scale: SCALES.small });
    const reads = ENDPOINTS.filter(
      (e) => !e.write && e.sameSql !== false && e.on !== 'baseline' && e.as && (!only || only.has(e.name)),
    );
    const captured = await captureEndpointSql({ dbPath, endpoints: reads, dataset });
    const db = openDb(dbPath);
    const sqlite = new Database(dbPath);
    // The routes as the dispatcher finds them (server/http/route.ts), with their /api prefix.
    const tree = FindMyWay<FindMyWay.HTTPVersion.V1>({ caseSensitive: false, ignoreTrailingSlash: true });
    routes.forEach((route, i) => {
      tree.on(route.method.toUpperCase() as FindMyWay.HTTPMethod, `/api${route.path}`, () => undefined, { i });
    });
    const log = pino({ level: 'warn' });
    console.log('| read | use case µs | same SQL µs | same SQL ÷ use case | use case − same SQL µs | statements |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const endpoint of reads) {
      const statements = captured[endpoint.name];
      const account = endpoint.as ? dataset.accounts[endpoint.as] : undefined;
      if (!statements || !account) continue;
      const url = new URL(resolvePath(endpoint, dataset.facts), 'http://127.0.0.1');
      const found = tree.find('GET', url.pathname);
      const route = found && routes[(found.store as { i: number }).i];
      if (!found || !route) continue;
      // The account's actor, as a session of it would carry (server/auth/auth.usecases.ts).
      const actor: UserActor = {
        kind: 'user',
        ...(db.$client
          .prepare(
            'SELECT id AS userId, email, role, pharmacy_id AS pharmacyId, care_home_id AS careHomeId FROM users WHERE email = ?',
          )
          .get(account.email) as Omit<UserActor, 'kind'>),
      };
      const ctx: Ctx = { db, clock: systemClock, actor, log };
      const answerOnce = async () => {
        const params = route.params?.parse(found.params);
        const query = route.query?.parse(Object.fromEntries(url.searchParams));
        // No req or res: a route that writes its own answer throws here and is skipped.
        const answer = await route.handler({
          ctx,
          params,
          query,
          headers: undefined,
          body: undefined,
          req: {} as never,
          res: {} as never,
        });
        return stringifyAnswer(answer);
      };
      try {
        await answerOnce();
      } catch {
        console.error(`${endpoint.name}: writes its own answer, skipped`);
        continue;
      }
      const replay = statements.map(({ sql, method, params, raw }) => {
        const prepared = sqlite.prepare(sql);
        if (raw) prepared.raw(true);
        return () => (prepared[method] as (...args: unknown[]) => unknown)(...params);
      });
      const sameSql = () => JSON.stringify(replay.map((run) => run()));
      const useCaseUs = await timed(answerOnce);
      const sameSqlUs = await timed(sameSql);
      console.log(
        `| ${endpoint.label} | ${useCaseUs.toFixed(0)} | ${sameSqlUs.toFixed(0)} | ${(sameSqlUs / useCaseUs).toFixed(2)} | ${(useCaseUs - sameSqlUs).toFixed(0)} | ${replay.length} |`,
      );
    }
    db.$client.close();
    sqlite.close();
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
