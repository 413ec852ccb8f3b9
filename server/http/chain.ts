import type express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs `handlers` one after the other as ONE express middleware, as `router.use(...handlers)`
 * would for middleware that apply to every request, without the router's per-layer work
 * (path match, prefix trim, params merge, restore: ~3 µs a layer, measured in issue 16's
 * profile of the authenticated no-op, bench/README.md).
 *
 * Same contract as express 5's layers: `next()` goes on to the next handler (after the last,
 * to the `next` of the chain), `next(err)` skips the rest and hands `err` to express, and a
 * handler that throws, or returns a promise that rejects, is handled as `next(err)`.
 * `next('route')`/`next('router')` are not supported (nothing here uses them): they leave the chain.
 */
export function chain(handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let i = 0;
    const next: NextFunction = (err?: unknown) => {
      if (err !== undefined && err !== null) return done(err);
      const handler = handlers[i++];
      if (!handler) return done();
      try {
        const result = handler(req, res, next) as unknown;
        if (result && typeof (result as Promise<unknown>).then === 'function') {
          (result as Promise<unknown>).then(undefined, (error: unknown) =>
            done(error ?? new Error('Rejected promise')),
          );
        }
      } catch (error) {
        done(error);
      }
    };
    next();
  };
}

/**
 * Runs `handler` only for a request that has a body (a `Transfer-Encoding` or a numeric
 * `Content-Length`: body-parser's own test, `type-is`'s `hasBody`); other requests go straight
 * on. For the body parsers, which would otherwise each check the request again (issue 16).
 */
export function onlyWithBody(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.headers['transfer-encoding'] === undefined && Number.isNaN(Number(req.headers['content-length']))) {
      return next();
    }
    return handler(req, res, next);
  };
}

/**
 * Runs `handler` only for the API's paths: `/api` and below, matched as express's
 * `app.use('/api', …)` matches (any case, `/api` followed by `/` or nothing); other requests go
 * straight on. The handler sees the whole path (`req.path` starts with `/api`).
 */
export function forApiPaths(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const path = req.path;
    const api = path.length >= 4 && path.slice(0, 4).toLowerCase() === '/api' && (path.length === 4 || path[4] === '/');
    return api ? handler(req, res, next) : next();
  };
}

/** On a request `frontOf` ran: how its front chain ended (`error` given to its `next`, if any). */
const FRONT = Symbol('officoop.front');
type Fronted = Request & { [FRONT]?: { error: unknown } };

/**
 * Makes `front` the first thing `app` runs for every request, and lets a request `front` answers
 * skip express's router altogether (issue 16: the router's `handle`/`next` and `app.handle`'s
 * final handler cost ~25 µs and 8 KB of garbage per API request in the no-op's profile).
 *
 * `app.handle` (what `http.createServer(app)` and supertest call) then does what express's does
 * before routing (circular `req.res`/`res.req`, the app's request and response prototypes,
 * `res.locals`, `req.originalUrl`) and runs `front`. When `front` calls `next()` or `next(err)`, the
 * request goes through express's own `handle` as before; `front` is then the router's first layer,
 * which only passes its outcome on (`next(err)` reaches the app's error middleware). A sub-app
 * mount (`handle` with a callback) keeps express's path, `front` as its first layer.
 * Call it before any other `app.use`.
 */
export function frontOf(app: express.Express, front: RequestHandler): void {
  type Handle = (req: Request, res: Response, callback?: NextFunction) => void;
  const handled = app as unknown as { handle: Handle };
  const expressHandle = handled.handle.bind(app);
  app.use((req, res, next) => {
    const ran = (req as Fronted)[FRONT];
    if (ran === undefined) return front(req, res, next);
    next(ran.error);
  });
  handled.handle = (req, res, callback) => {
    if (callback) return expressHandle(req, res, callback);
    req.res = res;
    res.req = req;
    // A server built by `createAppServer` already made them with these prototypes: re-parenting
    // a live object is what made V8 keep each request's objects (app-server.ts).
    if (Object.getPrototypeOf(req) !== app.request) Object.setPrototypeOf(req, app.request);
    if (Object.getPrototypeOf(res) !== app.response) Object.setPrototypeOf(res, app.response);
    res.locals ??= Object.create(null);
    req.originalUrl ??= req.url;
    front(req, res, (error?: unknown) => {
      (req as Fronted)[FRONT] = { error };
      expressHandle(req, res);
    });
  };
}
