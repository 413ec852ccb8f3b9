import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from '../../server/http/app-server';
import { frontOf } from '../../server/http/chain';

// The server builds each request and response with the app's own prototypes, so express never has
// to re-parent them (what kept each request's objects through V8's young collections: issue 16).
describe('createAppServer', () => {
  const app = express();
  const seen: { request: boolean; response: boolean }[] = [];
  frontOf(app, (req, res) => {
    res.json({ path: req.path, secure: req.secure, query: req.query });
  });
  const server = createAppServer(app);
  // Runs before the app's own listener: the objects exactly as node built them.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    seen.push({
      request: Object.getPrototypeOf(req) === (app as unknown as { request: object }).request,
      response: Object.getPrototypeOf(res) === (app as unknown as { response: object }).response,
    });
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  it("When a request arrives, Then node built it and its response with the app's prototypes, and express's getters and methods work on them", async () => {
    const res = await fetch(`${base}/Some/Path?x=1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: '/Some/Path', secure: false, query: { x: '1' } });
    expect(seen.at(-1)).toEqual({ request: true, response: true });
  });

  it('When node refuses a request (headers too large), Then the answer is still the SPEC §10 error shape', async () => {
    const res = await fetch(`${base}/x`, { headers: { 'x-big': 'a'.repeat(20_000) } });
    expect(res.status).toBe(431);
    expect((await res.json()).error.code).toBe('http.headers_too_large');
  });
});
