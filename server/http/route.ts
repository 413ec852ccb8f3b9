import type { NextFunction, Request, RequestHandler, Response } from 'express';
import FindMyWay from 'find-my-way';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { Clock } from '../shared/clock';
import { badRequest, forbidden, unauthenticated } from '../shared/errors';
import { chain } from './chain';
import type { Actor, Ctx } from './context';
import type { AppDeps } from './deps';
import { stringifyAnswer } from './json-text';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnySchema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteDef = {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  auth: boolean;
  /**
   * Open to a user still on the provisional password the coordinator gave (`/auth/me`,
   * `/auth/password`); every other authenticated route answers 403 `auth.password_change_required`
   * until they choose theirs.
   */
  provisionalPassword?: boolean;
  params?: AnySchema;
  query?: AnySchema;
  /**
   * Request headers the route reads (a non-strict z.object keyed by lower-case header names):
   * validated as params and query are (400 `validation.invalid_input`, fields `headers.<name>`)
   * and declared in the OpenAPI document.
   */
  headers?: AnySchema;
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
    headers: unknown;
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
  H extends AnySchema | undefined = undefined,
>(def: {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  auth?: boolean;
  provisionalPassword?: boolean;
  params?: P;
  query?: Q;
  headers?: H;
  body?: B;
  bodyType?: string;
  response?: AnySchema;
  produces?: Record<string, string>;
  status?: number;
  handler: (args: {
    ctx: Ctx;
    params: Out<P>;
    query: Out<Q>;
    headers: Out<H>;
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

/**
 * Every route as ONE middleware that finds the route in a radix tree (find-my-way, fastify's
 * router) instead of one express layer per route. Express tries its layers in order, one path
 * regex each: a route declared after ~150 others paid 45–75 µs more CPU per request than the
 * first one (issue 16, bench/README.md); the tree's look-up costs the same for every route.
 * Matching stays express's: case-insensitive, a trailing slash ignored, GET routes answer HEAD,
 * params URL-decoded and never empty (a malformed %-escape is a 400); a path no route declares
 * goes on to the next middleware (the API's 404). A route declared twice throws at start-up.
 *
 * `prefix` is put before every route's path (`'/api'` when the dispatcher sees whole paths).
 * `guards` run before the route they name (`'POST /auth/login'`, method and path as declared),
 * for exactly the requests that route serves (the login's rate limit); naming no declared
 * route throws at start-up.
 */
export function routeDispatcher(
  routes: RouteDef[],
  deps: AppDeps,
  guards: Record<string, RequestHandler> = {},
  prefix = '',
): RequestHandler {
  const tree = FindMyWay<FindMyWay.HTTPVersion.V1>({ caseSensitive: false, ignoreTrailingSlash: true });
  // Each route's work, behind its guard when it has one (an express middleware run by `chain`).
  const handlers = routes.map((route): RequestHandler => {
    const serve = serveRoute(route, deps);
    const run: RequestHandler = (req, res, next) => {
      serve(req, res).catch(next);
    };
    const guard = guards[`${route.method.toUpperCase()} ${route.path}`];
    return guard ? chain([guard, run]) : run;
  });
  for (const name of Object.keys(guards)) {
    if (!routes.some((route) => `${route.method.toUpperCase()} ${route.path}` === name)) {
      throw new Error(`routeDispatcher: a guard names no route: ${name}`);
    }
  }
  routes.forEach((route, i) => {
    tree.on(route.method.toUpperCase() as FindMyWay.HTTPMethod, prefix + route.path, dispatchedAbove, { i });
  });
  return (req: Request, res: Response, next: NextFunction) => {
    // HEAD is answered by the GET route, as express does (node's response then sends no body).
    const method = req.method === 'HEAD' ? 'GET' : (req.method as FindMyWay.HTTPMethod);
    const found = tree.find(method, req.path);
    if (!found) {
      // The tree finds no route for a path it cannot decode: that is a 400, not a 404.
      next(undecodable(req.path));
      return;
    }
    // An empty segment is no parameter (`/robots//calendar`): not found, as with express.
    if (Object.values(found.params).includes('')) {
      next();
      return;
    }
    req.params = found.params as Request['params'];
    const handler = handlers[(found.store as { i: number }).i] as RequestHandler;
    handler(req, res, next);
  };
}

/** The URIError of a path holding a malformed %-escape (the error shape maps it to 400 `http.malformed_url`). */
function undecodable(path: string): URIError | undefined {
  if (!path.includes('%')) return undefined;
  try {
    decodeURIComponent(path);
    return undefined;
  } catch (error) {
    // Marked as the client's error, as express's router marks the URIError of a parameter.
    return Object.assign(error as URIError, { status: 400 });
  }
}

/** find-my-way wants a handler per route; the dispatcher above calls `serveRoute`'s instead. */
const dispatchedAbove = () => undefined;

/**
 * A request's `Ctx`. Its `log` is read lazily, on the prototype: the request's child logger is
 * only built when a use case logs (issue 16). A getter written in an object literal made a new
 * closure and a new hidden class (map, in old space) per request, whose pointer to the closure
 * kept the request's objects through V8's young collections (bench/README.md, twenty-first
 * pass). Copy it with `withActor` (server/http/context.ts), not a spread, which drops `log`.
 */
class RequestCtx implements Ctx {
  readonly db: Db;
  readonly clock: Clock;
  readonly actor: Actor;
  readonly req: Request;
  readonly fallbackLog: Logger;
  constructor(deps: AppDeps, req: Request) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.actor = req.actor ?? { kind: 'anonymous' };
    this.req = req;
    this.fallbackLog = deps.log;
  }
  get log(): Logger {
    return this.req.log ?? this.fallbackLog;
  }
}

/** One route's work: authentication, validation of params, query, headers and body, the use case, the JSON answer. */
function serveRoute(route: RouteDef, deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    if (route.auth && req.actor?.kind !== 'user') {
      throw unauthenticated('auth.unauthenticated', 'Please log in');
    }
    // The coordinator knows a generated password: nothing is read or written with it but the
    // change of password itself.
    if (route.auth && req.actor?.kind === 'user' && req.actor.passwordProvisional && !route.provisionalPassword) {
      throw forbidden('auth.password_change_required', 'Choose your own password first (POST /api/auth/password)');
    }
    const params = parsePart(route.params, req.params, 'params');
    const query = parsePart(route.query, req.query, 'query');
    const headers = parsePart(route.headers, req.headers, 'headers');
    const body = parsePart(route.body, req.body, 'body');
    const ctx: Ctx = new RequestCtx(deps, req);
    const result = await route.handler({ ctx, params, query, headers, body, req, res });
    if (res.headersSent) return;
    if (result === undefined) res.status(204).end();
    else sendJson(res, route.status, result);
  };
}

/**
 * Answers `value` as JSON with `status`: what express's `res.status(status).json(value)` sends
 * for the API (no JSON spaces or replacer, no ETag: server/app.ts), without its content-type
 * parsing and freshness checks on every answer (issue 16), `storedJson` texts spliced in as they
 * are (server/http/json-text.ts). Node sends no body to a HEAD request.
 */
export function sendJson(res: Response, status: number, value: unknown): void {
  const body = stringifyAnswer(value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
