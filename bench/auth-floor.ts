/**
 * The floor of an authenticated API answer on express (issue 16, goal 2): what any such answer
 * must do and nothing else. The security headers the server sends (helmet's, with the server's
 * options when no TLS proxy is trusted, `Cache-Control: no-store`, an `X-Request-Id`); the session
 * cookie's HMAC-SHA256 with the server's secret (as the server gets it: the hash of a token seen
 * lately is kept); the session and user row found by the server's own look-up (`liveSessionOn`);
 * a two-field JSON answer (401 without a live session). No
 * policy, validation, logging or dispatch: those are the stack's own cost, which the
 * authenticated no-op (`GET /api/health/session`) adds. Used by the baseline server
 * (`GET /auth-floor`) and by bench/ab-stack.ts.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler } from 'express';
import { sessionId } from '../server/auth/auth.usecases';
import { liveSessionOn } from '../server/auth/sessions.repository';
import { securityHeaders } from '../server/http/security-headers';
import { SESSION_COOKIE } from '../server/http/session';

/** The headers every API answer of the server carries: helmet's, `X-Request-Id`, `Cache-Control`. */
export function answerHeaders(): RequestHandler {
  // app.ts's options without a TLS proxy, as the bench's server runs.
  const helmetHeaders = securityHeaders({
    hsts: false,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  return (req, res, next) => {
    res.setHeader('X-Request-Id', randomUUID());
    res.setHeader('Cache-Control', 'no-store');
    helmetHeaders(req, res, next);
  };
}

/**
 * The session check of the floor: the cookie's HMAC as the server gets it (`sessionId`, which
 * keeps the hash of the tokens it saw last: a floor that hashed every cookie would cost more than
 * the server it bounds) and the session and user row found by the server's own look-up
 * (sessions.repository.ts, `liveSessionOn`: read again only when the database changed); the
 * row's role, else undefined.
 */
export function sessionCheck(sqlite: Database.Database, sessionSecret: string): (req: Request) => string | undefined {
  return (req) => {
    const token = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE] ?? '';
    const id = sessionId(sessionSecret, token);
    return liveSessionOn(sqlite, id, new Date().toISOString())?.role;
  };
}

/** The route's handlers, in order: `answerHeaders`, then the session read and the answer. */
export function authFloorHandlers(sqlite: Database.Database, sessionSecret: string): RequestHandler[] {
  const roleOf = sessionCheck(sqlite, sessionSecret);
  return [
    answerHeaders(),
    (req, res) => {
      const role = roleOf(req);
      if (!role) {
        res.status(401).json({ error: 'no session' });
        return;
      }
      res.json({ ok: true, role });
    },
  ];
}
