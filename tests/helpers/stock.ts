import type { Db } from '../../db/client';

/** Marketed presentations of the demo catalogue that no demo pharmacy holds: tests own their stock. */
export function unheldProducts(db: Db, count: number): string[] {
  const rows = db.$client
    .prepare(
      `SELECT cip13 FROM catalogue_presentations p
       WHERE marketed = 1 AND NOT EXISTS (SELECT 1 FROM stock_lots l WHERE l.cip13 = p.cip13)
       ORDER BY cip13 LIMIT ?`,
    )
    .all(count) as { cip13: string }[];
  if (rows.length < count) throw new Error(`only ${rows.length} unheld demo products`);
  return rows.map((r) => r.cip13);
}

export function pharmacyId(db: Db, slug: string): number {
  return (db.$client.prepare('SELECT id FROM pharmacies WHERE slug = ?').get(slug) as { id: number }).id;
}

export function count(db: Db, table: string): number {
  return (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
