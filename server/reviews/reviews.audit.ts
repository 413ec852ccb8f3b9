/**
 * What the audit log keeps of patients and reviews for the admin who reads it: who, when, action,
 * entity, id (SPEC §2: the admin has no access to patient clinical data). The reviews use cases
 * record ids and counts only; rows written before that rule (drug codes, Act-IP codes, GP answers)
 * are reduced to the same when read.
 */

/** The audit entities of the reviews domain (SPEC §7). */
export const REVIEW_AUDIT_ENTITIES: ReadonlySet<string> = new Set([
  'patient',
  'review',
  'review_problem',
  'prescription_proposal',
]);

const COUNTS = new Set(['count', 'year', 'lines', 'eligible', 'due', 'overdue', 'seq']);

/**
 * The details of an audit row as the audit log shows them: for a reviews entity, only numeric
 * ids (`…Id`) and counts; other entities' details unchanged. Null stays null.
 */
export function auditDetailsShown(
  entity: string,
  details: Record<string, unknown> | null,
): Record<string, unknown> | null {
  if (details == null || !REVIEW_AUDIT_ENTITIES.has(entity)) return details;
  return Object.fromEntries(
    Object.entries(details).filter(([k, v]) => typeof v === 'number' && (k.endsWith('Id') || COUNTS.has(k))),
  );
}
