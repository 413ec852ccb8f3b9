/**
 * Regenerates demo-catalogue.data.ts from the real BDPM files: the specialities named below,
 * their marketed presentations (at most 2 each), compositions and generic-group rows, as the
 * raw tab-separated fields so the demo seed goes through the same parsers as the importer.
 * Usage: npx tsx db/seed/demo-catalogue.extract.ts [../shared/data/bdpm]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BDPM_FILES, type BdpmKind, decodeBdpm, splitBdpmLines } from '../../server/catalogue/bdpm.models';

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(process.argv[2] ?? join(here, '../../../shared/data/bdpm'));

/** Exact speciality names (BDPM column 2) of drugs care-home residents commonly take. */
const NAMES = [
  'AMLOR 5 mg, gélule',
  'AMLODIPINE BIOGARAN 5 mg, gélule',
  'AMLODIPINE BIOGARAN 10 mg, gélule',
  'RAMIPRIL BIOGARAN 1,25 mg, comprimé',
  'RAMIPRIL BIOGARAN 2,5 mg, comprimé sécable',
  'RAMIPRIL BIOGARAN 5 mg, comprimé sécable',
  'RAMIPRIL BIOGARAN 10 mg, comprimé sécable',
  'COVERSYL 5 mg, comprimé pelliculé sécable',
  'CANDESARTAN BIOGARAN 8 mg, comprimé sécable',
  'CARDENSIEL 1,25 mg, comprimé pelliculé',
  'CARDENSIEL 2,5 mg, comprimé pelliculé sécable',
  'BISOPROLOL BIOGARAN 10 mg, comprimé pelliculé sécable',
  'LERCANIDIPINE BIOGARAN 10 mg, comprimé pelliculé sécable',
  'FUROSEMIDE BIOGARAN 20 mg, comprimé',
  'FUROSEMIDE BIOGARAN 40 mg, comprimé sécable',
  'LASILIX 40 mg, comprimé sécable',
  'LASILIX 10 mg/ml, solution buvable',
  'ALDACTONE 25 mg, comprimé sécable',
  'CORDARONE 200 mg, comprimé sécable',
  'LEVOTHYROX 25 microgrammes, comprimé sécable',
  'LEVOTHYROX 50 microgrammes, comprimé sécable',
  'LEVOTHYROX 75 microgrammes, comprimé sécable',
  'LEVOTHYROX 100 microgrammes, comprimé sécable',
  'METFORMINE BIOGARAN 1000 mg, comprimé pelliculé',
  'DOLIPRANE 500 mg, gélule',
  'DOLIPRANE 1000 mg, comprimé',
  'DOLIPRANE 1000 mg, comprimé effervescent sécable',
  'DAFALGAN 1000 mg, comprimé pelliculé',
  'ATORVASTATINE BIOGARAN 10 mg, comprimé pelliculé',
  'ATORVASTATINE BIOGARAN 20 mg, comprimé pelliculé',
  'ATORVASTATINE BIOGARAN 40 mg, comprimé pelliculé',
  'SIMVASTATINE BIOGARAN 20 mg, comprimé pelliculé sécable',
  'SIMVASTATINE BIOGARAN 40 mg, comprimé pelliculé',
  'OMEPRAZOLE BIOGARAN 10 mg, gélule gastro-résistante',
  'OMEPRAZOLE BIOGARAN 20 mg, gélule gastro-résistante',
  'PANTOPRAZOLE BIOGARAN 20 mg, comprimé gastro-résistant',
  'PANTOPRAZOLE BIOGARAN 40 mg, comprimé gastro-résistant',
  'INEXIUM 20 mg, comprimé gastro-résistant',
  'DONEPEZIL BIOGARAN 5 mg, comprimé pelliculé',
  'DONEPEZIL BIOGARAN 10 mg, comprimé pelliculé',
  'MEMANTINE BIOGARAN 10 mg, comprimé pelliculé sécable',
  'MEMANTINE BIOGARAN 20 mg, comprimé pelliculé',
  'SERTRALINE BIOGARAN 25 mg, gélule',
  'SERTRALINE BIOGARAN 50 mg, gélule',
  'ESCITALOPRAM BIOGARAN 5 mg, comprimé pelliculé',
  'ESCITALOPRAM BIOGARAN 10 mg, comprimé pelliculé sécable',
  'MIRTAZAPINE BIOGARAN 15 mg, comprimé pelliculé sécable',
  'MIANSERINE BIOGARAN 10 mg, comprimé pelliculé',
  'ZOPICLONE BIOGARAN 7,5 mg, comprimé pelliculé sécable',
  'ZOPICLONE ARROW LAB 3,75 mg, comprimé pelliculé',
  'STILNOX 10 mg, comprimé pelliculé sécable',
  'SERESTA 10 mg, comprimé',
  'SERESTA 50 mg, comprimé sécable',
  'OXAZEPAM BIOGARAN 10 mg, comprimé',
  'XANAX 0,25 mg, comprimé sécable',
  'ATARAX 25 mg, comprimé pelliculé sécable',
  'XEROQUEL LP 50 mg, comprimé à libération prolongée',
  'QUETIAPINE ARROW LAB LP 50 mg, comprimé à libération prolongée',
  'RISPERIDONE BIOGARAN 1 mg, comprimé pelliculé sécable',
  'RISPERIDONE BIOGARAN 2 mg, comprimé pelliculé sécable',
  'HALDOL 1 mg, comprimé',
  'HALDOL 2 mg/ml, solution buvable',
  'TERCIAN 25 mg, comprimé pelliculé sécable',
  'MODOPAR 62,5 (50 mg/12,5 mg), gélule',
  'MODOPAR 125 (100 mg/25 mg), gélule',
  'MODOPAR 125 DISPERSIBLE (100 mg/25 mg), comprimé sécable pour suspension buvable',
  'MODOPAR L.P. 125 (100 mg/25 mg), gélule à libération prolongée',
  'SINEMET 100 mg/10 mg, comprimé',
  'SINEMET 250 mg/25 mg, comprimé sécable',
  'LEVETIRACETAM BIOGARAN 500 mg, comprimé pelliculé sécable',
  'KARDEGIC 75 mg, poudre pour solution buvable en sachet-dose',
  'KARDEGIC 160 mg, poudre pour solution buvable en sachet',
  'CLOPIDOGREL BIOGARAN 75 mg, comprimé pelliculé',
  'ELIQUIS 2,5 mg, comprimé pelliculé',
  'ELIQUIS 5 mg, comprimé pelliculé',
  'XARELTO 10 mg, comprimé pelliculé',
  'XARELTO 15 mg, comprimé pelliculé',
  'XARELTO 20 mg, comprimé pelliculé',
  'COUMADINE 2 mg, comprimé sécable',
  'PREVISCAN 20 mg, comprimé quadrisécable',
  'SINTROM 4 mg, comprimé quadrisécable',
  'LOVENOX 4 000 UI (40 mg)/0,4 ml, solution injectable en seringue préremplie',
  'LANTUS SOLOSTAR 100 unités/ ml, solution injectable en stylo prérempli',
  'FORLAX 10 g, poudre pour solution buvable en sachet',
  'MOVICOL, poudre pour solution buvable en sachet',
  'DUPHALAC 10 g/15 ml, solution buvable en sachet',
  'LACTULOSE BIOGARAN 10 g/15 ml, solution buvable en sachet',
  'DIFFU-K 600 mg, gélule',
  'KALEORID LP 600 mg, comprimé à libération prolongée',
  'CACIT VITAMINE D3 500 mg/440 UI, comprimé à sucer ou à croquer',
  'CACIT VITAMINE D3 1000 mg/880 UI, granulés effervescents pour solution buvable en sachet',
  'OROCAL VITAMINE D3 500 mg/400 U.I., comprimé à sucer',
  'UVEDOSE 100 000 UI, solution buvable en ampoule',
  'TARDYFERON 80 mg, comprimé pelliculé',
  'ALLOPURINOL BIOGARAN 100 mg, comprimé',
  'ALLOPURINOL BIOGARAN 300 mg, comprimé',
  'TAMSULOSINE BIOGARAN L.P. 0,4 mg, gélule à libération prolongée',
  'TRAMADOL BIOGARAN 50 mg, gélule',
  'SKENAN L.P. 10 mg, microgranules à libération prolongée en gélule',
  'SKENAN L.P. 30 mg, microgranules à libération prolongée en gélule',
  'ACTISKENAN 5 mg, gélule',
  'MOSCONTIN 10 mg, comprimé enrobé à libération prolongée',
  'OXYCONTIN LP 10 mg, comprimé pelliculé à libération prolongée',
  'DUROGESIC 12 microgrammes/heure, dispositif transdermique',
  'SOLUPRED 20 mg, comprimé orodispersible',
];
const MAX_PER_CIS = 2;

