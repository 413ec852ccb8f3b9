import { defineRoute, type RouteDef } from '../http/route';
import { AuditFacets, AuditPage, AuditQuery } from './audit.schemas';
import { getAuditFacets, searchAudit } from './audit.usecases';

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
  defineRoute({
    method: 'get',
    path: '/audit/facets',
    summary: 'The actions and entities the audit log holds, for filters (admin)',
    tags: ['audit'],
    response: AuditFacets,
    handler: async ({ ctx }) => getAuditFacets({ ctx }),
  }),
];
