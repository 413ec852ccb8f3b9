import * as enDomains from './en';
import * as frDomains from './fr';
import { mergeDomains } from './messages';

/** Every French message of the web app: the reference catalogue. */
export const fr = mergeDomains(frDomains);

export type MessageKey = keyof typeof fr;
export type Catalogue = Record<MessageKey, string>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}

/** Every English message; typed as the French catalogue, so a domain missing from en/index.ts fails the typecheck. */
export const en: Catalogue = mergeDomains(enDomains);
