import pino from 'pino';
import { migrate, openDb } from '../db/client';
import { loadConfig } from '../server/config';
import { systemClock } from '../server/shared/clock';
import { findJob, jobs } from './registry';
import { runJob } from './runner';

// `npm run job -- NAME [--force]`: runs one job now, idempotent per period unless --force.
const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('--'));
const job = name ? findJob(name) : undefined;
if (!job) {
  console.error(`usage: npm run job -- NAME [--force]\njobs: ${jobs.map((j) => j.name).join(', ')}`);
  process.exit(2);
}
const config = loadConfig(process.env, { demo: true, demoSecret: () => 'unused-by-jobs'.padEnd(32, '-') });
const log = pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
const db = openDb(config.DB_PATH);
migrate(db);
const outcome = await runJob(
  job,
  { db, clock: systemClock, log, backupDir: config.BACKUP_DIR, dbPath: config.DB_PATH },
  { force: args.includes('--force') },
);
db.$client.close();
if (outcome.status === 'succeeded')
  console.log(`${job.name} ${outcome.periodKey}: succeeded${outcome.summary ? ` — ${outcome.summary}` : ''}`);
if (outcome.status === 'skipped') console.log(`${job.name} ${outcome.periodKey}: skipped (${outcome.reason})`);
if (outcome.status === 'failed') {
  console.error(`${job.name} ${outcome.periodKey}: FAILED — ${outcome.error}`);
  process.exit(1);
}
