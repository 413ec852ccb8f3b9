import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { chain, forApiPaths, frontOf, onlyWithBody } from '../../server/http/chain';

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

describe('frontOf: the first middleware of an app, answering without the router', () => {
  /** An app whose front answers `/front`, passes `/boom` an error and lets other paths through. */
  function appWithFront() {
    const seen: string[] = [];
    const app = express();
    frontOf(app, (q, s, next) => {
      seen.push(`front ${q.path}`);
      if (q.path === '/front') {
        s.setHeader('X-Proto', typeof s.status === 'function' ? 'express' : 'node');
        s.json({ by: 'front', url: q.originalUrl, query: q.query });
      } else if (q.path === '/boom') next(new Error('boom'));
      else next();
    });
    app.use((q, s, next) => {
      seen.push(`router ${q.path}`);
      if (q.path === '/later') s.json({ by: 'router', url: q.originalUrl });
      else next();
    });
    const sub = express.Router();
    sub.get('/inner', (_q, s) => {
      s.json({ by: 'sub' });
    });
    app.use('/sub', sub);
    app.use((err: Error, _q: Request, s: Response, _n: NextFunction) => {
      seen.push(`error ${err.message}`);
      s.status(500).json({ error: err.message });
    });
    return { app, seen };
  }

  it('When the front answers, Then the answer is express-made (prototypes, query) and no router layer runs', async () => {
    const { app, seen } = appWithFront();
    const r = await request(app).get('/front?x=1');
    expect(r.status).toBe(200);
    expect(r.headers['x-proto']).toBe('express');
    expect(r.body).toEqual({ by: 'front', url: '/front?x=1', query: { x: '1' } });
    expect(seen).toEqual(['front /front']);
  });

  it('When the front lets a request through, Then the router runs it once, the front not again', async () => {
    const { app, seen } = appWithFront();
    expect((await request(app).get('/later')).body).toEqual({ by: 'router', url: '/later' });
    expect((await request(app).get('/sub/inner')).body).toEqual({ by: 'sub' });
    expect(seen).toEqual(['front /later', 'router /later', 'front /sub/inner', 'router /sub/inner']);
  });

  it("When the front passes an error, Then the app's error middleware answers it and no other layer runs", async () => {
    const { app, seen } = appWithFront();
    const r = await request(app).get('/boom');
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ error: 'boom' });
    expect(seen).toEqual(['front /boom', 'error boom']);
  });

  it('When the app is mounted in another app, Then its front still runs first', async () => {
    const { app, seen } = appWithFront();
    const outer = express();
    outer.use('/mounted', app);
    expect((await request(outer).get('/mounted/front')).body.by).toBe('front');
    expect((await request(outer).get('/mounted/later')).body.by).toBe('router');
    expect(seen).toEqual(['front /front', 'front /later', 'router /later']);
  });
});
