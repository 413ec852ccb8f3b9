import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import type { Role } from '../../db/schema';
import type { Clock } from '../shared/clock';

export type UserActor = {
  kind: 'user';
  userId: number;
  email: string;
  role: Role;
  pharmacyId: number | null;
  careHomeId: number | null;
  /** Still on the coordinator's generated password: only `provisionalPassword` routes serve it. */
  passwordProvisional?: boolean;
};
export type Actor = UserActor | { kind: 'system'; name: string } | { kind: 'anonymous' };

/** Everything a use case needs: who acts, on which database, at what time. */
export type Ctx = { db: Db; clock: Clock; actor: Actor; log: Logger };

/**
 * `ctx` acting as `actor`: the same database, clock and logger. Keeps a request's `log` lazy (a
 * getter on its prototype, server/http/route.ts), which a spread (`{ ...ctx, actor }`) would drop.
 */
export function withActor<C extends { actor: Actor }>(ctx: C, actor: Actor): C {
  return Object.assign(Object.create(Object.getPrototypeOf(ctx) as object) as C, ctx, { actor });
}

export const systemActor = (name: string): Actor => ({ kind: 'system', name });

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return actor.email;
  if (actor.kind === 'system') return `system:${actor.name}`;
  return 'anonymous';
}
