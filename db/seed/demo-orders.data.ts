import type { Schedule } from '../../server/orders/orders.models';

/** Family names of the plateau (Corrèze, Creuse) for the demo residents. */
export const DEMO_LAST_NAMES = [
  'Chassagne',
  'Bouchet',
  'Lachaud',
  'Faucher',
  'Mazeau',
  'Vergne',
  'Peyrat',
  'Delmas',
  'Roux',
  'Lacroix',
  'Boudy',
  'Chabrier',
  'Couturier',
  'Dufour',
  'Farge',
  'Gaillard',
  'Lagarde',
  'Lamy',
  'Laporte',
  'Mathieu',
  'Mercier',
  'Monteil',
  'Pradel',
  'Rebière',
  'Sauviat',
  'Terrade',
  'Vialle',
  'Bordas',
  'Bessaguet',
  'Chatain',
  'Dumas',
  'Eyraud',
  'Fougeras',
  'Garnier',
  'Jarrige',
  'Labrousse',
  'Lavaud',
  'Magne',
  'Mouret',
  'Nouhaud',
  'Parot',
  'Queyroi',
  'Rivière',
  'Soulier',
  'Veyssière',
  'Audoin',
  'Bonnaud',
  'Courteix',
  'Desmoulin',
  'Fayolle',
  'Jouhaud',
  'Lathière',
  'Marsaleix',
  'Pénicaud',
  'Ribière',
  'Tixier',
  'Vacher',
  'Brunet',
  'Chastang',
  'Leyrat',
] as const;

export const DEMO_FIRST_NAMES = {
  f: [
    'Marie',
    'Jeanne',
    'Germaine',
    'Simone',
    'Yvette',
    'Odette',
    'Paulette',
    'Marcelle',
    'Suzanne',
    'Denise',
    'Madeleine',
    'Lucienne',
    'Raymonde',
    'Colette',
    'Georgette',
    'Henriette',
    'Renée',
    'Andrée',
    'Gisèle',
    'Monique',
  ],
  m: [
    'Jean',
    'Pierre',
    'André',
    'Marcel',
    'René',
    'Roger',
    'Louis',
    'Henri',
    'Robert',
    'Georges',
    'Raymond',
    'Lucien',
    'Fernand',
    'Albert',
    'Maurice',
    'Gaston',
    'Émile',
    'Joseph',
    'Paul',
    'Marius',
  ],
} as const;

export const DEMO_PRESCRIBERS = ['Dr Anne Lebrun', 'Dr Paul Faure', 'Dr Claire Mazière', 'Dr Louis Chabrat'] as const;

/** A treatment as GPs write them for care-home residents: a presentation of the demo catalogue, doses in units. */
export type DemoTreatment = {
  cip13: string;
  doses: Record<string, number>;
  schedule?: Schedule | 'every_other_day';
  asNeeded?: boolean;
  /** Only one treatment of a group per resident (one statin, one PPI, one anticoagulant…). */
  group: string;
  weight: number;
};

