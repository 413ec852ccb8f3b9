// Shared by the server (validation, OpenAPI) and the web app (form validation):
// import nothing here but zod and the shared schemas (no drizzle). Custom messages are i18n keys of web/src/i18n/fr.ts.
import { z } from 'zod';
import { FreeText, Id, IdParams } from '../shared/schemas';

// The same list as ROLES in db/schema/users.ts, repeated so the web app needs no drizzle.
export const roles = ['admin', 'pharmacist', 'technician', 'carehome', 'treasurer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Which scope a role needs (SPEC §2): one pharmacy, one care home, or none. */
export function scopeKindOf(role: Role): 'pharmacy' | 'careHome' | 'none' {
  if (role === 'pharmacist' || role === 'technician') return 'pharmacy';
  if (role === 'carehome') return 'careHome';
  return 'none';
}

const roleAndScope = {
  role: roleSchema,
  pharmacyId: Id.nullable(),
  careHomeId: Id.nullable(),
};

type RoleAndScope = { role: Role; pharmacyId: number | null; careHomeId: number | null };

function checkScope(value: RoleAndScope, ctx: z.RefinementCtx): void {
  const kind = scopeKindOf(value.role);
  if (kind === 'pharmacy' && value.pharmacyId === null) {
    ctx.addIssue({ code: 'custom', path: ['pharmacyId'], message: 'validation.pharmacy_required' });
  }
  if (kind !== 'pharmacy' && value.pharmacyId !== null) {
    ctx.addIssue({ code: 'custom', path: ['pharmacyId'], message: 'validation.pharmacy_not_allowed' });
  }
  if (kind === 'careHome' && value.careHomeId === null) {
    ctx.addIssue({ code: 'custom', path: ['careHomeId'], message: 'validation.care_home_required' });
  }
  if (kind !== 'careHome' && value.careHomeId !== null) {
    ctx.addIssue({ code: 'custom', path: ['careHomeId'], message: 'validation.care_home_not_allowed' });
  }
}

export const emailSchema = z.email({ message: 'validation.email' }).max(254);
export const displayNameSchema = FreeText({ max: 100 });

export const createUserBody = z
  .strictObject({ email: emailSchema, displayName: displayNameSchema, ...roleAndScope })
  .superRefine(checkScope);
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .strictObject({ displayName: displayNameSchema, ...roleAndScope })
  .superRefine(checkScope);
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const userIdParams = IdParams;

export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  pharmacyId: z.number().int().nullable(),
  careHomeId: z.number().int().nullable(),
  active: z.boolean(),
  /** Still the generated password the coordinator gave (created or reset): not yet chosen by the user. */
  passwordProvisional: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const userListResponse = z.object({ items: z.array(userSchema) });
export const userResponse = z.object({ user: userSchema });
/** The generated password is shown once and never stored in clear. */
export const userWithPasswordResponse = z.object({ user: userSchema, password: z.string() });
export type UserWithPassword = z.infer<typeof userWithPasswordResponse>;
