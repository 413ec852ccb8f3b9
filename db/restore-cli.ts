import { copyFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { checkIntegrity } from '../jobs/backup';
import { loadConfig } from '../server/config';
import { pidFileOf } from '../server/main';

/** Says why in one line on stderr and exits: no stack trace for a mistyped path. */
function refuse(reason: string, code = 1): never {
  console.error(`Refusing to restore: ${reason}.`);
  process.exit(code);
}

/**
 * What is wrong with `file` as an Officoop backup, or null: it must be a file, a SQLite
 * database passing its integrity check, and carry the app's migrations table (an empty file
 * is a valid empty SQLite database, and restoring it would wipe everything).
 */
function backupProblem(file: string): string | null {
  if (!statSync(file).isFile()) return `${file} is not a file`;
  let check: string;
  try {
    check = checkIntegrity(file);
  } catch (e) {
    return `${file} is not a database (${e instanceof Error ? e.message : String(e)})`;
  }
  if (check !== 'ok') return `${file} fails its integrity check (${check})`;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const found = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
      .get();
    return found ? null : `${file} is not an Officoop database (no migrations table)`;
  } finally {
    db.close();
  }
}

// `npm run restore -- FILE`: replaces the database with a verified backup, never under a running server.
const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error('usage: npm run restore -- BACKUP_FILE (an existing .sqlite backup)');
  process.exit(2);
}
const config = loadConfig(process.env, { demo: true, demoSecret: () => 'unused-by-restore'.padEnd(32, '-') });
const folder = dirname(resolve(config.DB_PATH));
if (!existsSync(folder) || !statSync(folder).isDirectory()) {
  refuse(`the folder ${folder} does not exist (DB_PATH=${config.DB_PATH}); create it first`);
}
const pidFile = pidFileOf(config.DB_PATH);
if (existsSync(pidFile)) {
  const pid = Number(readFileSync(pidFile, 'utf8'));
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch {
    alive = false;
  }
  if (alive) refuse(`a server (pid ${pid}) is using ${config.DB_PATH}. Stop it first`);
}
const problem = backupProblem(file);
if (problem) refuse(problem);
try {
  for (const suffix of ['-wal', '-shm']) rmSync(`${config.DB_PATH}${suffix}`, { force: true });
  copyFileSync(resolve(file), config.DB_PATH);
} catch (e) {
  refuse(`copying to ${config.DB_PATH} failed (${e instanceof Error ? e.message : String(e)})`);
}
console.log(
  `Restored ${config.DB_PATH} from ${file}. Start the server: migrations newer than the backup apply at start-up.`,
);
