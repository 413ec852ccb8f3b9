/**
 * The SFPC Act-IP classification of drug-related problems and pharmacist interventions, exactly
 * as SPEC §7 lists it (Société française de pharmacie clinique, "Act-IP" intervention sheet, v2):
 * problem codes 1–10, interactions split into levels 6.1–6.5; intervention codes 1–7. French
 * labels are the classification's own wording (shown as is on the GP report).
 */

export const PROBLEM_CODES = ['1', '2', '3', '4', '5', '6.1', '6.2', '6.3', '6.4', '6.5', '7', '8', '9', '10'] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const PROBLEM_LABELS: Record<ProblemCode, string> = {
  '1': 'Non-conformité aux référentiels ou contre-indication',
  '2': 'Indication non traitée',
  '3': 'Sous-dosage',
  '4': 'Surdosage',
  '5': 'Médicament non indiqué',
  '6.1': 'Interaction : association à prendre en compte',
  '6.2': 'Interaction : précaution d’emploi',
  '6.3': 'Interaction : association déconseillée',
  '6.4': 'Interaction : association contre-indiquée',
  '6.5': 'Interaction publiée (non répertoriée par l’ANSM)',
  '7': 'Effet indésirable',
  '8': 'Voie ou administration inappropriée',
  '9': 'Traitement non reçu',
  '10': 'Monitorage à suivre',
};

export const INTERVENTION_CODES = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type InterventionCode = (typeof INTERVENTION_CODES)[number];

export const INTERVENTION_LABELS: Record<InterventionCode, string> = {
  '1': 'Ajout (prescription nouvelle)',
  '2': 'Arrêt',
  '3': 'Substitution ou échange',
  '4': 'Choix de la voie d’administration',
  '5': 'Suivi thérapeutique',
  '6': 'Optimisation des modalités d’administration',
  '7': 'Adaptation posologique',
};

export const GP_ANSWERS = ['pending', 'accepted', 'refused', 'no_answer'] as const;
export type GpAnswer = (typeof GP_ANSWERS)[number];

export const GP_ANSWER_LABELS: Record<GpAnswer, string> = {
  pending: 'En attente',
  accepted: 'Acceptée',
  refused: 'Refusée',
  no_answer: 'Sans réponse',
};

/** What an accepted intervention changes in a resident's PDA prescriptions. */
export const PROPOSAL_KINDS = ['add', 'stop', 'substitute', 'adjust_dose', 'change_schedule'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/**
 * The prescription change an intervention proposes, or null when it changes no prescription
 * line (route of administration, therapeutic monitoring): add → add, stop → stop, substitute →
 * substitute, optimise administration → change schedule, adjust dose → adjust dose.
 */
export function proposalKindOf(intervention: InterventionCode): ProposalKind | null {
  switch (intervention) {
    case '1':
      return 'add';
    case '2':
      return 'stop';
    case '3':
      return 'substitute';
    case '6':
      return 'change_schedule';
    case '7':
      return 'adjust_dose';
    default:
      return null;
  }
}

export const PROPOSAL_STATUSES = ['pending', 'applied', 'dismissed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** "6.3 — Interaction : association déconseillée": code and label for reports. */
export const problemText = (code: ProblemCode) => `${code} — ${PROBLEM_LABELS[code]}`;
export const interventionText = (code: InterventionCode) => `${code} — ${INTERVENTION_LABELS[code]}`;
