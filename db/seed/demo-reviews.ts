import { eq } from 'drizzle-orm';
import pino from 'pino';
import { type Ctx, systemActor } from '../../server/http/context';
import type { InterventionCode, ProblemCode } from '../../server/reviews/act-ip.models';
import { findPatient, insertPatient, type PatientRow } from '../../server/reviews/patients.repository';
import { addMedication, createPatient } from '../../server/reviews/patients.usecases';
import { addProblem, answerGp } from '../../server/reviews/problems.usecases';
import type { StepKind } from '../../server/reviews/reviews.models';
import { eligibilityFor, loadMedications } from '../../server/reviews/reviews.shared';
import { recordStep, startReview } from '../../server/reviews/reviews.usecases';
import { scanReviewReminders } from '../../server/reviews/worklist.usecases';
import { addCalendarDays, parisDate } from '../../server/shared/dates';
import type { Db } from '../client';
import { users } from '../schema';

// Real presentations of the demo catalogue (db/seed/demo-catalogue.data.ts), all reimbursed at 65 %.
const AMLODIPINE = '3400930117163';
const RAMIPRIL = '3400937253765';
const ATORVASTATINE = '3400930183052';
const METFORMINE = '3400930118801';
const FUROSEMIDE = '3400930038017';
const PANTOPRAZOLE = '3400939321936';
const LEVOTHYROX = '3400930065785';
const ESCITALOPRAM = '3400926987206';
const OXAZEPAM = '3400935887559';
const TRAMADOL = '3400930127209';
const CLOPIDOGREL = '3400930224816';
const DONEPEZIL = '3400921659696'; // not reimbursed: never counted for eligibility

/** Each demo drug's posology as a GP writes it, for the lines the pharmacy enters (the GP report prints it). */
const DOSAGES: Record<string, string> = {
  [AMLODIPINE]: '1 comprimé le matin',
  [RAMIPRIL]: '1 comprimé le matin',
  [ATORVASTATINE]: '1 comprimé le soir',
  [METFORMINE]: '1 comprimé matin et soir, au cours des repas',
  [FUROSEMIDE]: '1 comprimé le matin',
  [PANTOPRAZOLE]: '1 comprimé le matin, avant le repas',
  [LEVOTHYROX]: '1 comprimé le matin à jeun',
  [ESCITALOPRAM]: '1 comprimé le matin',
  [OXAZEPAM]: '½ comprimé au coucher',
  [TRAMADOL]: '1 gélule matin et soir si douleur',
  [CLOPIDOGREL]: '1 comprimé le midi',
  [DONEPEZIL]: '1 comprimé au coucher',
};
const CARDIO = [AMLODIPINE, RAMIPRIL, ATORVASTATINE, METFORMINE, FUROSEMIDE, PANTOPRAZOLE];
const NEURO = [LEVOTHYROX, ESCITALOPRAM, OXAZEPAM, TRAMADOL, CLOPIDOGREL, DONEPEZIL];

type Problem = { problem: ProblemCode; intervention: InterventionCode; drugs: string[]; text: string };
const PROBLEMS: Record<string, Problem> = {
  ppi: {
    problem: '5',
    intervention: '2',
    drugs: [PANTOPRAZOLE],
    text: 'Inhibiteur de la pompe à protons au long cours sans indication retrouvée (pas d’antécédent d’ulcère ni d’AINS).',
  },
  serotonin: {
    problem: '6.3',
    intervention: '3',
    drugs: [ESCITALOPRAM, TRAMADOL],
    text: 'Escitalopram et tramadol : risque de syndrome sérotoninergique et de convulsions ; proposer un autre antalgique.',
  },
  furosemide: {
    problem: '4',
    intervention: '7',
    drugs: [FUROSEMIDE],
    text: 'Furosémide 40 mg alors que le poids est stable et la natrémie basse (131 mmol/l) : réduire à 20 mg.',
  },
  benzo: {
    problem: '1',
    intervention: '2',
    drugs: [OXAZEPAM],
    text: 'Benzodiazépine chez une personne âgée qui a chuté en septembre (critères de Laroche) : arrêt progressif.',
  },
  metformin: {
    problem: '10',
    intervention: '5',
    drugs: [METFORMINE],
    text: 'Metformine sans créatininémie depuis plus d’un an : contrôler la fonction rénale (DFG).',
  },
};

