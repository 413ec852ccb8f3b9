import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { errorBody } from './errors';

/**
 * Failed logins per (IP, e-mail): 5 in 15 minutes, then 429 with Retry-After. Successful
 * logins do not count, so a user who mistypes once is not locked out.
 */
export function loginRateLimit(): RequestHandler {
  return rateLimit({
    windowMs: 15 * 60_000,
    limit: 5,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const email = typeof req.body?.email === 'string' ? req.body.email.toLowerCase() : '';
      return `${ipKeyGenerator(req.ip ?? '')}|${email}`;
    },
    handler: (_req, res) => {
      res.status(429).json(errorBody('auth.too_many_attempts', 'Too many failed logins: wait before trying again'));
    },
  });
}
