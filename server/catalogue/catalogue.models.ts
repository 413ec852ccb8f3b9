/**
 * Pure rules of the drug catalogue: code validation, value parsing of the ANSM BDPM files,
 * units per box and the PDA (pouch) exclusion rules. No database, no clock, no I/O.
 */
import { NARCOTICS, VITAMIN_K_ANTAGONISTS } from './pda-exclusion-substances';

/** A field of a BDPM row that cannot be read; the importer turns it into a rejected line. */
export class BdpmValueError extends Error {
  override name = 'BdpmValueError';
}

/** EAN-13 check digit of the first 12 digits: weights 1,3,1,3… from the left. */
export function ean13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new BdpmValueError(`expected 12 digits, got "${first12}"`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export type CodeCheck = { ok: true } | { ok: false; reason: string };

/** A CIP13 has 13 digits, starts with 3400 (French medicines) and ends with an EAN-13 check digit. */
export function checkCip13(code: string): CodeCheck {
  if (!/^\d{13}$/.test(code)) return { ok: false, reason: `CIP13 "${code}" is not 13 digits` };
  if (!code.startsWith('3400')) return { ok: false, reason: `CIP13 "${code}" does not start with 3400` };
  const expected = ean13CheckDigit(code.slice(0, 12));
  if (Number(code[12]) !== expected) {
    return { ok: false, reason: `CIP13 "${code}" has a wrong check digit (expected ${expected})` };
  }
  return { ok: true };
}

export const isValidCip13 = (code: string) => checkCip13(code).ok;
export const isValidCip7 = (code: string) => /^\d{7}$/.test(code);
export const isValidCis = (code: string) => /^\d{8}$/.test(code);

/**
 * Euro amount to integer cents. In BDPM prices the comma is the decimal separator and also
 * the thousands separator (`2,244,33` = 2 244,33 €), so the last comma marks the cents and
 * every earlier group must have exactly 3 digits. Empty means "no price" (null).
 */
export function parseEuroCents(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return null;
  const match = /^(\d+)$/.exec(text) ?? /^(\d{1,3}(?:,\d{3})*|\d+),(\d{2})$/.exec(text);
  if (!match?.[1]) throw new BdpmValueError(`price "${raw}" is not a euro amount`);
  const cents = Number(match[1].replaceAll(',', '')) * 100 + Number(match[2] ?? '0');
  if (!Number.isSafeInteger(cents)) throw new BdpmValueError(`price "${raw}" is out of range`);
  return cents;
}

/**
 * Reimbursement rate in percent: `65%`, `65 %`, empty → null. When several rates are listed
 * (`65%;30%`, one per indication), the highest is kept: it is what most patients get.
 */
export function parseReimbursementRate(raw: string): number | null {
  const parts = raw
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  const rates = parts.map((part) => {
    const match = /^(\d{1,3})(?:,\d+)?\s*%$/.exec(part);
    const rate = match ? Number(match[1]) : Number.NaN;
    if (!(rate >= 0 && rate <= 100)) throw new BdpmValueError(`reimbursement rate "${raw}" is not a percentage`);
    return rate;
  });
  return Math.max(...rates);
}

/** `JJ/MM/AAAA` → `YYYY-MM-DD`; empty → null; an impossible calendar date is an error. */
export function parseFrenchDate(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!match) throw new BdpmValueError(`date "${raw}" is not JJ/MM/AAAA`);
  const [, dd, mm, yyyy] = match;
  const iso = `${yyyy}-${mm}-${dd}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new BdpmValueError(`date "${raw}" does not exist`);
  }
  return iso;
}

/** Lower case, accents removed: the form in which labels and forms are matched. */
export function normalizeText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Units counted one by one in stock (solid doses and other single units). */
const UNIT_WORDS =
  'comprime|gelule|capsule|lyophilisat|pastille|gomme|suppositoire|ovule|film|dispositif|implant|insert|pessaire';
/** Containers that each hold exactly one dose, so their count is the unit count. */
const SINGLE_DOSE_CONTAINERS = 'sachet|ampoule|seringue|recipient(?:\\(s\\))? unidose|stylo|cartouche|poche';

/**
 * Number of units in a box, read from the presentation label, or null when the label gives
 * no unit count. Rules, in order:
 * 1. "de N comprimé(s)" (or gélule, capsule, suppositoire…) gives N units per container; a
 *    leading count of containers multiplies it: "3 plaquette(s) … de 10 comprimé(s)" = 30.
 *    A breakdown in brackets or "x 1" is skipped: "de 112 (4 x 28) gélules", "de 84 x 1 gélule".
 * 2. "N comprimé(s) …" at the start gives N.
 * 3. A leading count of single-dose containers: "20 sachet(s) … de 4 g" = 20 sachets,
 *    "10 ampoule(s) … de 2 ml" = 10 ampoules.
 * 4. Anything else ("1 flacon(s) de 100 ml", "1 tube(s) de 30 g") → null: volumes and masses
 *    are not units.
 */
export function parseUnitsPerBox(label: string): number | null {
  const text = normalizeText(label).replace(/\s+/g, ' ').trim();
  const leading = /^(\d+) /.exec(text);
  const leadingCount = leading ? Number(leading[1]) : null;

  const perContainer = new RegExp(`\\bde (\\d+) ?(?:\\([^)]*\\) ?)?(?:x ?1 )?(?:${UNIT_WORDS})`).exec(text);
  if (perContainer) {
    const units = Number(perContainer[1]);
    const count = (leadingCount ?? 1) * units;
    return count > 0 ? count : null;
  }
  if (new RegExp(`^\\d+ (?:${UNIT_WORDS})`).test(text) && leadingCount) return leadingCount;
  if (new RegExp(`^\\d+ (?:${SINGLE_DOSE_CONTAINERS})`).test(text) && leadingCount) return leadingCount;
  return null;
}

/** A presentation is marketed when it is active and its holder declared it on the market. */
export function isMarketed(adminStatus: string, marketingStatus: string): boolean {
  return adminStatus === 'Présentation active' && marketingStatus === 'Déclaration de commercialisation';
}

export const PDA_RULES = [
  'vitamin_k_antagonist',
  'narcotic',
  'unknown_form',
  'injectable',
  'effervescent',
  'orodispersible',
  'soft_capsule',
  'liquid',
  'topical',
  'not_oral_solid',
] as const;
export type PdaRule = (typeof PDA_RULES)[number];
export type PdaDecision = { excluded: boolean; rule: PdaRule | null; reason: string | null };

export type PdaInput = {
  /** Pharmaceutical form of the speciality (CIS file, column 3); null when the CIS is unknown. */
  form: string | null;
  /** Routes of administration (CIS file, column 4). */
  routes: string[];
  /** Substance names of the speciality's composition (active substances and fractions). */
  substances: string[];
};

const ORAL_ROUTES = new Set(['orale', 'sublinguale', 'buccale', 'gingivale']);
const PARENTERAL_ROUTES =
  /intraveineuse|intramusculaire|sous-cutanee|intradermique|intrarachidienne|peridurale|intra-articulaire|intravitreenne/;

const FORM_RULES: { rule: PdaRule; pattern: RegExp; label: string }[] = [
  { rule: 'injectable', pattern: /injectable|perfusion|pour injection|\bimplant/, label: 'Forme injectable' },
  { rule: 'effervescent', pattern: /effervescent/, label: 'Forme effervescente' },
  { rule: 'orodispersible', pattern: /orodispersible|lyophilisat/, label: 'Forme orodispersible' },
  { rule: 'soft_capsule', pattern: /capsule molle/, label: 'Capsule molle' },
  {
    rule: 'liquid',
    pattern:
      /solution|suspension|sirop|emulsion|gouttes|collyre|liquide|lotion|elixir|bain de bouche|\bgaz\b|\bhuile\b|\bsolvant\b/,
    label: 'Forme liquide',
  },
  {
    rule: 'topical',
    pattern: /creme|pommade|\bgel\b|\bpate\b|emplatre|transdermique|\bpatch|shampooing|mousse|vernis|compresse/,
    label: 'Forme à usage local',
  },
];

const SOLID_ORAL = /comprime|gelule|capsule|pastille|dragee/;

/** Words of a substance name, upper case without accents: "CHLORHYDRATE D'OXYCODONE" → […, "OXYCODONE"]. */
function substanceWords(name: string): string[] {
  return normalizeText(name)
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
}

function matchSubstance(substances: string[], list: readonly string[]): string | null {
  for (const name of substances) {
    const words = substanceWords(name);
    const hit = list.find((entry) => words.includes(entry));
    if (hit) return name;
  }
  return null;
}

/**
 * Whether a speciality may go into robot pouches. Substance rules come first (vitamin K
 * antagonists need INR-driven dose changes, narcotics their own secured circuit), then form
 * rules (only dry, non-effervescent, non-orodispersible oral solids survive a pouch).
 */
export function decidePdaExclusion(input: PdaInput): PdaDecision {
  const avk = matchSubstance(input.substances, VITAMIN_K_ANTAGONISTS);
  if (avk) return exclude('vitamin_k_antagonist', `Antivitamine K (${avk.toLowerCase()})`);
  const narcotic = matchSubstance(input.substances, NARCOTICS);
  if (narcotic) return exclude('narcotic', `Stupéfiant (${narcotic.toLowerCase()})`);

  if (input.form === null || input.form.trim() === '') {
    return exclude('unknown_form', 'Forme inconnue (spécialité absente de la BDPM)');
  }
  const form = normalizeText(input.form);
  const routes = input.routes.map(normalizeText);
  const shownForm = input.form.trim();
  if (routes.some((r) => PARENTERAL_ROUTES.test(r))) return exclude('injectable', `Forme injectable (${shownForm})`);
  for (const { rule, pattern, label } of FORM_RULES) {
    if (pattern.test(form)) return exclude(rule, `${label} (${shownForm})`);
  }
  const oral = routes.length === 0 || routes.some((r) => ORAL_ROUTES.has(r.trim()));
  if (!SOLID_ORAL.test(form) || !oral) {
    return exclude('not_oral_solid', `Pas une forme orale sèche (${shownForm})`);
  }
  return { excluded: false, rule: null, reason: null };
}

const exclude = (rule: PdaRule, reason: string): PdaDecision => ({ excluded: true, rule, reason });

/** Why a form must be given in whole units: it cannot be cut, or cutting it spoils its release. */
export type UndividedForm = 'capsule' | 'modified_release' | 'gastro_resistant';

/**
 * Whether a dose of this pharmaceutical form (BDPM CIS file, column 3, e.g. "gélule",
 * "comprimé pelliculé sécable à libération prolongée") may be a fraction of a unit, or null when
 * it may. A capsule (gélule, capsule, microgranules in a capsule) cannot be cut; a modified-release,
 * gastro-resistant or osmotic tablet must not be, unless it is scored (« sécable »: its labelling
 * then allows halves, e.g. valproate LP). Sources: ANSM, « Bon usage des médicaments : les formes
 * orales ne doivent pas être coupées ni écrasées sans vérification » and the OMéDIT lists of drugs
 * that may be cut or crushed (a scored tablet alone may be divided); SPEC §3 (doses in quarters)
 * applies to the rest. A null or empty form (a presentation whose speciality is missing from the
 * BDPM) gives null: nothing is known to forbid it.
 */
export function undividedForm(form: string | null): UndividedForm | null {
  if (form === null) return null;
  const text = normalizeText(form);
  if (/gelule|capsule/.test(text)) return 'capsule';
  if (/secable/.test(text)) return null;
  if (/liberation (?:prolongee|modifiee|retardee)|osmotique/.test(text)) return 'modified_release';
  if (/gastro-?resistant/.test(text)) return 'gastro_resistant';
  return null;
}

/**
 * Whether a fraction of a unit of this form is allowed but unconfirmed: a plain tablet (« comprimé »,
 * « comprimé pelliculé ») whose BDPM form does not say « sécable ». Nothing forbids cutting it (many
 * tablets are scored without the form saying so, and `undividedForm` refuses what must stay whole),
 * but the prescription dialog asks to check the labelling first (ANSM / OMéDIT: a tablet is cut only
 * after checking it may be). False for any other form, a scored one, or whole doses.
 */
export function fractionToCheck(form: string | null, doses: Record<string, number>): boolean {
  if (form === null || Object.values(doses).every((units) => Number.isInteger(units))) return false;
  const text = normalizeText(form);
  return /comprime/.test(text) && !/secable/.test(text) && undividedForm(form) === null;
}

/**
 * The dose times of `doses` (time name → units, e.g. `{ soir: 0.5 }`) a product of this BDPM form
 * cannot give (a fraction of a unit that must be given whole: `undividedForm`), with the rule, or
 * null when every dose may be given. Shared by the server's refusal (422
 * `prescriptions.dose_not_divisible`, `reviews.dose_not_divisible`) and the dialogs' own check.
 */
export function undividedDoseTimes(
  form: string | null,
  doses: Record<string, number>,
): { rule: UndividedForm; times: string[] } | null {
  const times = Object.entries(doses)
    .filter(([, units]) => !Number.isInteger(units))
    .map(([name]) => name);
  if (times.length === 0) return null;
  const rule = undividedForm(form);
  return rule === null ? null : { rule, times };
}
