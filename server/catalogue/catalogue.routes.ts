import { defineRoute, type RouteDef } from '../http/route';
import { Cip13Params, PdaUpdateBody, Product, ProductList, ProductSearchQuery } from './catalogue.schemas';
import { getProduct, searchProducts, updateProductPda } from './catalogue.usecases';

export const catalogueRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/products',
    summary: 'Search the drug catalogue by name words, CIP13, CIP7 or CIS (marketed presentations first)',
    tags: ['catalogue'],
    query: ProductSearchQuery,
    response: ProductList,
    handler: async ({ ctx, query }) => searchProducts({ ctx, query }),
  }),
  defineRoute({
    method: 'get',
    path: '/products/:cip13',
    summary: 'A presentation with its speciality, substances and generic groups',
    tags: ['catalogue'],
    params: Cip13Params,
    response: Product,
    handler: async ({ ctx, params }) => getProduct({ ctx, cip13: params.cip13 }),
  }),
  defineRoute({
    method: 'patch',
    path: '/products/:cip13/pda',
    summary: 'Set whether a presentation may go into robot pouches (pharmacists), or return to the import rules',
    tags: ['catalogue'],
    params: Cip13Params,
    body: PdaUpdateBody,
    response: Product,
    handler: async ({ ctx, params, body }) => updateProductPda({ ctx, cip13: params.cip13, input: body }),
  }),
];
