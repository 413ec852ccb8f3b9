import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

const SECRET = 'a'.repeat(32);

describe('configuration from the environment', () => {
  it('When nothing is set in demo mode, Then the documented defaults apply and a secret is generated', () => {
    const config = loadConfig({}, { demo: true, demoSecret: () => 'generated-secret'.padEnd(32, '!') });
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DB_PATH: './data/officoop.sqlite',
      BACKUP_DIR: './data/backups',
      LOG_LEVEL: 'info',
      demo: true,
      sessionSecret: 'generated-secret'.padEnd(32, '!'),
    });
  });

  it('When SESSION_SECRET is missing outside demo mode, Then start-up fails naming the variable', () => {
    expect(() => loadConfig({}, { demo: false })).toThrow(/SESSION_SECRET: required/);
  });

  it('When several variables are wrong, Then each gets its own readable line', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', SESSION_SECRET: 'short' }, { demo: false });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/LOG_LEVEL: /);
    expect(message).toMatch(/SESSION_SECRET: must be at least 32 characters/);
  });

  it('When values are given, Then they are parsed to their types', () => {
    const config = loadConfig(
      { PORT: '8080', HOST: '0.0.0.0', SESSION_SECRET: SECRET, TRUST_PROXY: 'true', LOG_LEVEL: 'warn' },
      { demo: false },
    );
    expect(config.PORT).toBe(8080);
    expect(config.TRUST_PROXY).toBe(true);
    expect(config.sessionSecret).toBe(SECRET);
  });
});
