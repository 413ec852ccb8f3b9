import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app';

// The demo gave every pharmacy the same eight patients (found by a tester).
describe('demo patients', () => {
  it('When the demo is seeded, Then each pharmacy has its own community patients, no name shared with another', async () => {
    const t = await createTestApp();
    const rows = t.db.$client
      .prepare(
        `SELECT pharmacy_id AS pharmacyId, last_name || ' ' || first_name AS name FROM patients WHERE resident_id IS NULL`,
      )
      .all() as { pharmacyId: number; name: string }[];
    const byName = new Map<string, Set<number>>();
    for (const r of rows) byName.set(r.name, (byName.get(r.name) ?? new Set()).add(r.pharmacyId));
    expect([...byName.entries()].filter(([, pharmacies]) => pharmacies.size > 1)).toEqual([]);
    const pharmacies = new Set(rows.map((r) => r.pharmacyId));
    expect(pharmacies.size).toBe(5);
    for (const id of pharmacies) expect(rows.filter((r) => r.pharmacyId === id)).toHaveLength(8);
  });
});
