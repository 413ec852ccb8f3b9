import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { startTestServer } from '../helpers/server';
import { count, pharmacyId, unheldProducts } from '../helpers/stock';
import { createTestApp } from '../helpers/test-app';

// Every error the stack can raise leaves in the SPEC §10 shape with its own status.
const errorShape = (code: string) => ({ error: { code, message: expect.any(String), details: expect.any(Array) } });
const login = { email: 'pharmacien.bugeat@officoop.test', password: DEMO_PASSWORD };

describe('request bodies the parser refuses', () => {
  it.each(['gzip', 'deflate', 'br'])(
    'When a JSON body says Content-Encoding: %s but is not compressed, Then 400 http.malformed_body (was 500)',
    async (encoding) => {
      const { app } = await createTestApp({ seed: 'organisation' });
      const res = await request(app)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send(JSON.stringify(login));
      expect(res.status).toBe(400);
      expect(res.body).toEqual(errorShape('http.malformed_body'));
    },
  );

  it('When every route with a body gets a fake gzip body, Then each answers 400 in the error shape', async () => {
    const { app, agentAs } = await createTestApp({ seed: 'organisation' });
    const admin = await agentAs('admin@officoop.test');
    const doc = (await request(app).get('/api/openapi.json')).body;
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { requestBody?: unknown }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.requestBody) continue;
        const url = path.replace(/\{\w+\}/g, '1');
        const res = await (admin as unknown as Record<string, (u: string) => request.Test>)[method]!(url)
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', 'gzip')
          .send('{"a":1}');
        expect(res.status, `${method} ${url}`).toBe(400);
        expect(res.body, `${method} ${url}`).toEqual(errorShape('http.malformed_body'));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('When the body really is gzip, Then it is read', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      // As is: superagent would JSON-encode a Buffer (its typing says string; a Buffer is sent as bytes).
      .serialize((body: Buffer) => body as unknown as string)
      .send(gzipSync(JSON.stringify(login)));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('When the charset is latin1 or the encoding is compress, Then 415 http.unsupported_media_type in the error shape', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const latin1 = await request(app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json; charset=latin1')
      .send(JSON.stringify(login));
    expect(latin1.status).toBe(415);
    expect(latin1.body).toEqual(errorShape('http.unsupported_media_type'));
    const compress = await request(app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'compress')
      .send(JSON.stringify(login));
    expect(compress.status).toBe(415);
    expect(compress.body).toEqual(errorShape('http.unsupported_media_type'));
  });

  it('When a body comes as XML, as a form or with no type, Then 415 http.unsupported_media_type; an empty body is no body', async () => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    const ehpad = await agentAs('ehpad.bugeat@officoop.test');
    const xml = await ehpad.patch('/api/orders/1').set('Content-Type', 'application/xml').send('<notes>x</notes>');
    expect([xml.status, xml.body]).toEqual([415, errorShape('http.unsupported_media_type')]);
    const form = await ehpad.patch('/api/orders/1').type('form').send('notes=x');
    expect([form.status, form.body]).toEqual([415, errorShape('http.unsupported_media_type')]);
    const untyped = await ehpad
      .patch('/api/orders/1')
      .unset('Content-Type')
      .serialize((body: string) => body)
      .send('{"notes":"x"}');
    expect(untyped.status).toBe(415);
    // An action without a body (Content-Length: 0) is not refused for its missing type.
    const empty = await ehpad.post('/api/auth/logout').set('Content-Length', '0');
    expect(empty.status).not.toBe(415);
  });

  it('When a path holds an undecodable %-escape, Then 400 http.malformed_url (was 500)', async () => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    const admin = await agentAs('admin@officoop.test');
    const res = await admin.get('/api/users/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body).toEqual(errorShape('http.malformed_url'));
  });

  it('When the OpenAPI document is read, Then write routes list 413 and 415 and every route 431, in the error shape', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const doc = (await request(app).get('/api/openapi.json')).body;
    const login = doc.paths['/api/auth/login'].post.responses;
    expect(Object.keys(login)).toEqual(expect.arrayContaining(['400', '413', '415', '431']));
    expect(login['415'].content['application/json'].schema).toBeDefined();
    expect(Object.keys(doc.paths['/api/health'].get.responses)).toContain('431');
  });
});

