// French typography helpers for names the app did not write (drugs, people, places).
// Pure, so unit tests hold them.

// A vowel, a mute h (drug names: HYDROXYZINE, HÉPARINE) or œ/æ opens with a vowel sound.
const VOWEL_START = /^[aeiouàâäéèêëîïôöùûüœæh]/i;
// Y is a vowel before a consonant (YSOMÉGA) and a consonant before a vowel (YAOURT).
const Y_VOWEL = /^y[^aeiouàâäéèêëîïôöùûü]/i;

/**
 * "de" or "d'" before a name, as French writes it: "d'AMLODIPINE", "de PARACÉTAMOL",
 * "d'Élodie Martin". Leading spaces and quotes are ignored to decide; an empty name gives "de".
 */
export function withDe(name: string): string {
  const first = name.replace(/^[\s"«“'’]+/, '');
  return VOWEL_START.test(first) || Y_VOWEL.test(first) ? `d'${name.trimStart()}` : `de ${name.trimStart()}`;
}

// Particles and articles of French (and a few neighbouring) names and of place names: never an initial.
const PARTICLES = new Set([
  'de',
  'des',
  'du',
  'd',
  'la',
  'le',
  'les',
  'l',
  'et',
  'à',
  'au',
  'aux',
  'en',
  'sur',
  'sous',
  'van',
  'von',
  'der',
  'den',
  'di',
  'da',
  'del',
  'dos',
  'y',
]);

/**
 * Up to two initials for an avatar: the first letter of the first word and of the last word
 * that are not particles. "Claire Coordinatrice" → "CC", "Jean de La Fontaine" → "JF",
 * "Pharmacien·ne de Bugeat" → "PB", "Marie-Claire d'Ornano" → "MO", "Cher" → "C".
 */
export function initials(name: string): string {
  const words = name
    // d'Ornano, l'Isle: the particle is glued to the word by an apostrophe.
    .split(/[\s'’]+/)
    .map((word) => word.replace(/^[^\p{L}]+/u, ''))
    .filter((word) => word.length > 0 && !PARTICLES.has(word.toLocaleLowerCase('fr')));
  const first = words[0];
  if (!first) return '';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (word: string) => (word[0] ?? '').toLocaleUpperCase('fr');
  return last ? letter(first) + letter(last) : letter(first);
}
