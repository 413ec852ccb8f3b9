import { renderProductionSheetPdf } from '../../reports/production-sheet';
import { defineRoute, type RouteDef } from '../http/route';
import { IdParams } from '../shared/schemas';
import { getActivity } from './activity.usecases';
import { getOrderProgress, signDelivery } from './delivery.usecases';
import {
  Activity,
  ActivityQuery,
  AnomalyOut,
  BatchDetail,
  BatchDetailList,
  BatchLots,
  CompleteBody,
  DeliverBody,
  Delivery,
  EmptyBody,
  EmptyQuery,
  OrderProgress,
  RejectBody,
  ResolveBody,
  Shortages,
  UpcomingBatches,
  UpcomingShortages,
  VerificationView,
  VerifyBody,
} from './production.schemas';
import { completeBatch, getVerification, resolveAnomaly, startBatch, verifyBatch } from './production.usecases';
import { rejectBatch } from './production-rejections.usecases';
import { loadProductionSheet } from './production-sheet.usecases';
import {
  getBatchLots,
  getBatchShortages,
  listBatchesToVerify,
  listUpcomingBatches,
  listUpcomingShortages,
} from './shortages.usecases';

const tags = ['robot production'];

export const productionRoutes: RouteDef[] = [
  defineRoute({
    method: 'post',
    path: '/robot-batches/:id/start',
    summary: 'Start a booked batch (staff of the host pharmacy or of its orders’ pharmacy); orders in_production',
    tags,
    params: IdParams,
    body: EmptyBody,
    response: BatchDetail,
    handler: async ({ ctx, params }) => startBatch({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/robot-batches/:id/complete',
    summary: 'Pouches produced: books robot_consumption FEFO on the host’s lots per order line (409 robot.shortage)',
    tags,
    params: IdParams,
    body: CompleteBody,
    response: BatchDetail,
    handler: async ({ ctx, params, body }) => completeBatch({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/robot-batches/:id/verify',
    summary: 'Pharmacist check: with anomalies they are recorded; without, the batch is verified (409 open anomalies)',
    tags,
    params: IdParams,
    body: VerifyBody,
    response: BatchDetail,
    handler: async ({ ctx, params, body }) => verifyBatch({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/robot-batches/:id/reject',
    summary:
      'Pharmacist of its care homes rejects a produced batch: redo (back in production) or abandon (orders to plan again)',
    tags,
    params: IdParams,
    body: RejectBody,
    response: BatchDetail,
    handler: async ({ ctx, params, body }) => rejectBatch({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/robot-batches/:id/verification',
    summary: 'Checks, anomalies and residents of a batch (staff of the host or of its orders’ pharmacy)',
    tags,
    query: EmptyQuery,
    params: IdParams,
    response: VerificationView,
    handler: async ({ ctx, params }) => getVerification({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'get',
    path: '/robot-batches/:id/shortages',
    summary: 'Products the host pharmacy’s stock does not cover, with the pool at the other pharmacies',
    tags,
    query: EmptyQuery,
    params: IdParams,
    response: Shortages,
    handler: async ({ ctx, params }) => getBatchShortages({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'get',
    path: '/robot-batches/:id/lots',
    summary: 'The host’s usable lots per product of the batch, FEFO first, to name the lot actually loaded',
    tags,
    query: EmptyQuery,
    params: IdParams,
    response: BatchLots,
    handler: async ({ ctx, params }) => getBatchLots({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'get',
    path: '/robot-batches/:id/production-sheet',
    summary: 'Production sheet PDF: cassettes and lots, manual tray, pouches per resident, verification boxes',
    tags,
    query: EmptyQuery,
    params: IdParams,
    produces: { 'application/pdf': 'Production sheet' },
    handler: async ({ ctx, params, res }) => {
      const data = loadProductionSheet({ ctx, id: params.id });
      const pdf = await renderProductionSheetPdf(data);
      res.type('application/pdf').attachment(`fiche-production-serie-${data.batchId}.pdf`).send(pdf);
      return undefined;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/robot-batch-anomalies/:id/resolve',
    summary: 'A pharmacist says how an anomaly was put right; verification is blocked until then',
    tags,
    params: IdParams,
    body: ResolveBody,
    response: AnomalyOut,
    handler: async ({ ctx, params, body }) => resolveAnomaly({ ctx, id: params.id, resolution: body.resolution }),
  }),
  defineRoute({
    method: 'get',
    path: '/robot-production/to-verify',
    summary: 'Produced batches of my pharmacy waiting for a pharmacist’s verification',
    tags,
    query: EmptyQuery,
    response: BatchDetailList,
    handler: async ({ ctx }) => listBatchesToVerify({ ctx }),
  }),
  defineRoute({
    method: 'get',
    path: '/robot-production/upcoming',
    summary: 'Batches of my pharmacy (host or orders) in production or to start before the end of tomorrow',
    tags,
    query: EmptyQuery,
    response: UpcomingBatches,
    handler: async ({ ctx }) => listUpcomingBatches({ ctx }),
  }),
  defineRoute({
    method: 'get',
    path: '/robot-production/shortages',
    summary: 'Batches of my pharmacy starting before the end of tomorrow whose host stock falls short',
    tags,
    query: EmptyQuery,
    response: UpcomingShortages,
    handler: async ({ ctx }) => listUpcomingShortages({ ctx }),
  }),
  defineRoute({
    method: 'post',
    path: '/orders/:id/deliver',
    summary: 'Sign a verified order’s delivery for receipt (its care home, or its pharmacy); order delivered',
    tags,
    params: IdParams,
    body: DeliverBody,
    response: Delivery,
    handler: async ({ ctx, params, body }) => signDelivery({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/orders/:id/progress',
    summary: 'An order’s progress from submission to delivery, with its batch and delivery signature',
    tags,
    query: EmptyQuery,
    params: IdParams,
    response: OrderProgress,
    handler: async ({ ctx, params }) => getOrderProgress({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'get',
    path: '/robot/activity',
    summary: 'Verified pouches per pharmacy (through its care homes) in a Paris month: the shares’ activity key',
    tags,
    query: ActivityQuery,
    response: Activity,
    handler: async ({ ctx, query }) => getActivity({ ctx, month: query.month }),
  }),
];
