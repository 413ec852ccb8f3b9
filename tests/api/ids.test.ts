import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app';

// Every id the API takes — path and query parameters, JSON body properties at any depth — is
// strict (server/shared/schemas.ts: `IdParam`/`IdParams` as `^[1-9][0-9]*$`, `Id` a JSON integer).
// The routes come from /api/openapi.json, so a domain added later is checked without editing
// this file. An id is a field named `id` or ending in `Id`; a text key named so on purpose
// (the audit log's `entityId`) carries `x-text-key` in the document (`TextKey`).

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  default?: unknown;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  'x-text-key'?: boolean;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

/** What each id receives: none of them may be read as an id. */
const BAD_PARAMS: [string, string][] = [
  ['a boolean', 'true'],
  ['an array', '[1]'],
  ['a hex string', '0x1'],
  ['a padded string', ' 1 '],
  ['a leading zero', '01'],
];
const BAD_JSON: [string, unknown][] = [
  ['a boolean', true],
  ['an array', [1]],
  ['a hex string', '0x1'],
  ['a padded string', ' 1 '],
  ['a leading zero', '01'],
  ['a numeric string', '1'],
];
/** No row has this id: the control requests never change anything. */
const UNUSED_ID = 999_999_999;
const DEMO_ACCOUNTS = [
  'admin@officoop.test',
  'pharmacien.bugeat@officoop.test',
  'preparateur.bugeat@officoop.test',
  'tresorier@officoop.test',
  'ehpad.bugeat@officoop.test',
];
const isIdName = (name: string) => name === 'id' || /[a-z0-9]Id$/.test(name);

let doc: Doc;
let sampleCip13: string;

function resolve(schema: Schema): Schema {
  if (schema.$ref) return resolve(doc.components?.schemas?.[schema.$ref.split('/').at(-1) as string] as Schema);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map(resolve));
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return resolve(choice.find((s) => resolve(s).type !== 'null') ?? (choice[0] as Schema));
  return schema;
}

/** A plausible value for a schema (required properties only), so that only the id under test is wrong. */
function sample(raw: Schema): unknown {
  const s = resolve(raw);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'integer':
    case 'number': {
      const low = s.minimum === undefined ? 1 : s.minimum + (s.exclusiveMinimum === true ? 1 : 0);
      return Math.min(Math.max(low, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return false;
    case 'array':
      return [sample(s.items ?? {})];
    case 'object':
      return Object.fromEntries((s.required ?? []).map((name) => [name, sample(s.properties?.[name] as Schema)]));
    default:
      return sampleString(s);
  }
}

function sampleString(s: Schema): string {
  if (s.format === 'date') return '2026-11-23';
  if (s.format === 'date-time') return '2026-11-23T09:00:00.000Z';
  if (s.format === 'email') return 'personne@officoop.test';
  const candidates = ['Texte de test', '1', '2026-11-23', '2026-11', '2026-W48', sampleCip13, '190001234', 'LOT-1'];
  const fits = (c: string) =>
    (!s.pattern || new RegExp(s.pattern).test(c)) &&
    c.length >= (s.minLength ?? 0) &&
    c.length <= (s.maxLength ?? Number.POSITIVE_INFINITY);
  return candidates.find(fits) ?? 'x'.repeat(Math.max(s.minLength ?? 1, 1));
}

/** Paths (`lines[].lineId`) of the id properties of a JSON body schema, at any depth. */
function idProperties(raw: Schema, prefix: string[] = []): string[][] {
  const s = resolve(raw);
  if (s.type === 'array' && s.items) return idProperties(s.items, [...prefix, '[]']);
  const found: string[][] = [];
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    if (isIdName(name) && !resolve(prop)['x-text-key']) found.push([...prefix, name]);
    found.push(...idProperties(prop, [...prefix, name]));
  }
  return found;
}

/** The sample body with `value` at `path`, building the objects and arrays on the way. */
function bodyWith(raw: Schema, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const s = resolve(raw);
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '[]') return [bodyWith(s.items ?? {}, rest, value)];
  const base = (sample(s) ?? {}) as Record<string, unknown>;
  return { ...base, [head]: bodyWith(s.properties?.[head] as Schema, rest, value) };
}

type Case = {
  label: string;
  method: string;
  template: string;
  where: 'params' | 'query' | 'body';
  /** The dotted field the error details must name. */
  field: string;
  /** The request with the id under test set to `value` (a string for params, JSON for bodies). */
  build: (value: unknown) => { url: string; body?: unknown };
};

