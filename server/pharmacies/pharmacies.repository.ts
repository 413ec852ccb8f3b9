import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { pharmacies } from '../../db/schema';

const pharmacyColumns = {
  id: pharmacies.id,
  slug: pharmacies.slug,
  name: pharmacies.name,
  town: pharmacies.town,
  active: pharmacies.active,
};

/** The five members: their names are shared knowledge inside the cooperative. */
export function listPharmacies(db: Db) {
  return db.select(pharmacyColumns).from(pharmacies).orderBy(asc(pharmacies.id)).all();
}

export function findPharmacy(db: Db, id: number) {
  return db.select(pharmacyColumns).from(pharmacies).where(eq(pharmacies.id, id)).get();
}

export function updatePharmacyRow(db: Db, id: number, values: { name: string; town: string }) {
  return db.update(pharmacies).set(values).where(eq(pharmacies.id, id)).returning(pharmacyColumns).get();
}