type Step = [StepKind, number];
type Answer = ['accepted' | 'refused' | 'no_answer', number] | null;
type Review = { start: number; steps: Step[]; problems?: [keyof typeof PROBLEMS, Answer][]; changed?: boolean };
type Person = {
  lastName: string;
  firstName: string;
  birthDate: string | null;
  drugs: string[];
  /** Years of follow-up already done, oldest first; days are counted back from today. */
  reviews?: Review[];
};

const FIRST_YEAR_DONE: Review = {
  start: 420,
  steps: [
    ['adhesion', 420],
    ['recueil', 420],
    ['analyse', 405],
    ['conseil', 390],
    ['observance', 200],
  ],
  problems: [['metformin', ['accepted', 400]]],
};

/**
 * Each pharmacy's own community patients (eight people, in the order of the stages below): no
 * two pharmacies share a name. A pharmacy not listed takes a set by its rank.
 */
const NAMES: Record<string, [string, string][]> = {
  bugeat: [
    ['Audouze', 'Marthe'],
    ['Bourdarias', 'Léon'],
    ['Chassaing', 'Renée'],
    ['Dufaure', 'Marcel'],
    ['Eyrolles', 'Lucienne'],
    ['Fargeas', 'Jacques'],
    ['Goursaud', 'Paulette'],
    ['Jouhaud', 'Roger'],
  ],
  meymac: [
    ['Lachaize', 'Jeanne'],
    ['Mathieu', 'André'],
    ['Nouaille', 'Suzanne'],
    ['Parrot', 'Georges'],
    ['Queyroi', 'Madeleine'],
    ['Rebière', 'Louis'],
    ['Sauviat', 'Marguerite'],
    ['Tronche', 'René'],
  ],
  peyrelevade: [
    ['Besse', 'Germaine'],
    ['Chabrat', 'Raymond'],
    ['Deschamps', 'Yvette'],
    ['Faucher', 'Albert'],
    ['Gaillard', 'Simone'],
    ['Lavergne', 'Paul'],
    ['Mazeau', 'Odette'],
    ['Peyroux', 'Henri'],
  ],
  felletin: [
    ['Bonnaud', 'Yvonne'],
    ['Couturier', 'Gaston'],
    ['Delage', 'Irène'],
    ['Espagnol', 'Émile'],
    ['Faye', 'Huguette'],
    ['Gorse', 'Maurice'],
    ['Lagrange', 'Denise'],
    ['Malagnoux', 'Fernand'],
  ],
  royere: [
    ['Nicaud', 'Josette'],
    ['Pradeau', 'Lucien'],
    ['Roudier', 'Gisèle'],
    ['Senamaud', 'Armand'],
    ['Tixier', 'Raymonde'],
    ['Vergne', 'Robert'],
    ['Villard', 'Colette'],
    ['Valadas', 'Camille'],
  ],
};

/** The community patients of each pharmacy: every stage of a review, and patients not (yet) eligible. */
function peopleOf(pharmacy: { slug: string; town: string }, rank: number): Person[] {
  const n = pharmacy.town.length;
  const sets = Object.values(NAMES);
  const names = NAMES[pharmacy.slug] ?? (sets[rank % sets.length] as [string, string][]);
  const name = (i: number) => ({ lastName: names[i]?.[0] as string, firstName: names[i]?.[1] as string });
  return [
    { ...name(0), birthDate: '1944-02-11', drugs: CARDIO },
    {
      ...name(1),
      birthDate: '1941-09-30',
      drugs: NEURO,
      reviews: [{ start: 40, steps: [['adhesion', 40]] }],
    },
    {
      ...name(2),
      birthDate: '1938-05-17',
      drugs: [...CARDIO, OXAZEPAM],
      reviews: [
        {
          start: 45,
          steps: [
            ['adhesion', 45],
            ['recueil', 45],
            ['analyse', 30 - (n % 4)],
          ],
          problems: [
            ['ppi', ['accepted', 20]],
            ['furosemide', ['refused', 18]],
            ['benzo', null],
          ],
        },
      ],
    },
    {
      ...name(3),
      birthDate: '1947-12-03',
      drugs: [...NEURO, RAMIPRIL],
      reviews: [
        FIRST_YEAR_DONE,
        {
          start: 50,
          changed: true,
          steps: [
            ['analyse', 45],
            ['conseil', 30],
          ],
          problems: [['serotonin', ['accepted', 40]]],
        },
      ],
    },
    { ...name(4), birthDate: '1950-07-21', drugs: CARDIO, reviews: [FIRST_YEAR_DONE] },
    { ...name(5), birthDate: '1963-04-02', drugs: CARDIO },
    { ...name(6), birthDate: '1946-10-10', drugs: CARDIO.slice(0, 4) },
    { ...name(7), birthDate: null, drugs: NEURO },
  ];
}

