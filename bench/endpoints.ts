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
  /**
   * `baseline`: the path is a floor route of the baseline process (bare express, no login), shown
   * as a "baseline …" row, e.g. the steps of the search's ranking floor (search-floor.ts).
   */
  on?: 'baseline';
  /** Measured at 1 connection only (a floor whose target is read there). */
  oneConnection?: boolean;
  /** Logged in as a demo user of this role; anonymous when absent. */
  as?: Role;
  target?: HttpTarget;
  /**
   * Whether a "baseline <label>" floor runs the same SQL on a bare express route (issue 16);
   * default: every read. False for documents (PDF), whose floor is the renderer, not the SQL.
   */
  sameSql?: boolean;
  /** Part of the sweep of every domain read: a shorter load run (`SWEEP_SHARE` of the scale's). */
  sweep?: boolean;
  /**
   * The dataset count this figure should grow with from small to national (growth class,
   * issue 16): a key of `Scale`, or a product of two (`pharmacies*lotsPerPharmacy`).
   */
  grows?: string;
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

/** The sweep's load runs last this share of the scale's duration. */
export const SWEEP_SHARE = 1 / 4;

/** Issue 16: no starvation (p99 ≤ 5 × p50 at 10 and 50 connections), reads and writes. */
export const TAIL_TARGET: NonNullable<HttpTarget['maxTail']> = { ratio: 5, connections: [10, 50] };

/** Issue 16: a read endpoint reaches 70 % of the bare express route running its own SQL. */
export const SQL_FLOOR_RATIO = 0.7;

/** Every read endpoint's issue-16 floors (same-SQL ratio, tail), added to its own target. */
export function withFloors(target: HttpTarget = {}): HttpTarget {
  return { minSqlRatio: SQL_FLOOR_RATIO, maxTail: TAIL_TARGET, ...target };
}

/**
 * SPEC §11 for read endpoints: ≥ 70 % of the bare express route running the same SQL, p99 ≤ 5 × p50
 * at 10 and 50 connections. (Until 2026-12-02 this also asked ≥ 70 % of *hello* and p99 < 25 ms at
 * 50 connections, an early reading of §11 from before the same-SQL floors existed: an order of 80
 * residents whose own SQL answers at 0.08 of hello could never pass it.)
 */
export const READ_ENDPOINT_TARGET: HttpTarget = withFloors();

export function resolvePath(endpoint: EndpointBench, facts: DatasetFacts): string {
  return typeof endpoint.path === 'function' ? endpoint.path(facts) : endpoint.path;
}
