import { z } from 'zod';
import { ROLES } from '../../db/schema';

export const LoginBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

export const Me = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  pharmacy: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }).nullable(),
  careHome: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }).nullable(),
});
export type Me = z.output<typeof Me>;
