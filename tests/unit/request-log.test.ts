import { PassThrough } from 'node:stream';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  createLogger,
  installRequestLog,
  logRequestAs,
  quietRequest,
  readableLogLine,
  requestLogger,
} from '../../server/http/request-log';

/**
 * An app logging with the demo or production logger (at `level`) into a buffer, as createApp
 * wires it; `/api/pool` answers, `/api/note` logs through `req.log` first, `/api/fail` answers 500.
 */
function loggingApp(demo: boolean, level = 'info') {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const log = demo
    ? createLogger({ level, demo: true }, out)
    : // The production logger writes JSON to stdout; the same logger on a buffer is what it writes.
      pino({ level }, out);
  const app = express();
  installRequestLog(app, log);
  app.use(requestLogger(log, { ignore: (req) => req.url === '/api/health' }));
  app.use((req, _res, next) => {
    (req as unknown as { actor: unknown }).actor = { kind: 'user', email: 'pharmacien.bugeat@officoop.test' };
    next();
  });
  const api = express.Router();
  api.get('/pool', (_req, res) => {
    res.json({ ok: true });
  });
  api.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  api.get('/note', (req, res) => {
    req.log.warn({ lots: 3 }, 'lots skipped');
    res.json({ ok: true });
  });
  api.get('/fail', (_req, res) => {
    res.status(500).json({ error: 'x' });
  });
  app.use('/api', api);
  const lines = async () => {
    await new Promise((done) => setImmediate(done));
    return chunks.join('').split('\n').filter(Boolean);
  };
  return { app, lines };
}

async function logOf(demo: boolean): Promise<string[]> {
  const { app, lines } = loggingApp(demo);
  await request(app).get('/api/pool?q=doli');
  return lines();
}

describe('server console', () => {
  it('When a request is served in demo mode, Then the console shows one readable line, not JSON', async () => {
    const lines = await logOf(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{2}:\d{2}:\d{2} GET \/api\/pool\?q=doli 200 \d+ ms pharmacien\.bugeat$/);
    expect(() => JSON.parse(lines[0] ?? '')).toThrow();
  });

  it('When a request is served in production, Then the log line is JSON with the same message and fields', async () => {
    const lines = await logOf(false);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '');
    expect(entry.msg).toMatch(/^GET \/api\/pool\?q=doli 200 \d+ ms pharmacien\.bugeat$/);
    expect(entry.res.statusCode).toBe(200);
  });

  it('When a request arrives with or without an X-Request-Id, Then the answer carries that id or a new one', async () => {
    const { app } = loggingApp(false);
    const given = await request(app).get('/api/pool').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const fresh = await request(app).get('/api/pool');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('When a handler logs through req.log, Then its line carries the request (id, method, URL) and the request line follows', async () => {
    const { app, lines } = loggingApp(false);
    await request(app).get('/api/note?x=1').set('X-Request-Id', 'r-1');
    const [note, line] = (await lines()).map((l) => JSON.parse(l));
    expect(note).toMatchObject({
      msg: 'lots skipped',
      lots: 3,
      req: { id: 'r-1', method: 'GET', url: '/api/note?x=1' },
    });
    expect(line).toMatchObject({ req: { id: 'r-1', method: 'GET', url: '/api/note?x=1' }, res: { statusCode: 200 } });
    expect(typeof line.responseTime).toBe('number');
  });

  it('When a request fails on the server, Then its line says the status and carries an error', async () => {
    const { app, lines } = loggingApp(false);
    await request(app).get('/api/fail');
    const [line] = (await lines()).map((l) => JSON.parse(l));
    expect(line.msg).toBe('GET /api/fail 500 pharmacien.bugeat: failed with status code 500');
    expect(line.err.message).toBe('failed with status code 500');
  });

  it("When the level is warn or the route is the health check, Then no request line is written, but a handler's warning is", async () => {
    const quiet = loggingApp(true, 'warn');
    await request(quiet.app).get('/api/pool');
    await request(quiet.app).get('/api/note');
    const lines = await quiet.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{2}:\d{2}:\d{2} WARN lots skipped lots=3$/);
    const health = loggingApp(true);
    await request(health.app).get('/api/health');
    expect(await health.lines()).toEqual([]);
  });

  it('When the server logs an error with a stack or extra fields, Then it still takes one line', () => {
    const line = readableLogLine(
      JSON.stringify({
        level: 50,
        time: Date.UTC(2026, 11, 1, 8, 12, 3),
        msg: 'job failed',
        job: 'expiry-scan',
        err: { message: 'disk full', stack: 'Error: disk full\n    at x' },
      }),
    );
    expect(line).toBe('09:12:03 ERROR job failed job=expiry-scan — disk full');
  });

  // Issue #15, fresh tester: the login's line said "-" and every /assets file got its own line.
  it('When a user logs in on the demo, Then the line names who logged in; static files get no line, API calls do', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const log = createLogger({ level: 'info', demo: true }, out);
    const app = express();
    installRequestLog(app, log);
    app.use(requestLogger(log, { ignore: quietRequest(true) }));
    app.post('/api/auth/login', (req, res) => {
      logRequestAs(req, {
        kind: 'user',
        userId: 7,
        email: 'pharmacien.meymac@officoop.test',
        role: 'pharmacist',
        pharmacyId: 2,
        careHomeId: null,
      });
      res.json({ ok: true });
    });
    app.get('/api/auth/me', (_req, res) => {
      res.status(401).json({ error: 'x' });
    });
    app.use((_req, res) => {
      res.send('file');
    });
    await request(app).post('/api/auth/login');
    await request(app).get('/api/auth/me');
    await request(app).get('/assets/index-abc123.js');
    await request(app).get('/assets/index-abc123.css');
    await request(app).get('/favicon.svg');
    await request(app).get('/stock/pool');
    await new Promise((done) => setImmediate(done));
    const lines = chunks.join('').split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\d{2}:\d{2}:\d{2} POST \/api\/auth\/login 200 \d+ ms pharmacien\.meymac$/);
    expect(lines[1]).toMatch(/ GET \/api\/auth\/me 401 \d+ ms -$/);
    expect(lines[2]).toMatch(/ GET \/stock\/pool 200 \d+ ms -$/);
  });

  it('When the server runs in production, Then static files are still logged; the health check never is', () => {
    const req = (path: string) => ({ path }) as express.Request;
    const production = quietRequest(false);
    expect(production(req('/assets/index-abc123.js'))).toBe(false);
    expect(production(req('/api/health'))).toBe(true);
    const demo = quietRequest(true);
    expect(demo(req('/assets/index-abc123.js'))).toBe(true);
    expect(demo(req('/api/stock/export.csv'))).toBe(false);
    expect(demo(req('/api/health'))).toBe(true);
  });
});
