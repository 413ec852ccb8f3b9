import { defineRoute, type RouteDef } from '../http/route';
import { AuditPage, AuditQuery } from './audit.schemas';
import { searchAudit } from './audit.usecases';

export const auditRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/audit',
    summary: 'Search the audit log (admin)',
    tags: ['audit'],
    query: AuditQuery,
    response: AuditPage,
    handler: async ({ ctx, query }) => searchAudit({ ctx, query }),
  }),
];
