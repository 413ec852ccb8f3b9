import pino from 'pino';
import request from 'supertest';
import type { Db } from '../../db/client';
import { DEMO_PASSWORD, seedDemo } from '../../db/seed/demo';
import { createApp } from '../../server/app';
import { type Config, loadConfig } from '../../server/config';
import { TEST_NOW, testClock } from './test-clock';
import { createTestDb } from './test-db';

export { TEST_NOW };

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig(
      { SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', LOG_LEVEL: 'silent' },
      { demo: false },
    ),
    ...overrides,
  };
}

/**
 * The express app over a fresh in-memory database (demo data by default) and a fixed clock
 * (which `Date` follows too: see `testClock`),
 * driven through supertest without opening a port.
 */
export async function createTestApp(
  opts: {
    /** `demo` (default): the whole demo; `organisation`: pharmacies, care homes and users only. */
    seed?: 'demo' | 'organisation' | 'none';
    now?: string;
    config?: Partial<Config>;
  } = {},
) {
  const db: Db = createTestDb();
  const clock = testClock(opts.now ?? TEST_NOW);
  const seed = opts.seed ?? 'demo';
  if (seed !== 'none') await seedDemo(db, clock.now(), { domainData: seed === 'demo' });
  const config = testConfig(opts.config);
  const app = createApp({ db, clock, config, log: pino({ level: 'silent' }), startedAt: clock.now() });

  /** A supertest agent holding the session cookie of a logged-in demo user. */
  async function agentAs(email: string, password = DEMO_PASSWORD) {
    const agent = request.agent(app);
    const res = await agent.post('/api/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return agent;
  }
  return { app, db, clock, config, agentAs };
}
