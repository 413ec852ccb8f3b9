import { renderDeliveryNotePdf } from '../../reports/delivery-note';
import { defineRoute, type RouteDef } from '../http/route';
import { IdParams } from '../shared/schemas';
import {
  acceptChangeRequest,
  createChangeRequest,
  listChangeRequests,
  refuseChangeRequest,
} from './change-requests.usecases';
import { loadDeliveryNote } from './delivery-note.usecases';
import { getOrder, listOrders } from './order-views.usecases';
import {
  Absence,
  AbsenceBody,
  AbsenceDaysBody,
  AbsenceParams,
  ChangeRequest,
  ChangeRequestBody,
  ChangeRequestList,
  ChangeRequestsQuery,
  NotesBody,
  OrderBody,
  OrderDetail,
  OrderList,
  OrdersQuery,
  RefuseBody,
} from './orders.schemas';
import {
  addAbsence,
  cancelOrder,
  changeAbsenceDays,
  createOrder,
  removeAbsence,
  submitOrder,
  updateNotes,
} from './orders.usecases';

const tags = ['orders'];

export const ordersRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/orders',
    summary: 'Weekly orders in the caller’s scope, newest week first',
    tags,
    query: OrdersQuery,
    response: OrderList,
    handler: async ({ ctx, query }) => listOrders({ ctx, query }),
  }),
  defineRoute({
    method: 'post',
    path: '/orders',
    summary: 'Create the draft of a week from the prescriptions (409 when it exists)',
    tags,
    body: OrderBody,
    response: OrderDetail,
    status: 201,
    handler: async ({ ctx, body }) => createOrder({ ctx, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/orders/:id',
    summary: 'One order: totals, residents × days of pouches, units per product (audited)',
    tags,
    params: IdParams,
    response: OrderDetail,
    handler: async ({ ctx, params }) => getOrder({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'get',
    path: '/orders/:id/delivery-note',
    summary: 'Delivery note (bon de livraison) PDF, in every status (provisional before production)',
    tags,
    params: IdParams,
    produces: { 'application/pdf': 'Delivery note' },
    handler: async ({ ctx, params, res }) => {
      const data = loadDeliveryNote({ ctx, id: params.id });
      const pdf = await renderDeliveryNotePdf(data);
      res.type('application/pdf').attachment(`bon-de-livraison-${data.week}-${data.orderId}.pdf`).send(pdf);
      return undefined;
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/orders/:id',
    summary: 'Notes of an order, before the cut-off',
    tags,
    params: IdParams,
    body: NotesBody,
    response: OrderDetail,
    handler: async ({ ctx, params, body }) => updateNotes({ ctx, id: params.id, notes: body.notes }),
  }),
  defineRoute({
    method: 'post',
    path: '/orders/:id/absences',
    summary: 'Mark a resident absent on days of the order’s week, before the cut-off',
    tags,
    params: IdParams,
    body: AbsenceBody,
    response: Absence,
    status: 201,
    handler: async ({ ctx, params, body }) => addAbsence({ ctx, orderId: params.id, input: body }),
  }),
  defineRoute({
    method: 'patch',
    path: '/orders/:id/absences/:absenceId',
    summary: 'Change the days of an absence (back from hospital a day early), before the cut-off',
    tags,
    params: AbsenceParams,
    body: AbsenceDaysBody,
    response: Absence,
    handler: async ({ ctx, params, body }) =>
      changeAbsenceDays({ ctx, orderId: params.id, absenceId: params.absenceId, input: body }),
  }),
  defineRoute({
    method: 'delete',
    path: '/orders/:id/absences/:absenceId',
    summary: 'Undo an absence, before the cut-off',
    tags,
    params: AbsenceParams,
    status: 204,
    handler: async ({ ctx, params }) => {
      removeAbsence({ ctx, orderId: params.id, absenceId: params.absenceId });
      return undefined;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/orders/:id/submit',
    summary: 'Submit a draft (the care home before the cut-off; staff also after it)',
    tags,
    params: IdParams,
    response: OrderDetail,
    handler: async ({ ctx, params }) => submitOrder({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/orders/:id/cancel',
    summary:
      'Cancel an order (the care home before the cut-off; staff until production): a planned order leaves its robot batch, which shrinks or is cancelled',
    tags,
    params: IdParams,
    response: OrderDetail,
    handler: async ({ ctx, params }) => cancelOrder({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/orders/:id/change-requests',
    summary: 'Ask for a late change after the cut-off (care home)',
    tags,
    params: IdParams,
    body: ChangeRequestBody,
    response: ChangeRequest,
    status: 201,
    handler: async ({ ctx, params, body }) => createChangeRequest({ ctx, orderId: params.id, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/order-change-requests',
    summary: 'Late change requests in the caller’s scope',
    tags,
    query: ChangeRequestsQuery,
    response: ChangeRequestList,
    handler: async ({ ctx, query }) => listChangeRequests({ ctx, query }),
  }),
  defineRoute({
    method: 'post',
    path: '/order-change-requests/:id/accept',
    summary: 'Accept a late change: its absences apply and the order is recomputed (staff)',
    tags,
    params: IdParams,
    response: ChangeRequest,
    handler: async ({ ctx, params }) => acceptChangeRequest({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/order-change-requests/:id/refuse',
    summary: 'Refuse a late change, with a reason (staff)',
    tags,
    params: IdParams,
    body: RefuseBody,
    response: ChangeRequest,
    handler: async ({ ctx, params, body }) => refuseChangeRequest({ ctx, id: params.id, reason: body.reason }),
  }),
];
