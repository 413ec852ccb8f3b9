/**
 * SQL of the pool's search, bounded by the catalogue rather than by the stock (issue 16): the
 * presentations a search matches are found first (FTS index or code prefix), each is kept when
 * some pharmacy holds a lot of it (one seek on `stock_lots_cip13_idx`, stopping at the first
 * lot), and the holders' availability is then read only for the page shown (`poolAvailability`).
 * On 1 000 pharmacies × 3 000 lots the former single statement aggregated every lot of every
 * matched presentation (minutes for `amlo`); this costs matched presentations + page × holders.
 */
import type { Db } from '../../db/client';
import { statement } from '../../db/statements';
import { frenchCompare } from '../shared/collate';

/** A presentation the search matched that some pharmacy holds, with the pool's labels. */
export type HeldMatch = { cip13: string; productLabel: string; boxLabel: string };

/** Some pharmacy holds a lot of the presentation `cip13` (a column) with units, not expired on `@today`. */
const held = (cip13: string) => `EXISTS (SELECT 1 FROM stock_lots l INDEXED BY stock_lots_cip13_idx
  WHERE l.cip13 = ${cip13} AND l.quantity > 0 AND l.expiry_date >= @today)`;

/**
 * The pool's order of held presentations: by product label in the French order of every other
 * list (`frenchCompare`: accents with their letter, case ignored, doses by value: 500 mg before
 * 1000 mg), then CIP13.
 */
export const byHeldName = (x: HeldMatch, y: HeldMatch) =>
  frenchCompare(x.productLabel, y.productLabel) || x.cip13.localeCompare(y.cip13);

/** A row of (cip13, productLabel, boxLabel) read as an array (`raw`: cheaper than keyed rows, issue 16). */
const toHeldMatch = (r: unknown): HeldMatch => {
  const [cip13, productLabel, boxLabel] = r as [string, string, string];
  return { cip13, productLabel, boxLabel };
};

/**
 * Presentations matching the catalogue's full-text query (`fts`, as `toFtsQuery` writes it) or a
 * CIP13 / CIP7 / CIS prefix (`digits`) that some pharmacy holds (a lot with units, expiring on
 * `today` or later). Labels: the speciality's name (else the presentation's) and the box's label.
 * Full-text matches come by label then CIP13 in SQLite's binary order: near the French order the
 * pool sorts them by, so that sort has little left to do (67 'amlo' labels: 66 comparisons
 * instead of 320, about 40 µs less for 15 µs of SQL sort; issue 16). Code matches are unordered.
 */
export function searchHeldPresentations(
  db: Db,
  match: { fts: string } | { digits: string },
  today: string,
): HeldMatch[] {
  if ('fts' in match) {
    // The catalogue's ranking indexes (issue 16): each hit's name and its presentations' CIP13 come
    // from covering indexes, so only the held presentations' rows are read (for their box label).
    return statement(
      db,
      `SELECT p.cip13, coalesce(s.name, p.label) AS productLabel, p.label AS boxLabel
       FROM catalogue_search cs
       JOIN catalogue_specialities s INDEXED BY catalogue_specialities_search_idx ON CAST(s.cis AS INTEGER) = cs.rowid
       JOIN catalogue_presentations p INDEXED BY catalogue_presentations_search_idx ON p.cis = s.cis
       WHERE catalogue_search MATCH @q AND ${held('p.cip13')}
       ORDER BY productLabel, p.cip13`,
    )
      .raw(true)
      .all({ q: match.fts, today })
      .map(toHeldMatch);
  }
  return statement(
    db,
    `WITH m AS (
       SELECT p.cip13, coalesce(s.name, p.label) AS productLabel, p.label AS boxLabel FROM catalogue_presentations p
       LEFT JOIN catalogue_specialities s ON s.cis = p.cis
       WHERE (p.cip13 >= @lo AND p.cip13 < @hi) OR (p.cip7 >= @lo AND p.cip7 < @hi) OR (p.cis >= @lo AND p.cis < @hi)
     )
     SELECT m.cip13, m.productLabel, m.boxLabel FROM m WHERE ${held('m.cip13')}`,
  ).all({ lo: match.digits, hi: `${match.digits}:`, today }) as HeldMatch[];
}

/** One holder's availability of a presentation, as the pool shows it. */
export type HolderAvailability = { cip13: string; pharmacyId: number; available: number; nearestExpiry: string | null };

/**
 * Per presentation of `cip13s` (one page of the pool) and per pharmacy holding it: units on
 * hand minus units reserved by accepted transfers, and the nearest expiry of the lots with
 * units free (null when none), over lots with units expiring on `today` or later: the figures
 * of `poolAvailability` (stock.repository.ts). The lots are read through `stock_lots_cip13_idx`
 * by name: with 3 000 000 lots SQLite's statistics chose the (pharmacy, expiry) index instead
 * and read every lot not yet expired (issue 16, national scale).
 */
export function pageAvailability(db: Db, cip13s: string[], today: string): HolderAvailability[] {
  if (cip13s.length === 0) return [];
  return statement(
    db,
    `WITH reserved AS (
       SELECT tl.lot_id, sum(tl.quantity) AS quantity FROM transfer_lines tl
       JOIN transfers t ON t.id = tl.transfer_id WHERE t.status = 'accepted' GROUP BY tl.lot_id
     )
     SELECT l.cip13 AS cip13, l.pharmacy_id AS pharmacyId, sum(l.quantity - coalesce(r.quantity, 0)) AS available,
            min(CASE WHEN l.quantity - coalesce(r.quantity, 0) > 0 THEN l.expiry_date END) AS nearestExpiry
     FROM stock_lots l INDEXED BY stock_lots_cip13_idx LEFT JOIN reserved r ON r.lot_id = l.id
     WHERE l.cip13 IN (SELECT value FROM json_each(?)) AND l.quantity > 0 AND l.expiry_date >= ?
     GROUP BY l.cip13, l.pharmacy_id`,
  ).all(JSON.stringify(cip13s), today) as HolderAvailability[];
}
