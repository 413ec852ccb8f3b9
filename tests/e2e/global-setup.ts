import { buildWebIfNeeded } from '../../web/build-if-needed';

/** Builds the web app once before any test file runs, so parallel browser suites never race to build it. */
export async function setup(): Promise<void> {
  await buildWebIfNeeded((line) => console.log(`[e2e] ${line}`));
}
