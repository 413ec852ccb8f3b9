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
import { appServerOptions } from '../server/http/app-server';

/** Serves `app` on an ephemeral port of 127.0.0.1; resolves with the server and its port. */
export function listen(app: express.Express): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(appServerOptions(app), app);
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

/** Sends each route `warmup` requests; returns an empty sample list per route. */
async function warmed(routes: readonly CpuRoute[], warmup: number): Promise<CpuSamples> {
  for (const route of routes) {
    for (let i = 0; i < warmup; i++) await get(route);
  }
  return new Map(routes.map((r) => [r.name, []]));
}

/**
 * Warms each route (`warmup` requests), then runs `rounds` rounds in which each route in turn
 * answers `requests` sequential GETs; returns each route's CPU µs per request, per round.
 */
export async function measureCpu(
  routes: readonly CpuRoute[],
  opts: { rounds: number; requests: number; warmup?: number },
): Promise<CpuSamples> {
  const samples = await warmed(routes, opts.warmup ?? 300);
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

/**
 * Like `measureCpu`, but the routes take turns request by request, and the figure is each route's
 * median CPU µs per request in each round (the requests of a round: `requests` per route). Each
 * request's CPU runs from just before it is sent to one turn of the event loop after its answer
 * ended (`setImmediate`), so that the server's work after the answer is its own. The turn starts
 * one route further at each request (0 1 2, 1 2 0, 2 0 1…): no route always follows the same one.
 *
 * Why: a round of 200 requests is ~25–150 ms, and one garbage collection, or a host's hiccup, in
 * it moved that round by half or more (A/A 0.5–1.5 round by round, bench/README.md). Taking turns
 * gives every route the same conditions at the same moment, and the median per request leaves out
 * such lumps: it is the cost of the request's path (its stack, use case, SQL and answer), not of
 * the collections its garbage causes later, which `measureCpu` keeps (noisily).
 */
export async function measureCpuPerRequest(
  routes: readonly CpuRoute[],
  opts: { rounds: number; requests: number; warmup?: number },
): Promise<CpuSamples> {
  const samples = await warmed(routes, opts.warmup ?? 300);
  const oneTurn = () => new Promise((ok) => setImmediate(ok));
  for (let round = 0; round < opts.rounds; round++) {
    const used = routes.map(() => [] as number[]);
    for (let i = 0; i < opts.requests; i++) {
      for (let j = 0; j < routes.length; j++) {
        const k = (i + j) % routes.length;
        const before = process.cpuUsage();
        await get(routes[k] as CpuRoute);
        await oneTurn();
        const spent = process.cpuUsage(before);
        used[k]?.push(spent.user + spent.system);
      }
    }
    routes.forEach((route, k) => {
      samples.get(route.name)?.push(medianRound(used[k] ?? []));
    });
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
 * becomes spread between sets, which the median round absorbs. `perRequest`: measured by
 * `measureCpuPerRequest` instead of `measureCpu`.
 */
export async function measureCpuOnFreshServers(
  routes: readonly AppRoute[],
  opts: { rounds: number; requests: number; warmup?: number; sets: number; perRequest?: boolean },
): Promise<CpuSamples> {
  const pooled: CpuSamples = new Map(routes.map((r) => [r.name, []]));
  const sets = Math.max(1, opts.sets);
  const perSet = Math.max(1, Math.ceil(opts.rounds / sets));
  const measure = opts.perRequest ? measureCpuPerRequest : measureCpu;
  for (let set = 0; set < sets; set++) {
    // Served in a turning order (set 0: 0 1 2, set 1: 1 2 0…): of identical servers, those made
    // first were measured dearer (bench/README.md, fifteenth pass), so no route is always first.
    const servers: { server: http.Server; port: number }[] = new Array(routes.length);
    for (let j = 0; j < routes.length; j++) {
      const k = (set + j) % routes.length;
      servers[k] = await listen((routes[k] as AppRoute).app);
    }
    try {
      const samples = await measure(
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
