import { z } from 'zod';
import { Id, Month, QueryInt } from '../shared/schemas';

// Schemas of the monthly settlement (SPEC §4, issue #15), shared by the routes and the web page.

export const SettlementQuery = z.strictObject({
  month: Month,
  format: z.enum(['json', 'csv', 'pdf']).default('json'),
});

/** A debtor → creditor line of a month marked paid (`undoneAt` set once the mark was undone). */
export const SettlementPayment = z.object({
  id: Id,
  month: z.string(),
  debtorPharmacyId: z.number().int(),
  creditorPharmacyId: z.number().int(),
  amountCents: z.number().int(),
  markedAt: z.string(),
  markedByName: z.string().nullable(),
  undoneAt: z.string().nullable(),
});

export const SettlementPair = z.object({
  pharmacyAId: z.number().int(),
  pharmacyAName: z.string(),
  pharmacyBId: z.number().int(),
  pharmacyBName: z.string(),
  sentAToBCents: z.number().int(),
  sentBToACents: z.number().int(),
  transfersAToB: z.number().int(),
  transfersBToA: z.number().int(),
  debtorId: z.number().int().nullable(),
  creditorId: z.number().int().nullable(),
  netCents: z.number().int(),
  /** This pair's figures may still move (month not over, or one of its transfers still open). */
  provisional: z.boolean(),
  /** The live mark of this line's payment, null while unpaid (or nothing to pay). */
  payment: SettlementPayment.nullable(),
});

export const SettlementTransfer = z.object({
  id: Id,
  receivedAt: z.string(),
  fromPharmacyId: z.number().int(),
  fromPharmacyName: z.string(),
  toPharmacyId: z.number().int(),
  toPharmacyName: z.string(),
  cip13: z.string(),
  productLabel: z.string(),
  /** Lots and units received, e.g. `AB12 (6), CD34 (4)`. */
  lots: z.string(),
  quantity: z.number().int(),
  valueCents: z.number().int(),
});

export const Settlement = z.object({
  month: z.string(),
  /** The month is not over in Paris, or transfers of it are still open: figures may still move. */
  provisional: z.boolean(),
  /** The Paris month is over (`false`: the statement stops at the moment it was read). */
  monthOver: z.boolean(),
  /** Transfers asked for or shipped during the month and still open (of the pairs shown). */
  openTransfers: z.number().int(),
  pairs: z.array(SettlementPair),
  transfers: z.array(SettlementTransfer),
});

export const SettlementYearQuery = z.strictObject({ year: QueryInt(2000, 9999) });

export const SettlementYear = z.object({
  year: z.number().int(),
  items: z.array(
    z.object({
      month: z.string(),
      provisional: z.boolean(),
      transfers: z.number().int(),
      /** Value exchanged both ways, at the senders' cost. */
      volumeCents: z.number().int(),
      /** Sum of the payments the month nets to, and how many there are / are marked paid. */
      dueCents: z.number().int(),
      payments: z.number().int(),
      paid: z.number().int(),
    }),
  ),
});

export const SettlementPaymentBody = z.strictObject({
  month: Month,
  debtorPharmacyId: Id,
  creditorPharmacyId: Id,
});
