import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream } from 'pino';
import type { Actor } from './context';

/**
 * The server's logger. Production (and tests) write pino's JSON, one object a line, for log
 * tools. The demo writes one readable line per event for the person watching the console:
 * `09:12:03 GET /api/pool 200 4 ms pharmacien.bugeat` (Paris time; see `readableLogStream`).
 */
export function createLogger(opts: { level: string; demo: boolean }, out: NodeJS.WritableStream = process.stdout) {
  return opts.demo ? pino({ level: opts.level }, readableLogStream(out)) : pino({ level: opts.level });
}

/** Who made a request, as the console shows it: the e-mail's local part, `-` when anonymous. */
function who(req: IncomingMessage): string {
  const actor = (req as IncomingMessage & { actor?: Actor }).actor;
  if (!actor) return '-';
  if (actor.kind === 'user') return actor.email.split('@')[0] ?? actor.email;
  return actor.kind;
}

const urlOf = (req: IncomingMessage) => (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;

/**
 * The message pino-http gives a finished request: `GET /api/pool 200 4 ms pharmacien.bugeat`
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
