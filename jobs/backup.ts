import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../db/client';
import { parisStamp } from '../server/shared/dates';
import { defineJob } from './runner';

export const BACKUPS_KEPT = 14;
const BACKUP_FILE = /^officoop-\d{8}-\d{6}\.sqlite$/;

/** Opens a database file and runs SQLite's integrity check on it. */
export function checkIntegrity(path: string): string {
  const copy = new Database(path, { fileMustExist: true });
  try {
    return copy.pragma('integrity_check', { simple: true }) as string;
  } finally {
    copy.close();
  }
}

/** A backup should be one self-contained file: leave WAL mode so no -wal/-shm files follow it. */
function makeSelfContained(path: string) {
  const copy = new Database(path, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Online backup (SQLite's backup API: consistent while the server writes), verified by an
 * integrity check of the copy, then pruned to the newest BACKUPS_KEPT files.
 */
export async function backupDatabase(db: Db, dir: string, now: Date): Promise<{ file: string; removed: string[] }> {
  const file = join(dir, `officoop-${parisStamp(now)}.sqlite`);
  mkdirSync(dir, { recursive: true });
  await db.$client.backup(file);
  makeSelfContained(file);
  const check = checkIntegrity(file);
  if (check !== 'ok') {
    rmSync(file, { force: true });
    throw new Error(`backup copy failed its integrity check: ${check}`);
  }
  const all = readdirSync(dir)
    .filter((f) => BACKUP_FILE.test(f))
    .sort();
  const removed = all.slice(0, Math.max(0, all.length - BACKUPS_KEPT));
  for (const f of removed) rmSync(join(dir, f), { force: true });
  return { file, removed };
}

/** Daily 02:00 Paris (SPEC §9); on the spring-forward Sunday 02:00 does not exist: it runs at 03:00. */
export const backupJob = defineJob({
  name: 'backup',
  period: 'day',
  at: '02:00',
  run: async (ctx, deps) => {
    const { file, removed } = await backupDatabase(ctx.db, deps.backupDir, ctx.clock.now());
    return `wrote ${file} (integrity ok), pruned ${removed.length}`;
  },
});
