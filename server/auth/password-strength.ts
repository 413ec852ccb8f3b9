import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';

/**
 * Why a new password is refused beyond its length (`ChangePasswordBody`): `personal` when it holds
 * the account's e-mail name or the user's name, `guessable` when zxcvbn (Dropbox's estimator, with
 * the common-password and French dictionaries and the azerty/qwerty keyboards) scores it
 * under 3 of 4, i.e. it falls to an offline attack on a slow hash (« azertyuiop123 »,
 * « 123456789012 », « motdepasse1234 »). A passphrase of a few words passes. Source: NIST SP
 * 800-63B §5.1.1.2, "compare the prospective secret against a list of commonly used, expected or
 * compromised values", rather than composition rules.
 *
 * `null` when the password is acceptable. Pure but for the dictionaries, built once (~0.2 s) at
 * the first call.
 */
export function passwordWeakness(
  password: string,
  account: { email: string; displayName: string },
): 'personal' | 'guessable' | null {
  const flat = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  const typed = flat(password);
  const local = flat(account.email.split('@')[0] ?? '');
  const name = flat(account.displayName);
  if ((local.length >= 4 && typed.includes(local)) || (name.length >= 4 && typed.includes(name))) return 'personal';
  const words = [account.email, ...account.email.split(/[@.+_-]/), ...account.displayName.split(/\s+/), 'officoop'];
  return estimator().check(
    password,
    words.filter((w) => w.length >= 3),
  ).score < 3
    ? 'guessable'
    : null;
}

let built: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  built ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
  });
  return built;
}
