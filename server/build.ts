// `npm start` and `npm run demo` run the bundled server (dist/server/main.mjs) with plain node:
// no TypeScript loader in production, ~35 MB less resident memory. This builds it, and the web
// app, when missing or older than their sources, so a fresh clone needs no separate step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebIfNeeded } from '../web/build-if-needed';
import { ROOT_DIR, SERVER_BUNDLE } from './shared/paths';

const SERVER_SOURCES = ['server', 'db', 'jobs', 'reports'];

function newestTs(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.ts') ? stat.mtimeMs : 0;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestTs(join(path, entry))), 0);
}

export function serverBundleIsStale(): boolean {
  if (!existsSync(SERVER_BUNDLE)) return true;
  const sources = Math.max(...SERVER_SOURCES.map((dir) => newestTs(join(ROOT_DIR, dir))));
  return statSync(SERVER_BUNDLE).mtimeMs < sources;
}

/**
 * How our code is bundled: one ES module for node 20; packages stay in node_modules (native ones
 * cannot be bundled). No `keepNames` (bench/bundled.ts runs bench scripts the same way).
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
} as const;

/** Bundles the server (`BUNDLE_OPTIONS`) when the bundle is missing or older than its sources. */
export async function bundleServerIfNeeded(log: (line: string) => void = console.log): Promise<boolean> {
  if (!serverBundleIsStale()) return false;
  log(`Bundling the server into ${relative(process.cwd(), SERVER_BUNDLE)} …`);
  const esbuild = await import('esbuild');
  await esbuild.build({
    ...BUNDLE_OPTIONS,
    entryPoints: [join(ROOT_DIR, 'server', 'main.ts')],
    outfile: SERVER_BUNDLE,
  });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWebIfNeeded();
  await bundleServerIfNeeded();
}
