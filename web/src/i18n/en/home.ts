import type { home as fr } from '../fr/home';
import type { Messages } from '../messages';

export const home: Messages<typeof fr> = {
  'home.greeting': 'Hello {name}',
  'home.today': 'Today, {date}',
  'home.todo': 'To do today',
  'home.alerts.title': 'Alerts',
  'home.alerts.empty': 'No alerts for now.',
  'home.alerts.dismiss': 'Dismiss alert',
  'home.alerts.unknown': 'New alert ({kind})',
  'home.alerts.more': 'and {count} more',
  'home.reviews.title': 'Medication reviews due',
  'home.reviews.empty': 'No review step due.',
  'home.users.title': 'Users',
  'home.users.summary': 'Active accounts: {active} of {total}',
  'home.users.manage': 'Manage users',
  'home.careHomes.title': 'Care homes',
  'home.careHomes.summary': 'Registered care homes: {count}',
  'home.careHomes.manage': 'See care homes',
};
