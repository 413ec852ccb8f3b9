import { type Icon, IconBuildingHospital, IconBuildingStore, IconHome, IconUsers } from '@tabler/icons-react';
import type { Role } from '../../../server/users/users.schemas';
import type { MessageKey } from '../i18n/fr';

export type NavItem = { to: string; label: MessageKey; icon: Icon; roles: readonly Role[] };

/**
 * What each role may open. The server refuses the rest anyway (policy module);
 * this only hides it. Later domains add their pages here.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'nav.home', icon: IconHome, roles: ['admin', 'pharmacist', 'technician', 'carehome', 'treasurer'] },
  {
    to: '/care-homes',
    label: 'nav.careHomes',
    icon: IconBuildingHospital,
    roles: ['admin', 'pharmacist', 'technician'],
  },
  { to: '/admin/users', label: 'nav.users', icon: IconUsers, roles: ['admin'] },
  { to: '/admin/pharmacies', label: 'nav.pharmacies', icon: IconBuildingStore, roles: ['admin'] },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

export function rolesFor(path: string): readonly Role[] {
  const item = NAV_ITEMS.find((candidate) => candidate.to === path);
  if (!item) throw new Error(`No navigation entry for ${path}`);
  return item.roles;
}
