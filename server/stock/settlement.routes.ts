import { renderSettlementCsv, renderSettlementPdf } from '../../reports/settlement';
import { defineRoute, type RouteDef } from '../http/route';
import { CSV_CONTENT_TYPE } from '../shared/csv';
import { IdParams } from '../shared/schemas';
import {
  Settlement,
  SettlementPayment,
  SettlementPaymentBody,
  SettlementQuery,
  SettlementYear,
  SettlementYearQuery,
} from './settlement.schemas';
import { loadSettlement, loadSettlementYear, markSettlementPaid, undoSettlementPayment } from './settlement.usecases';

const tags = ['transfers'];

/** The monthly settlement between pharmacies (SPEC §4): statement, year list, payments marked paid. */
export const settlementRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/transfers/settlement',
    summary: 'Monthly settlement per pair of pharmacies (JSON, CSV or PDF); provisional while the month is open',
    tags,
    query: SettlementQuery,
    response: Settlement,
    produces: { 'text/csv': 'CSV statement', 'application/pdf': 'PDF statement' },
    handler: async ({ ctx, query, res }) => {
      const data = loadSettlement({ ctx, month: query.month });
      if (query.format === 'json') return data;
      const name = `compensation-${query.month}${data.provisional ? '-provisoire' : ''}`;
      if (query.format === 'csv') {
        res.type(CSV_CONTENT_TYPE).attachment(`${name}.csv`).send(renderSettlementCsv(data));
      } else {
        res
          .type('application/pdf')
          .attachment(`${name}.pdf`)
          .send(await renderSettlementPdf(data, { printedAt: ctx.clock.now() }));
      }
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/transfers/settlement/year',
    summary: 'The year’s monthly statements: totals, provisional or paid state',
    tags,
    query: SettlementYearQuery,
    response: SettlementYear,
    handler: async ({ ctx, query }) => loadSettlementYear({ ctx, year: query.year }),
  }),
  defineRoute({
    method: 'post',
    path: '/transfers/settlement/payments',
    summary: 'Mark a debtor → creditor payment of a closed month as made (treasurer or creditor’s pharmacist)',
    tags,
    body: SettlementPaymentBody,
    response: SettlementPayment,
    status: 201,
    handler: async ({ ctx, body }) => markSettlementPaid({ ctx, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/transfers/settlement/payments/:id/undo',
    summary: 'Undo a payment mark (the mark stays in history as undone)',
    tags,
    params: IdParams,
    response: SettlementPayment,
    handler: async ({ ctx, params }) => undoSettlementPayment({ ctx, id: params.id }),
  }),
];
