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

/** A route to measure on an app, which `measureCpuOnFreshServers` serves afresh for each set. */
export type AppRoute = { name: string; app: express.Express; path: string; headers: Record<string, string> };

/**
 * `measureCpu` over `sets` sets of fresh listeners: for each set every app is served by a new
 * server on a new port (a new socket), the rounds are split over the sets (at least one each), and
 * the samples of all sets are pooled. Why: one of identical servers in a process can be 10–30 %
 * dearer than its twins for as long as it lives, and not always the same one (bench/README.md,
 * fourteenth pass). Served once, a read's every round carries that bias; served afresh per set, it
 * becomes spread between sets, which the median round absorbs.
 */
export async function measureCpuOnFreshServers(
  routes: readonly AppRoute[],
  opts: { rounds: number; requests: number; warmup?: number; sets: number },
): Promise<CpuSamples> {
  const pooled: CpuSamples = new Map(routes.map((r) => [r.name, []]));
  const sets = Math.max(1, opts.sets);
  const perSet = Math.max(1, Math.ceil(opts.rounds / sets));
  for (let set = 0; set < sets; set++) {
    const servers: { server: http.Server; port: number }[] = [];
    for (const route of routes) servers.push(await listen(route.app));
    try {
      const samples = await measureCpu(
        routes.map((r, i) => ({ name: r.name, port: servers[i]?.port as number, path: r.path, headers: r.headers })),
        { rounds: perSet, requests: opts.requests, warmup: opts.warmup },
      );
      for (const [name, xs] of samples) pooled.get(name)?.push(...xs);
    } finally {
      for (const { server } of servers) {
        server.close();
        server.closeAllConnections();
      }
    }
  }
  return pooled;
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
