import { PassThrough } from 'node:stream';
import express from 'express';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger, readableLogLine, requestLogMessage } from '../../server/http/request-log';

/** An app logging with the demo or production logger into a buffer; one route, one request. */
async function logOf(demo: boolean): Promise<string[]> {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const log = demo
    ? createLogger({ level: 'info', demo: true }, out)
    : // The production logger writes JSON to stdout; the same logger on a buffer is what it writes.
      pino({ level: 'info' }, out);
  const app = express();
  app.use(pinoHttp({ logger: log, customSuccessMessage: requestLogMessage }));
  app.use((req, _res, next) => {
    (req as unknown as { actor: unknown }).actor = { kind: 'user', email: 'pharmacien.bugeat@officoop.test' };
    next();
  });
  app.get('/api/pool', (_req, res) => {
    res.json({ ok: true });
  });
  await request(app).get('/api/pool?q=doli');
  await new Promise((done) => setImmediate(done));
  return chunks.join('').split('\n').filter(Boolean);
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
});
