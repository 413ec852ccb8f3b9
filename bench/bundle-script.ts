import { join } from 'node:path';
import { BUNDLE_OPTIONS } from '../server/build';
import { ROOT_DIR } from '../server/shared/paths';

/**
 * Bundles `bench/<script>.ts` as the server ships (server/build.ts's `BUNDLE_OPTIONS`: ES module,
 * packages left in node_modules, no `keepNames`) into dist/bench/<script>.mjs, at the same depth as
 * bench/ so that paths relative to a module's own file still resolve, and returns that file's path.
 * Always rebuilt: it takes a fraction of a second. Why bundle a bench script: bench/bundled.ts.
 */
export async function bundleBenchScript(script: string): Promise<string> {
  const outfile = join(ROOT_DIR, 'dist', 'bench', `${script}.mjs`);
  const esbuild = await import('esbuild');
  await esbuild.build({ ...BUNDLE_OPTIONS, entryPoints: [join(ROOT_DIR, 'bench', `${script}.ts`)], outfile });
  return outfile;
}
