import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDb } from '../db/client';
import { jobs } from '../jobs/registry';
import { startScheduler } from '../jobs/runner';
import { createApp } from './app';
import { type Config, ConfigError, loadConfig } from './config';
import { createAppServer } from './http/app-server';
import { createLogger } from './http/request-log';
import { systemClock } from './shared/clock';

/** The pid file beside the database tells `npm run restore` that a server is using it. */
export const pidFileOf = (dbPath: string) => `${dbPath}.pid`;

/** Demo mode keeps its generated session secret beside the database, so restarts keep sessions. */
function demoSecret(dbPath: string): string {
  const file = join(dirname(resolve(dbPath)), 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export type RunningServer = { url: string; port: number; close: () => Promise<void> };

/**
 * Opens and migrates the database, seeds the demo if asked, listens, and starts the job scheduler
 * (which at once runs any job whose period is due and not yet done: catch-up after downtime).
 */
export async function startServer(config: Config, opts: { schedule?: boolean } = {}): Promise<RunningServer> {
  // JSON lines in production; one readable line per request in the demo console.
  const log = createLogger({ level: config.LOG_LEVEL, demo: config.demo });
  const db = openDb(config.DB_PATH);
  migrate(db);
  // The demo seed (and its data files) is loaded only when it runs: a production server never needs it.
  const seed = config.demo ? await import('../db/seed/demo') : undefined;
  if (seed?.isEmpty(db)) {
    await seed.seedDemo(db);
    log.info('demo data seeded');
  }
  const app = createApp({ db, clock: systemClock, config, log, startedAt: new Date() });
  const server: Server = createAppServer(app);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const pidFile = pidFileOf(config.DB_PATH);
  writeFileSync(pidFile, String(process.pid));
  const stopJobs =
    opts.schedule === false
      ? async () => {}
      : startScheduler(jobs, { db, clock: systemClock, log, backupDir: config.BACKUP_DIR, dbPath: config.DB_PATH });
  const url = `http://${config.HOST}:${port}`;
  log.info({ url, demo: config.demo }, 'Officoop is listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await stopJobs();
      await new Promise<void>((done) => {
        // In-flight requests get 10 s to finish; idle keep-alive sockets are closed at once.
        const force = setTimeout(() => server.closeAllConnections(), 10_000);
        server.close(() => {
          clearTimeout(force);
          done();
        });
        server.closeIdleConnections();
      });
      db.$client.close();
      rmSync(pidFile, { force: true });
      log.info('Officoop stopped');
    })();
    return closing;
  };
  return { url, port, close };
}

async function main() {
  const demo = process.argv.includes('--demo');
  let config: Config;
  try {
    config = loadConfig(process.env, {
      demo,
      demoSecret: () => demoSecret(process.env.DB_PATH ?? './data/officoop.sqlite'),
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const running = await startServer(config);
  if (demo) {
    console.log(`Officoop demo: ${running.url}  (log in as pharmacien.bugeat@officoop.test / demo-officoop-2026)`);
  }
  const stop = () => running.close().then(() => process.exit(0));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, stop);
  // Started by `npm start` / `npm run demo`: npm does not pass a kill on to us, so when npm is
  // gone (our parent changes) stop too, rather than keep the port and the database open.
  if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) stop();
    }, 1000).unref();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
