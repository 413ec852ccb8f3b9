/**
 * Runs a bench script on the code as it ships (issue 16): bundled by esbuild as `npm start`'s
 * server is (server/build.ts: ES module, packages left in node_modules, no `keepNames`) and run by
 * plain node, not under tsx.
 *
 * Why: tsx transforms every module with esbuild's `keepNames`, which wraps each named closure in
 * `__name(…)` where it is made. The app makes several per request (the chain's `next`, the route's
 * context…; ~2.5 µs of CPU a request in the server, bench/README.md fifteenth pass) and the bare
 * floors almost none, so an in-process A/B under tsx charges the app for code the production
 * bundle does not have. `npm run bench` already runs the app's server from the bundle.
 *
 *   npx tsx bench/bundled.ts ab-reads --per-request --rounds 6 --requests 200
 *   npx tsx bench/bundled.ts ab-stack --per-request --sets 3
 *
 * The bundle is written to dist/bench/<script>.mjs (same depth as bench/, so paths relative to a
 * module's own file still resolve) and run with the given arguments; the exit status is the
 * script's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../server/shared/paths';
import { bundleBenchScript } from './bundle-script';

const [script, ...args] = process.argv.slice(2);
if (!script || !/^[a-z][a-z0-9-]*$/.test(script) || !existsSync(join(ROOT_DIR, 'bench', `${script}.ts`))) {
  console.error('usage: npx tsx bench/bundled.ts <bench script name, e.g. ab-reads> [arguments]');
  process.exit(2);
}
const outfile = await bundleBenchScript(script);
const run = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
