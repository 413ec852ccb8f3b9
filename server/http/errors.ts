import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../shared/errors';

export const errorBody = (code: string, message: string, details: unknown[] = []) => ({
  error: { code, message, details },
});

export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('http.not_found', `No route ${req.method} ${req.originalUrl}`));
};

/** Body-parser failures (http-errors `type`), each with its status, code and message. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'http.malformed_json', 'The request body is not valid JSON'],
  'entity.too.large': [413, 'http.payload_too_large', 'The request body is too large (JSON: 1 MB, CSV: 5 MB)'],
  'charset.unsupported': [415, 'http.unsupported_media_type', 'Unsupported body charset: send UTF-8'],
  'encoding.unsupported': [
    415,
    'http.unsupported_media_type',
    'Unsupported Content-Encoding: send the body plain or as gzip, deflate or br',
  ],
  'request.aborted': [400, 'http.request_aborted', 'The request was aborted before its body was read'],
  'request.size.invalid': [400, 'http.malformed_body', 'The request body does not match its Content-Length'],
  'stream.encoding.set': [500, 'http.internal_error', 'Something went wrong on our side'],
};

/** Client errors the stack can raise without a `type`, by status (express, router, body-parser). */
const CLIENT_ERRORS: Record<number, [string, string]> = {
  400: ['http.bad_request', 'The request could not be read'],
  413: ['http.payload_too_large', 'The request body is too large (JSON: 1 MB, CSV: 5 MB)'],
  415: ['http.unsupported_media_type', 'Unsupported body encoding'],
};

/**
 * An error raised by express or body-parser (http-errors) for a bad request: [status, code,
 * message], or null for anything else (a bug: 500). A body whose Content-Encoding says gzip,
 * deflate or br but that does not decode is a 400 `http.malformed_body`, never a 500.
 */
export function clientErrorOf(err: unknown, hasEncoding = false): [number, string, string] | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { type?: unknown; status?: unknown; statusCode?: unknown; expose?: unknown };
  if (typeof e.type === 'string' && BODY_ERRORS[e.type]) return BODY_ERRORS[e.type] as [number, string, string];
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  // Only errors the HTTP stack marks as the client's: http-errors (`expose: true`) and the
  // router's undecodable path parameter (a URIError given status 400). A library error that
  // happens to carry a status inside a use case stays a 500.
  if (e.expose !== true && !(err instanceof URIError)) return null;
  if (err instanceof URIError) return [400, 'http.malformed_url', 'The URL holds an undecodable %-escape'];
  if (status === 400 && hasEncoding) {
    return [400, 'http.malformed_body', 'The request body does not decode with its Content-Encoding'];
  }
  const [code, message] = CLIENT_ERRORS[status] ?? [`http.status_${status}`, 'The request was refused'];
  return [status, code, message];
}

/**
 * The one place that turns failures into the SPEC §10 shape `{ error: { code, message,
 * details } }`: domain errors with their status, the stack's client errors (malformed or
 * undecodable body, unsupported charset or encoding, too large) with theirs, and every unknown
 * error as a 500 that leaks nothing.
 */
export const errorMiddleware: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err);
  if (err instanceof AppError) {
    res.status(err.status).json(errorBody(err.code, err.message, err.details));
    return;
  }
  const encoding = req.get('content-encoding');
  const client = clientErrorOf(err, Boolean(encoding && encoding.toLowerCase() !== 'identity'));
  if (client && client[0] < 500) {
    const [status, code, message] = client;
    res.status(status).json(errorBody(code, message));
    return;
  }
  (req.log ?? console).error({ err }, 'unhandled error');
  res.status(500).json(errorBody('http.internal_error', 'Something went wrong on our side'));
};
