// Shared by the server and the web app: import nothing here but zod and the shared schemas.
import { z } from 'zod';
import { FreeText, IdParams, IdRequired } from '../shared/schemas';

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
  name: FreeText({ max: 120 }),
  finess: finessSchema,
  pharmacyId: IdRequired('validation.pharmacy_required'),
});
export type CareHomeBody = z.infer<typeof careHomeBody>;

export const careHomeIdParams = IdParams;
export const careHomeListResponse = z.object({ items: z.array(careHomeSchema) });
export const careHomeResponse = z.object({ careHome: careHomeSchema });
