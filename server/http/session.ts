import { parse as parseCookies } from 'cookie';
import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import { resolveSession, type SessionSettings } from '../auth/auth.usecases';
import type { AppDeps } from './deps';

export const SESSION_COOKIE = 'officoop_sid';

export function sessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookies(header)[SESSION_COOKIE] : undefined;
}

export function sessionSettings(req: Request): SessionSettings {
  return req.app.locals.sessionSettings as SessionSettings;
}

const cookieOptions = (req: Request, expires: Date): CookieOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  secure: req.secure,
  path: '/',
  expires,
});

export function setSessionCookie(req: Request, res: Response, token: string, expires: Date) {
  res.cookie(SESSION_COOKIE, token, cookieOptions(req, expires));
}

export function clearSessionCookie(req: Request, res: Response) {
  res.clearCookie(SESSION_COOKIE, { ...cookieOptions(req, new Date(0)), expires: undefined });
}

/** Attaches the actor of a valid session cookie to the request; routes decide if they need one. */
export function sessionMiddleware(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    const token = sessionToken(req);
    if (token) {
      const session = resolveSession(deps, token, sessionSettings(req));
      if (session) {
        req.actor = session.actor;
        // The browser's cookie must expire with the session: renew it when the session slid.
        if (session.extended) setSessionCookie(req, res, token, session.expiresAt);
      }
    }
    next();
  };
}
