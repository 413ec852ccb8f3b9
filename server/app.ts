import express, { type RequestHandler } from 'express';
import swaggerUi from 'swagger-ui-express';
import { chain, forApiPaths, frontOf, onlyWithBody } from './http/chain';
import type { AppDeps } from './http/deps';
import { apiNotFound, errorMiddleware } from './http/errors';
import { buildOpenApiDocument } from './http/openapi';
import { sameOriginOnly } from './http/origin';
import { loginRateLimit, passwordChangeRateLimit } from './http/rate-limit';
import { installRequestLog, quietRequest, requestLogger } from './http/request-log';
import { routeDispatcher } from './http/route';
import { securityHeaders } from './http/security-headers';
import { sessionMiddleware } from './http/session';
import { refuseUnreadBody, textBodies } from './http/text-body';
import { serveWebApp } from './http/web';
import { routes } from './routes';

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * Every API answer says the server's time (`X-Server-Time`, ISO UTC, from the app's clock): the web
 * app judges cut-offs and production windows by it rather than by the workstation's own clock,
 * which may be wrong (web/src/shared/server-clock.ts).
 */
const serverTime =
  (clock: AppDeps['clock']): RequestHandler =>
  (_req, res, next) => {
    res.setHeader('X-Server-Time', clock.now().toISOString());
    next();
  };

/** Builds the express application. It never listens: main.ts and the tests decide where. */
export function createApp(deps: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  // API answers are private and change with every write: never stored by a browser or a proxy
  // (`Cache-Control: no-store` below), so no ETag either (it hashed every JSON body; issue 16).
  // The web app's files keep theirs (express.static sets its own).
  app.set('etag', false);
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.locals.sessionSettings = { secret: deps.config.sessionSecret, ttlHours: deps.config.SESSION_TTL_HOURS };
  app.locals.startedAt = deps.startedAt;
  app.locals.demo = deps.config.demo;

  // One line a request: `GET /api/pool 200 4 ms pharmacien.bugeat` (readable in the demo console);
  // `req.log` is created only when a handler logs. The demo console skips static files.
  installRequestLog(app, deps.log);
  // What a request crosses runs as one chain (`chain`: no router work per layer, issue 16): the
  // request log and security headers for every request, then, for the API's paths, its own
  // middleware ending in the route dispatcher. A path no route declares goes on to the
  // documentation routes and the API's 404 (`apiRest`), or to the web app.
  frontOf(
    app,
    chain([
      requestLogger(deps.log, { ignore: quietRequest(deps.config.demo) }),
      // helmet's headers, computed once. HSTS and https upgrades only make sense behind a TLS
      // proxy; the demo runs on plain http://127.0.0.1.
      securityHeaders({
        hsts: deps.config.TRUST_PROXY,
        contentSecurityPolicy: { directives: { upgradeInsecureRequests: deps.config.TRUST_PROXY ? [] : null } },
      }),
      forApiPaths(
        chain([
          noStore,
          serverTime(deps.clock),
          // Bodies: JSON, and CSV uploads (stock snapshots…) decoded by the shared rule (20 000
          // rows fit well within 5 MB). A request without a body skips the parsers altogether.
          onlyWithBody(chain([express.json({ limit: '1mb' }), ...textBodies({ limit: '5mb' }), refuseUnreadBody])),
          sameOriginOnly,
          sessionMiddleware(deps),
          // The login's rate limit runs for exactly the requests the login route serves.
          routeDispatcher(
            routes,
            deps,
            { 'POST /auth/login': loginRateLimit(), 'POST /auth/password': passwordChangeRateLimit() },
            '/api',
          ),
        ]),
      ),
    ]),
  );
  const apiRest = express.Router();
  // The OpenAPI document is generated on its first request and kept as its JSON text, and the
  // documentation page fetches it rather than embedding it in its script: at rest the server held
  // the document as objects and again as a 5 MB script (RSS at rest, SPEC §11).
  let openapiJson: string | undefined;
  apiRest.get('/openapi.json', (_req, res) => {
    openapiJson ??= JSON.stringify(buildOpenApiDocument(routes));
    res.type('application/json').send(openapiJson);
  });
  apiRest.use(
    '/docs',
    swaggerUi.serve,
    swaggerUi.setup(undefined, { swaggerUrl: '../openapi.json', customSiteTitle: 'Officoop API' }),
  );
  apiRest.use(apiNotFound);
  app.use('/api', apiRest);
  serveWebApp(app);

  app.use(errorMiddleware);
  return app;
}
