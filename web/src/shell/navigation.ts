import {
  type Icon,
  IconAlertOctagon,
  IconArrowsExchange,
  IconBell,
  IconBook,
  IconBuildingHospital,
  IconBuildingStore,
  IconCalendarDollar,
  IconCalendarWeek,
  IconCertificate,
  IconCoinEuro,
  IconFileImport,
  IconHome,
  IconHourglassLow,
  IconKey,
  IconPackages,
  IconRecycle,
  IconReportMoney,
  IconRobot,
  IconSearch,
  IconSettingsAutomation,
  IconShieldLock,
  IconStethoscope,
  IconTransferVertical,
  IconUserHeart,
  IconUserSquareRounded,
  IconUsers,
} from '@tabler/icons-react';
import type { Role } from '../../../server/users/users.schemas';
import type { MessageKey } from '../i18n/catalogue';

export type NavItem = {
  to: string;
  label: MessageKey;
  icon: Icon;
  roles: readonly Role[];
  /** Staff see it only when their pharmacy serves a care home (the weekly dose packs' pages). */
  careHomeWork?: true;
};

const STAFF: readonly Role[] = ['pharmacist', 'technician'];

/**
 * What each role may open. The server refuses the rest anyway (policy module);
 * this only hides it. Later domains add their pages here.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'nav.home', icon: IconHome, roles: ['admin', 'pharmacist', 'technician', 'carehome', 'treasurer'] },
  {
    to: '/alerts',
    label: 'nav.alerts',
    icon: IconBell,
    roles: ['admin', 'pharmacist', 'technician', 'carehome', 'treasurer'],
  },
  // The weekly dose packs first: orders, the robot that prepares them, the residents and care homes.
  { to: '/orders', label: 'nav.orders', icon: IconCalendarWeek, roles: ['carehome', ...STAFF], careHomeWork: true },
  { to: '/robot', label: 'nav.robot', icon: IconRobot, roles: ['admin', 'pharmacist', 'technician'] },
  { to: '/robot/admin', label: 'nav.robotAdmin', icon: IconSettingsAutomation, roles: ['admin'] },
  {
    to: '/residents',
    label: 'nav.residents',
    icon: IconUserSquareRounded,
    roles: ['carehome', ...STAFF],
    careHomeWork: true,
  },
  {
    to: '/care-homes',
    label: 'nav.careHomes',
    icon: IconBuildingHospital,
    roles: ['admin', 'pharmacist', 'technician'],
  },
  { to: '/pool', label: 'nav.pool', icon: IconSearch, roles: STAFF },
  { to: '/transfers', label: 'nav.transfers', icon: IconArrowsExchange, roles: STAFF },
  { to: '/stock', label: 'nav.stock', icon: IconPackages, roles: STAFF },
  { to: '/stock/alerts', label: 'nav.stockAlerts', icon: IconHourglassLow, roles: STAFF },
  { to: '/pool/rebalance', label: 'nav.rebalance', icon: IconRecycle, roles: STAFF },
  { to: '/recall', label: 'nav.recall', icon: IconAlertOctagon, roles: STAFF },
  { to: '/stock/import', label: 'nav.stockImport', icon: IconFileImport, roles: STAFF },
  { to: '/reviews', label: 'nav.reviews', icon: IconStethoscope, roles: STAFF },
  { to: '/patients', label: 'nav.patients', icon: IconUserHeart, roles: STAFF },
  { to: '/prescription-proposals', label: 'nav.proposals', icon: IconTransferVertical, roles: STAFF },
  { to: '/reviews/fees', label: 'nav.reviewFees', icon: IconCoinEuro, roles: STAFF },
  // Staff read the schedules from their fees page; the coordinator keeps them.
  { to: '/reviews/fee-schedules', label: 'nav.reviewFeeSchedules', icon: IconCoinEuro, roles: ['admin'] },
  { to: '/shares/statement', label: 'nav.myShares', icon: IconCertificate, roles: ['pharmacist'] },
  { to: '/shares', label: 'nav.sharesRegister', icon: IconCertificate, roles: ['treasurer'] },
  { to: '/ledger', label: 'nav.ledger', icon: IconBook, roles: ['treasurer'] },
  { to: '/ledger/categories', label: 'nav.ledgerCategories', icon: IconKey, roles: ['treasurer'] },
  { to: '/shares/report', label: 'nav.sharesReport', icon: IconReportMoney, roles: ['treasurer'] },
  {
    to: '/transfers/settlement',
    label: 'nav.settlement',
    icon: IconCalendarDollar,
    roles: [...STAFF, 'treasurer', 'admin'],
  },
  { to: '/admin/users', label: 'nav.users', icon: IconUsers, roles: ['admin'] },
  { to: '/admin/pharmacies', label: 'nav.pharmacies', icon: IconBuildingStore, roles: ['admin'] },
  { to: '/admin/audit', label: 'nav.audit', icon: IconShieldLock, roles: ['admin'] },
];

/**
 * The entries a user's menu lists: those of their role; for staff of a pharmacy serving no care
 * home (`pharmacyCareHomes` 0), not the dose packs' orders and residents, which would stay empty.
 */
export function navItemsFor(role: Role, pharmacyCareHomes?: number): NavItem[] {
  const idle = (role === 'pharmacist' || role === 'technician') && pharmacyCareHomes === 0;
  return NAV_ITEMS.filter((item) => item.roles.includes(role) && !(idle && item.careHomeWork));
}

export function rolesFor(path: string): readonly Role[] {
  const item = NAV_ITEMS.find((candidate) => candidate.to === path);
  if (!item) throw new Error(`No navigation entry for ${path}`);
  return item.roles;
}

/** The entry a path belongs to: the longest match, so /stock/alerts is not also /stock. */
export function activeNavPath(items: readonly NavItem[], pathname: string): string | undefined {
  const matches = items.filter((item) =>
    item.to === '/' ? pathname === '/' : pathname === item.to || pathname.startsWith(`${item.to}/`),
  );
  return matches.sort((a, b) => b.to.length - a.to.length)[0]?.to;
}
