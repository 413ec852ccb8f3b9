import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server';

describe('the real server', () => {
  it('When started, Then it answers health on its port; When stopped, Then it lets go of the port and the database', async () => {
    const server = await startTestServer();
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(existsSync(`${server.dbPath}.pid`)).toBe(true);

    // The keep-alive connection left by the first request does not hold the shutdown up.
    await server.stop();
    expect(existsSync(`${server.dbPath}.pid`)).toBe(false);
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });
});
