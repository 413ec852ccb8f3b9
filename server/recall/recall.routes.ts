import { renderRecallPdf } from '../../reports/recall';
import { actorLabel } from '../http/context';
import { defineRoute, type RouteDef } from '../http/route';
import { findUserById } from '../users/users.repository';
import { Recall, RecallDestroyBody, RecallDestruction, RecallQuery } from './recall.schemas';
import { destroyRecalledLot, getRecall } from './recall.usecases';

const tags = ['recall'];

export const recallRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/recalls',
    summary: 'Where a lot went: pharmacies holding it, transfers, robot batches, care homes and residents (staff only)',
    tags,
    query: RecallQuery,
    response: Recall,
    handler: async ({ ctx, query }) => getRecall({ ctx, input: query }),
  }),
  defineRoute({
    method: 'get',
    path: '/recalls/pdf',
    summary: 'The recall report as a PDF (same content and privacy as the JSON)',
    tags,
    query: RecallQuery,
    produces: { 'application/pdf': 'Recall report' },
    handler: async ({ ctx, query, res }) => {
      const data = getRecall({ ctx, input: query });
      // The report names who printed it as colleagues know them (display name), never by e-mail.
      const user = ctx.actor.kind === 'user' ? findUserById(ctx.db, ctx.actor.userId) : undefined;
      const printedBy = user?.displayName ?? actorLabel(ctx.actor);
      const pdf = await renderRecallPdf(data, { printedAt: ctx.clock.now(), printedBy });
      res
        .type('application/pdf')
        .attachment(`retrait-${data.cip13}-${data.lot.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`)
        .send(pdf);
      return undefined;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/recalls/destroy',
    summary: 'Destroy what my pharmacy still holds of a recalled lot (destruction movements, reason recalled)',
    tags,
    body: RecallDestroyBody,
    response: RecallDestruction,
    handler: async ({ ctx, body }) => destroyRecalledLot({ ctx, input: body }),
  }),
];
