/**
 * The reference points of every HTTP figure, started in their own process in the same run
 * as the real server (SPEC §11, issue 16):
 * - `GET /hello`: a bare express app's "hello" route;
 * - `GET /sql/:name`, when SQL_ROUTES names a JSON file `{ name: [statement…] }` and DB_PATH
 *   the bench database: a bare express route running the SQL that endpoint `name` ran
 *   (captured by sql-capture.ts with its arguments) on the same database with the same
 *   pragmas, answering the rows as JSON. No session, no validation, no logging, no ORM, no ETag:
 *   the floor the database sets for that endpoint;
 * - `GET /search-floor/:step?q=&startsWith=` (with DB_PATH): the steps of the product search's
 *   ranking floor (search-floor.ts), for goal 3 of issue 16;
 * - `GET /auth-floor` (with DB_PATH and SESSION_SECRET, the server's): what any authenticated API
 *   answer must do on express and nothing else (auth-floor.ts): the floor of the authenticated
 *   no-op, goal 2 of issue 16.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import express from 'express';
import { appServerOptions } from '../server/http/app-server';
import { pageAvailability } from '../server/stock/pool-search.repository';
import { toAvailability } from '../server/stock/stock.models';
import { answerHeaders, authFloorHandlers, sessionCheck } from './auth-floor';
import { LEAST_SEARCH, poolOracle, SEARCH_FLOORS, type SearchFloor, searchOracle } from './search-floor';
import { type CapturedSql, replayCapturedSql } from './sql-capture';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';

const app = express();
// No ETag, as the server sends none (server/app.ts): hashing each answer is work the floors must
// not do that the endpoints don't (the large same-SQL answers paid most of it).
app.set('etag', false);
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});

const sqlRoutes = process.env.SQL_ROUTES;
const dbPath = process.env.DB_PATH;
const sqlite = dbPath ? new Database(dbPath) : null;
if (sqlite) {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const floors = new Map(Object.entries(SEARCH_FLOORS).map(([step, sql]) => [step, sqlite.prepare(sql)] as const));
  const sessionSecret = process.env.SESSION_SECRET;
  if (sessionSecret) {
    app.get('/auth-floor', ...authFloorHandlers(sqlite, sessionSecret));
    app.get('/search-floor/least', ...leastSearchHandlers(sqlite, sessionSecret));
    app.get('/search-floor/pool-least', ...leastPoolHandlers(sqlite, sessionSecret));
  }
  app.get('/search-floor/:step', (req, res) => {
    const statement = floors.get(req.params.step as SearchFloor);
    const { q, startsWith } = req.query;
    if (!statement || typeof q !== 'string') {
      res.status(404).json({ error: 'unknown step or no q' });
      return;
    }
    res.json(statement.all(statement.source.includes('@startsWith') ? { q, startsWith } : { q }));
  });
}
if (sqlRoutes && sqlite) {
  const captured = JSON.parse(readFileSync(sqlRoutes, 'utf8')) as CapturedSql;
  app.get('/sql/:name', replayCapturedSql(sqlite, captured));
}

/**
 * A least-answer route (search-floor.ts): the authenticated floor's headers and session read (401
 * without a live session), the query parameters `names` (400 when one is missing), the query's
 * oracle computed on its first request and kept, then `answer`'s JSON.
 */
function oracleRoute<O>(
  sqlite: Database.Database,
  sessionSecret: string,
  names: readonly string[],
  oracleOf: (values: string[]) => O,
  answer: (oracle: O, values: string[]) => unknown,
): express.RequestHandler[] {
  const roleOf = sessionCheck(sqlite, sessionSecret);
  const oracles = new Map<string, O>();
  return [
    answerHeaders(),
    (req, res) => {
      if (!roleOf(req)) {
        res.status(401).json({ error: 'no session' });
        return;
      }
      const values = names.map((n) => req.query[n]);
      if (!values.every((v): v is string => typeof v === 'string')) {
        res.status(400).json({ error: `${names.join(' and ')} are needed` });
        return;
      }
      const key = values.join('\n');
      let oracle = oracles.get(key);
      if (oracle === undefined) {
        oracle = oracleOf(values);
        oracles.set(key, oracle);
      }
      res.json(answer(oracle, values));
    },
  ];
}

/**
 * `GET /search-floor/least?q=&startsWith=`: the least any answer to the product search does
 * (search-floor.ts, `LEAST_SEARCH`): the match, bm25 of the reached specialities, the page's rows.
 */
function leastSearchHandlers(sqlite: Database.Database, sessionSecret: string): express.RequestHandler[] {
  const scores = sqlite.prepare(LEAST_SEARCH.scores).raw(true);
  const page = sqlite.prepare(LEAST_SEARCH.page).raw(true);
  return oracleRoute(
    sqlite,
    sessionSecret,
    ['q', 'startsWith'],
    ([q, startsWith]) => {
      const known = searchOracle(sqlite, q as string, startsWith as string);
      return { reached: JSON.stringify(known.reached), page: JSON.stringify(known.page) };
    },
    (oracle, [q]) => ({
      scored: scores.all({ q, reached: oracle.reached }).length,
      items: page.all({ page: oracle.page }),
    }),
  );
}

/**
 * `GET /search-floor/pool-least?q=&today=`: the least any answer to the pool search does, told its
 * page in advance (search-floor.ts, `poolOracle`): the authenticated floor, the full-text match,
 * the holders' availability of the page's 20 presentations (the pool's own statement) and the
 * JSON answer with the five pharmacies per product. It skips finding which hits some pharmacy holds.
 */
function leastPoolHandlers(sqlite: Database.Database, sessionSecret: string): express.RequestHandler[] {
  const match = sqlite.prepare(SEARCH_FLOORS.match).pluck();
  return oracleRoute(
    sqlite,
    sessionSecret,
    ['q', 'today'],
    ([q, today]) => poolOracle(sqlite, q as string, today as string),
    ({ db, page, pharmacies }, [q, today]) => {
      const hits = match.get({ q }) as number;
      const rows = new Map(
        pageAvailability(
          db,
          page.map((p) => p.cip13),
          today as string,
        ).map((r) => [`${r.cip13}|${r.pharmacyId}`, r]),
      );
      return {
        hits,
        items: page.map((p) => ({
          ...p,
          pharmacies: pharmacies.map((ph) => toAvailability(ph, rows.get(`${p.cip13}|${ph.id}`))),
        })),
      };
    },
  );
}

// Built as the server's node server is (`appServerOptions`: requests and responses made with the
// app's prototypes, not re-parented by express), so the floors and the server stand on the same
// node server and a ratio measures the stack, not express's garbage (bench/README.md, 21st pass).
const server = createServer(appServerOptions(app), app).listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`${JSON.stringify({ listening: actualPort })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
