import type { Request, RequestHandler } from 'express';
import { errorBody } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The origin (scheme + host + port, normalised by URL: lower case, default port dropped) this
 * request reached: `req.protocol` and `req.host`, which read X-Forwarded-Proto / -Host only
 * when TRUST_PROXY is on (behind a TLS proxy the public scheme is https).
 */
function ownOrigin(req: Request): string | null {
  try {
    return new URL(`${req.protocol}://${req.host}`).origin;
  } catch {
    return null;
  }
}

function originOf(header: string): string | null {
  try {
    const origin = new URL(header).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** True when a browser says the request comes from another origin, or sends an Origin that is not one. */
function isCrossSite(req: Request): boolean {
  const origin = req.get('origin');
  if (origin === undefined) return req.get('sec-fetch-site') === 'cross-site';
  const theirs = originOf(origin);
  return theirs === null || theirs !== ownOrigin(req);
}

/**
 * CSRF defence in depth beside the SameSite=Strict cookie: a state-changing request that a
 * browser sends from another origin (scheme, host or port differ: `https://host` against the
 * http server is another origin) is refused. Non-browser clients send no Origin and pass.
 */
export const sameOriginOnly: RequestHandler = (req, res, next) => {
  if (SAFE.has(req.method) || !isCrossSite(req)) return next();
  res.status(403).json(errorBody('auth.cross_origin', 'Requests from another site are refused'));
};
