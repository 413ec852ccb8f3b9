import autocannon, { type Result } from 'autocannon';
import type { Role } from './endpoints';
import { type LatencySummary, summariseLatencies } from './stats';

export type LoadRun = {
  connections: number;
  durationS: number;
  ok: number;
  non2xx: number;
  errors: number;
  reqPerSec: number;
  /** Answers on established connections: every answer but each connection's first. */
  latency: LatencySummary;
  /**
   * Each connection's first answer, which includes opening the connection. A busy Node server
   * accepts one pending connection per event-loop iteration (libuv ≥ 1.45, "unix: don't accept()
   * connections in a loop"), so when N connections open at once on a server already serving
   * them, the last waits about N iterations: up to seconds at 50 connections. Reported apart so
   * that this one-off wait does not read as requests starving (bench/README.md, goal 4).
   */
  firstAnswer: LatencySummary;
};

export type LoadOptions = {
  url: string;
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
  /** JSON POSTs that each connection cycles through (paths relative to `url`). */
  posts?: { path: string; body: unknown }[];
};

/**
 * One autocannon run. Latencies are collected from every 2xx response (autocannon's own
 * histogram has no p95): each connection's first answer in `firstAnswer`, the others in
 * `latency`; req/s counts every 2xx answer over the measured time.
 */
export function runLoad(options: LoadOptions): Promise<LoadRun> {
  const latencies: number[] = [];
  const firstAnswers: number[] = [];
  const answered = new WeakSet<object>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        sampleInt: Math.min(1000, Math.max(100, (options.durationS * 1000) / 4)),
        timeout: 10,
        headers: options.headers ?? {},
        ...(options.posts
          ? {
              requests: options.posts.map((p) => ({
                method: 'POST',
                path: p.path,
                body: JSON.stringify(p.body),
                headers: { ...options.headers, 'content-type': 'application/json' },
              })),
            }
          : {}),
      },
      (error: Error | null, result: Result) => {
        if (error) {
          reject(error);
          return;
        }
        const ok = result['2xx'];
        resolve({
          connections: options.connections,
          durationS: result.duration,
          ok,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          reqPerSec: result.duration > 0 ? ok / result.duration : 0,
          latency: summariseLatencies(latencies),
          firstAnswer: summariseLatencies(firstAnswers),
        });
      },
    );
    instance.on('response', (client: object, statusCode: number, _bytes: number, responseTimeMs: number) => {
      const first = !answered.has(client);
      if (first) answered.add(client);
      if (statusCode < 200 || statusCode >= 300) return;
      (first ? firstAnswers : latencies).push(responseTimeMs);
    });
  });
}

export type ProbeResult = { status: number; contentType: string | null } | { status: 0; error: string };

/** One request before measuring, so a missing route is reported instead of benchmarked as a fast 404. */
export async function probe(url: string, headers: Record<string, string> = {}): Promise<ProbeResult> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return { status: response.status, contentType: response.headers.get('content-type') };
  } catch (error) {
    return { status: 0, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The GET path templates the server declares in its OpenAPI document (`/api/products/{cip13}`). */
export async function declaredGetRoutes(baseUrl: string): Promise<string[] | null> {
  try {
    const response = await fetch(`${baseUrl}/api/openapi.json`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) return null;
    const doc = (await response.json()) as { paths?: Record<string, Record<string, unknown>> };
    return Object.entries(doc.paths ?? {})
      .filter(([, operations]) => 'get' in operations)
      .map(([template]) => template);
  } catch {
    return null;
  }
}

/** Whether a concrete path (query string ignored) matches one of the OpenAPI path templates. */
export function isDeclared(templates: readonly string[], path: string): boolean {
  const pathname = path.split('?', 1)[0] as string;
  return templates.some((template) => {
    const pattern = template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    return new RegExp(`^${pattern}$`).test(pathname);
  });
}

/** Logs in through the real auth route and returns the Cookie header for later requests. */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`login as ${email} answered ${response.status}: ${text.slice(0, 200)}`);
  const cookies = response.headers.getSetCookie().map((line) => line.split(';', 1)[0] as string);
  if (cookies.length === 0) throw new Error(`login as ${email} set no cookie`);
  return cookies.join('; ');
}

/**
 * The login cookie of each role's demo account on `baseUrl`, logged in once per role:
 * `undefined` for a role the dataset has no account for.
 */
export function roleCookies(
  baseUrl: string,
  accounts: Partial<Record<Role, { email: string; password: string }>>,
): (role: Role) => Promise<string | undefined> {
  const cookies = new Map<Role, Promise<string>>();
  return (role) => {
    const account = accounts[role];
    if (!account) return Promise.resolve(undefined);
    let cookie = cookies.get(role);
    if (cookie === undefined) {
      cookie = login(baseUrl, account.email, account.password);
      cookies.set(role, cookie);
    }
    return cookie;
  };
}
