import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { RouteDef } from './route';

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ example: 'validation.invalid_input' }),
    message: z.string(),
    details: z.array(z.unknown()),
  }),
});

/** The error statuses a route can answer (SPEC §10), each in the ErrorBody shape, and which routes can. */
const ERROR_RESPONSES: Record<string, { description: string; applies?: (r: RouteDef) => boolean }> = {
  400: { description: 'Invalid input (unknown keys, wrong types, malformed JSON, a body that does not decode)' },
  401: { description: 'Not logged in', applies: (r) => r.auth },
  403: {
    description: 'Refused: your role may not do this, or a browser sent it from another origin',
    applies: (r) => r.auth || r.method !== 'get',
  },
  404: { description: 'Not found, or outside your pharmacy / care home' },
  409: { description: 'Conflicts with the current state' },
  413: { description: 'Body too large (JSON: 1 MB, CSV: 5 MB)', applies: (r) => r.body !== undefined },
  415: {
    description: 'Unsupported body charset (send UTF-8) or Content-Encoding (plain, gzip, deflate or br)',
    applies: (r) => r.body !== undefined,
  },
  422: { description: 'Well-formed but breaks a rule' },
  431: { description: 'URL and headers over 16 kB' },
};

/** Builds the OpenAPI 3 document from the same zod schemas that validate the requests. */
export function buildOpenApiDocument(routes: RouteDef[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'officoop_sid',
  });
  for (const r of routes) {
    const errors = Object.fromEntries(
      Object.entries(ERROR_RESPONSES)
        .filter(([, e]) => e.applies?.(r) ?? true)
        .map(([status, { description }]) => [
          status,
          { description, content: { 'application/json': { schema: ErrorBody } } },
        ]),
    );
    const content: Record<string, { schema: z.ZodType }> = {};
    if (r.response) content['application/json'] = { schema: r.response };
    for (const type of Object.keys(r.produces ?? {})) content[type] = { schema: z.string() };
    registry.registerPath({
      method: r.method,
      path: `/api${r.path.replace(/:(\w+)/g, '{$1}')}`,
      summary: r.summary,
      tags: r.tags,
      security: r.auth ? [{ sessionCookie: [] }] : [],
      request: {
        params: r.params as z.ZodObject | undefined,
        query: r.query as z.ZodObject | undefined,
        headers: r.headers as z.ZodObject | undefined,
        body: r.body ? { content: { [r.bodyType ?? 'application/json']: { schema: r.body } } } : undefined,
      },
      responses: {
        [r.status]: {
          description: 'Success',
          ...(Object.keys(content).length ? { content } : {}),
        },
        ...errors,
      },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Officoop API',
      version: '0.1.0',
      description: 'Operations platform of a cooperative of five community pharmacies.',
    },
    servers: [{ url: '/' }],
  });
}
