/**
 * The floor of goal 3 of issue 16 ("product and pool search p50 ≤ 3 × hello's", SPEC §11): what
 * any statement must do to rank `GET /api/products?q=` as it ranks (server/catalogue/
 * catalogue.repository.ts, `searchByText`), measured on bare express routes of the baseline
 * process, in three steps:
 * - `match`: the full-text match alone (every hit counted, nothing ranked);
 * - `bm25`: the match and the bm25 score of every hit, the page's 20 rowids;
 * - `ranking`: the ranking's keys for every hit (its presentations' rank tier, whether the name
 *   starts with the first word, bm25, the name, the CIP13), the page's 20 CIP13s and nothing of
 *   what the page shows. A test checks that it ranks as the search does on the real BDPM.
 * Each takes `q`, the FTS5 query the search builds (`toFtsQuery`), and `startsWith`, the LIKE
 * pattern of its first word (`ranking` only).
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/client';
import { SUMMARY_COLUMNS } from '../server/catalogue/catalogue.repository';
import { byHeldName, searchHeldPresentations } from '../server/stock/pool-search.repository';

export const SEARCH_FLOORS = {
  match: 'SELECT count(*) AS hits FROM catalogue_search WHERE catalogue_search MATCH @q',
  bm25: `SELECT rowid FROM catalogue_search WHERE catalogue_search MATCH @q
    ORDER BY bm25(catalogue_search, 10.0, 1.0, 2.0) LIMIT 20`,
  ranking: `SELECT p.cip13 FROM catalogue_search cs
    JOIN catalogue_specialities s INDEXED BY catalogue_specialities_search_idx ON CAST(s.cis AS INTEGER) = cs.rowid
    JOIN catalogue_presentations p INDEXED BY catalogue_presentations_search_idx ON p.cis = s.cis
    WHERE catalogue_search MATCH @q
    ORDER BY p.marketed * p.active + p.active DESC, s.name LIKE @startsWith DESC,
      bm25(catalogue_search, 10.0, 1.0, 2.0), s.name, p.cip13
    LIMIT 20`,
} as const;

export type SearchFloor = keyof typeof SEARCH_FLOORS;

/**
 * The least any answer to `GET /api/products?q=` can do, with an oracle (issue 16, goal 3): told in
 * advance which specialities the first page's (tier, starts-with) groups hold and which rows the
 * page shows, it ranks nothing. What it still does is what no implementation of the search can
 * skip: the authenticated floor (auth-floor.ts), the full-text match, the bm25 score of every
 * speciality of the groups the page reaches (the rule orders each group by it, so picking 20 rows
 * out of a group needs the score of each of its members), the page's columns and the JSON answer.
 * Any real search does more, so its p50 cannot be lower than this route's.
 */
export const LEAST_SEARCH = {
  /** Every hit's presentation, speciality and group, in the search's order (run once per query, untimed). */
  order: `SELECT cs.rowid AS srow, p.rowid AS prow, p.marketed * p.active + p.active AS tier, s.name LIKE @startsWith AS sw
    FROM catalogue_search cs
    JOIN catalogue_specialities s INDEXED BY catalogue_specialities_search_idx ON CAST(s.cis AS INTEGER) = cs.rowid
    JOIN catalogue_presentations p INDEXED BY catalogue_presentations_search_idx ON p.cis = s.cis
    WHERE catalogue_search MATCH @q
    ORDER BY tier DESC, sw DESC, bm25(catalogue_search, 10.0, 1.0, 2.0), s.name, p.cip13`,
  /** The match, and bm25 for the reached specialities only (`+rowid`: FTS5 runs the match once). */
  scores: `SELECT rowid, bm25(catalogue_search, 10.0, 1.0, 2.0) AS score FROM catalogue_search
    WHERE catalogue_search MATCH @q AND +rowid IN (SELECT value FROM json_each(@reached))`,
  /** The page's columns, by presentation rowid. */
  page: `SELECT ${SUMMARY_COLUMNS} FROM catalogue_presentations p JOIN catalogue_specialities s ON s.cis = p.cis
    WHERE p.rowid IN (SELECT value FROM json_each(@page))`,
} as const;

/** What the oracle knows of one query: the reached specialities' full-text rowids (their CIS) and the page's presentation rowids, in order. */
export type SearchOracle = { reached: number[]; page: number[] };

/**
 * The oracle of `LEAST_SEARCH` for one query (`q`: the FTS5 query, `startsWith`: the first word's
 * LIKE pattern): the first `limit` rows of the search's order, and every speciality with a
 * presentation in a (tier, starts-with) group those rows reach.
 */
export function searchOracle(sqlite: Database.Database, q: string, startsWith: string, limit = 20): SearchOracle {
  const rows = sqlite.prepare(LEAST_SEARCH.order).all({ q, startsWith }) as {
    srow: number;
    prow: number;
    tier: number;
    sw: number;
  }[];
  const shown = rows.slice(0, limit);
  const groups = new Set(shown.map((r) => `${r.tier}/${r.sw}`));
  const reached = [...new Set(rows.filter((r) => groups.has(`${r.tier}/${r.sw}`)).map((r) => r.srow))];
  return { reached, page: shown.map((r) => r.prow) };
}

/**
 * The oracle of the pool's least answer (issue 16, goal 3): the first `limit` presentations the
 * pool search shows for the FTS5 query `fts` (held by some pharmacy on `today`, in the pool's
 * order) and the active pharmacies. Computed once per query, untimed.
 */
export function poolOracle(sqlite: Database.Database, fts: string, today: string, limit = 20) {
  // The repository reads through `statement(db, …)`, which needs only the connection.
  const db = { $client: sqlite } as unknown as Db;
  const page = searchHeldPresentations(db, { fts }, today).sort(byHeldName).slice(0, limit);
  const pharmacies = sqlite.prepare('SELECT id, slug, name FROM pharmacies WHERE active = 1 ORDER BY id').all() as {
    id: number;
    slug: string;
    name: string;
  }[];
  return { db, page, pharmacies };
}
