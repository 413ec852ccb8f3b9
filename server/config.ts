import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DB_PATH: z.string().min(1).default('./data/officoop.sqlite'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  BACKUP_DIR: z.string().min(1).default('./data/backups'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type Config = z.output<typeof envSchema> & { demo: boolean; sessionSecret: string };

export class ConfigError extends Error {}

/**
 * Reads the configuration from the environment. In demo mode a missing SESSION_SECRET is
 * allowed: the caller generates one and keeps it beside the database.
 */
export function loadConfig(env: NodeJS.ProcessEnv, opts: { demo: boolean; demoSecret?: () => string }): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  let sessionSecret = parsed.data.SESSION_SECRET;
  if (!sessionSecret) {
    if (!opts.demo || !opts.demoSecret) {
      throw new ConfigError(
        'Invalid configuration:\n  SESSION_SECRET: required (at least 32 characters) outside demo mode',
      );
    }
    sessionSecret = opts.demoSecret();
  }
  return { ...parsed.data, demo: opts.demo, sessionSecret };
}
