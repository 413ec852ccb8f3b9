import { defineRoute, type RouteDef } from '../http/route';
import { careHomeBody, careHomeIdParams, careHomeListResponse, careHomeResponse } from './care-homes.schemas';
import { createCareHome, getCareHome, listVisibleCareHomes, updateCareHome } from './care-homes.usecases';

export const careHomesRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/care-homes',
    summary: 'Care homes the caller may see (all for admin, its own for pharmacy staff and care homes)',
    tags: ['care-homes'],
    response: careHomeListResponse,
    handler: async ({ ctx }) => listVisibleCareHomes({ ctx }),
  }),
  defineRoute({
    method: 'get',
    path: '/care-homes/:id',
    summary: 'One care home (404 when out of scope)',
    tags: ['care-homes'],
    params: careHomeIdParams,
    response: careHomeResponse,
    handler: async ({ ctx, params }) => getCareHome({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/care-homes',
    summary: 'Create a care home (admin)',
    tags: ['care-homes'],
    body: careHomeBody,
    response: careHomeResponse,
    status: 201,
    handler: async ({ ctx, body }) => createCareHome({ ctx, input: body }),
  }),
  defineRoute({
    method: 'patch',
    path: '/care-homes/:id',
    summary: 'Edit a care home: name, FINESS, serving pharmacy (admin)',
    tags: ['care-homes'],
    params: careHomeIdParams,
    body: careHomeBody,
    response: careHomeResponse,
    handler: async ({ ctx, params, body }) => updateCareHome({ ctx, id: params.id, input: body }),
  }),
];
