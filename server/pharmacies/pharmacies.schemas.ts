// Shared by the server and the web app: import nothing here but zod and the shared schemas.
import { z } from 'zod';
import { FreeText, IdParams } from '../shared/schemas';

export const pharmacySchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  town: z.string(),
  active: z.boolean(),
});
export type Pharmacy = z.infer<typeof pharmacySchema>;

export const updatePharmacyBody = z.strictObject({
  name: FreeText({ max: 120 }),
  town: FreeText({ max: 120 }),
});
export type UpdatePharmacyBody = z.infer<typeof updatePharmacyBody>;

export const pharmacyIdParams = IdParams;
export const pharmacyListResponse = z.object({ items: z.array(pharmacySchema) });
export const pharmacyResponse = z.object({ pharmacy: pharmacySchema });
