import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { idempotencyKeys } from '../../db/schema';
import { canonicalJson } from '../shared/canonical-json';
import { AppError } from '../shared/errors';
import type { Ctx } from './context';

/** How long a key is kept: a repeat within this time answers the first creation. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The `Idempotency-Key` header of a creating POST, for `defineRoute`'s `headers`: a UUID the client
 * makes once per form it opens and sends again with every retry of that submission. Optional (older
 * clients send none); anything but one UUID is a 400 `validation.invalid_input` (field
 * `headers.idempotency-key`). Lower-cased, so a key's case does not make it another key.
 */
export const IdempotencyKeyHeaders = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .pipe(z.uuid())
    .transform((key) => key.toLowerCase())
    .optional()
    .meta({
      description:
        'A UUID made once per form and sent again with every retry: a repeat by the same user within 24 h answers the first creation (header Idempotent-Replayed: true)',
    }),
});

/** SHA-256 (hex) of a request's parsed body as canonical JSON: equal bodies, equal hashes, whatever their key order. */
export const requestHash = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

/**
 * Creates at most once per (user, scope, key). Call it INSIDE the transaction that creates the
 * resource: `create()` runs and the key is recorded with its id and `status` in that same
 * transaction, so two identical requests racing on the same key create one resource (the second
 * finds the first's key once it has committed: better-sqlite3 runs one transaction at a time per
 * connection, and the caller's `immediate` transaction serialises writers across connections).
 * Answers `{ id, status, replayed }`: a repeat of the key with the same body (requestHash) answers
 * the first creation's id and status with `replayed: true` and creates nothing; the same key with
 * another body throws 422 `<reusedCode>` (details: the key). Without a key (undefined), or by no
 * user (a job), `create()` simply runs. Keys older than IDEMPOTENCY_KEY_TTL_MS are purged when a
 * new one is written: a repeat after that creates again.
 */
export function createOnce(
  ctx: Ctx,
  args: { scope: string; key: string | undefined; body: unknown; status: number; reusedCode: string },
  create: () => number,
): { id: number; status: number; replayed: boolean } {
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  if (args.key === undefined || userId === null) return { id: create(), status: args.status, replayed: false };
  const hash = requestHash(args.body);
  const now = ctx.clock.now();
  const where = and(
    eq(idempotencyKeys.userId, userId),
    eq(idempotencyKeys.scope, args.scope),
    eq(idempotencyKeys.key, args.key),
  );
  const seen = ctx.db.select().from(idempotencyKeys).where(where).get();
  if (seen && Date.parse(seen.createdAt) > now.getTime() - IDEMPOTENCY_KEY_TTL_MS) {
    if (seen.requestHash !== hash) {
      throw new AppError(422, args.reusedCode, 'This Idempotency-Key was already used for another request', [
        { key: args.key },
      ]);
    }
    return { id: seen.resourceId, status: seen.status, replayed: true };
  }
  const id = create();
  const expired = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS).toISOString();
  ctx.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, expired)).run();
  ctx.db.delete(idempotencyKeys).where(where).run();
  ctx.db
    .insert(idempotencyKeys)
    .values({
      userId,
      scope: args.scope,
      key: args.key,
      requestHash: hash,
      status: args.status,
      resourceId: id,
      createdAt: now.toISOString(),
    })
    .run();
  return { id, status: args.status, replayed: false };
}
