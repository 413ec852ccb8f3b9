import type { Db } from '../../db/client';

/**
 * `n` presentations of the demo catalogue, reimbursed (or not), each of one active substance that
 * no other returned presentation shares: each one adds one substance to a patient's count.
 */
export function distinctSubstanceProducts(db: Db, n: number, reimbursed = true): string[] {
  const rows = db.$client
    .prepare(
      `SELECT p.cip13, p.cis, min(c.substance_code) AS code FROM catalogue_presentations p
       JOIN catalogue_compositions c ON c.cis = p.cis AND c.nature IN ('SA', 'FT')
       WHERE (coalesce(p.reimbursement_rate_pct, 0) > 0) = ?
       GROUP BY p.cip13 HAVING count(DISTINCT c.link_no) = 1 ORDER BY p.cip13`,
    )
    .all(reimbursed ? 1 : 0) as { cip13: string; cis: string; code: string }[];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of rows) {
    if (seen.has(r.code) || seen.has(r.cis)) continue;
    seen.add(r.code);
    seen.add(r.cis);
    out.push(r.cip13);
    if (out.length === n) return out;
  }
  throw new Error(`only ${out.length} products with distinct substances`);
}

/** Another reimbursed presentation of the same speciality or substance as `cip13`, if any. */
export function samePresentationSubstance(db: Db, cip13: string): string | undefined {
  const row = db.$client
    .prepare(
      `SELECT p2.cip13 FROM catalogue_presentations p1 JOIN catalogue_presentations p2 ON p2.cis = p1.cis AND p2.cip13 <> p1.cip13
       WHERE p1.cip13 = ? AND coalesce(p2.reimbursement_rate_pct, 0) > 0 LIMIT 1`,
    )
    .get(cip13) as { cip13: string } | undefined;
  return row?.cip13;
}

export function userId(db: Db, email: string): number {
  return (db.$client.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id;
}

export function auditRows(db: Db, action: string, entityId?: number): number {
  return (
    db.$client
      .prepare('SELECT count(*) AS n FROM audit_log WHERE action = ? AND (? IS NULL OR entity_id = ?)')
      .get(action, entityId == null ? null : String(entityId), entityId == null ? null : String(entityId)) as {
      n: number;
    }
  ).n;
}