const rowsOf = (kind: BdpmKind): string[][] => {
  const decoded = decodeBdpm(readFileSync(join(dir, BDPM_FILES[kind])));
  if ('error' in decoded) throw new Error(`${kind}: ${decoded.error}`);
  return splitBdpmLines(decoded.text).lines.map((l) => l.text.split('\t'));
};

const specialities = rowsOf('specialities');
const wanted = new Map<string, string[]>();
for (const name of NAMES) {
  const matches = specialities.filter((f) => f[1] === name && f[6] === 'Commercialisée');
  if (matches.length === 0) throw new Error(`no marketed speciality named "${name}"`);
  const row = matches[0] as string[];
  wanted.set(row[0] as string, row);
}
const presentations = [...wanted.keys()].flatMap((cis) =>
  rowsOf('presentations')
    .filter((f) => f[0] === cis && f[3] === 'Présentation active' && f[4] === 'Déclaration de commercialisation')
    .slice(0, MAX_PER_CIS),
);
const cisWithBoxes = new Set(presentations.map((f) => f[0]));
const data = {
  specialities: [...wanted.values()].filter((f) => cisWithBoxes.has(f[0])),
  presentations,
  compositions: rowsOf('compositions').filter((f) => cisWithBoxes.has(f[0])),
  genericGroups: rowsOf('genericGroups').filter((f) => cisWithBoxes.has(f[2])),
};

const render = (rows: string[][]) => rows.map((f) => `    ${JSON.stringify(f)},`).join('\n');
writeFileSync(
  join(here, 'demo-catalogue.data.ts'),
  `/**
 * Demo catalogue: real rows of the ANSM BDPM files (July 2026 extraction, see
 * ../shared/data/bdpm/README.md), as raw fields. Generated by demo-catalogue.extract.ts.
 * Source: ANSM, Base de données publique des médicaments.
 */
// biome-ignore format: one BDPM row per line reads like the source file
export const DEMO_BDPM_ROWS = {
  specialities: [
${render(data.specialities)}
  ],
  presentations: [
${render(data.presentations)}
  ],
  compositions: [
${render(data.compositions)}
  ],
  genericGroups: [
${render(data.genericGroups)}
  ],
} satisfies Record<string, string[][]>;
`,
);
console.log(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.length])));
