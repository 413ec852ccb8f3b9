/**
 * French alphabetical order for names on screens and printed documents: accents sort with their
 * letter (É with E, RIBIÈRE before RIVIÈRE), case ignored, numbers by value (chambre 9 before 10).
 * `frenchCompare(a, b)` is a comparator for Array.prototype.sort.
 */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export const frenchCompare = (a: string, b: string): number => collator.compare(a, b);

/**
 * The form in which a search box's text and the names it looks through are compared: accents
 * dropped (LATHIÈRE → lathiere), œ/æ spelled out (ŒILLET → oeillet), case ignored, so that what a
 * nurse types on a keyboard without accents finds the name as written. Shared by web and server.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/giu, 'oe')
    .replace(/æ/giu, 'ae')
    .toLocaleLowerCase('fr');
}

/**
 * True when every word of `query` is found in `text` once both are folded by `searchKey`, each word
 * on its own and in any order: "suzanne lathiere" finds "LATHIÈRE Suzanne 12" as "lathiere suzanne"
 * does (a nurse types the first name first). One word is looked for anywhere in `text`, as before;
 * an empty query matches all. The one rule for searching names, in the web app and on the server.
 */
export function searchMatches(text: string, query: string): boolean {
  const words = searchKey(query)
    .split(/\s+/u)
    .filter((w) => w !== '');
  const haystack = searchKey(text);
  return words.every((w) => haystack.includes(w));
}
