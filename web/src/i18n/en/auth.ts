import type { auth as fr } from '../fr/auth';
import type { Messages } from '../messages';

export const auth: Messages<typeof fr> = {
  'login.title': 'Sign in',
  'login.subtitle': 'Sign in to reach your workspace.',
  'login.email': 'E-mail address',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.showPassword': 'Show or hide the password',
  'login.failed': 'Sign-in failed',
  'login.rateLimited': 'Too many attempts. Try again in {seconds} s.',
  'login.expired': 'Your session has expired. Please sign in again.',
  'login.loggedOut': 'You are signed out.',
  'login.demo.title': 'Demo accounts',
  'login.demo.password': 'Shared password:',
  'login.demo.hint': 'Pick an account to fill the form.',
  'login.demo.place': 'Place',
  'login.demo.useFor': '{role} ({email})',
  'login.demo.account': 'Accounts',
};
