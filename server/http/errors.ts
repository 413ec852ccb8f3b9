import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../shared/errors';

export const errorBody = (code: string, message: string, details: unknown[] = []) => ({
  error: { code, message, details },
});

export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('http.not_found', `No route ${req.method} ${req.originalUrl}`));
};

/** The one place that turns failures into the SPEC §10 shape; unknown errors leak nothing. */
export const errorMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof AppError) {
    res.status(err.status).json(errorBody(err.code, err.message, err.details));
    return;
  }
  const type = (err as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    res.status(400).json(errorBody('http.malformed_json', 'The request body is not valid JSON'));
    return;
  }
  if (type === 'entity.too.large') {
    res.status(413).json(errorBody('http.payload_too_large', 'The request body is too large (JSON: 1 MB, CSV: 5 MB)'));
    return;
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    res.status(415).json(errorBody('http.unsupported_media_type', 'Unsupported body encoding'));
    return;
  }
  (req.log ?? console).error({ err }, 'unhandled error');
  res.status(500).json(errorBody('http.internal_error', 'Something went wrong on our side'));
};
