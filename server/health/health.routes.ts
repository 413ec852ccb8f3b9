import { z } from 'zod';
import { migrationVersion } from '../../db/client';
import { statement } from '../../db/statements';
import { authorize } from '../http/policy';
import { defineRoute, type RouteDef } from '../http/route';
import { AppError } from '../shared/errors';

export const Health = z.object({
  status: z.literal('ok'),
  demo: z.boolean(),
  db: z.literal('ok'),
  migrations: z.object({ applied: z.number().int(), latest: z.string().nullable() }),
  uptimeSeconds: z.number().int(),
});

export const healthRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/health',
    summary: 'Liveness: database reachable, migration version, uptime (no login needed)',
    tags: ['health'],
    auth: false,
    response: Health,
    handler: async ({ ctx, req }) => {
      let migrations: { applied: number; latest: string | null };
      try {
        statement(ctx.db, 'SELECT 1').get();
        migrations = migrationVersion(ctx.db);
      } catch {
        throw new AppError(503, 'health.db_unreachable', 'The database does not answer');
      }
      const startedAt = req.app.locals.startedAt as Date;
      return {
        status: 'ok' as const,
        demo: Boolean(req.app.locals.demo),
        db: 'ok' as const,
        migrations,
        uptimeSeconds: Math.floor((Date.now() - startedAt.getTime()) / 1000),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/health/session',
    summary:
      "The stack's floor, and a session check: resolves the session, applies the policy, validates the query, logs, answers JSON; reads nothing else",
    tags: ['health'],
    query: z.strictObject({ echo: z.string().max(40).optional() }),
    response: z.object({ ok: z.literal(true), role: z.string(), echo: z.string().nullable() }),
    // `npm run bench` measures this as "baseline authenticated no-op" (issue 16): what every
    // authenticated route costs before its own work.
    handler: async ({ ctx, query }) => {
      authorize(ctx.actor, 'pharmacies.read');
      return { ok: true as const, role: ctx.actor.kind === 'user' ? ctx.actor.role : '', echo: query.echo ?? null };
    },
  }),
];
