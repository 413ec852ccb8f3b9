import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Application, Request, RequestHandler, Response } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Actor } from './context';

/**
 * The server's logger. Production (and tests) write pino's JSON, one object a line, for log
 * tools. The demo writes one readable line per event for the person watching the console:
 * `09:12:03 GET /api/pool 200 4 ms pharmacien.bugeat` (Paris time; see `readableLogStream`).
 */
export function createLogger(opts: { level: string; demo: boolean }, out: NodeJS.WritableStream = process.stdout) {
  return opts.demo ? pino({ level: opts.level }, readableLogStream(out)) : pino({ level: opts.level });
}

/**
 * Who made a request, as the console shows it: the e-mail's local part, `-` when anonymous.
 * A login request has no actor when it arrives: it shows the user the login established
 * (`logRequestAs`).
 */
function who(req: IncomingMessage): string {
  const actor = (req as Logged)[STATE]?.as ?? (req as IncomingMessage & { actor?: Actor }).actor;
  if (!actor) return '-';
  if (actor.kind === 'user') return actor.email.split('@')[0] ?? actor.email;
  return actor.kind;
}

const urlOf = (req: IncomingMessage) => (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;

/**
 * The message of a finished request: `GET /api/pool 200 4 ms pharmacien.bugeat`
 * (method, URL with its query, status, milliseconds, who). The JSON log keeps the same
 * structured fields (req, res, responseTime) beside it.
 */
export function requestLogMessage(req: IncomingMessage, res: ServerResponse, responseTime: number): string {
  return `${req.method} ${urlOf(req)} ${res.statusCode} ${Math.round(responseTime)} ms ${who(req)}`;
}

/** The message of a request that failed on the server: the line above and the error's message. */
export function requestErrorMessage(req: IncomingMessage, res: ServerResponse, err: Error): string {
  return `${req.method} ${urlOf(req)} ${res.statusCode} ${who(req)}: ${err.message}`;
}

/** Where a request keeps its id, start time and (once asked for) its child logger. */
const STATE = Symbol('officoop.requestLog');
type LogState = { base: Logger; id: string; start: number; child: Logger | undefined; as?: Actor };
type Logged = Request & { [STATE]?: LogState };

/**
 * Names the user a request established (a successful login: the session's actor is only known
 * once the handler ran), so the request's log line says who logged in instead of `-`.
 * Does nothing for a request that did not pass through `requestLogger`.
 */
export function logRequestAs(req: Request, actor: Actor): void {
  const state = (req as Logged)[STATE];
  if (state) state.as = actor;
}

/**
 * Which requests get no request line: the health check (polled), and in demo mode the web
 * app's static files (`/assets/…`, `/favicon.svg`…: a page load fetches dozens), so the demo
 * console shows the API calls and page loads a person made. Production logs every other request.
 */
export function quietRequest(demo: boolean): (req: Request) => boolean {
  return (req) => {
    const path = req.path;
    if (path === '/api/health') return true;
    if (!demo || path.startsWith('/api/')) return false;
    return path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path);
  };
}

/**
 * The request logger (issue 16: it replaced pino-http, which built a child logger, serialised
 * the request and listened for `finish` on every request even when no line was written).
 *
 * Per request: an id (the caller's `X-Request-Id`, at most 64 characters, or a random UUID),
 * echoed in the `X-Request-Id` header and kept as `req.id`; and, only when the logger's level
 * lets `info` through and `ignore(req)` is false, one `finish` listener writing one line:
 * `requestLogMessage` with the fields `req: { id, method, url }`, `res: { statusCode }` and
 * `responseTime` (ms), at `info`, as pino-http did; a 5xx answer is written with
 * `requestErrorMessage` and an `err`. `req.log` is a child logger bound to
 * `req: { id, method, url }`, created the first time a handler reads it (`installRequestLog`
 * defines the getter on the app's request prototype).
 */
export function requestLogger(base: Logger, opts: { ignore?: (req: Request) => boolean } = {}): RequestHandler {
  const ignore = opts.ignore ?? (() => false);
  return (req, res, next) => {
    const header = req.headers['x-request-id'];
    const id = (typeof header === 'string' && header.slice(0, 64)) || randomUUID();
    res.setHeader('X-Request-Id', id);
    const state: LogState = { base, id, start: performance.now(), child: undefined };
    (req as Logged)[STATE] = state;
    if (base.isLevelEnabled('info') && !ignore(req)) res.once('finish', () => writeRequestLine(req, res, state));
    next();
  };
}

function writeRequestLine(req: Request, res: Response, state: LogState): void {
  const responseTime = Math.round(performance.now() - state.start);
  const fields = {
    req: { id: state.id, method: req.method, url: req.originalUrl },
    res: { statusCode: res.statusCode },
    responseTime,
  };
  if (res.statusCode >= 500) {
    const err = new Error(`failed with status code ${res.statusCode}`);
    state.base.info({ ...fields, err }, requestErrorMessage(req, res, err));
  } else {
    state.base.info(fields, requestLogMessage(req, res, responseTime));
  }
}

/**
 * Gives `app`'s requests their `req.id` and lazy `req.log` (see `requestLogger`): getters on
 * the app's request prototype, so a request that never logs costs no child logger. A request
 * that did not pass through `requestLogger` reads `fallback` and no id.
 */
export function installRequestLog(app: Application, fallback: Logger): void {
  // express 5 gives each app its own request prototype (`Object.create(express.request)`).
  const proto = (app as Application & { request: object }).request;
  Object.defineProperty(proto, 'log', {
    configurable: true,
    get(this: Logged): Logger {
      const state = this[STATE];
      if (!state) return fallback;
      state.child ??= state.base.child({ req: { id: state.id, method: this.method, url: this.originalUrl } });
      return state.child;
    },
    // A middleware that sets its own logger (e.g. a test app's) shadows the getter on that request.
    set(this: Logged, value: Logger) {
      Object.defineProperty(this, 'log', { value, writable: true, configurable: true, enumerable: true });
    },
  });
  Object.defineProperty(proto, 'id', {
    configurable: true,
    get(this: Logged): string | undefined {
      return this[STATE]?.id;
    },
    set(this: Logged, value: string) {
      Object.defineProperty(this, 'id', { value, writable: true, configurable: true, enumerable: true });
    },
  });
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every pino line has, or that the readable line already says. */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'req', 'res', 'responseTime', 'reqId', 'err']);
const clock = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/**
 * Turns one pino JSON line into one readable line: Paris time, the level when it is not INFO,
 * the message, other fields as `key=value`, and an error's message. Never more than one line.
 */
export function readableLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trim();
  }
  const time = clock.format(typeof entry.time === 'number' ? new Date(entry.time) : new Date());
  const level = typeof entry.level === 'number' ? (LEVELS[entry.level] ?? String(entry.level)) : 'INFO';
  const extras = Object.entries(entry)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const err = entry.err as { message?: unknown } | undefined;
  const parts = [
    time,
    level === 'INFO' ? '' : level,
    String(entry.msg ?? ''),
    ...extras,
    err && typeof err.message === 'string' ? `— ${err.message}` : '',
  ];
  return parts
    .filter((part) => part !== '')
    .join(' ')
    .replace(/\s*\n\s*/g, ' ');
}

/** A pino destination writing `readableLogLine` of each entry to `out`. */
export function readableLogStream(out: NodeJS.WritableStream): DestinationStream {
  return { write: (line: string) => out.write(`${readableLogLine(line)}\n`) };
}
