import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiNotFound, errorMiddleware } from '../../server/http/errors';
import { requestLogger } from '../../server/http/request-log';
import { conflict } from '../../server/shared/errors';

function appThrowing(err: unknown) {
  const app = express();
  // The app logs unexpected errors through the request logger; here it stays quiet.
  app.use(requestLogger(pino({ level: 'silent' })));
  app.use(express.json({ limit: '1mb' }));
  app.post('/boom', () => {
    throw err;
  });
  app.use(apiNotFound);
  app.use(errorMiddleware);
  return app;
}

describe('error middleware', () => {
  it('When a use case throws a domain error, Then its status, code, message and details are sent', async () => {
    const res = await request(appThrowing(conflict('stock.insufficient_quantity', 'Not enough', [{ available: 2 }])))
      .post('/boom')
      .send({});
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: { code: 'stock.insufficient_quantity', message: 'Not enough', details: [{ available: 2 }] },
    });
  });

  it('When an unexpected error is thrown, Then a 500 leaks nothing of it', async () => {
    const res = await request(appThrowing(new Error('SQLITE secret path /var/db')))
      .post('/boom')
      .send({});
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('http.internal_error');
    expect(JSON.stringify(res.body)).not.toContain('SQLITE');
  });

  it('When the route does not exist, Then 404 with the error shape', async () => {
    const res = await request(appThrowing(null)).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('http.not_found');
  });
});
