import { z } from 'zod';
import { isValidCip13 } from '../catalogue/catalogue.models';
import { FreeText, Id, QueryInt } from '../shared/schemas';
import {
  centsOf,
  checkLotNumber,
  DESTRUCTION_REASONS,
  MILLICENTS_PER_CENT,
  TRANSFER_STATUSES,
  TRANSFER_URGENCIES,
} from './stock.models';
import { LOT_SORTS, PRODUCT_SORTS } from './stock-list.models';

// Custom messages are keys of the web catalogues (web/src/i18n), as in users.schemas.ts: the
// forms that share these schemas show them in the user's language.
const LOT_MESSAGES = {
  lotEmpty: 'validation.required',
  lotTooLong: 'validation.lotTooLong',
  lotControl: 'validation.lotControl',
};

export const Cip13 = z
  .string()
  .regex(/^\d{13}$/, 'validation.cip13')
  .refine(isValidCip13, 'validation.cip13');
/** A lot number, normalised as stored (trimmed, capitals: checkLotNumber) at every input. */
export const LotNumber = z.string().transform((s, ctx) => {
  const check = checkLotNumber(s);
  if (check.ok) return check.value;
  ctx.addIssue({ code: 'custom', message: LOT_MESSAGES[check.code] });
  return z.NEVER;
});
export const CalendarDate = z.iso.date();
export const Quantity = z.number().int().min(1).max(1_000_000);
export const Cents = z.number().int().min(0).max(100_000_000);
export const Cip13Params = z.strictObject({ cip13: Cip13 });

export const ReceiptBody = z
  .strictObject({
    cip13: Cip13,
    lotNumber: LotNumber,
    expiryDate: CalendarDate,
    quantity: Quantity,
    unitCostCents: Cents,
    /** Optional: the cost as bought in thousandths of a cent (0,043 € = 4 300); it must round to `unitCostCents`. */
    unitCostMillicents: z
      .number()
      .int()
      .min(0)
      .max(100_000_000 * MILLICENTS_PER_CENT)
      .optional(),
  })
  .refine(
    (b) =>
      b.unitCostMillicents === undefined ||
      centsOf([{ quantity: 1, unitCostMillicents: b.unitCostMillicents }]) === b.unitCostCents,
    { message: 'validation.unitCostRounding', path: ['unitCostMillicents'] },
  );
export const DispenseBody = z.strictObject({
  cip13: Cip13,
  quantity: Quantity,
  /** Without a lot, units are taken FEFO. */
  lotId: Id.optional(),
});
export const AdjustmentBody = z.strictObject({
  lotId: Id,
  delta: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, 'validation.deltaZero'),
  reason: FreeText({ min: 3, max: 200 }),
});
export const DestructionBody = z.strictObject({
  lotId: Id,
  quantity: Quantity,
  reason: z.enum(DESTRUCTION_REASONS),
});

const IncludeEmpty = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true')
  .describe('true: lots without units too');
const StockSearchText = FreeText({ max: 100 })
  .optional()
  .describe('search: drug name or substance (word prefixes, accents and case ignored), CIP13 or lot number (any part)');
