import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/main';

/**
 * Starts the real server (demo data, fresh temp database) on 127.0.0.1 and an ephemeral port,
 * for browser tests and the benchmark. Cron jobs are not scheduled.
 */
export async function startTestServer(opts: { demo?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'officoop-test-'));
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DB_PATH: join(dir, 'officoop.sqlite'),
      BACKUP_DIR: join(dir, 'backups'),
      SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789',
      LOG_LEVEL: 'silent',
    },
    { demo: opts.demo ?? true },
  );
  const running = await startServer(config, { schedule: false });
  return {
    url: running.url,
    dbPath: config.DB_PATH,
    stop: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
