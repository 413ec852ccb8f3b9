import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    // Generous: CI machines are shared and browser tests drive a real Chromium; speed is for `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
