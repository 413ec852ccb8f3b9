import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { type Ctx, type UserActor, withActor } from '../http/context';
import { authorize } from '../http/policy';
import type { Clock } from '../shared/clock';
import { badRequest, notFound, unauthenticated, unprocessable } from '../shared/errors';
import { findUserByEmail, findUserProfile, updateUserRow } from '../users/users.repository';
import type { ChangePasswordBody, Me } from './auth.schemas';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { passwordWeakness } from './password-strength';
import {
  deleteSession,
  deleteUserSessions,
  extendSession,
  findLiveSession,
  insertSession,
} from './sessions.repository';

export type SessionSettings = { secret: string; ttlHours: number };

/** How many tokens' ids `sessionId` keeps (a few per user of the cooperative, with room). */
const RECENT_IDS = 1000;
const recentIds = new Map<string, Map<string, string>>();

/**
 * The id a session is stored under: HMAC-SHA256(secret, token) in hex, so the database never
 * holds a token a thief could send. Every authenticated request hashes its cookie and an HMAC
 * costs ~13 µs of CPU (issue 16's profile), so the ids of the last `RECENT_IDS` tokens seen are
 * kept per secret (the oldest forgotten first; the tokens themselves are the keys, in memory
 * only). This maps tokens to ids, nothing more: whether the session is live is what the database
 * holds at each request (`findLiveSession`, which reads the row again whenever the database
 * changed).
 */
export function sessionId(secret: string, token: string): string {
  let ids = recentIds.get(secret);
  if (!ids) {
    ids = new Map();
    recentIds.set(secret, ids);
  }
  let id = ids.get(token);
  if (id === undefined) {
    id = createHmac('sha256', secret).update(token).digest('hex');
    if (ids.size >= RECENT_IDS) ids.delete(ids.keys().next().value as string);
    ids.set(token, id);
  }
  return id;
}

/**
 * Writes a new session of the user (inside the caller's transaction) and returns its token (the
 * cookie's value; the row keeps only its HMAC, `sessionId`) and its end: `ttlHours` from now.
 */
