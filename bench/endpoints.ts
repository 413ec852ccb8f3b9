import type { HttpTarget } from './report';

export type Role = 'admin' | 'pharmacist' | 'technician' | 'carehome' | 'treasurer';

/** Facts the dataset generators publish (ids, weeks…) for endpoints whose path needs them. */
export type DatasetFacts = Record<string, string | number>;

/**
 * One read endpoint measured under load. Domains add theirs to `ENDPOINTS` in
 * bench/figures.ts; a route that answers 404 on the probe is reported "n/a (route missing)".
 */
export type EndpointBench = {
  name: string;
  label: string;
  /** Path under the server root, e.g. `/api/products?q=amlo`. */
  path: string | ((facts: DatasetFacts) => string);
  /** Logged in as a demo user of this role; anonymous when absent. */
  as?: Role;
  target?: HttpTarget;
  /**
   * A write load instead of GETs: each connection cycles through these JSON POSTs, and
   * `verify` reads the server's database afterwards (its answer passes or fails the figure).
   */
  write?: {
    requests: (facts: DatasetFacts) => { path: string; body: unknown }[];
    /** `inFlight`: requests the server may have answered after the load tool stopped counting. */
    verify: (dbPath: string, counted: { ok: number; inFlight: number }) => { ok: boolean; note: string };
  };
};

/** SPEC §11: read endpoints reach 70 % of the bare express route's req/s, p99 < 25 ms at 50 connections. */
export const READ_ENDPOINT_TARGET: HttpTarget = {
  minRatio: 0.7,
  latency: [{ percentile: 'p99', ms: 25, connections: 50 }],
};

export function resolvePath(endpoint: EndpointBench, facts: DatasetFacts): string {
  return typeof endpoint.path === 'function' ? endpoint.path(facts) : endpoint.path;
}
