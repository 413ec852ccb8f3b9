import { z } from 'zod';
import { FreeText, QueryInt } from '../shared/schemas';
import { PDA_RULES } from './catalogue.models';

export const ProductSearchQuery = z.strictObject({
  q: FreeText({ min: 2, max: 100 }).meta({
    description: 'Words of the name (prefixes, accents ignored: "amlo 5"), or a CIP13, CIP7 or CIS code',
    example: 'amlo 5',
  }),
  limit: QueryInt(1, 100).default(20),
});

export const Cip13Params = z.strictObject({
  cip13: z
    .string()
    .regex(/^\d{13}$/, 'a CIP13 has 13 digits')
    .meta({ example: '3400937977661' }),
});

export const PdaUpdateBody = z.union([
  z.strictObject({
    pdaExcluded: z.boolean(),
    reason: FreeText({ min: 3, max: 300 }).meta({ example: 'Photosensible : ne pas déconditionner' }),
  }),
  z.strictObject({ automatic: z.literal(true).meta({ description: 'Return to the flag the import rules give' }) }),
]);

export const ProductSummary = z.object({
  cip13: z.string(),
  cip7: z.string(),
  cis: z.string(),
  name: z.string().nullable().meta({ description: 'Speciality name; null when the CIS is missing from the BDPM' }),
  label: z.string(),
  form: z.string().nullable(),
  marketed: z.boolean(),
  active: z.boolean(),
  unitsPerBox: z.number().int().nullable(),
  priceCents: z.number().int().nullable(),
  reimbursementRatePct: z.number().int().nullable(),
  pdaExcluded: z.boolean(),
  pdaReason: z.string().nullable(),
});

export const ProductList = z.object({ items: z.array(ProductSummary) });

export const Product = ProductSummary.extend({
  adminStatus: z.string(),
  marketingStatus: z.string(),
  marketingDate: z.string().nullable(),
  collectivities: z.boolean().nullable(),
  priceWithFeeCents: z.number().int().nullable(),
  dispensingFeeCents: z.number().int().nullable(),
  reimbursementIndications: z.string().nullable(),
  pdaRule: z.enum(PDA_RULES).nullable(),
  pdaOverridden: z.boolean(),
  pdaUpdatedAt: z.string().nullable(),
  speciality: z
    .object({
      cis: z.string(),
      name: z.string(),
      form: z.string(),
      routes: z.array(z.string()),
      ammStatus: z.string(),
      ammProcedure: z.string(),
      marketingStatus: z.string(),
      ammDate: z.string().nullable(),
      holders: z.string(),
      reinforcedMonitoring: z.boolean(),
      active: z.boolean(),
    })
    .nullable(),
  substances: z.array(
    z.object({
      element: z.string(),
      code: z.string(),
      name: z.string(),
      dosage: z.string().nullable(),
      dosageReference: z.string().nullable(),
      nature: z.string(),
    }),
  ),
  genericGroups: z.array(
    z.object({
      groupId: z.number().int(),
      label: z.string(),
      genericType: z.number().int().meta({ description: '0 princeps, 1 generic, 2 by dosage, 4 substitutable' }),
    }),
  ),
});

export type ProductSummaryOut = z.output<typeof ProductSummary>;
export type ProductOut = z.output<typeof Product>;
