// Shared by the server and the web app: import nothing here but zod.
import { z } from 'zod';

/** FINESS: 9 characters, the first two a département code (2A/2B for Corsica). */
export const finessSchema = z
  .string()
  .trim()
  .regex(/^(\d{2}|2A|2B)\d{7}$/, { message: 'validation.finess' });

export const careHomeSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  finess: z.string(),
  pharmacyId: z.number().int(),
  active: z.boolean(),
});
export type CareHome = z.infer<typeof careHomeSchema>;

export const careHomeBody = z.strictObject({
  name: z.string().trim().min(1, { message: 'validation.required' }).max(120),
  finess: finessSchema,
  pharmacyId: z.number({ message: 'validation.pharmacy_required' }).int().positive(),
});
export type CareHomeBody = z.infer<typeof careHomeBody>;

export const careHomeIdParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const careHomeListResponse = z.object({ items: z.array(careHomeSchema) });
export const careHomeResponse = z.object({ careHome: careHomeSchema });
