import { logRequestAs } from '../http/request-log';
import { defineRoute, type RouteDef } from '../http/route';
import { clearSessionCookie, sessionSettings, sessionToken, setSessionCookie } from '../http/session';
import { ChangePasswordBody, LoginBody, Me } from './auth.schemas';
import { changeOwnPassword, getMe, login, logout } from './auth.usecases';

export const authRoutes: RouteDef[] = [
  defineRoute({
    method: 'post',
    path: '/auth/login',
    summary: 'Log in with e-mail and password; sets the HTTP-only session cookie',
    tags: ['auth'],
    auth: false,
    body: LoginBody,
    response: Me,
    handler: async ({ ctx, body, req, res }) => {
      const session = await login({ ctx, input: body, settings: sessionSettings(req), ip: req.ip ?? null });
      setSessionCookie(req, res, session.token, session.expiresAt);
      logRequestAs(req, session.actor);
      return session.me;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/logout',
    summary: 'Log out: ends the session and clears the cookie',
    tags: ['auth'],
    auth: false,
    handler: async ({ ctx, req, res }) => {
      const token = sessionToken(req);
      if (token) logout({ ctx, token, settings: sessionSettings(req) });
      clearSessionCookie(req, res);
      return undefined;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/password',
    summary: 'Change my own password (the current one asked again); other sessions are closed, this one renewed',
    tags: ['auth'],
    body: ChangePasswordBody,
    response: Me,
    provisionalPassword: true,
    handler: async ({ ctx, body, req, res }) => {
      const session = await changeOwnPassword({ ctx, input: body, settings: sessionSettings(req) });
      setSessionCookie(req, res, session.token, session.expiresAt);
      return session.me;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/auth/me',
    summary: 'The logged-in user with role and scope',
    tags: ['auth'],
    response: Me,
    provisionalPassword: true,
    handler: async ({ ctx }) => getMe({ ctx }),
  }),
];
