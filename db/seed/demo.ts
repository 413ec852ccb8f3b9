import { count } from 'drizzle-orm';
import { hashPassword } from '../../server/auth/password';
import { insertUser } from '../../server/users/users.repository';
import type { Db } from '../client';
import { careHomes, pharmacies, type users } from '../schema';
import { seedDemoCatalogue } from './demo-catalogue';
import { seedDemoOrders } from './demo-orders';
import { seedDemoProduction } from './demo-production';
import { seedDemoReviews } from './demo-reviews';
import { seedDemoRobot } from './demo-robot';
import { seedDemoShares } from './demo-shares';
import { seedDemoStock } from './demo-stock';

export const DEMO_PASSWORD = 'demo-officoop-2026';

// Contact details are made up: the 05 55 00 phone numbers and the 19 099 / 23 099 FINESS numbers
// (valid Luhn key) belong to no real pharmacy, nor do the pharmacists in charge.
export const DEMO_PHARMACIES = [
  {
    slug: 'bugeat',
    name: 'Pharmacie de Bugeat',
    town: 'Bugeat',
    address: '2 place du Champ de Foire',
    postalCode: '19170',
    phone: '05 55 00 11 01',
    finess: '190991018',
    pharmacistInCharge: 'Hélène Lavergne',
  },
  {
    slug: 'meymac',
    name: 'Pharmacie de Meymac',
    town: 'Meymac',
    address: '14 avenue Limousine',
    postalCode: '19250',
    phone: '05 55 00 22 02',
    finess: '190991026',
    pharmacistInCharge: 'Thomas Peyrat',
  },
  {
    slug: 'peyrelevade',
    name: 'Pharmacie de Peyrelevade',
    town: 'Peyrelevade',
    address: "1 place de l'Église",
    postalCode: '19290',
    phone: '05 55 00 33 03',
    finess: '190991034',
    pharmacistInCharge: 'Sophie Chassagne',
  },
  {
    slug: 'felletin',
    name: 'Pharmacie de Felletin',
    town: 'Felletin',
    address: '8 Grande Rue',
    postalCode: '23500',
    phone: '05 55 00 44 04',
    finess: '230991044',
    pharmacistInCharge: 'Julien Mazeau',
  },
  {
    slug: 'royere',
    name: 'Pharmacie de Royère-de-Vassivière',
    town: 'Royère-de-Vassivière',
    address: '3 place de la Mairie',
    postalCode: '23460',
    phone: '05 55 00 55 05',
    finess: '230991051',
    pharmacistInCharge: 'Claire Bourdarias',
  },
] as const;

/** The three EHPAD of the plateau, each served by the pharmacy of its town. */
export const DEMO_CARE_HOMES = [
  { slug: 'ehpad-bugeat', town: 'bugeat', name: 'EHPAD Les Bruyères — Bugeat', finess: '190000422' },
  { slug: 'ehpad-meymac', town: 'meymac', name: 'EHPAD Le Puy Chabrol — Meymac', finess: '190000869' },
  { slug: 'ehpad-felletin', town: 'felletin', name: 'EHPAD Les Tilleuls — Felletin', finess: '230000911' },
] as const;

export function isEmpty(db: Db): boolean {
  return (db.select({ n: count() }).from(pharmacies).get()?.n ?? 0) === 0;
}

/**
 * Seeds the demo cooperative: five pharmacies, three care homes and one user per role and
 * scope, all with the demo password, then each domain's demo data (catalogue, stock, …) unless
 * `domainData` is false (tests of the foundation that want an otherwise empty cooperative).
 * The one place for demo data; domains add their seed here.
 */
export async function seedDemo(db: Db, now = new Date(), opts: { domainData?: boolean } = {}): Promise<void> {
  // One hash for every demo account: they share a public password, and hashing 19 times would slow tests.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const createdAt = now.toISOString();
  db.transaction(() => {
    const pharmacyIds = new Map<string, number>();
    for (const p of DEMO_PHARMACIES) {
      const row = db
        .insert(pharmacies)
        .values({ ...p, createdAt })
        .returning()
        .get();
      pharmacyIds.set(p.slug, row.id);
    }
    const user = (
      email: string,
      displayName: string,
      role: (typeof users.$inferInsert)['role'],
      scope: { pharmacyId?: number; careHomeId?: number } = {},
    ) =>
      insertUser(db, {
        email,
        displayName,
        passwordHash,
        role,
        pharmacyId: scope.pharmacyId ?? null,
        careHomeId: scope.careHomeId ?? null,
        createdAt,
      });
    user('admin@officoop.test', 'Claire Coordinatrice', 'admin');
    user('tresorier@officoop.test', 'Jean Trésorier', 'treasurer');
    for (const p of DEMO_PHARMACIES) {
      const pharmacyId = pharmacyIds.get(p.slug) as number;
      user(`pharmacien.${p.slug}@officoop.test`, `Pharmacien·ne de ${p.town}`, 'pharmacist', { pharmacyId });
      user(`preparateur.${p.slug}@officoop.test`, `Préparateur·rice de ${p.town}`, 'technician', { pharmacyId });
    }
    for (const c of DEMO_CARE_HOMES) {
      const row = db
        .insert(careHomes)
        .values({
          slug: c.slug,
          name: c.name,
          finess: c.finess,
          pharmacyId: pharmacyIds.get(c.town) as number,
          createdAt,
        })
        .returning()
        .get();
      user(`ehpad.${c.town}@officoop.test`, `Infirmier·e coordinateur·rice ${c.name}`, 'carehome', {
        careHomeId: row.id,
      });
    }
  });
  if (opts.domainData === false) return;
  seedDemoCatalogue(db, now);
  seedDemoStock(db, now);
  seedDemoOrders(db, now);
  seedDemoRobot(db, now);
  seedDemoProduction(db, now);
  seedDemoShares(db, now);
  // After the orders seed: residents with PDA lines become patients.
  seedDemoReviews(db, now);
}
