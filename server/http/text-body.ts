import express, { type RequestHandler } from 'express';
import { AppError } from '../shared/errors';
import { decodeText, encodingOfCharset } from '../shared/text-decode';

/** The media types uploaded as text (CSV imports). */
export const TEXT_BODY_TYPES = ['text/csv', 'text/plain'];

/**
 * CSV and plain-text uploads, read as bytes and decoded by the one rule every import shares
 * (`decodeText`: BOM, then a declared UTF-16 or single-byte charset, then UTF-8 if valid, else
 * Windows-1252), so a file posted without a charset keeps its accents. A charset this rule does
 * not know answers 415 `http.unsupported_media_type`; over `limit`, 413 as for JSON.
 */
export function textBodies(opts: { limit: string }): RequestHandler[] {
  const decode: RequestHandler = (req, _res, next) => {
    if (!Buffer.isBuffer(req.body)) return next();
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(req.get('content-type') ?? '')?.[1];
    const declared = charset === undefined ? undefined : encodingOfCharset(charset);
    if (declared === null) {
      return next(new AppError(415, 'http.unsupported_media_type', `Unsupported charset: ${charset}`));
    }
    req.body = decodeText(req.body, declared).text;
    next();
  };
  return [express.raw({ type: TEXT_BODY_TYPES, limit: opts.limit }), decode];
}

/**
 * After the parsers: a body none of them read (no Content-Type, or one other than JSON and the
 * text types of imports: XML, a form…) answers 415 `http.unsupported_media_type` (SPEC §10)
 * instead of a validation error about a missing body. An empty body (`Content-Length: 0`, how
 * actions without input are often sent) is no body.
 */
export const refuseUnreadBody: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined || req.headers['content-length'] === '0') return next();
  next(
    new AppError(
      415,
      'http.unsupported_media_type',
      'Send the body as application/json (imports: text/csv or text/plain)',
    ),
  );
};
