import { and, asc, eq, like, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { careHomes } from '../../db/schema';
import { preparedQuery } from '../../db/statements';

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

/**
 * The scope's filter, its value in placeholder `scopeId`: one prepared query per shape of scope
 * (issue 16). A scoped caller without a scope sees nothing rather than everything.
 */
function scopeShape(scope: CareHomeScope): { kind: string; filter: () => SQL | undefined; scopeId?: number } {
  const byScopeId = (column: typeof careHomes.id | typeof careHomes.pharmacyId) => () =>
    eq(column, sql.placeholder('scopeId'));
  if (scope.all) return { kind: 'all', filter: () => undefined };
  if (scope.pharmacyId !== undefined) {
    return { kind: 'pharmacy', filter: byScopeId(careHomes.pharmacyId), scopeId: scope.pharmacyId };
  }
  if (scope.careHomeId !== undefined) {
    return { kind: 'careHome', filter: byScopeId(careHomes.id), scopeId: scope.careHomeId };
  }
  return { kind: 'none', filter: () => eq(careHomes.id, -1) };
}

export function listCareHomes(db: Db, scope: CareHomeScope) {
  const shape = scopeShape(scope);
  return preparedQuery(db, `careHomes.list:${shape.kind}`, () =>
    db
      .select(careHomeColumns)
      .from(careHomes)
      .where(shape.filter())
      .orderBy(asc(careHomes.name), asc(careHomes.id))
      .prepare(),
  ).all({ scopeId: shape.scopeId });
}

/** The care home `id` if the scope sees it, else undefined. Prepared once per shape of scope (issue 16). */
export function findCareHome(db: Db, scope: CareHomeScope, id: number) {
  const shape = scopeShape(scope);
  return preparedQuery(db, `careHomes.find:${shape.kind}`, () =>
    db
      .select(careHomeColumns)
      .from(careHomes)
      .where(and(eq(careHomes.id, sql.placeholder('id')), shape.filter()))
      .prepare(),
  ).get({ id, scopeId: shape.scopeId });
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
