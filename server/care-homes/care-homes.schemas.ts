// Shared by the server and the web app: import nothing here but zod, the shared schemas and pure models.
import { z } from 'zod';
import { finessKeyWrong, normalizeFiness } from '../pharmacies/pharmacies.models';
import { FreeText, IdParams, IdRequired } from '../shared/schemas';

/**
 * FINESS: 9 characters, the first two a département code (2A/2B for Corsica), the last the Luhn
 * key, as a pharmacy's (`normalizeFiness`); spaces allowed when typed. A wrong key is
 * `validation.finessKey`, said apart from a malformed number.
 */
export const finessSchema = z.string().transform((input, ctx) => {
  const finess = normalizeFiness(input);
  if (finess === null) {
    ctx.addIssue({ code: 'custom', message: finessKeyWrong(input) ? 'validation.finessKey' : 'validation.finess' });
    return z.NEVER;
  }
  return finess;
});

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
