// Shared by the server (validation, OpenAPI) and the web forms. Field names are a contract with
// clients (issue: robot production … lot recall): `{ cip13, lot, holdings, transfers, batches, residents }`.
import { z } from 'zod';
import { ORDER_STATUSES } from '../orders/orders.models';
import { BATCH_STATUSES } from '../robot/robot.models';
import { Id } from '../shared/schemas';
import { Cip13, LotNumber } from '../stock/stock.schemas';

export const RecallQuery = z.strictObject({ cip13: Cip13, lot: LotNumber });
export type RecallInput = z.output<typeof RecallQuery>;
export const RecallDestroyBody = RecallQuery;

const Day = z.string().describe('YYYY-MM-DD');
const Instant = z.string().describe('UTC ISO 8601');

export const Recall = z.object({
  cip13: z.string(),
  lot: z.string(),
  label: z.string(),
  holdings: z.array(
    z.object({
      pharmacyId: Id,
      pharmacyName: z.string(),
      lotId: Id,
      lotNumber: z.string(),
      expiryDate: Day,
      quantity: z.number().int().describe('Units on the shelves now (0: none left)'),
      reserved: z.number().int().describe('Units promised to an accepted transfer'),
      since: Instant.describe('When the pharmacy first held the lot'),
    }),
  ),
  transfers: z.array(
    z.object({
      transferId: Id,
      fromPharmacyId: Id,
      fromPharmacyName: z.string(),
      toPharmacyId: Id,
      toPharmacyName: z.string(),
      status: z.enum(['accepted', 'shipped', 'received']).describe('Transfers that took units of the lot'),
      quantity: z.number().int(),
      quantityReceived: z.number().int().nullable(),
      requestedAt: Instant,
      shippedAt: Instant.nullable(),
      receivedAt: Instant.nullable(),
    }),
  ),
  dispensed: z
    .array(
      z.object({
        pharmacyId: Id,
        pharmacyName: z.string(),
        units: z.number().int().describe('Units dispensed at the counter, net of corrections'),
        firstDay: Day.describe('Paris day of the first counter dispense'),
        lastDay: Day.describe('Paris day of the last counter dispense'),
        dispenses: z.number().int(),
      }),
    )
    .describe('Per pharmacy, what of the lot left at the counter (outside the robot’s pouches)'),
  batches: z.array(
    z.object({
      batchId: Id,
      robotName: z.string(),
      hostPharmacyName: z.string(),
      status: z.enum(BATCH_STATUSES),
      start: Instant,
      producedAt: Instant.nullable(),
      verifiedAt: Instant.nullable(),
      units: z.number().int(),
      careHomes: z.array(
        z.object({
          careHomeId: Id,
          careHomeName: z.string(),
          pharmacyName: z.string(),
          orderId: Id,
          week: z.string(),
          orderStatus: z.enum(ORDER_STATUSES),
          deliveredAt: Instant.nullable(),
          residents: z.number().int().describe('How many residents had pouches with the lot'),
          units: z.number().int(),
        }),
      ),
    }),
  ),
  residents: z
    .array(
      z.object({
        residentId: Id,
        name: z.string(),
        room: z.string(),
        careHomeId: Id,
        careHomeName: z.string(),
        orderId: Id,
        week: z.string(),
        batchId: Id,
        units: z.number().int(),
        producedAt: Instant.nullable(),
      }),
    )
    .describe('Named only for the care homes the caller’s pharmacy serves'),
  hiddenResidents: z.number().int().describe('Residents of care homes other pharmacies serve: counted, not named'),
});
export type RecallOut = z.output<typeof Recall>;

export const RecallDestruction = z.object({
  pharmacyId: Id,
  movements: z.array(z.object({ lotId: Id, lotNumber: z.string(), expiryDate: Day, quantity: z.number().int() })),
  reserved: z
    .number()
    .int()
    .describe('Units that accepted, unshipped dépannages had reserved: released and destroyed with the rest'),
  cancelledTransfers: z.array(Id).describe('Accepted dépannages cancelled because they reserved the recalled lot'),
});
