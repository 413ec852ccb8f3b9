import { defineRoute, type RouteDef } from '../http/route';
import { Alert, AlertIdParams, AlertList, AlertsQuery } from './alerts.schemas';
import { dismissAlert, listMyAlerts, reopenAlert } from './alerts.usecases';

export const alertsRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/alerts',
    summary: 'What needs doing: alerts for my pharmacy, care home or role',
    tags: ['alerts'],
    query: AlertsQuery,
    response: AlertList,
    handler: async ({ ctx, query }) => listMyAlerts({ ctx, query }),
  }),
  defineRoute({
    method: 'post',
    path: '/alerts/:id/dismiss',
    summary: 'Dismiss an alert',
    tags: ['alerts'],
    params: AlertIdParams,
    response: Alert,
    handler: async ({ ctx, params }) => dismissAlert({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/alerts/:id/reopen',
    summary: 'Undo the dismissal of an alert: it is open again',
    tags: ['alerts'],
    params: AlertIdParams,
    response: Alert,
    handler: async ({ ctx, params }) => reopenAlert({ ctx, id: params.id }),
  }),
];
