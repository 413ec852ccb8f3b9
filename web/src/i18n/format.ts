// Fills a catalogue message with its values. Pure (no React), so unit tests hold it.
//
// The syntax is a small subset of ICU MessageFormat, enough for a French UI:
//   {name}                                          the value as is
//   {count, plural, =0 {aucun lot} one {# lot} other {# lots}}
//                                                    a branch by Intl.PluralRules of the UI language
//                                                    (French: 0 and 1 are "one"); # is the number
//   {maximum, number}                                a quantity with French grouping: 1 000 000
//                                                    ({id} stays as is: n° 12345)
//   {product, de}                                    French "de"/"d'" before a name: d'AMLODIPINE
//   {pharmacy, à} {pharmacy, de_la} {pharmacy, la} {pharmacy, La}
//                                                    a pharmacy's name in a French sentence, with its
//                                                    article: "à la Pharmacie de Felletin", "de la …",
//                                                    "la …", "La …" at a sentence's start (pharmacyIn)
// Apostrophes are plain text (no ICU quoting), so French messages need no escaping.
import { pharmacyIn, withDe } from '../shared/french';

export type Params = Record<string, string | number>;

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(lang: string, n: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return rules.select(n);
}

// Numbers in counts are French whatever the UI language, like every display format (format.ts).
const numberFormat = new Intl.NumberFormat('fr-FR');

/** Index of the brace closing the one opened at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `=0 {…} one {…} other {…}` as selector → branch text. */
function pluralBranches(spec: string): Map<string, string> | null {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < spec.length) {
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(spec.slice(i));
    if (!selector) return spec.slice(i).trim() === '' ? branches : null;
    const open = i + selector[0].length - 1;
    const close = closingBrace(spec, open);
    if (close < 0) return null;
    branches.set(selector[1] as string, spec.slice(open + 1, close));
    i = close + 1;
  }
  return branches;
}

function formatArgument(inner: string, whole: string, params: Params, lang: string): string {
  const match = /^\s*(\w+)\s*(?:,\s*([\wà]+)\s*(?:,([\s\S]*))?)?$/.exec(inner);
  if (!match) return whole;
  const [, name = '', type, spec] = match;
  const value = params[name];
  if (value === undefined) return whole;
  if (type === undefined) return String(value);
  if (type === 'number' && typeof value === 'number') return numberFormat.format(value);
  if (type === 'de') return withDe(String(value));
  if (type === 'la' || type === 'La' || type === 'à' || type === 'de_la') return pharmacyIn(type, String(value));
  if (type === 'plural' && spec !== undefined && typeof value === 'number') {
    const branches = pluralBranches(spec);
    const branch = branches?.get(`=${value}`) ?? branches?.get(pluralCategory(lang, value)) ?? branches?.get('other');
    if (branch === undefined) return whole;
    return format(branch, params, lang, numberFormat.format(value));
  }
  return String(value);
}

function format(template: string, params: Params, lang: string, pound?: string): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const char = template[i] as string;
    if (char === '{') {
      const close = closingBrace(template, i);
      if (close < 0) return out + template.slice(i);
      const whole = template.slice(i, close + 1);
      out += formatArgument(template.slice(i + 1, close), whole, params, lang);
      i = close + 1;
    } else {
      out += char === '#' && pound !== undefined ? pound : char;
      i++;
    }
  }
  return out;
}

/**
 * A catalogue message with its placeholders filled for `lang` ('fr', 'en'). A placeholder
 * without a value is left as written, so a missing parameter shows instead of vanishing.
 */
export function formatMessage(template: string, params: Params | undefined, lang: string): string {
  if (!params || !template.includes('{')) return template;
  return format(template, params, lang);
}
