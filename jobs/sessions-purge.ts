import { deleteExpiredSessions } from '../server/auth/sessions.repository';
import { defineJob } from './runner';

/** Expired sessions are useless rows: purge them nightly so the table stays small. */
export const sessionsPurgeJob = defineJob({
  name: 'sessions-purge',
  period: 'day',
  at: '03:30',
  run: (ctx) => `${deleteExpiredSessions(ctx.db, ctx.clock.now().toISOString())} expired sessions removed`,
});
