import { isMessageKey, type Translate } from '../i18n/i18n';

/**
 * What an audit action code reads as (`transfers.request` → "Dépannage demandé"), from the
 * `audit.action.*` messages; a code the catalogue does not know (an older code still in the
 * log) reads as itself, so the admin never sees an empty cell.
 */
export function auditActionLabel(t: Translate, code: string): string {
  const key = `audit.action.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** What an audit entity code reads as (`stock_lot` → "Lot"); an unknown code reads as itself. */
export function auditEntityLabel(t: Translate, code: string): string {
  const key = `audit.entity.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** What a key of a row's details reads as (`quantity` → "Quantité"); an unknown key reads as itself. */
export function auditDetailLabel(t: Translate, key: string): string {
  const message = `audit.detail.${key}`;
  return isMessageKey(message) ? t(message) : key;
}

/**
 * Who did it, for a row of the log whose actor is not a user: `anonymous` (a failed login, before
 * anyone is logged in) reads "Personne non connectée", `system:<job>` reads "Système" with the
 * job's name as `detail`. A user's e-mail is returned as is (the page adds the display name).
 */
export function auditActorLabel(t: Translate, actorLabel: string): { label: string; detail?: string } {
  if (actorLabel === 'anonymous') return { label: t('audit.actor.anonymous') };
  if (actorLabel.startsWith('system:')) {
    const name = actorLabel.slice('system:'.length);
    return { label: t('audit.actor.system'), detail: t('audit.actor.systemTitle', { name }) };
  }
  return { label: actorLabel };
}
