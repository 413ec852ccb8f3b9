import autocannon, { type Result } from 'autocannon';
import { type LatencySummary, summariseLatencies } from './stats';

export type LoadRun = {
  connections: number;
  durationS: number;
  ok: number;
  non2xx: number;
  errors: number;
  reqPerSec: number;
  latency: LatencySummary;
};

export type LoadOptions = {
  url: string;
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
};

/**
 * One autocannon run. Latencies are collected from every response (autocannon's own
 * histogram has no p95), and req/s counts only 2xx answers over the measured time.
 */
export function runLoad(options: LoadOptions): Promise<LoadRun> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        sampleInt: Math.min(1000, Math.max(100, (options.durationS * 1000) / 4)),
        timeout: 10,
        headers: options.headers ?? {},
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
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
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
