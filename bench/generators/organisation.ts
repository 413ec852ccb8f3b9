import { asc, count } from 'drizzle-orm';
import { careHomes, pharmacies } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { type DatasetGenerator, tableCount } from './generator';

/** The demo cooperative: users of every role, five pharmacies, three care homes, demo stock. */
export const demoGenerator: DatasetGenerator = {
  name: 'demo',
  async build({ db, now }) {
    await seedDemo(db, now);
    return { rows: { users: tableCount(db, 'users') } };
  },
};

export const pharmaciesGenerator: DatasetGenerator = {
  name: 'pharmacies',
  build({ db, scale, now }) {
    const existing = db.select({ n: count() }).from(pharmacies).get()?.n ?? 0;
    const createdAt = now.toISOString();
    const extra = Math.max(0, scale.pharmacies - existing);
    db.transaction((tx) => {
      for (let i = 1; i <= extra; i++) {
        const n = String(i).padStart(4, '0');
        tx.insert(pharmacies)
          .values({ slug: `bench-${n}`, name: `Pharmacie ${n}`, town: `Commune ${n}`, createdAt })
          .run();
      }
    });
    return { rows: { pharmacies: existing + extra } };
  },
};

export const careHomesGenerator: DatasetGenerator = {
  name: 'care-homes',
  build({ db, rng, scale, now }) {
    const existing = db.select({ n: count() }).from(careHomes).get()?.n ?? 0;
    const pharmacyIds = db.select({ id: pharmacies.id }).from(pharmacies).orderBy(asc(pharmacies.id)).all();
    const createdAt = now.toISOString();
    const extra = Math.max(0, scale.careHomes - existing);
    db.transaction((tx) => {
      for (let i = 1; i <= extra; i++) {
        const n = String(i).padStart(4, '0');
        tx.insert(careHomes)
          .values({
            slug: `ehpad-bench-${n}`,
            name: `EHPAD ${n}`,
            // Haute-Vienne FINESS prefix, which the demo care homes do not use.
            finess: `87${String(i).padStart(7, '0')}`,
            pharmacyId: rng.pick(pharmacyIds).id,
            createdAt,
          })
          .run();
      }
    });
    return { rows: { careHomes: existing + extra } };
  },
};
