/**
 * French alphabetical order for names on screens and printed documents: accents sort with their
 * letter (É with E, RIBIÈRE before RIVIÈRE), case ignored, numbers by value (chambre 9 before 10).
 * `frenchCompare(a, b)` is a comparator for Array.prototype.sort.
 */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export const frenchCompare = (a: string, b: string): number => collator.compare(a, b);
