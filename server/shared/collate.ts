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

/** True when `text` contains `query` once both are folded by `searchKey` (an empty query matches all). */
export function searchMatches(text: string, query: string): boolean {
  const q = searchKey(query.trim());
  return q === '' || searchKey(text).includes(q);
}
