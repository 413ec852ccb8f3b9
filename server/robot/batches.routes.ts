import { defineRoute, type RouteDef } from '../http/route';
import { Batch, BatchesQuery, BatchList, BookBody, PlanBody, PlanResult, RescheduleBody } from './batches.schemas';
import { bookBatch, cancelBatch, listBatches, rescheduleBatch } from './batches.usecases';
import { planWeek } from './planner.usecases';
import { BatchDetail } from './production.schemas';
import { getBatchDetail } from './production-views';
import { IdParams } from './robot.schemas';

const tags = ['robot'];

export const batchesRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/robot-batches',
    summary: 'Batches starting in an ISO week on a robot (every member: pharmacy and care homes, no resident)',
    tags,
    query: BatchesQuery,
    response: BatchList,
    handler: async ({ ctx, query }) => listBatches({ ctx, query }),
  }),
  defineRoute({
    method: 'post',
    path: '/robot-batches',
    summary:
      "Book a batch of my care homes' submitted orders at a start, after their cut-off (422 robot.before_cutoff; 409 robot.slot_taken with the next starts)",
    tags,
    body: BookBody,
    response: Batch,
    status: 201,
    handler: async ({ ctx, body }) => bookBatch({ ctx, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/robot-batches/plan',
    summary:
      "Auto-plan an order week's submitted orders around booked batches (dry run unless apply; with the previewed fingerprint, 409 robot.plan_changed and the new plan when it changed)",
    tags,
    body: PlanBody,
    response: PlanResult,
    handler: async ({ ctx, body }) => planWeek({ ctx, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/robot-batches/:id',
    summary: 'One batch, with its production steps and the lots consumed per order (never a resident)',
    tags,
    params: IdParams,
    response: BatchDetail,
    handler: async ({ ctx, params }) => getBatchDetail({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/robot-batches/:id/reschedule',
    summary:
      'Move a batch before production starts (same checks as booking, robot.before_cutoff included; 409 robot.batch_cancelled, robot.batch_not_movable)',
    tags,
    params: IdParams,
    body: RescheduleBody,
    response: Batch,
    handler: async ({ ctx, params, body }) => rescheduleBatch({ ctx, id: params.id, start: body.start }),
  }),
  defineRoute({
    method: 'post',
    path: '/robot-batches/:id/cancel',
    summary:
      'Cancel a batch before production starts; its orders go back to submitted (409 robot.batch_cancelled when it already is, robot.batch_not_movable once started)',
    tags,
    params: IdParams,
    response: Batch,
    handler: async ({ ctx, params }) => cancelBatch({ ctx, id: params.id }),
  }),
];