// biome-ignore format: one treatment per line reads like a prescription
export const DEMO_TREATMENTS: DemoTreatment[] = [
  { group: 'ccb', cip13: '3400937977661', doses: { matin: 1 }, weight: 8 },                       // amlodipine 5
  { group: 'ccb', cip13: '3400930192139', doses: { matin: 1 }, weight: 3 },                       // lercanidipine 10
  { group: 'ace', cip13: '3400937164665', doses: { matin: 0.5 }, weight: 5 },                     // ramipril 2,5 (½)
  { group: 'ace', cip13: '3400936659582', doses: { matin: 1 }, weight: 3 },                       // Coversyl 5
  { group: 'bb', cip13: '3400930229200', doses: { matin: 0.5 }, weight: 6 },                      // bisoprolol 10 (½)
  { group: 'bb', cip13: '3400935297068', doses: { matin: 1 }, weight: 3 },                        // Cardensiel 2,5
  { group: 'diur', cip13: '3400930038017', doses: { matin: 1 }, schedule: 'every_other_day', weight: 4 }, // furosémide 40
  { group: 'diur', cip13: '3400930037997', doses: { matin: 1 }, weight: 4 },                      // furosémide 20
  { group: 'diur2', cip13: '3400934466304', doses: { matin: 0.5 }, weight: 2 },                   // Aldactone 25 (½)
  { group: 'thyr', cip13: '3400930065662', doses: { matin: 1 }, weight: 5 },                      // Levothyrox 50
  { group: 'thyr', cip13: '3400930065556', doses: { matin: 1.5 }, weight: 2 },                    // Levothyrox 25 (1½)
  { group: 'diab', cip13: '3400930118801', doses: { matin: 1, soir: 1 }, weight: 5 },             // metformine 1000
  { group: 'statin', cip13: '3400930183052', doses: { soir: 1 }, weight: 7 },                     // atorvastatine 20
  { group: 'statin', cip13: '3400939404073', doses: { soir: 1 }, weight: 3 },                     // simvastatine 20
  { group: 'ppi', cip13: '3400939321936', doses: { matin: 1 }, weight: 6 },                       // pantoprazole 20
  { group: 'ppi', cip13: '3400930168394', doses: { matin: 1 }, weight: 4 },                       // oméprazole 20
  { group: 'dementia', cip13: '3400921659696', doses: { coucher: 1 }, weight: 4 },                // donépézil 5
  { group: 'dementia', cip13: '3400926881184', doses: { matin: 1, soir: 1 }, weight: 3 },         // mémantine 10
  { group: 'ad', cip13: '3400936945524', doses: { matin: 1 }, weight: 4 },                        // sertraline 50
  { group: 'ad', cip13: '3400926987206', doses: { matin: 0.5 }, weight: 4 },                      // escitalopram 10 (½)
  { group: 'ad', cip13: '3400930275986', doses: { coucher: 0.5 }, weight: 3 },                    // mirtazapine 15 (½)
  { group: 'sleep', cip13: '3400930152812', doses: { coucher: 1 }, weight: 4 },                   // zopiclone 3,75
  { group: 'sleep', cip13: '3400930152812', doses: { coucher: 1 }, asNeeded: true, weight: 3 },   // zopiclone si besoin
  { group: 'anx', cip13: '3400930302750', doses: { soir: 1 }, asNeeded: true, weight: 3 },        // oxazépam si besoin
  { group: 'anx', cip13: '3400935887559', doses: { midi: 0.5, coucher: 0.5 }, weight: 2 },        // Seresta 10 (½ ½)
  { group: 'pain', cip13: '3400934507786', doses: { matin: 2, midi: 2, soir: 2 }, weight: 4 },    // Doliprane 500 ×2 ×3
  { group: 'pain', cip13: '3400935955838', doses: { matin: 1, soir: 1 }, asNeeded: true, weight: 6 }, // Doliprane 1000 si besoin
  { group: 'pain', cip13: '3400930127209', doses: { matin: 1, soir: 1 }, asNeeded: true, weight: 2 }, // tramadol si besoin
  { group: 'ac', cip13: '3400941945502', doses: { matin: 1, soir: 1 }, weight: 4 },               // Eliquis 2,5
  { group: 'ac', cip13: '3400921922684', doses: { soir: 1 }, weight: 2 },                         // Xarelto 15
  { group: 'ac', cip13: '3400933484132', doses: { soir: 0.75 }, weight: 3 },                      // Préviscan ¾ (AVK, hors PDA)
  { group: 'ac', cip13: '3400930264546', doses: { soir: 1 }, weight: 1 },                         // Coumadine 2 (AVK, hors PDA)
  { group: 'apl', cip13: '3400930224816', doses: { midi: 1 }, weight: 3 },                        // clopidogrel 75
  { group: 'apl', cip13: '3400934744198', doses: { midi: 1 }, weight: 3 },                        // Kardégic 75 sachet (hors PDA)
  { group: 'gout', cip13: '3400936239777', doses: { matin: 1 }, weight: 2 },                      // allopurinol 100
  { group: 'bph', cip13: '3400930072943', doses: { coucher: 1 }, weight: 2 },                     // tamsulosine
  { group: 'iron', cip13: '3400933518004', doses: { midi: 1 }, schedule: { kind: 'weekdays', weekdays: [1, 3, 5] }, weight: 2 }, // Tardyféron lun/mer/ven
  { group: 'vitd', cip13: '3400934428043', doses: { midi: 1 }, weight: 5 },                       // Orocal D3
  { group: 'vitd', cip13: '3400949002856', doses: { midi: 1 }, weight: 2 },                       // Cacit D3 effervescent (hors PDA)
  { group: 'k', cip13: '3400933217334', doses: { matin: 1 }, schedule: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5] }, weight: 2 }, // Kaléorid en semaine
  { group: 'park', cip13: '3400930066560', doses: { matin: 1, midi: 1, soir: 1 }, weight: 2 },    // Modopar 125
  { group: 'epi', cip13: '3400930080078', doses: { matin: 1, soir: 1 }, weight: 1 },              // lévétiracétam 500
  { group: 'amio', cip13: '3400949000821', doses: { midi: 1 }, schedule: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5] }, weight: 1 }, // Cordarone en semaine
  { group: 'psy', cip13: '3400930044421', doses: { soir: 0.5 }, weight: 2 },                      // rispéridone 1 (½)
  { group: 'lax', cip13: '3400930313817', doses: { matin: 1 }, weight: 4 },                       // Movicol (hors PDA)
  { group: 'lax', cip13: '3400933899783', doses: { matin: 1 }, schedule: 'every_other_day', weight: 2 }, // Forlax 1 jour sur 2 (hors PDA)
  { group: 'opioid', cip13: '3400933323523', doses: { matin: 1, soir: 1 }, weight: 1 },           // Skenan LP 10 (stupéfiant, hors PDA)
];