export const LotsQuery = z.strictObject({
  cip13: Cip13.optional(),
  q: StockSearchText,
  includeEmpty: IncludeEmpty,
  sort: z.enum(LOT_SORTS).default('expiry').describe('expiry: first-expired first (FEFO)'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: QueryInt(1, 1_000_000).default(1).describe('1-based page number'),
  pageSize: QueryInt(1, 500).default(500).describe('lots per page'),
});
export const ProductsQuery = z.strictObject({
  cip13: Cip13.optional(),
  q: StockSearchText,
  includeEmpty: IncludeEmpty,
  sort: z
    .enum(PRODUCT_SORTS)
    .default('product')
    .describe('product: by name; expiry: nearest first; quantity: fewest units first; value: highest first'),
  page: QueryInt(1, 1_000_000).default(1).describe('1-based page number'),
  pageSize: QueryInt(1, 100).default(20).describe('products per page'),
});
export const ExpiringQuery = z.strictObject({ days: QueryInt(0, 730).default(90) });
export const ThresholdBody = z.strictObject({ minQuantity: z.number().int().min(0).max(1_000_000) });

export const Lot = z.object({
  id: z.number().int(),
  pharmacyId: z.number().int(),
  cip13: z.string(),
  productLabel: z.string(),
  lotNumber: z.string(),
  expiryDate: z.string(),
  unitCostCents: z.number().int(),
  /** The unit cost as bought, in thousandths of a cent. */
  unitCostMillicents: z.number().int(),
  quantity: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
});
export const LotList = z.object({ items: z.array(Lot) });
export const LotPage = LotList.extend({
  total: z.number().int().describe('how many lots match (every page)'),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const ProductTotalsRow = z.object({
  cip13: z.string(),
  productLabel: z.string(),
  quantity: z.number().int().describe('units on hand over the listed lots'),
  reserved: z.number().int().describe('units reserved by accepted transfers'),
  available: z.number().int().describe('on hand minus reserved'),
  valueCents: z.number().int().describe('value on hand at the cost as bought, rounded once to the cent'),
  nearestExpiry: z.string().describe('nearest expiry of the lots holding units (else of all listed lots)'),
  lots: z.number().int().describe('how many lots are listed for the product'),
});
export const ProductPage = z.object({
  items: z.array(ProductTotalsRow).describe('one page of the products, in the asked order'),
  total: z.number().int().describe('how many products match (every page)'),
  lotCount: z.number().int().describe('how many lots those products have (every page)'),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const Movement = z.object({
  id: z.number().int(),
  kind: z.string(),
  quantity: z.number().int(),
  reason: z.string().nullable(),
  transferId: z.number().int().nullable(),
  day: z.string(),
  createdAt: z.string(),
  /** Who made it: the user's display name (null when no user did, e.g. a scheduled job). */
  userName: z.string().nullable(),
  /** The pharmacy whose lot moved. */
  pharmacyName: z.string(),
  /** For a transfer movement, the other pharmacy of the dépannage (sent to / received from). */
  counterpartPharmacyName: z.string().nullable(),
  /** For a robot consumption, when a pharmacist rejected its run (its pouches destroyed); null otherwise. */
  robotRunVoidedAt: z.string().nullable(),
});
export const LotDetail = Lot.extend({ movements: z.array(Movement) });
export const MovementResult = z.object({
  movements: z.array(
    z.object({ lotId: z.number().int(), lotNumber: z.string(), expiryDate: z.string(), quantity: z.number().int() }),
  ),
});
/** A receipt's answer: its movement and, when the lot was held at another cost, the weighted average it now has (millicents). */
export const ReceiptResult = MovementResult.extend({
  unitCost: z.object({ beforeMillicents: z.number().int(), afterMillicents: z.number().int() }).nullable(),
});
export const LowStockList = z.object({
  items: z.array(
    z.object({
      cip13: z.string(),
      productLabel: z.string(),
      minQuantity: z.number().int(),
      onHand: z.number().int(),
      missing: z.number().int(),
    }),
  ),
});
export const Threshold = z.object({ cip13: z.string(), minQuantity: z.number().int() });
export const ThresholdList = z.object({ items: z.array(Threshold.extend({ productLabel: z.string() })) });

export const PoolQuery = z
  .strictObject({
    /** Required (2 characters or more) unless `inStock`: then, without it, every product some other pharmacy can lend. */
    q: FreeText({ min: 2, max: 100 }).optional(),
    limit: QueryInt(1, 50).default(20),
    /** Only products another pharmacy than mine can lend now (available units > 0). */
    inStock: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .refine((query) => query.inStock || query.q !== undefined, { message: 'validation.required', path: ['q'] });
export const PoolAvailability = z.object({
  pharmacyId: z.number().int(),
  pharmacySlug: z.string(),
  pharmacyName: z.string(),
  available: z.number().int(),
  nearestExpiry: z.string().nullable(),
});
export const PoolProduct = z.object({
  cip13: z.string(),
  productLabel: z.string(),
  /** The presentation: `plaquette(s) … de 30 comprimé(s)`, to tell boxes of one name apart. */
  boxLabel: z.string(),
  pharmacies: z.array(PoolAvailability),
});
export const PoolList = z.object({ items: z.array(PoolProduct) });
export const RebalanceList = z.object({
  items: z.array(
    z.object({
      lotId: z.number().int(),
      cip13: z.string(),
      productLabel: z.string(),
      lotNumber: z.string(),
      expiryDate: z.string(),
      daysLeft: z.number().int(),
      fromPharmacyId: z.number().int(),
      fromPharmacyName: z.string(),
      toPharmacyId: z.number().int(),
      toPharmacyName: z.string(),
      atRiskQuantity: z.number().int(),
      /** Only shown to the holder: costs of other pharmacies stay private. */
      valueAtRiskCents: z.number().int().nullable(),
      suggestedQuantity: z.number().int(),
      openTransferId: z.number().int().nullable(),
      /** An anti-waste offer of this lot to this pharmacy still waiting for an answer. */
      openOfferId: z.number().int().nullable(),
    }),
  ),
});

export const TransferRequestBody = z.strictObject({
  fromPharmacyId: Id,
  cip13: Cip13,
  quantity: Quantity,
  reason: FreeText({ min: 3, max: 300, multiline: true }),
  urgency: z.enum(TRANSFER_URGENCIES).default('normal'),
});
export const TransferAcceptBody = z.strictObject({
  quantity: Quantity.optional(),
  lots: z
    .array(z.strictObject({ lotId: Id, quantity: Quantity }))
    .min(1)
    .max(20)
    .refine((lots) => new Set(lots.map((l) => l.lotId)).size === lots.length, 'validation.transfers.lotTwice')
    .optional()
    .describe(
      'The lots to send, chosen by the sender (default: first-expired first); their quantities add up to `quantity`',
    ),
});
export const TransferRejectBody = z.strictObject({ reason: FreeText({ min: 3, max: 300, multiline: true }) });
export const TransferReceiveBody = z.strictObject({
  lines: z
    .array(z.strictObject({ lineId: Id, quantityReceived: z.number().int().min(0) }))
    .max(100)
    .optional(),
  note: FreeText({ min: 3, max: 500, multiline: true }).optional(),
});
export const TransfersQuery = z.strictObject({
  box: z.enum(['inbox', 'outbox', 'all']).default('all'),
  status: z.enum(TRANSFER_STATUSES).optional(),
  q: FreeText({ max: 100 })
    .optional()
    .describe('search: product name or CIP13, lot number, other pharmacy, transfer number (accents and case ignored)'),
  page: QueryInt(1, 1_000_000).default(1).describe('1-based page number'),
  pageSize: QueryInt(1, 500).default(50).describe('transfers per page'),
});
export const TransferLine = z.object({
  id: z.number().int(),
  lotNumber: z.string(),
  expiryDate: z.string(),
  quantity: z.number().int(),
  quantityReceived: z.number().int().nullable(),
  /** Received after its expiry: booked in for destruction, not billed. */
  expiredOnArrival: z.boolean(),
});
export const Transfer = z.object({
  id: z.number().int(),
  fromPharmacyId: z.number().int(),
  fromPharmacyName: z.string(),
  toPharmacyId: z.number().int(),
  toPharmacyName: z.string(),
  cip13: z.string(),
  productLabel: z.string(),
  quantityRequested: z.number().int(),
  quantityAccepted: z.number().int().nullable(),
  reason: z.string(),
  urgency: z.enum(TRANSFER_URGENCIES),
  status: z.enum(TRANSFER_STATUSES),
  rejectionReason: z.string().nullable(),
  receiptNote: z.string().nullable(),
  valueCents: z.number().int().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  /** Who took each step: the user's display name, null when the step was not taken (or by no user). */
  requestedByName: z.string().nullable(),
  decidedByName: z.string().nullable(),
  shippedByName: z.string().nullable(),
  receivedByName: z.string().nullable(),
  cancelledByName: z.string().nullable(),
  /** The pharmacy of the user who cancelled (either side may cancel); null when not cancelled. */
  cancelledByPharmacyId: z.number().int().nullable(),
  cancelledByPharmacyName: z.string().nullable(),
  /**
   * The anti-waste offer this transfer was born from, else null: the holder (sender) offered it
   * (when, by whom) and the recipient (receiver) accepted it (when, by whom). For such a transfer
   * requestedAt/decidedAt are the acceptance; the timeline reads these instead.
   */
  offer: z
    .object({
      id: z.number().int(),
      offeredAt: z.string(),
      offeredByName: z.string().nullable(),
      acceptedAt: z.string().nullable(),
      acceptedByName: z.string().nullable(),
    })
    .nullable(),
  lines: z.array(TransferLine),
});
/**
 * The receiver's answer to a receipt: the transfer, and each lot the receiver already held at
 * another cost, with the weighted average it now has (millicents; empty when none changed).
 */
export const TransferReceiptResult = Transfer.extend({
  lotCosts: z.array(
    z.object({ lotNumber: z.string(), beforeMillicents: z.number().int(), afterMillicents: z.number().int() }),
  ),
});
export const TransferList = z.object({
  items: z
    .array(Transfer.omit({ lines: true, offer: true }))
    .describe('one page of the matching transfers, newest request first'),
  total: z.number().int().describe('how many transfers match box, status and q (every page)'),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z
    .record(z.enum(TRANSFER_STATUSES), z.number().int())
    .describe('transfers of the box per status, whatever status and q say (badges, home card)'),
});

export const ImportQuery = z.strictObject({
  apply: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const ImportBody = z.string().min(1, 'the file is empty');
export const ImportResult = z.object({
  applied: z.boolean(),
  /** Data lines read (the header and blank lines are not counted). */
  rows: z.number().int(),
  /** Whether the file counted units (`Quantité`) or boxes (`Boîtes`, turned into units by units per box). */
  quantityUnit: z.enum(['units', 'boxes']),
  errors: z.array(
    z.object({
      line: z.number().int(),
      field: z.string(),
      /** What the UI translates (`stockImport.reason.<code>`), with `params`; `reason` says it in English. */
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      reason: z.string(),
    }),
  ),
  /**
   * Per line, what applying does not stop (`code`): `expired` (lot already expired: counted, to
   * destroy rather than dispense), `priceIgnored` (held lot: its cost as bought, `params.cost` in
   * millicents, is kept) or `priceSet` (held lot without a cost: it takes the file's, `params.cost`).
   */
  warnings: z.array(
    z.object({
      line: z.number().int(),
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  ),
  /** Quantities in units; `line` null (and `unlisted`) for a lot of a listed product missing from the file: it goes to 0. */
  adjustments: z.array(
    z.object({
      line: z.number().int().nullable(),
      cip13: z.string(),
      productLabel: z.string(),
      lotNumber: z.string(),
      expiryDate: z.string(),
      from: z.number().int(),
      to: z.number().int(),
      unlisted: z.boolean(),
      expired: z.boolean(),
    }),
  ),
});
