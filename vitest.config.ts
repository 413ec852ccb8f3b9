import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    // Generous: CI machines are shared and browser tests drive a real Chromium; speed is for `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits 1 s by default: after a page load on a loaded CI machine a browser test
    // read an empty field once (the product picker had not yet fetched its label). The same
    // patience as the browser harness's own waits (8 s); a poll that should fail still fails.
    expect: { poll: { timeout: 8_000 } },
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