describe('requests Node refuses before express (real server)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ demo: false });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('When the URL is 20 kB, Then 431 http.headers_too_large in the error shape', async () => {
    const res = await fetch(`${server.url}/api/health?x=${'a'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(errorShape('http.headers_too_large'));
  });

  it('When the request is not HTTP, Then 400 http.bad_request in the error shape', async () => {
    const { port } = new URL(server.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString('utf8');
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual(errorShape('http.bad_request'));
  });

  it('When a normal request follows, Then the server still answers', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('the Origin check compares scheme, host and port', () => {
  const post = (app: Parameters<typeof request>[0], origin: string, extra: Record<string, string> = {}) => {
    const req = request(app).post('/api/auth/login').set('Host', 'officoop.local:3000').set('Origin', origin);
    for (const [k, v] of Object.entries(extra)) req.set(k, v);
    return req.send(login);
  };

  it('When Origin is https:// against the http server, or another port, Then 403 auth.cross_origin', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    for (const origin of [
      'https://officoop.local:3000',
      'http://officoop.local:3001',
      'http://officoop.local',
      'null',
    ]) {
      const res = await post(app, origin);
      expect(res.status, origin).toBe(403);
      expect(res.body, origin).toEqual(errorShape('auth.cross_origin'));
    }
    expect((await post(app, 'http://OFFICOOP.local:3000')).status).toBe(200);
  });

  it('When TRUST_PROXY is on and the proxy says https, Then the https origin passes and the http one does not', async () => {
    const { app } = await createTestApp({ seed: 'organisation', config: { TRUST_PROXY: true } });
    const proxied = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9' };
    const https = request(app)
      .post('/api/auth/login')
      .set('Host', 'officoop.example.fr')
      .set('Origin', 'https://officoop.example.fr')
      .set(proxied)
      .send(login);
    expect((await https).status).toBe(200);
    const http = await request(app)
      .post('/api/auth/login')
      .set('Host', 'officoop.example.fr')
      .set('Origin', 'http://officoop.example.fr')
      .set(proxied)
      .send(login);
    expect(http.status).toBe(403);
    // Without TRUST_PROXY a forged X-Forwarded-Proto changes nothing.
    const { app: direct } = await createTestApp({ seed: 'organisation' });
    const forged = await post(direct, 'https://officoop.local:3000', { 'X-Forwarded-Proto': 'https' });
    expect(forged.status).toBe(403);
  });
});

describe('free text refuses control characters and bidi overrides', () => {
  it('When a transfer reason holds U+202E, Then 400 naming body.reason, and no transfer is written', async () => {
    const t = await createTestApp();
    const bugeat = await t.agentAs('pharmacien.bugeat@officoop.test');
    const meymac = await t.agentAs('pharmacien.meymac@officoop.test');
    const [P] = unheldProducts(t.db, 1) as [string];
    await bugeat
      .post('/api/stock/receipts')
      .send({ cip13: P, lotNumber: 'L1', expiryDate: '2027-06-30', quantity: 10, unitCostCents: 100 });
    const body = { fromPharmacyId: pharmacyId(t.db, 'bugeat'), cip13: P, quantity: 2, urgency: 'normal' };
    const before = count(t.db, 'transfers');
    const res = await meymac.post('/api/transfers').send({ ...body, reason: 'Patient \u202Eesuoh-erac' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation.invalid_input');
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'body.reason' })]);
    expect(count(t.db, 'transfers')).toBe(before);
    // A multi-line reason is fine (the form is a text area).
    expect(
      (await meymac.post('/api/transfers').send({ ...body, reason: 'Patiente Durand\nsortie ce soir' })).status,
    ).toBe(201);
  });

  it.each([
    ['a display name with a bell', 'patch', '/api/users/1', { displayName: 'Claire\u0007' }, 'body.displayName'],
    [
      'a pharmacy name with a newline',
      'patch',
      '/api/pharmacies/1',
      { name: 'Pharmacie\nX', town: 'Bugeat' },
      'body.name',
    ],
    [
      'a pharmacy town with U+2066',
      'patch',
      '/api/pharmacies/1',
      { name: 'Pharmacie', town: '\u2066Bugeat' },
      'body.town',
    ],
  ])('When %s is sent, Then 400 names the field', async (_what, method, url, body, field) => {
    const { agentAs, db } = await createTestApp({ seed: 'organisation' });
    const admin = await agentAs('admin@officoop.test');
    const audit = count(db, 'audit_log');
    const res = await (admin as unknown as Record<string, (u: string) => request.Test>)[method]!(url).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(count(db, 'audit_log')).toBe(audit);
  });
});

describe('whole numbers in query strings', () => {
  // `z.coerce.number()` read " 5 " as 5, "0x10" as 16 and "" as 0: one strict QueryInt instead.
  const queries = [
    ['/api/audit?pageSize=', 'admin@officoop.test'],
    ['/api/audit?page=', 'admin@officoop.test'],
    ['/api/products?q=doli&limit=', 'pharmacien.bugeat@officoop.test'],
    ['/api/stock/expiring?days=', 'pharmacien.bugeat@officoop.test'],
    ['/api/pool?q=doli&limit=', 'pharmacien.bugeat@officoop.test'],
  ] as const;

  it.each(queries)('When %s gets a padded, hex, signed, exponent or empty number, Then 400', async (url, user) => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    const agent = await agentAs(user);
    for (const bad of ['%205%20', '0x10', '05', '1e1', '-1', '', '5.0']) {
      const res = await agent.get(`${url}${bad}`);
      expect(res.status, `${url}${bad}`).toBe(400);
      expect(res.body.error.code).toBe('validation.invalid_input');
    }
    expect((await agent.get(`${url}10`)).status).toBe(200);
  });
});

describe('the server’s time on every answer', () => {
  it('When the API answers, Then X-Server-Time gives the server clock’s instant, by which the web app judges cut-offs', async () => {
    const { app, clock, agentAs } = await createTestApp({ seed: 'organisation', now: '2026-12-09T11:58:00Z' });
    expect((await request(app).get('/api/health')).headers['x-server-time']).toBe('2026-12-09T11:58:00.000Z');
    clock.set('2026-12-09T12:01:30Z');
    const agent = await agentAs('ehpad.meymac@officoop.test');
    const me = await agent.get('/api/auth/me');
    expect(me.headers['x-server-time']).toBe('2026-12-09T12:01:30.000Z');
    // Errors carry it too (a refused request still tells the page what time it is).
    expect((await agent.get('/api/orders/999999')).headers['x-server-time']).toBe('2026-12-09T12:01:30.000Z');
  });
});
