// French typography helpers for names the app did not write (drugs, people, places).
// Pure, so unit tests hold them.

// A vowel, a mute h (drug names: HYDROXYZINE, HÉPARINE) or œ/æ opens with a vowel sound.
const VOWEL_START = /^[aeiouàâäéèêëîïôöùûüœæh]/i;
// Y is a vowel before a consonant (YSOMÉGA) and a consonant before a vowel (YAOURT).
const Y_VOWEL = /^y[^aeiouàâäéèêëîïôöùûü]/i;

/**
 * "de" or "d’" before a name, as French writes it: "d’AMLODIPINE", "de PARACÉTAMOL",
 * "d’Élodie Martin" (typographic apostrophe ’). Leading spaces and quotes are ignored to decide;
 * an empty name gives "de".
 */
export function withDe(name: string): string {
  const first = name.replace(/^[\s"«“'’]+/, '');
  return VOWEL_START.test(first) || Y_VOWEL.test(first) ? `d’${name.trimStart()}` : `de ${name.trimStart()}`;
}

// A pharmacy's name as it starts ("Pharmacie de Felletin"): feminine common nouns that take "la"
// (or "l'" before a vowel) inside a sentence; the name of a person or a town takes no article.
const FEMININE_START = /^(pharmacie|grande pharmacie|petite pharmacie|nouvelle pharmacie|parapharmacie|officine)\b/i;
// A name that already starts with its article: "La Pharmacie du Lac", "Le Comptoir", "L'Officine".
const OWN_ARTICLE = /^(le|la|les)\s+|^l['’]\s*/i;

/** How a pharmacy's name sits in a French sentence (see `pharmacyIn`). */
export type PharmacyForm = 'la' | 'La' | 'à' | 'de_la';

/**
 * A pharmacy's name inside a French sentence, with the article and contraction French writes:
 * `la` "la Pharmacie de Felletin" (subject or object), `La` the same at the start of a sentence,
 * `à` "à la Pharmacie de Felletin" ("au Comptoir…", "à l’Officine…"), `de_la` "de la Pharmacie
 * de Felletin" ("du Comptoir…", "de l’Officine…"). A name that is not a common noun (a town,
 * "Meymac"; a person) takes none: "à Meymac", "de Meymac", "d’Ussel". Apostrophes are typographic (’).
 */
export function pharmacyIn(form: PharmacyForm, name: string): string {
  const text = name.trim();
  const own = OWN_ARTICLE.exec(text);
  let article = '';
  let rest = text;
  if (own) {
    // A name typed with a straight apostrophe ("L'Officine") is written with the typographic one.
    article = own[0].trim().toLowerCase().replace("'", '’');
    rest = text.slice(own[0].length);
    if (article !== 'l’') article = article.replace(/\s+/g, '');
  } else if (FEMININE_START.test(text)) {
    article = VOWEL_START.test(text) ? 'l’' : 'la';
  }
  const glue = (a: string) => (a.endsWith('’') ? a : `${a} `);
  if (form === 'à') {
    const contracted: Record<string, string> = { le: 'au', les: 'aux', la: 'à la', 'l’': 'à l’' };
    return article ? `${glue(contracted[article] ?? article)}${rest}` : `à ${text}`;
  }
  if (form === 'de_la') {
    const contracted: Record<string, string> = { le: 'du', les: 'des', la: 'de la', 'l’': 'de l’' };
    return article ? `${glue(contracted[article] ?? article)}${rest}` : withDe(text);
  }
  const withArticle = article ? `${glue(article)}${rest}` : text;
  return form === 'La' ? upperFirst(withArticle) : withArticle;
}

/** The text with its first letter upper case ("jour férié" → "Jour férié"): a label standing alone. */
export function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr') + text.slice(1);
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