function casesOf(method: string, template: string, op: Operation): Case[] {
  const params = op.parameters ?? [];
  const pathValue = (p: Parameter) => (isIdName(p.name) ? String(UNUSED_ID) : String(sample(p.schema)));
  const url = (override?: { name: string; in: string; value: string }) => {
    let path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const p = params.find((x) => x.in === 'path' && x.name === name) as Parameter;
      return encodeURIComponent(override?.in === 'path' && override.name === name ? override.value : pathValue(p));
    });
    const query = new URLSearchParams();
    for (const p of params.filter((x) => x.in === 'query')) {
      if (override?.in === 'query' && override.name === p.name) {
        const values = override.value === '[1]' ? ['1', '2'] : [override.value];
        for (const v of values) query.append(p.name, v);
      } else if (p.required) query.append(p.name, String(sample(p.schema)));
    }
    if (query.size) path += `?${query}`;
    return path;
  };
  const jsonSchema = op.requestBody?.content['application/json']?.schema;
  const plainBody = jsonSchema ? sample(jsonSchema) : undefined;
  const cases: Case[] = [];
  for (const p of params) {
    if ((p.in !== 'path' && p.in !== 'query') || !isIdName(p.name) || resolve(p.schema)['x-text-key']) continue;
    const where = p.in === 'path' ? 'params' : 'query';
    cases.push({
      label: `${method.toUpperCase()} ${template} ${p.in} ${p.name}`,
      method,
      template,
      where,
      field: `${where}.${p.name}`,
      build: (value) => ({ url: url({ name: p.name, in: p.in, value: String(value) }), body: plainBody }),
    });
  }
  if (jsonSchema) {
    for (const path of idProperties(jsonSchema)) {
      cases.push({
        label: `${method.toUpperCase()} ${template} body ${path.join('.').replaceAll('.[]', '[]')}`,
        method,
        template,
        where: 'body',
        field: ['body', ...path.map((seg) => (seg === '[]' ? '0' : seg))].join('.'),
        build: (value) => ({ url: url(), body: bodyWith(jsonSchema, path, value) }),
      });
    }
  }
  return cases;
}

let cases: Case[] = [];
let agents: ReturnType<typeof request.agent>[] = [];

/** The response of the first demo account that is not refused (403/404) before validation. */
async function send(c: Case, value: unknown) {
  const { url, body } = c.build(value);
  let res: request.Response | undefined;
  for (const agent of agents) {
    const req = (agent as unknown as Record<string, (u: string) => request.Test>)[c.method]?.(url) as request.Test;
    res = await (body === undefined ? req : req.send(body as object));
    if (res.status !== 403 && res.status !== 404) return res;
  }
  return res as request.Response;
}

type Detail = { field?: string; code?: string; message?: string };
const namesField = (res: request.Response, field: string) =>
  (res.body?.error?.details ?? []).some((d: Detail) => d.field === field);
/** An issue with the id itself, not a cross-field rule of the domain (`custom`, e.g. "this role has no pharmacy"). */
const refusesId = (res: request.Response, field: string) =>
  (res.body?.error?.details ?? []).some(
    (d: Detail) => d.field === field && (d.code !== 'custom' || d.message === 'validation.id'),
  );

beforeAll(async () => {
  const t = await createTestApp();
  agents = await Promise.all(DEMO_ACCOUNTS.map((email) => t.agentAs(email)));
  doc = (await request(t.app).get('/api/openapi.json')).body;
  sampleCip13 = (t.db.$client.prepare('SELECT cip13 FROM catalogue_presentations LIMIT 1').get() as { cip13: string })
    .cip13;
  cases = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).flatMap(([method, op]) => casesOf(method, path, op)),
  );
});

describe('strict ids on every route of the OpenAPI document', () => {
  it('When the document is walked, Then it finds ids in paths, queries, bodies and nested bodies', () => {
    expect(cases.filter((c) => c.where === 'params').length).toBeGreaterThan(10);
    expect(cases.some((c) => c.where === 'query')).toBe(true);
    expect(cases.some((c) => c.where === 'body')).toBe(true);
    expect(cases.some((c) => c.where === 'body' && c.field.split('.').length > 2)).toBe(true);
  });

  it('When an id is a boolean, an array, a hex, padded, zero-led or (in JSON) numeric string, Then 400 in the SPEC §10 shape naming that field', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const bad = c.where === 'body' ? BAD_JSON : BAD_PARAMS;
      for (const [kind, value] of bad) {
        const res = await send(c, value);
        const shaped =
          res.status === 400 &&
          res.body?.error?.code === 'validation.invalid_input' &&
          typeof res.body.error.message === 'string' &&
          Array.isArray(res.body.error.details) &&
          namesField(res, c.field);
        if (!shaped) failures.push(`${c.label} with ${kind} ${JSON.stringify(value)}: ${res.status} ${res.text}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('When the same id is a well-formed number, Then validation lets it through (the checks above are not vacuous)', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const res = await send(c, c.where === 'body' ? UNUSED_ID : String(UNUSED_ID));
      if (refusesId(res, c.field)) failures.push(`${c.label}: ${res.status} ${res.text}`);
    }
    expect(failures).toEqual([]);
  });
});
