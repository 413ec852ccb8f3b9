// Shared by the server and the web app: import nothing here but zod, the shared schemas and the pure rules.
import { z } from 'zod';
import { FreeText, IdParams } from '../shared/schemas';
import { finessKeyWrong, normalizeFiness, normalizeFrenchPhone } from './pharmacies.models';

export const pharmacySchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  town: z.string(),
  /** Street address (one or two lines), null until the admin fills it in. */
  address: z.string().nullable(),
  /** French postal code, five digits. */
  postalCode: z.string().nullable(),
  /** "05 55 00 12 34". */
  phone: z.string().nullable(),
  /** Nine characters, Luhn key checked (see `normalizeFiness`). */
  finess: z.string().nullable(),
  /** The pharmacien titulaire, as printed on the dépannage slip. */
  pharmacistInCharge: z.string().nullable(),
  active: z.boolean(),
});
export type Pharmacy = z.infer<typeof pharmacySchema>;

/** An optional contact field as a form sends it: blank means "not filled in" (null). */
const blankToNull = (s: string | null) => (s === null || s.trim() === '' ? null : s);

/** A French phone number, any usual spelling; stored as "05 55 00 12 34"; blank clears it. */
export const PhoneField = z
  .string()
  .nullable()
  .transform(blankToNull)
  .transform((s, ctx) => {
    if (s === null) return null;
    const phone = normalizeFrenchPhone(s);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: 'validation.phone' });
      return z.NEVER;
    }
    return phone;
  });

/** A FINESS number (9 characters, Luhn key); spaces allowed when typed; blank clears it. */
export const FinessField = z
  .string()
  .nullable()
  .transform(blankToNull)
  .transform((s, ctx) => {
    if (s === null) return null;
    const finess = normalizeFiness(s);
    if (finess === null) {
      ctx.addIssue({ code: 'custom', message: finessKeyWrong(s) ? 'validation.finessKey' : 'validation.finess' });
      return z.NEVER;
    }
    return finess;
  });

/** A French postal code, five digits; blank clears it. */
export const PostalCodeField = z
  .string()
  .nullable()
  .transform(blankToNull)
  .transform((s, ctx) => {
    if (s === null) return null;
    const code = s.replace(/\s/g, '');
    if (!/^\d{5}$/.test(code)) {
      ctx.addIssue({ code: 'custom', message: 'validation.postalCode' });
      return z.NEVER;
    }
    return code;
  });

/** Free text that may be left blank (null). */
const OptionalText = (opts: { max: number; multiline?: boolean }) =>
  z
    .string()
    .nullable()
    .transform(blankToNull)
    .pipe(FreeText({ max: opts.max, multiline: opts.multiline }).nullable());

/**
 * PATCH /api/pharmacies/:id (admin). Name and town are required; each contact field is
 * optional (absent: unchanged; blank or null: cleared).
 */
export const updatePharmacyBody = z.strictObject({
  name: FreeText({ max: 120 }),
  town: FreeText({ max: 120 }),
  address: OptionalText({ max: 200, multiline: true }).optional(),
  postalCode: PostalCodeField.optional(),
  phone: PhoneField.optional(),
  finess: FinessField.optional(),
  pharmacistInCharge: OptionalText({ max: 120 }).optional(),
});
export type UpdatePharmacyBody = z.infer<typeof updatePharmacyBody>;
export type UpdatePharmacyInput = z.input<typeof updatePharmacyBody>;

export const pharmacyIdParams = IdParams;
export const pharmacyListResponse = z.object({ items: z.array(pharmacySchema) });
export const pharmacyResponse = z.object({ pharmacy: pharmacySchema });
