import { z } from 'zod';
// Shared with the web app: zod and the drizzle-free shared schemas only (no db/schema).
import { roleSchema } from '../users/users.schemas';

export const LoginBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

/**
 * A user's own new password: at least 12 characters (ANSSI's guidance for a password alone, no
 * second factor), not the current one. The current password is asked again: a session left open
 * on a shared computer must not be enough to take the account.
 */
export const ChangePasswordBody = z
  .strictObject({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(12, 'validation.password.tooShort').max(200),
  })
  .refine((b) => b.newPassword !== b.currentPassword, {
    path: ['newPassword'],
    message: 'validation.password.unchanged',
  });
export type ChangePasswordBody = z.output<typeof ChangePasswordBody>;

export const Me = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  /** The password is the provisional one the coordinator gave: the web app asks for a new one first. */
  mustChangePassword: z.boolean(),
  pharmacy: z
    .object({
      id: z.number().int(),
      slug: z.string(),
      name: z.string(),
      careHomes: z
        .number()
        .int()
        .describe('The active care homes the pharmacy serves: with none, it has no dose-pack orders to prepare'),
    })
    .nullable(),
  careHome: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }).nullable(),
});
export type Me = z.output<typeof Me>;
