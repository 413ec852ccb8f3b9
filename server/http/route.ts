import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { badRequest, unauthenticated } from '../shared/errors';
import type { Ctx } from './context';
import type { AppDeps } from './deps';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnySchema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteDef = {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  auth: boolean;
  params?: AnySchema;
  query?: AnySchema;
  body?: AnySchema;
  /** Media type of the body when not JSON (e.g. `text/csv` uploads). */
  bodyType?: string;
  response?: AnySchema;
  /** Non-JSON responses (CSV, PDF): media type → description, for the OpenAPI document. */
  produces?: Record<string, string>;
  status: number;
  handler: (args: {
    ctx: Ctx;
    params: unknown;
    query: unknown;
    body: unknown;
    req: Request;
    res: Response;
  }) => Promise<unknown>;
};

/**
 * One route: its validation, its use-case call and its OpenAPI entry in one declaration.
 * Handlers return the JSON to send; `undefined` means they wrote the response themselves.
 */
export function defineRoute<
  P extends AnySchema | undefined = undefined,
  Q extends AnySchema | undefined = undefined,
  B extends AnySchema | undefined = undefined,
>(def: {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  auth?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  bodyType?: string;
  response?: AnySchema;
  produces?: Record<string, string>;
  status?: number;
  handler: (args: {
    ctx: Ctx;
    params: Out<P>;
    query: Out<Q>;
    body: Out<B>;
    req: Request;
    res: Response;
  }) => Promise<unknown>;
}): RouteDef {
  return { ...def, auth: def.auth ?? true, status: def.status ?? 200 } as RouteDef;
}

export function zodIssuesToDetails(error: z.ZodError, where: string) {
  return error.issues.map((i) => ({
    field: [where, ...i.path.map(String)].join('.'),
    code: i.code,
    message: i.message,
  }));
}

function parsePart(schema: AnySchema | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw badRequest('validation.invalid_input', `Invalid ${where}`, zodIssuesToDetails(result.error, where));
  }
  return result.data;
}

export function mountRoutes(router: Router, routes: RouteDef[], deps: AppDeps): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      if (route.auth && req.actor?.kind !== 'user') {
        throw unauthenticated('auth.unauthenticated', 'Please log in');
      }
      const params = parsePart(route.params, req.params, 'params');
      const query = parsePart(route.query, req.query, 'query');
      const body = parsePart(route.body, req.body, 'body');
      const ctx: Ctx = {
        db: deps.db,
        clock: deps.clock,
        actor: req.actor ?? { kind: 'anonymous' },
        // Read lazily: the request's child logger is only built when a use case logs (issue 16).
        get log() {
          return req.log ?? deps.log;
        },
      };
      const result = await route.handler({ ctx, params, query, body, req, res });
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(route.status).json(result);
    });
  }
}
