import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkIntegrity } from '../jobs/backup';
import { loadConfig } from '../server/config';
import { pidFileOf } from '../server/main';

// `npm run restore -- FILE`: replaces the database with a verified backup, never under a running server.
const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error('usage: npm run restore -- BACKUP_FILE (an existing .sqlite backup)');
  process.exit(2);
}
const config = loadConfig(process.env, { demo: true, demoSecret: () => 'unused-by-restore'.padEnd(32, '-') });
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
  if (alive) {
    console.error(`Refusing to restore: a server (pid ${pid}) is using ${config.DB_PATH}. Stop it first.`);
    process.exit(1);
  }
}
const check = checkIntegrity(file);
if (check !== 'ok') {
  console.error(`Refusing to restore: ${file} fails its integrity check (${check}).`);
  process.exit(1);
}
for (const suffix of ['-wal', '-shm']) rmSync(`${config.DB_PATH}${suffix}`, { force: true });
copyFileSync(resolve(file), config.DB_PATH);
console.log(
  `Restored ${config.DB_PATH} from ${file}. Start the server: migrations newer than the backup apply at start-up.`,
);
