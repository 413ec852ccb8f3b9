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
};
export type Actor = UserActor | { kind: 'system'; name: string } | { kind: 'anonymous' };

/** Everything a use case needs: who acts, on which database, at what time. */
export type Ctx = { db: Db; clock: Clock; actor: Actor; log: Logger };

export const systemActor = (name: string): Actor => ({ kind: 'system', name });

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return actor.email;
  if (actor.kind === 'system') return `system:${actor.name}`;
  return 'anonymous';
}
