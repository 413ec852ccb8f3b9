import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { chain, forApiPaths, onlyWithBody } from '../../server/http/chain';

const req = (headers: Record<string, string> = {}) => ({ headers }) as unknown as Request;
const res = {} as Response;

/** Runs `handler` and resolves with what it handed to its `next` (`'next()'` for a plain call). */
function run(handler: RequestHandler, request = req()): Promise<unknown> {
  return new Promise((resolve) => {
    handler(request, res, ((err?: unknown) => resolve(err === undefined ? 'next()' : err)) as NextFunction);
  });
}

describe('chain: middleware every request passes, as one express middleware', () => {
  it('When every handler calls next, Then they run in order and the chain goes on', async () => {
    const seen: string[] = [];
    const step =
      (name: string): RequestHandler =>
      (_q, _s, next) => {
        seen.push(name);
        next();
      };
    expect(await run(chain([step('a'), step('b'), step('c')]))).toBe('next()');
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('When a handler passes an error, throws, or rejects, Then the rest is skipped and express gets the error', async () => {
    const seen: string[] = [];
    const after: RequestHandler = (_q, _s, next) => {
      seen.push('after');
      next();
    };
    const boom = new Error('boom');
    expect(await run(chain([(_q, _s, next) => next(boom), after]))).toBe(boom);
    expect(
      await run(
        chain([
          () => {
            throw boom;
          },
          after,
        ]),
      ),
    ).toBe(boom);
    expect(await run(chain([async () => Promise.reject(boom), after]))).toBe(boom);
    expect(seen).toEqual([]);
  });

  it('When a handler answers without calling next, Then nothing after it runs', async () => {
    let ran = false;
    const handler = chain([
      () => undefined,
      () => {
        ran = true;
      },
    ]);
    handler(req(), res, (() => {
      ran = true;
    }) as NextFunction);
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toBe(false);
  });
});

describe('onlyWithBody: the body parsers run only for a request with a body', () => {
  const parser: RequestHandler = (_q, _s, next) => next(new Error('parsed'));
  it('When a request has neither Content-Length nor Transfer-Encoding, Then the parser is skipped', async () => {
    expect(await run(onlyWithBody(parser), req())).toBe('next()');
  });
  it('When a request has a Content-Length (even 0) or a Transfer-Encoding, Then the parser runs', async () => {
    const cases: Record<string, string>[] = [
      { 'content-length': '12' },
      { 'content-length': '0' },
      { 'transfer-encoding': 'chunked' },
    ];
    for (const headers of cases) {
      expect(await run(onlyWithBody(parser), req(headers))).toBeInstanceOf(Error);
    }
  });
});

describe('forApiPaths: the API middleware runs for the paths express mounts under /api', () => {
  const api: RequestHandler = (_q, _s, next) => next(new Error('api'));
  const ran = async (path: string) => (await run(forApiPaths(api), { path } as unknown as Request)) instanceof Error;
  it('When a path is /api or below it, in any case, Then the API middleware runs', async () => {
    for (const path of ['/api', '/api/', '/api/health', '/API/Health', '/Api/care-homes/1'])
      expect([path, await ran(path)]).toEqual([path, true]);
  });
  it('When a path only starts like /api, or has it further in, Then it goes straight on', async () => {
    for (const path of ['/', '/apix', '/apix/health', '/ap', '/x/api/health', '/assets/api.js'])
      expect([path, await ran(path)]).toEqual([path, false]);
  });
});
