import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { createTestApp } from '../helpers/test-app';

describe('HTTP conventions (SPEC §10)', () => {
  it('When health is asked without login, Then it reports the db, the migration version and uptime', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', db: 'ok', migrations: { latest: expect.any(String) } });
    expect(res.body.migrations.applied).toBeGreaterThan(0);
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('When the session check is asked, Then a logged-in user gets their role, an anonymous caller 401 and an unknown query key 400', async () => {
    const { app, agentAs } = await createTestApp({ seed: 'organisation' });
    const anonymous = await request(app).get('/api/health/session');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('auth.unauthenticated');

    const treasurer = await agentAs('tresorier@officoop.test');
    const res = await treasurer.get('/api/health/session?echo=bench');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, role: 'treasurer', echo: 'bench' });
    const unknown = await treasurer.get('/api/health/session?verbose=1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('validation.invalid_input');
  });

  it('When a body has an unknown key, Then 400 names the field and nothing is written', async () => {
    const { app, db } = await createTestApp({ seed: 'organisation' });
    const auditRows = db.select().from(auditLog).all().length;
    const res = await request(app)
      .post('/api/auth/login')
      .send({ email: 'pharmacien.bugeat@officoop.test', password: 'x', admin: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation.invalid_input');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'body' })]));
    expect(db.select().from(auditLog).all()).toHaveLength(auditRows);
  });

  it('When a field has the wrong type, Then 400 with the dotted field path', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app).post('/api/auth/login').send({ email: 42, password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('body.email');
  });

  it('When the JSON is malformed, Then 400 http.malformed_json', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app).post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('http.malformed_json');
  });

  it('When the body is over 1 MB, Then 413 http.payload_too_large', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app)
      .post('/api/auth/login')
      .send({ email: 'a@b.fr', password: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('http.payload_too_large');
  });

  it('When the route is unknown, Then 404 http.not_found', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('http.not_found');
  });

  // The API's routes are found in one radix tree (server/http/route.ts, issue 16); a client
  // relies on the matching express gave: these must not change with the router.
  it('When a path differs only by case or a trailing slash, Then the route answers as express matched it', async () => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    const admin = await agentAs('admin@officoop.test');
    const plain = await admin.get('/api/care-homes/1');
    expect(plain.body).toMatchObject({ careHome: { id: 1 } });
    expect((await admin.get('/api/care-homes/1/')).body).toEqual(plain.body);
    expect((await admin.get('/api/Care-Homes/1')).body).toEqual(plain.body);
    expect((await admin.get('/API/care-homes/1')).body).toEqual(plain.body);
    expect((await admin.get('/Api/care-homes/1/')).headers['cache-control']).toBe('no-store');
    // Not the API: the web app's path space (a page, or its 404), never an API answer.
    expect((await admin.get('/apix/care-homes/1')).body).not.toEqual(plain.body);
    expect((await admin.get('/api/care-homes/%31')).body).toEqual(plain.body);
  });

  it('When a GET route is asked with HEAD, Then it answers its status without a body', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app).head('/api/health');
    expect(res.status).toBe(200);
    expect(res.text ?? '').toBe('');
  });

  it('When a route exists for another method only, Then 404 http.not_found and the route is not run', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app).delete('/api/health');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('http.not_found');
  });

  it('When a route parameter is missing, Then 404 http.not_found', async () => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    const admin = await agentAs('admin@officoop.test');
    const res = await admin.get('/api/care-homes//settings');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('http.not_found');
  });

  it('When the OpenAPI document is asked, Then it is OpenAPI 3 and lists every mounted route', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const { routes } = await import('../../server/routes');
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const r of routes) {
      const path = `/api${r.path.replace(/:(\w+)/g, '{$1}')}`;
      expect(res.body.paths[path]?.[r.method], `${r.method} ${path}`).toBeDefined();
    }
    expect(res.body.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });

  it('When /api/docs is opened, Then the browsable documentation page is served', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app).get('/api/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
    // The page's script loads the document from /api/openapi.json rather than embedding it.
    const init = await request(app).get('/api/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    const url = /"swaggerUrl": "([^"]+)"/.exec(init.text)?.[1];
    expect(url).toBeDefined();
    const doc = await request(app).get(new URL(url as string, 'http://127.0.0.1/api/docs/').pathname);
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toMatch(/^application\/json/);
    expect(doc.body.openapi).toBe('3.0.3');
    expect(init.text.length).toBeLessThan(10_000);
  });

  it('When any response is sent, Then security headers are set', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('When an API answer, a 404 or the web app is sent, Then it carries every header helmet itself sets', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    // helmet on a bare app, with the options the server uses without a TLS proxy.
    const bare = express();
    bare.use(helmet({ hsts: false, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
    bare.get('/', (_req, res) => {
      res.send('ok');
    });
    const reference = (await request(bare).get('/')).headers;
    const helmetNames = Object.keys(reference).filter(
      (name) => !['content-type', 'content-length', 'etag', 'date', 'connection', 'keep-alive'].includes(name),
    );
    expect(helmetNames.length).toBeGreaterThanOrEqual(10);
    for (const path of ['/api/health', '/api/no-such-thing', '/']) {
      const res = await request(app).get(path);
      for (const name of helmetNames) expect([path, name, res.headers[name]]).toEqual([path, name, reference[name]]);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('When a route answers JSON, Then it says application/json in UTF-8 with its exact length', async () => {
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app).get('/api/health');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(JSON.parse(res.text).status).toBe('ok');
  });

  it('When an API answer is sent, Then no browser or proxy may store it', async () => {
    const { agentAs } = await createTestApp({ seed: 'organisation' });
    const pharmacist = await agentAs('pharmacien.bugeat@officoop.test');
    const res = await pharmacist.get('/api/pharmacies');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
    const error = await pharmacist.get('/api/no-such-thing');
    expect(error.headers['cache-control']).toBe('no-store');
  });
});

describe('OpenAPI document', () => {
  it('When validated by an OpenAPI parser, Then it is a valid OpenAPI 3 document', async () => {
    const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
    const { app } = await createTestApp({ seed: 'organisation' });
    const res = await request(app).get('/api/openapi.json');
    await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toMatchObject({
      openapi: res.body.openapi,
    });
  });
});
