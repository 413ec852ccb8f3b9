/**
 * The SQL each read endpoint runs, for its "baseline <endpoint>" floor (issue 16): the same
 * statements replayed by a bare express route (baseline-server.ts), so that endpoint ÷ floor
 * is what the stack and the use case add on top of the database.
 *
 * Captured once, before any load: the real app (createApp) is run in this process over the
 * bench database, each statement it prepares recording its runs (SQL, method, arguments).
 * Each endpoint is fetched once as its
 * role; the statements run between the request and its answer are that endpoint's SQL,
 * without the session look-up and its change counters (that is the stack's part, measured by the
 * authenticated no-op).
 */
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type express from 'express';
import pino from 'pino';
import type { Db } from '../db/client';
import * as schema from '../db/schema';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { systemClock } from '../server/shared/clock';
import type { BuiltDataset } from './dataset';
import { type EndpointBench, resolvePath } from './endpoints';
import { roleCookies } from './http';

/**
 * Statements of the stack, not of the endpoint: the session look-up, the two change counters it
 * reads first (sessions.repository.ts, `liveSessionOn`) and the session's sliding renewal.
 */
const STACK_SQL = /\b(from|update|into)\s+"?sessions"?|^select total_changes\(\)$|^pragma data_version$/i;

/** One statement an endpoint ran: its SQL, how it was run and the arguments it was given. */
export type CapturedStatement = {
  sql: string;
  method: 'run' | 'get' | 'all' | 'iterate';
  params: unknown[];
  /** Rows read as arrays (`statement.raw()`, as drizzle reads its selects), not as objects. */
  raw: boolean;
};

/** name → the statements the endpoint ran, in order. */
export type CapturedSql = Record<string, CapturedStatement[]>;

const METHODS = ['run', 'get', 'all', 'iterate'] as const;

export async function captureEndpointSql(opts: {
  dbPath: string;
  endpoints: readonly EndpointBench[];
  dataset: BuiltDataset;
}): Promise<CapturedSql> {
  let recording: CapturedStatement[] | null = null;
  const sqlite = new Database(opts.dbPath);
  // Every statement the app prepares records its runs with their arguments. (The `verbose`
  // hook's expanded SQL cut long text arguments to 32 bytes: a JSON array given to json_each
  // came out as malformed JSON.)
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    let raw = false;
    for (const method of METHODS) {
      const run = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      Object.defineProperty(statement, method, {
        value: (...params: unknown[]) => {
          if (recording && !STACK_SQL.test(source)) recording.push({ sql: source, method, params, raw });
          return run(...params);
        },
      });
    }
    // Whether rows are read as arrays: better-sqlite3 has no getter for it, so the toggle is watched.
    const toggleRaw = statement.raw.bind(statement);
    Object.defineProperty(statement, 'raw', {
      value: (on = true) => {
        toggleRaw(on);
        raw = on;
        return statement;
      },
    });
    return statement;
  }) as typeof sqlite.prepare;
  // The pragmas of db/client.ts openDb.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema }) as Db;
  const config = loadConfig(
    { SESSION_SECRET: 'bench-sql-capture-secret-0123456789abcdef', LOG_LEVEL: 'silent' },
    { demo: false },
  );
  const app = createApp({ db, clock: systemClock, config, log: pino({ level: 'silent' }), startedAt: new Date() });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookieOf = roleCookies(baseUrl, opts.dataset.accounts);
  const captured: CapturedSql = {};
  try {
    for (const endpoint of opts.endpoints) {
      if (endpoint.write || endpoint.sameSql === false || endpoint.on === 'baseline') continue;
      const headers: Record<string, string> = {};
      if (endpoint.as) {
        const cookie = await cookieOf(endpoint.as);
        if (cookie === undefined) continue;
        headers.cookie = cookie;
      }
      const statements: CapturedStatement[] = [];
      recording = statements;
      const response = await fetch(`${baseUrl}${resolvePath(endpoint, opts.dataset.facts)}`, { headers });
      await response.arrayBuffer();
      recording = null;
      if (response.ok) captured[endpoint.name] = statements;
    }
  } finally {
    recording = null;
    await new Promise<void>((done) => server.close(() => done()));
    server.closeAllConnections();
    sqlite.close();
  }
  return captured;
}

/**
 * The handler of `GET /sql/:name`: runs the statements endpoint `name` ran (`captured`), each as
 * the endpoint ran it (rows as arrays or objects, an iteration read to its end) with its
 * arguments, on `sqlite`, and answers their results as JSON. No session, no validation, no
 * logging, no ORM: the floor the database sets for that endpoint. 404 for a name not captured;
 * 500 with the message if a statement fails.
 */
export function replayCapturedSql(sqlite: Database.Database, captured: CapturedSql): express.RequestHandler {
  type Replay = { statement: Database.Statement; method: CapturedStatement['method']; params: unknown[] };
  const prepared = new Map<string, Replay[]>();
  for (const [name, statements] of Object.entries(captured)) {
    prepared.set(
      name,
      statements.map(({ sql, method, params, raw }) => {
        const statement = sqlite.prepare(sql);
        return { statement: raw ? statement.raw(true) : statement, method, params };
      }),
    );
  }
  return (req, res) => {
    const statements = prepared.get(String(req.params.name));
    if (!statements) {
      res.status(404).json({ error: 'unknown endpoint' });
      return;
    }
    const results: unknown[] = [];
    try {
      for (const { statement, method, params } of statements) {
        if (method === 'run') results.push(statement.run(...params).changes);
        else if (method === 'get') results.push(statement.get(...params));
        else results.push(statement.all(...params));
      }
    } catch (error) {
      res.status(500).json({ error: error instanceof Error ? error.message : String(error) });
      return;
    }
    res.json(results);
  };
}
