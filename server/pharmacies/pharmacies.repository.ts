import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { pharmacies } from '../../db/schema';
import { preparedQuery } from '../../db/statements';

const pharmacyColumns = {
  id: pharmacies.id,
  slug: pharmacies.slug,
  name: pharmacies.name,
  town: pharmacies.town,
  address: pharmacies.address,
  postalCode: pharmacies.postalCode,
  phone: pharmacies.phone,
  finess: pharmacies.finess,
  pharmacistInCharge: pharmacies.pharmacistInCharge,
  active: pharmacies.active,
};

export type PharmacyRow = {
  id: number;
  slug: string;
  name: string;
  town: string;
  address: string | null;
  postalCode: string | null;
  phone: string | null;
  finess: string | null;
  pharmacistInCharge: string | null;
  active: boolean;
};

/** The five members with their contact details: shared knowledge inside the cooperative. */
export function listPharmacies(db: Db): PharmacyRow[] {
  // Built once per connection (issue 16).
  return preparedQuery(db, 'pharmacies.list', () =>
    db.select(pharmacyColumns).from(pharmacies).orderBy(asc(pharmacies.id)).prepare(),
  ).all();
}

export function findPharmacy(db: Db, id: number): PharmacyRow | undefined {
  return preparedQuery(db, 'pharmacies.find', () =>
    db
      .select(pharmacyColumns)
      .from(pharmacies)
      .where(eq(pharmacies.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

/** Another pharmacy holding this FINESS number, if any. */
export function findPharmacyByFiness(db: Db, finess: string, exceptId: number) {
  return db
    .select({ id: pharmacies.id, name: pharmacies.name })
    .from(pharmacies)
    .where(and(eq(pharmacies.finess, finess), ne(pharmacies.id, exceptId)))
    .get();
}

/** Another pharmacy named `name`, letter case aside ("pharmacie de bugeat" is Bugeat's name). */
export function findPharmacyByName(db: Db, name: string, exceptId: number) {
  return db
    .select({ id: pharmacies.id, name: pharmacies.name })
    .from(pharmacies)
    .where(and(sql`lower(${pharmacies.name}) = lower(${name})`, ne(pharmacies.id, exceptId)))
    .get();
}

export function updatePharmacyRow(
  db: Db,
  id: number,
  values: Partial<Omit<PharmacyRow, 'id' | 'slug' | 'active'>>,
): PharmacyRow | undefined {
  return db.update(pharmacies).set(values).where(eq(pharmacies.id, id)).returning(pharmacyColumns).get();
}
