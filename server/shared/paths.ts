import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder: the nearest parent holding package.json. Found by walking up, so the
 * same code works from the TypeScript sources and from the bundled server in dist/.
 */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const ROOT_DIR = findRoot(dirname(fileURLToPath(import.meta.url)));
export const MIGRATIONS_DIR = join(ROOT_DIR, 'db', 'migrations');
export const WEB_DIST_DIR = join(ROOT_DIR, 'web', 'dist');
export const SERVER_BUNDLE = join(ROOT_DIR, 'dist', 'server', 'main.mjs');
