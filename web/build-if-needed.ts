// Builds web/dist when it is missing or older than its sources, so that `npm run demo` and
// `npm start` serve the current app on a fresh clone without a separate build step.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const rootDir = join(webDir, '..');
const distIndex = join(webDir, 'dist', 'index.html');

function newestMtime(path: string, accept: (file: string) => boolean): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return accept(path) ? stat.mtimeMs : 0;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry), accept));
  return newest;
}

/**
 * The server files the web app imports: the zod schemas, the pure rules (`*.models.ts`,
 * `*.responses.ts`) and `server/shared/` (collate, dates…). A change to one of them rebuilds the app.
 */
function sharedWithWeb(file: string): boolean {
  return /\.(schemas|models|responses)\.ts$/.test(file) || file.startsWith(join(rootDir, 'server', 'shared'));
}

/** The web app's sources, including what it shares with the server (`sharedWithWeb`). */
function sourcesMtime(): number {
  return Math.max(
    newestMtime(join(webDir, 'src'), () => true),
    newestMtime(join(webDir, 'index.html'), () => true),
    newestMtime(join(webDir, 'vite.config.ts'), () => true),
    newestMtime(join(rootDir, 'server'), sharedWithWeb),
  );
}

export function webBuildIsStale(): boolean {
  return !existsSync(distIndex) || statSync(distIndex).mtimeMs < sourcesMtime();
}

export async function buildWebIfNeeded(log: (line: string) => void = console.log): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  log(`Building the web app into ${relative(process.cwd(), join(webDir, 'dist')) || 'web/dist'} …`);
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new Error(
      'web/dist is missing or stale and Vite is not installed: run `npm install` then `npm run build:web`.',
    );
  }
  // Build beside web/dist, then swap: a server (or a parallel test run) never sees a half-built app.
  const distDir = join(webDir, 'dist');
  const tempDir = join(webDir, `.dist-${process.pid}-${Date.now()}`);
  try {
    await vite.build({
      configFile: join(webDir, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: tempDir, emptyOutDir: true },
    });
    rmSync(distDir, { recursive: true, force: true });
    renameSync(tempDir, distDir);
  } catch (error) {
    // Another process may have swapped its own fresh build in first; that one serves as well.
    if (!existsSync(distIndex)) throw error;
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWebIfNeeded();
}
