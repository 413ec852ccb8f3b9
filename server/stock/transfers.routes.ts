import { renderDepannageSlipPdf } from '../../reports/depannage-slip';
import { IdempotencyKeyHeaders } from '../http/idempotency';
import { defineRoute, type RouteDef } from '../http/route';
import { IdParams } from '../shared/schemas';
import { loadDepannageSlip } from './depannage-slip.usecases';
import {
  Lendable,
  LendableQuery,
  Offer,
  OfferCreateBody,
  OfferDeclineBody,
  OfferList,
  OffersQuery,
} from './offers.schemas';
import { acceptOffer, cancelOffer, createOffer, declineOffer, getOffer, listMyOffers } from './offers.usecases';
import {
  Transfer,
  TransferAcceptBody,
  TransferList,
  TransferReceiptResult,
  TransferReceiveBody,
  TransferRejectBody,
  TransferRequestBody,
  TransfersQuery,
} from './stock.schemas';
import {
  acceptTransfer,
  cancelTransfer,
  getLendable,
  getTransfer,
  listMyTransfers,
  receiveTransfer,
  rejectTransfer,
  requestTransfer,
  shipTransfer,
} from './transfers.usecases';

const tags = ['transfers'];

/** Anti-waste offers: the holder offers units of a lot; the recipient accepts (a transfer) or declines. */
function offerRoutes(): RouteDef[] {
  const offerStep = (path: 'cancel', summary: string, fn: typeof cancelOffer) =>
    defineRoute({
      method: 'post',
      path: `/transfer-offers/:id/${path}`,
      summary,
      tags,
      params: IdParams,
      response: Offer,
      handler: async ({ ctx, params }) => fn({ ctx, id: params.id }),
    });
  return [
    defineRoute({
      method: 'get',
      path: '/transfer-offers',
      summary: 'Anti-waste offers my pharmacy sent or received',
      tags,
      query: OffersQuery,
      response: OfferList,
      handler: async ({ ctx, query }) => listMyOffers({ ctx, query }),
    }),
    defineRoute({
      method: 'post',
      path: '/transfer-offers',
      summary: 'Offer units of one of my lots to a pharmacy that uses the product faster',
      tags,
      body: OfferCreateBody,
      response: Offer,
      status: 201,
      handler: async ({ ctx, body }) => createOffer({ ctx, input: body }),
    }),
    defineRoute({
      method: 'get',
      path: '/transfer-offers/:id',
      summary: 'One offer my pharmacy sent or received',
      tags,
      params: IdParams,
      response: Offer,
      handler: async ({ ctx, params }) => getOffer({ ctx, id: params.id }),
    }),
    defineRoute({
      method: 'post',
      path: '/transfer-offers/:id/accept',
      summary: 'Recipient accepts: the offer becomes an accepted transfer, the lot reserved (answers the transfer)',
      tags,
      params: IdParams,
      response: Transfer,
      handler: async ({ ctx, params }) => acceptOffer({ ctx, id: params.id }),
    }),
    defineRoute({
      method: 'post',
      path: '/transfer-offers/:id/decline',
      summary: 'Recipient declines, optionally saying why',
      tags,
      params: IdParams,
      body: OfferDeclineBody,
      response: Offer,
      handler: async ({ ctx, params, body }) => declineOffer({ ctx, id: params.id, input: body }),
    }),
    offerStep('cancel', 'Holder withdraws its offer before it is answered', cancelOffer),
  ];
}

const step = (path: string, summary: string, fn: typeof shipTransfer) =>
  defineRoute({
    method: 'post',
    path: `/transfers/:id/${path}`,
    summary,
    tags,
    params: IdParams,
    response: Transfer,
    handler: async ({ ctx, params }) => fn({ ctx, id: params.id }),
  });

export const transfersRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/transfers',
    summary: 'Transfers of my pharmacy: inbox (asked of us), outbox (we asked)',
    tags,
    query: TransfersQuery,
    response: TransferList,
    handler: async ({ ctx, query }) => listMyTransfers({ ctx, query }),
  }),
  defineRoute({
    method: 'post',
    path: '/transfers',
    summary:
      'Ask another pharmacy for a dépannage. Optional Idempotency-Key header (a UUID per form): a repeat answers the first transfer (Idempotent-Replayed: true); the key with another body, 422 transfers.idempotency_key_reused',
    tags,
    headers: IdempotencyKeyHeaders,
    body: TransferRequestBody,
    response: Transfer,
    status: 201,
    handler: async ({ ctx, body, headers, res }) => {
      const { transfer, replayed } = requestTransfer({ ctx, input: body, idempotencyKey: headers['idempotency-key'] });
      if (replayed) res.set('Idempotent-Replayed', 'true');
      return transfer;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/transfers/lendable',
    summary: 'What another pharmacy can lend of a product, and my open requests of it to that pharmacy',
    tags,
    query: LendableQuery,
    response: Lendable,
    handler: async ({ ctx, query }) => getLendable({ ctx, query }),
  }),
  ...offerRoutes(),
  defineRoute({
    method: 'get',
    path: '/transfers/:id',
    summary: 'One transfer of my pharmacy with its lots',
    tags,
    params: IdParams,
    response: Transfer,
    handler: async ({ ctx, params }) => getTransfer({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'get',
    path: '/transfers/:id/slip.pdf',
    summary: 'Dépannage slip (bon de dépannage) PDF for the parcel: both pharmacies, product, lots, value, signatures',
    tags,
    params: IdParams,
    produces: { 'application/pdf': 'Dépannage slip' },
    handler: async ({ ctx, params, res }) => {
      const data = loadDepannageSlip({ ctx, id: params.id });
      const now = ctx.clock.now();
      const pdf = await renderDepannageSlipPdf(data, { printedAt: now, creationDate: now });
      res.type('application/pdf').attachment(`bon-depannage-${data.id}.pdf`).send(pdf);
      return undefined;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/transfers/:id/accept',
    summary: 'Sender accepts (all or part); lots are reserved FEFO',
    tags,
    params: IdParams,
    body: TransferAcceptBody,
    response: Transfer,
    handler: async ({ ctx, params, body }) => acceptTransfer({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/transfers/:id/reject',
    summary: 'Sender rejects, with a reason',
    tags,
    params: IdParams,
    body: TransferRejectBody,
    response: Transfer,
    handler: async ({ ctx, params, body }) => rejectTransfer({ ctx, id: params.id, input: body }),
  }),
  step('ship', 'Sender ships the reserved lots', shipTransfer),
  defineRoute({
    method: 'post',
    path: '/transfers/:id/receive',
    summary: 'Receiver books the lots that arrived (partial receipt needs a note)',
    tags,
    params: IdParams,
    body: TransferReceiveBody,
    response: TransferReceiptResult,
    handler: async ({ ctx, params, body }) => receiveTransfer({ ctx, id: params.id, input: body }),
  }),
  step('cancel', 'Cancel before shipping (reserved units are released)', cancelTransfer),
];
