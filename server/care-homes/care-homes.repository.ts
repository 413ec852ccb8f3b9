import { and, asc, eq, like, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { careHomes } from '../../db/schema';

const careHomeColumns = {
  id: careHomes.id,
  slug: careHomes.slug,
  name: careHomes.name,
  finess: careHomes.finess,
  pharmacyId: careHomes.pharmacyId,
  active: careHomes.active,
};

/** Which care homes a caller sees: all, those a pharmacy serves, or one care home. */
export type CareHomeScope = { all: true } | { all: false; pharmacyId?: number; careHomeId?: number };

function scopeFilter(scope: CareHomeScope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.pharmacyId !== undefined) return eq(careHomes.pharmacyId, scope.pharmacyId);
  if (scope.careHomeId !== undefined) return eq(careHomes.id, scope.careHomeId);
  // A scoped caller without a scope sees nothing rather than everything.
  return eq(careHomes.id, -1);
}

export function listCareHomes(db: Db, scope: CareHomeScope) {
  return db
    .select(careHomeColumns)
    .from(careHomes)
    .where(scopeFilter(scope))
    .orderBy(asc(careHomes.name), asc(careHomes.id))
    .all();
}

export function findCareHome(db: Db, scope: CareHomeScope, id: number) {
  return db
    .select(careHomeColumns)
    .from(careHomes)
    .where(and(eq(careHomes.id, id), scopeFilter(scope)))
    .get();
}

export function findCareHomeByFiness(db: Db, finess: string, exceptId?: number) {
  return db
    .select({ id: careHomes.id })
    .from(careHomes)
    .where(and(eq(careHomes.finess, finess), exceptId === undefined ? undefined : ne(careHomes.id, exceptId)))
    .get();
}

export function slugsLike(db: Db, base: string): string[] {
  return db
    .select({ slug: careHomes.slug })
    .from(careHomes)
    .where(like(careHomes.slug, `${base}%`))
    .all()
    .map((row) => row.slug);
}

export function insertCareHome(
  db: Db,
  row: { slug: string; name: string; finess: string; pharmacyId: number; createdAt: string },
) {
  return db.insert(careHomes).values(row).returning(careHomeColumns).get();
}

export function updateCareHomeRow(db: Db, id: number, values: { name: string; finess: string; pharmacyId: number }) {
  return db.update(careHomes).set(values).where(eq(careHomes.id, id)).returning(careHomeColumns).get();
}
