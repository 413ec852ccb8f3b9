import type { RequestHandler } from 'express';
import { errorBody } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence in depth beside the SameSite=Strict cookie: a state-changing request that a
 * browser sends from another origin is refused. Non-browser clients send no Origin and pass.
 */
export const sameOriginOnly: RequestHandler = (req, res, next) => {
  if (SAFE.has(req.method)) return next();
  const origin = req.get('origin');
  if (origin) {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== req.get('host')) {
      res.status(403).json(errorBody('auth.cross_origin', 'Requests from another site are refused'));
      return;
    }
  } else if (req.get('sec-fetch-site') === 'cross-site') {
    res.status(403).json(errorBody('auth.cross_origin', 'Requests from another site are refused'));
    return;
  }
  next();
};
