import type { Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's security headers, computed once: helmet is run at start-up on a recording response
 * and the middleware returned sets the headers it set (and removes those it removed) on every
 * response. With static options (no per-request function, no CSP nonce: none is used here)
 * helmet sets the same headers on every response; this only skips its chain of eleven
 * middleware per request (issue 16, bench/README.md). Throws at start-up if helmet asked for
 * anything but setting and removing headers, or did not call `next` synchronously.
 */
export function securityHeaders(options: HelmetOptions): RequestHandler {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      if (typeof value !== 'string') throw new Error(`securityHeaders: ${name} is not a plain string`);
      set.push([name, value]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let nextCalled = false;
  helmet(options)({} as Request, recorder as unknown as Response, (err?: unknown) => {
    if (err) throw err;
    nextCalled = true;
  });
  if (!nextCalled) throw new Error('securityHeaders: helmet did not call next synchronously');
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}
