import { defineRoute, type RouteDef } from '../http/route';
import { pharmacyIdParams, pharmacyListResponse, pharmacyResponse, updatePharmacyBody } from './pharmacies.schemas';
import { listAllPharmacies, updatePharmacy } from './pharmacies.usecases';

export const pharmaciesRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/pharmacies',
    summary: 'The member pharmacies of the cooperative',
    tags: ['pharmacies'],
    response: pharmacyListResponse,
    handler: async ({ ctx }) => listAllPharmacies({ ctx }),
  }),
  defineRoute({
    method: 'patch',
    path: '/pharmacies/:id',
    summary: 'Edit a pharmacy (admin)',
    tags: ['pharmacies'],
    params: pharmacyIdParams,
    body: updatePharmacyBody,
    response: pharmacyResponse,
    handler: async ({ ctx, params, body }) => updatePharmacy({ ctx, id: params.id, input: body }),
  }),
];
