/**
 * Schemas of anti-waste offers and of what a request may ask (issue #15), shared with the web
 * forms. Kept apart from stock.schemas.ts so the offer feature reads as one piece.
 */
import { z } from 'zod';
import { FreeText, Id, IdParam } from '../shared/schemas';
import { OFFER_STATUSES } from './stock.models';
import { Cip13, Quantity } from './stock.schemas';

/** The holder offers `quantity` units of its lot `lotId` to `toPharmacyId`. */
export const OfferCreateBody = z.strictObject({
  lotId: Id,
  toPharmacyId: Id,
  quantity: Quantity,
  note: FreeText({ min: 3, max: 300, multiline: true }),
});
export const OfferDeclineBody = z.strictObject({ reason: FreeText({ min: 3, max: 300, multiline: true }).optional() });
export const OffersQuery = z.strictObject({
  box: z.enum(['sent', 'received', 'all']).default('all'),
  status: z.enum(OFFER_STATUSES).optional(),
});

export const Offer = z.object({
  id: z.number().int(),
  fromPharmacyId: z.number().int(),
  fromPharmacyName: z.string(),
  toPharmacyId: z.number().int(),
  toPharmacyName: z.string(),
  lotId: z.number().int(),
  cip13: z.string(),
  productLabel: z.string(),
  lotNumber: z.string(),
  expiryDate: z.string(),
  quantity: z.number().int(),
  note: z.string(),
  /** `expired` when still unanswered after `lastDay` (Paris date). */
  status: z.enum(OFFER_STATUSES),
  lastDay: z.string(),
  declineReason: z.string().nullable(),
  /** The transfer an accepted offer became (shipped and received as any other). */
  transferId: z.number().int().nullable(),
  offeredAt: z.string(),
  answeredAt: z.string().nullable(),
});
export const OfferList = z.object({ items: z.array(Offer) });

/** What the caller may ask one pharmacy for: `GET /api/transfers/lendable?cip13=&fromPharmacyId=`. */
export const LendableQuery = z.strictObject({ cip13: Cip13, fromPharmacyId: IdParam });
export const Lendable = z.object({
  cip13: z.string(),
  fromPharmacyId: z.number().int(),
  /** Units on hand minus units reserved, over lots still good the day after (what a dépannage can send). */
  available: z.number().int(),
  nearestExpiry: z.string().nullable(),
  /** The caller's requests of this product to this pharmacy still open (requested or accepted). */
  openTransfers: z.array(
    z.object({
      id: z.number().int(),
      status: z.string(),
      quantityRequested: z.number().int(),
      requestedAt: z.string(),
    }),
  ),
});
