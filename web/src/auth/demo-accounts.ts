import type { Role } from '../../../server/users/users.schemas';

/** The accounts of the demo seed (issue 2), offered on the login page in demo mode only. */
export type DemoAccount = { email: string; role: Role };
export type DemoPlace = { place: string | null; accounts: DemoAccount[] };

const TOWNS: [slug: string, town: string, hasCareHome: boolean][] = [
  ['bugeat', 'Bugeat', true],
  ['meymac', 'Meymac', true],
  ['peyrelevade', 'Peyrelevade', false],
  ['felletin', 'Felletin', true],
  ['royere', 'Royère-de-Vassivière', false],
];

/** Grouped by place: the cooperative itself (null), then each town's pharmacy and care home. */
export const DEMO_PLACES: DemoPlace[] = [
  {
    place: null,
    accounts: [
      { email: 'admin@officoop.test', role: 'admin' },
      { email: 'tresorier@officoop.test', role: 'treasurer' },
    ],
  },
  ...TOWNS.map(([slug, town, hasCareHome]) => ({
    place: town,
    accounts: [
      { email: `pharmacien.${slug}@officoop.test`, role: 'pharmacist' as const },
      { email: `preparateur.${slug}@officoop.test`, role: 'technician' as const },
      ...(hasCareHome ? [{ email: `ehpad.${slug}@officoop.test`, role: 'carehome' as const }] : []),
    ],
  })),
];