function staffCtx(db: Db, email: string, at: Date): Ctx {
  const u = db.select().from(users).where(eq(users.email, email)).get();
  if (!u) throw new Error(`demo user ${email} missing`);
  return {
    db,
    clock: { now: () => at },
    actor: {
      kind: 'user',
      userId: u.id,
      email: u.email,
      role: u.role,
      pharmacyId: u.pharmacyId,
      careHomeId: u.careHomeId,
    },
    log: pino({ level: 'silent' }),
  };
}

/** Records a year of follow-up through the app's use cases (checks, acts, audit rows). */
function seedReview(ctx: Ctx, patientId: number, today: string, review: Review) {
  const day = (ago: number) => addCalendarDays(today, -ago);
  const { id } = startReview({
    ctx,
    input: { patientId, startedOn: day(review.start), treatmentChanged: review.changed },
  });
  for (const [kind, ago] of review.steps) {
    recordStep({ ctx, id, input: { kind, date: day(ago), remote: ago % 3 === 0, notes: NOTES[kind] } });
    if (kind !== 'analyse') continue;
    for (const [key, answer] of review.problems ?? []) {
      const p = PROBLEMS[key] as Problem;
      const problem = addProblem({
        ctx,
        reviewId: id,
        input: { problemCode: p.problem, interventionCode: p.intervention, drugs: p.drugs, description: p.text },
      });
      if (answer) answerGp({ ctx, problemId: problem.id, input: { answer: answer[0], date: day(answer[1]) } });
    }
  }
}

const NOTES: Record<StepKind, string> = {
  adhesion: 'Formulaire d’adhésion signé, remis au patient.',
  recueil: 'Traitements et automédication recueillis ; le patient prépare lui-même son pilulier.',
  analyse: 'Analyse transmise au médecin traitant par messagerie sécurisée.',
  conseil: 'Conclusions expliquées au patient ; plan de prise remis.',
  observance: 'Prises régulières, quelques oublis le soir ; questionnaire de Girerd à 1.',
};

const GPS = ['Dr Vialle', 'Dr Lafon', 'Dr Peyrat', 'Dr Mazière', 'Dr Bordas'];

/**
 * Demo medication reviews (SPEC §7), after the orders seed: at every pharmacy, community patients
 * in every stage (eligible without review, consent only, analysis with problems accepted, refused
 * and unanswered, a following year after a treatment change, a year done, not eligible, no birth
 * date), made through the app's use cases by the pharmacy's pharmacist; where the pharmacy serves
 * a care home, its residents with PDA lines become patients, one of them with an accepted "stop"
 * awaiting the pharmacist as a prescription proposal.
 */
