import { deleteExpiredSessions } from '../server/auth/sessions.repository';
import type { JobDef } from './runner';

/** Expired sessions are useless rows: purge them nightly so the table stays small. */
export const sessionsPurgeJob: JobDef = {
  name: 'sessions-purge',
  cron: '30 3 * * *',
  period: 'day',
  run: (ctx) => `${deleteExpiredSessions(ctx.db, ctx.clock.now().toISOString())} expired sessions removed`,
};
