import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { errorBody } from './errors';

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * Failed logins per (IP, e-mail): 5 in 15 minutes, then 429 with Retry-After. Successful
 * logins do not count, so a user who mistypes once is not locked out.
 */
export function loginRateLimit(): RequestHandler {
  return rateLimit({
    windowMs: FIFTEEN_MINUTES,
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

/**
 * Wrong current passwords given to `POST /api/auth/password`, per account: 5 in 15 minutes, then
 * 429 `auth.too_many_password_attempts` with Retry-After. Only the 422 `auth.wrong_password`
 * counts (a too-short new password does not), so a session left open cannot be used to guess the
 * password at one scrypt hash per try. Runs after the session middleware: the key is the user's id.
 */
export function passwordChangeRateLimit(): RequestHandler {
  return rateLimit({
    windowMs: FIFTEEN_MINUTES,
    limit: 5,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 422,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) =>
      req.actor?.kind === 'user' ? `user:${req.actor.userId}` : `ip:${ipKeyGenerator(req.ip ?? '')}`,
    handler: (_req, res) => {
      res
        .status(429)
        .json(
          errorBody('auth.too_many_password_attempts', 'Too many wrong current passwords: wait before trying again'),
        );
    },
  });
}