function openSession(ctx: Ctx, userId: number, settings: SessionSettings): { token: string; expiresAt: Date } {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + settings.ttlHours * 3_600_000);
  insertSession(ctx.db, {
    id: sessionId(settings.secret, token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { token, expiresAt };
}

/**
 * Checks the credentials and opens a session. A wrong password and an unknown e-mail give the
 * same error after the same work (a scrypt verification), so accounts cannot be enumerated.
 * Each failure is a security event in the audit log (action `auth.login_failed`, entity
 * `security`, details: the e-mail as typed and the client `ip`; the row's time), which the
 * admin filters with `GET /api/audit?action=auth.login_failed` or `?entity=security`.
 */
export async function login({
  ctx,
  input,
  settings,
  ip = null,
}: {
  ctx: Ctx;
  input: { email: string; password: string };
  settings: SessionSettings;
  /** The client's address as express sees it (TRUST_PROXY decides whether X-Forwarded-For counts). */
  ip?: string | null;
}): Promise<{ token: string; expiresAt: Date; actor: UserActor; me: Me }> {
  const user = findUserByEmail(ctx.db, input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) {
    recordAudit(ctx, {
      action: 'auth.login_failed',
      entity: 'security',
      entityId: user?.id ?? null,
      details: { email: input.email, ip },
    });
    throw unauthenticated('auth.invalid_credentials', 'Wrong e-mail or password');
  }
  const actor: UserActor = {
    kind: 'user',
    userId: user.id,
    email: user.email,
    role: user.role,
    pharmacyId: user.pharmacyId,
    careHomeId: user.careHomeId,
  };
  const session = ctx.db.transaction(() => {
    const opened = openSession(ctx, user.id, settings);
    recordAudit(withActor(ctx, actor), { action: 'auth.login', entity: 'user', entityId: user.id });
    return opened;
  });
  return { ...session, actor, me: getMe({ ctx: withActor(ctx, actor) }) };
}

/**
 * The logged-in user changes their own password (the one the coordinator gave is provisional):
 * the current password is checked again (422 `auth.wrong_password` on the field, audited as
 * `auth.password_change_failed`), the new one hashed (scrypt, `hashPassword`), every session of
 * the account closed (another computer where it was left open) and a new one opened for this
 * browser, returned as for a login; the password is no longer provisional (`mustChangePassword`
 * false). Rules of the new password: `ChangePasswordBody` (length, not the current one), then
 * 400 on `body.newPassword`: `validation.password.personal` / `.guessable` (`passwordWeakness`). Five wrong current passwords in 15
 * minutes answer 429 (`passwordChangeRateLimit`).
 */
export async function changeOwnPassword({
  ctx,
  input,
  settings,
}: {
  ctx: Ctx;
  input: ChangePasswordBody;
  settings: SessionSettings;
}): Promise<{ token: string; expiresAt: Date; me: Me }> {
  authorize(ctx.actor, 'auth.change_password');
  const actor = ctx.actor as UserActor;
  const user = findUserByEmail(ctx.db, actor.email);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    recordAudit(ctx, { action: 'auth.password_change_failed', entity: 'security', entityId: actor.userId });
    throw unprocessable('auth.wrong_password', 'The current password is not this account’s');
  }
  const weakness = passwordWeakness(input.newPassword, { email: user.email, displayName: user.displayName });
  if (weakness) {
    // A rule of the field, as its length: a 400 on newPassword (a 422 would count as a wrong current
    // password in the rate limit).
    throw badRequest('validation.invalid_input', 'Invalid body', [
      { field: 'body.newPassword', code: 'custom', message: `validation.password.${weakness}` },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const session = ctx.db.transaction(() => {
    updateUserRow(ctx.db, user.id, { passwordHash, passwordProvisional: false });
    deleteUserSessions(ctx.db, user.id);
    const opened = openSession(ctx, user.id, settings);
    recordAudit(ctx, { action: 'auth.password_changed', entity: 'user', entityId: user.id });
    return opened;
  });
  return { ...session, me: getMe({ ctx }) };
}

export function logout({ ctx, token, settings }: { ctx: Ctx; token: string; settings: SessionSettings }) {
  ctx.db.transaction(() => {
    deleteSession(ctx.db, sessionId(settings.secret, token));
    if (ctx.actor.kind === 'user') {
      recordAudit(ctx, { action: 'auth.logout', entity: 'user', entityId: ctx.actor.userId });
    }
  });
}

/**
 * The actor behind a session cookie, or null. Sessions slide: past half their lifetime, a
 * request pushes the expiry forward, so an active user is not logged out mid-task.
 */
export function resolveSession(
  deps: { db: Db; clock: Clock },
  token: string,
  settings: SessionSettings,
): { actor: UserActor; expiresAt: Date; extended: boolean } | null {
  const now = deps.clock.now();
  const id = sessionId(settings.secret, token);
  const row = findLiveSession(deps.db, id, now.toISOString());
  if (!row) return null;
  const ttlMs = settings.ttlHours * 3_600_000;
  let expiresAt = new Date(row.expiresAt);
  const extended = expiresAt.getTime() - now.getTime() < ttlMs / 2;
  if (extended) {
    expiresAt = new Date(now.getTime() + ttlMs);
    extendSession(deps.db, id, expiresAt.toISOString());
  }
  return {
    actor: {
      kind: 'user',
      userId: row.userId,
      email: row.email,
      role: row.role,
      pharmacyId: row.pharmacyId,
      careHomeId: row.careHomeId,
      passwordProvisional: row.passwordProvisional === 1,
    },
    expiresAt,
    extended,
  };
}

export function getMe({ ctx }: { ctx: Ctx }): Me {
  const actor = ctx.actor;
  const profile = actor.kind === 'user' ? findUserProfile(ctx.db, actor.userId) : undefined;
  if (!profile) throw notFound('users.not_found', 'User not found');
  return {
    id: profile.id,
    email: profile.email,
    displayName: profile.displayName,
    role: profile.role,
    mustChangePassword: profile.passwordProvisional,
    pharmacy:
      profile.pharmacyId != null
        ? {
            id: profile.pharmacyId,
            slug: profile.pharmacySlug ?? '',
            name: profile.pharmacyName ?? '',
            careHomes: profile.pharmacyCareHomes,
          }
        : null,
    careHome:
      profile.careHomeId != null
        ? { id: profile.careHomeId, slug: profile.careHomeSlug ?? '', name: profile.careHomeName ?? '' }
        : null,
  };
}
