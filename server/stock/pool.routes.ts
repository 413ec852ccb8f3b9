import { defineRoute, type RouteDef } from '../http/route';
import { getPoolProduct, listRebalancing, searchPool } from './pool.usecases';
import { Cip13Params, PoolList, PoolProduct, PoolQuery, RebalanceList } from './stock.schemas';

const tags = ['pool'];

export const poolRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/pool',
    summary: 'Pool search: what each pharmacy could lend (available units, nearest expiry)',
    tags,
    query: PoolQuery,
    response: PoolList,
    handler: async ({ ctx, query }) => searchPool({ ctx, query }),
  }),
  defineRoute({
    method: 'get',
    path: '/pool/rebalance',
    summary: 'Anti-waste suggestions concerning my pharmacy',
    tags,
    response: RebalanceList,
    handler: async ({ ctx }) => listRebalancing({ ctx }),
  }),
  defineRoute({
    method: 'get',
    path: '/pool/:cip13',
    summary: "One product's availability in the five pharmacies",
    tags,
    params: Cip13Params,
    response: PoolProduct,
    handler: async ({ ctx, params }) => getPoolProduct({ ctx, cip13: params.cip13 }),
  }),
];
