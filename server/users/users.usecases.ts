import type { Role as DbRole } from '../../db/schema';
import { recordAudit } from '../audit/audit.usecases';
import { generatePassword, hashPassword } from '../auth/password';
import { deleteUserSessions } from '../auth/sessions.repository';
import { findCareHome } from '../care-homes/care-homes.repository';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { findPharmacy } from '../pharmacies/pharmacies.repository';
import { cannotChangeSelf, emailTaken, scopeNotFound, userNotFound } from './users.errors';
import { findUserByEmail, findUserById, insertUser, listUsers, updateUserRow } from './users.repository';
import type { CreateUserBody, Role, UpdateUserBody } from './users.schemas';

// The shared schemas repeat the role list so the web app needs no drizzle; keep them equal.
const sameRoles: [Role, DbRole] extends [DbRole, Role] ? true : never = true;
void sameRoles;

function isSelf(ctx: Ctx, userId: number): boolean {
  return ctx.actor.kind === 'user' && ctx.actor.userId === userId;
}

function checkScopeExists(ctx: Ctx, input: { pharmacyId: number | null; careHomeId: number | null }): void {
  if (input.pharmacyId !== null && !findPharmacy(ctx.db, input.pharmacyId)) throw scopeNotFound();
  if (input.careHomeId !== null && !findCareHome(ctx.db, { all: true }, input.careHomeId)) throw scopeNotFound();
}

function existingUser(ctx: Ctx, userId: number) {
  const user = findUserById(ctx.db, userId);
  if (!user) throw userNotFound();
  return user;
}

export function listAllUsers({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'users.manage');
  return { items: listUsers(ctx.db) };
}

/**
 * Creates an account with a generated password, returned once and stored only as a hash. The
 * password is provisional: the user is asked to choose their own at the first login.
 */
export async function createUser({ ctx, input }: { ctx: Ctx; input: CreateUserBody }) {
  authorize(ctx.actor, 'users.manage');
  const password = generatePassword();
  // Hashing is slow and async: done before the synchronous transaction, never inside it.
  const passwordHash = await hashPassword(password);
  const user = ctx.db.transaction(() => {
    if (findUserByEmail(ctx.db, input.email)) throw emailTaken();
    checkScopeExists(ctx, input);
    const row = insertUser(ctx.db, {
      ...input,
      passwordHash,
      passwordProvisional: true,
      createdAt: ctx.clock.now().toISOString(),
    });
    recordAudit(ctx, {
      action: 'users.create',
      entity: 'user',
      entityId: row.id,
      details: { email: row.email, role: row.role, pharmacyId: row.pharmacyId, careHomeId: row.careHomeId },
    });
    return existingUser(ctx, row.id);
  });
  return { user, password };
}

/** Changes the display name, role and scope. An admin cannot change their own role (no lock-out). */
export function updateUser({ ctx, id, input }: { ctx: Ctx; id: number; input: UpdateUserBody }) {
  authorize(ctx.actor, 'users.manage');
  return ctx.db.transaction(() => {
    const before = existingUser(ctx, id);
    const scopeChanged =
      before.role !== input.role || before.pharmacyId !== input.pharmacyId || before.careHomeId !== input.careHomeId;
    if (scopeChanged && isSelf(ctx, id)) throw cannotChangeSelf();
    checkScopeExists(ctx, input);
    const user = updateUserRow(ctx.db, id, input);
    recordAudit(ctx, {
      action: 'users.update',
      entity: 'user',
      entityId: id,
      details: {
        before: {
          displayName: before.displayName,
          role: before.role,
          pharmacyId: before.pharmacyId,
          careHomeId: before.careHomeId,
        },
        after: input,
      },
    });
    return { user };
  });
}

/** Disables an account and closes its open sessions at once. */
export function disableUser({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'users.manage');
  return ctx.db.transaction(() => {
    existingUser(ctx, id);
    if (isSelf(ctx, id)) throw cannotChangeSelf();
    const user = updateUserRow(ctx.db, id, { active: false });
    deleteUserSessions(ctx.db, id);
    recordAudit(ctx, { action: 'users.disable', entity: 'user', entityId: id });
    return { user };
  });
}

export function enableUser({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'users.manage');
  return ctx.db.transaction(() => {
    existingUser(ctx, id);
    const user = updateUserRow(ctx.db, id, { active: true });
    recordAudit(ctx, { action: 'users.enable', entity: 'user', entityId: id });
    return { user };
  });
}

/** A new generated (provisional) password, returned once; the user's open sessions are closed. */
export async function resetUserPassword({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'users.manage');
  existingUser(ctx, id);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const user = ctx.db.transaction(() => {
    existingUser(ctx, id);
    const row = updateUserRow(ctx.db, id, { passwordHash, passwordProvisional: true });
    deleteUserSessions(ctx.db, id);
    recordAudit(ctx, { action: 'users.reset_password', entity: 'user', entityId: id });
    return row;
  });
  return { user, password };
}
