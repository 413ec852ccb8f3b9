import { isMessageKey, type Translate } from '../i18n/i18n';
import {
  type DisplayLang,
  formatCalendarDate,
  formatCount,
  formatDateTime,
  formatMoney,
  formatMonth,
} from '../shared/format';

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

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Details whose list (or map lot id → quantity) holds lots: "2 lots". */
const LOT_KEYS = new Set(['picks', 'lots', 'received', 'movements', 'lotCosts']);
/** A short list of plain values (lot numbers, ids) is shown as is; a longer one is counted. */
const SHORT_LIST = 5;

/**
 * One detail's value as the admin reads it (issue #15: raw JSON and keys): an amount in cents
 * (`…Cents`) in euros "3,60 €"; a pharmacy id (`pharmacyId`, `…PharmacyId`) as its name, from
 * `pharmacyName` ("officine n° 5" when unknown); a list of lots as "2 lots", another long list
 * as "12 éléments", a short list of plain values joined; an instant as dd/MM/yyyy HH:mm (Paris),
 * a calendar date as dd/MM/yyyy, a month as "octobre 2026" (in `lang`: "October 2026"); a code with a label `audit.value.<key>.<code>` (`kind` quarter →
 * "Trimestre") as that label; true/false as Oui/Non; quantities grouped by thousands (ids and years not).
 */
function auditDetailValue(
  t: Translate,
  key: string,
  value: unknown,
  pharmacyName: (id: number) => string | undefined,
  lang: DisplayLang,
): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no');
  if (typeof value === 'number') {
    if (key.endsWith('Cents') && Number.isInteger(value)) return formatMoney(value);
    if (key === 'pharmacyId' || key.endsWith('PharmacyId'))
      return pharmacyName(value) ?? t('audit.value.pharmacyNumber', { id: value });
    // An id, a year or a step number is a name, not a quantity: never grouped ("2026", not "2 026").
    return /(Id|^year|^week|^seq)$/.test(key) ? String(value) : formatCount(value);
  }
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return formatDateTime(value);
    if (CALENDAR_DATE.test(value)) return formatCalendarDate(value);
    if (MONTH.test(value)) return formatMonth(value, lang);
    // A role reads as the app names it everywhere (« Préparateur », not technician).
    const role = `role.${value}`;
    if (key === 'role' && isMessageKey(role)) return t(role);
    const label = `audit.value.${key}.${value}`;
    return isMessageKey(label) ? t(label) : value;
  }
  const items = Array.isArray(value) ? value : typeof value === 'object' ? Object.keys(value) : [];
  if (LOT_KEYS.has(key)) return t('audit.value.lots', { count: items.length });
  if (Array.isArray(value)) {
    const plain = value.every((item) => typeof item === 'string' || typeof item === 'number');
    if (plain && value.length <= SHORT_LIST) return value.length ? value.join(', ') : '—';
    return t('audit.value.items', { count: value.length });
  }
  return t('audit.value.fields', { count: items.length });
}

/**
 * A row's details in one line, "label : value" pairs joined by " · " (labels `audit.detail.*`,
 * values per `auditDetailValue`); patient data is already removed by the server. `pharmacyName`
 * names a pharmacy id (the page passes the pharmacies it fetched).
 */
export function auditDetailsText(
  t: Translate,
  details: Record<string, unknown> | null | undefined,
  pharmacyName: (id: number) => string | undefined = () => undefined,
  lang: DisplayLang = 'fr',
): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([key, value]) => `${auditDetailLabel(t, key)} : ${auditDetailValue(t, key, value, pharmacyName, lang)}`)
    .join(' · ');
}