export function seedDemoReviews(db: Db, now: Date) {
  const today = parisDate(now);
  const pharmacies = db.$client.prepare('SELECT id, slug, town FROM pharmacies ORDER BY id').all() as {
    id: number;
    slug: string;
    town: string;
  }[];
  db.transaction(() => {
    for (const [i, pharmacy] of pharmacies.entries()) {
      const ctx = staffCtx(db, `pharmacien.${pharmacy.slug}@officoop.test`, now);
      const gpName = GPS[i % GPS.length] as string;
      for (const person of peopleOf(pharmacy, i)) {
        const patient = createPatient({
          ctx,
          input: {
            lastName: person.lastName,
            firstName: person.firstName,
            birthDate: person.birthDate,
            gpName,
            gpContact: `${gpName.replace('Dr ', '').toLowerCase()}@medecin.mssante.fr`,
          },
        });
        for (const [j, cip13] of person.drugs.entries()) {
          addMedication({
            ctx,
            id: patient.id,
            // Taken for 6 months before the oldest review starts (420 days ago): eligible on its first day.
            input: {
              cip13,
              startDate: addCalendarDays(today, -(650 + j * 30)),
              prescriber: gpName,
              dosage: DOSAGES[cip13],
            },
          });
        }
        for (const review of person.reviews ?? []) seedReview(ctx, patient.id, today, review);
      }
      seedResidentPatients(ctx, pharmacy.id, today, gpName);
    }
  });
  // What this morning's review-reminders job would have found, as the stock seed does with its
  // scans: a demo started in the afternoon showed due and overdue steps on the home cards only,
  // not on the alerts page, until the next 07:00 (found by a tester).
  scanReviewReminders({
    db,
    clock: { now: () => now },
    actor: systemActor('demo-seed'),
    log: pino({ level: 'silent' }),
  });
}

/**
 * The residents of the care homes a pharmacy serves become its patients (linked, not copied); the
 * first one with PDA lines goes through consent, intake and analysis, and the GP accepts stopping
 * one of its pouch drugs: a pending proposal for the pharmacist.
 */
function seedResidentPatients(ctx: Ctx, pharmacyId: number, today: string, gpName: string) {
  const residents = ctx.db.$client
    .prepare(
      `SELECT r.id, (SELECT count(*) FROM prescription_lines l WHERE l.resident_id = r.id
          AND l.replaced_by_id IS NULL AND (l.end_date IS NULL OR l.end_date >= @today) AND l.start_date <= @today) AS lines
       FROM residents r JOIN care_homes ch ON ch.id = r.care_home_id
       WHERE ch.pharmacy_id = @pharmacyId AND r.status = 'active' ORDER BY r.id`,
    )
    .all({ pharmacyId, today }) as { id: number; lines: number }[];
  let proposed = false;
  const createdBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  for (const r of residents) {
    // Straight to the table (the use case also computes the patient page): 150 residents stay fast.
    const patientId = insertPatient(ctx.db, {
      pharmacyId,
      residentId: r.id,
      lastName: null,
      firstName: null,
      birthDate: null,
      gpName,
      gpContact: null,
      gpPrescriptionDate: null,
      createdAt: ctx.clock.now().toISOString(),
      createdBy,
    });
    if (proposed || r.lines === 0) continue;
    const patient = findPatient(ctx.db, pharmacyId, patientId) as PatientRow;
    const day = (ago: number) => addCalendarDays(today, -ago);
    // The review starts 35 days ago: the resident must be eligible on that day.
    if (!eligibilityFor(patient, loadMedications(ctx, patient, day(35)), day(35)).eligible) continue;
    const line = ctx.db.$client
      .prepare(
        `SELECT id, cip13 FROM prescription_lines WHERE resident_id = ? AND replaced_by_id IS NULL
           AND (end_date IS NULL OR end_date >= ?) AND start_date <= ? AND as_needed = 0 ORDER BY id LIMIT 1`,
      )
      .get(r.id, today, today) as { id: number; cip13: string };
    const { id } = startReview({ ctx, input: { patientId, startedOn: day(35) } });
    for (const [kind, ago] of [
      ['adhesion', 35],
      ['recueil', 35],
      ['analyse', 14],
    ] as const) {
      recordStep({ ctx, id, input: { kind, date: day(ago), remote: false, notes: NOTES[kind] } });
    }
    const problem = addProblem({
      ctx,
      reviewId: id,
      input: {
        problemCode: '5',
        interventionCode: '2',
        drugs: [line.cip13],
        description: 'Traitement sans indication retrouvée dans le dossier de l’EHPAD : arrêt proposé au médecin.',
        prescriptionLineId: line.id,
      },
    });
    answerGp({
      ctx,
      problemId: problem.id,
      input: { answer: 'accepted', date: day(3), comment: 'D’accord pour arrêter.' },
    });
    proposed = true;
  }
}
