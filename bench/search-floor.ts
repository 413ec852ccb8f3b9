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
