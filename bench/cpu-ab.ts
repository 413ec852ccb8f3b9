/**
 * CPU time per request, measured in one process (issue 16, goal 2): the routes compared are served
 * on loopback ports of this process, and a keep-alive client in the same process sends sequential
 * GETs. The figure is the process's CPU time (`process.cpuUsage`, user + system, µs) per request:
 * client and server together, so the client's share is the same in every row and differences
 * between rows are the servers'. Rounds alternate between the routes; the median and the least
 * round are kept, which makes the figure far steadier than req/s on a shared machine (a process
 * waiting for the CPU uses none; the least round is the one other processes disturbed least).
 * Used by ab-stack.ts (the stack against hello) and ab-reads.ts (each read against its same SQL).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';

/** Serves `app` on an ephemeral port of 127.0.0.1; resolves with the server and its port. */
export function listen(app: express.Express): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(app);
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ server, port: (server.address() as AddressInfo).port })),
  );
}

/** One route to measure: a GET of `path` on `port` with `headers`; a non-200 answer throws. */
export type CpuRoute = { name: string; port: number; path: string; headers: Record<string, string> };

/** Each route's CPU µs per request, one number per round. */
export type CpuSamples = Map<string, number[]>;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(route: CpuRoute): Promise<void> {
  return new Promise((ok, fail) => {
    http
      .get({ host: '127.0.0.1', port: route.port, path: route.path, headers: route.headers, agent }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? ok() : fail(new Error(`${route.name}: ${route.path} answered ${res.statusCode}`)),
        );
      })
      .on('error', fail);
  });
}

/**
 * Warms each route (`warmup` requests), then runs `rounds` rounds in which each route in turn
 * answers `requests` sequential GETs; returns each route's CPU µs per request, per round.
 */
export async function measureCpu(
  routes: readonly CpuRoute[],
  opts: { rounds: number; requests: number; warmup?: number },
): Promise<CpuSamples> {
  const samples: CpuSamples = new Map(routes.map((r) => [r.name, []]));
  for (const route of routes) {
    for (let i = 0; i < (opts.warmup ?? 300); i++) await get(route);
  }
  for (let round = 0; round < opts.rounds; round++) {
    for (const route of routes) {
      const before = process.cpuUsage();
      for (let i = 0; i < opts.requests; i++) await get(route);
      const used = process.cpuUsage(before);
      samples.get(route.name)?.push((used.user + used.system) / opts.requests);
    }
  }
  return samples;
}

/** The median round (the upper middle of an even count); 0 for no rounds. */
export function medianRound(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
}

/** The least round: the one other processes disturbed least. */
export function leastRound(xs: readonly number[]): number {
  return Math.min(...xs);
}

/** Lets go of the client's kept-alive sockets (the servers can then close at once). */
export function closeClient() {
  agent.destroy();
}
