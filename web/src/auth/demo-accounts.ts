import type { Role } from '../../../server/users/users.schemas';

/** The accounts of the demo seed (issue 2), offered on the login page in demo mode only. */
export type DemoAccount = { email: string; role: Role; place: string | null };

const PHARMACIES = [
  ['bugeat', 'Bugeat'],
  ['meymac', 'Meymac'],
  ['peyrelevade', 'Peyrelevade'],
  ['felletin', 'Felletin'],
  ['royere', 'Royère-de-Vassivière'],
] as const;

const CARE_HOMES = [
  ['bugeat', 'Bugeat'],
  ['meymac', 'Meymac'],
  ['felletin', 'Felletin'],
] as const;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@officoop.test', role: 'admin', place: null },
  { email: 'tresorier@officoop.test', role: 'treasurer', place: null },
  ...PHARMACIES.flatMap(([slug, town]): DemoAccount[] => [
    { email: `pharmacien.${slug}@officoop.test`, role: 'pharmacist', place: town },
    { email: `preparateur.${slug}@officoop.test`, role: 'technician', place: town },
  ]),
  ...CARE_HOMES.map(
    ([slug, town]): DemoAccount => ({ email: `ehpad.${slug}@officoop.test`, role: 'carehome', place: town }),
  ),
];
