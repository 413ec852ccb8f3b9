/**
 * What the audit log shows the admin of entities that carry patient data: who, when, action,
 * entity, id (SPEC §2: the admin has no access to patient clinical data). Those rows may hold a
 * name, a birth date, a drug code, doses, an Act-IP code or a GP answer in their details (the
 * orders domain records its inputs; review rows written before the reviews domain recorded ids
 * only do too): they are reduced to ids and counts when read. One place for the rule.
 */

/**
 * Audit entities whose details may carry patient data: residents and their PDA prescription
 * lines and late changes (SPEC §5), community patients and their reviews (SPEC §7).
 */
export const CLINICAL_AUDIT_ENTITIES: ReadonlySet<string> = new Set([
  'resident',
  'prescription_line',
  'order_change_request',
  'patient',
  'review',
  'review_problem',
  'prescription_proposal',
]);

const COUNTS = new Set(['count', 'year', 'lines', 'eligible', 'due', 'overdue', 'seq']);

/**
 * The details of an audit row as the audit log shows them: for an entity of
 * CLINICAL_AUDIT_ENTITIES, only numeric ids (`…Id`) and counts; other entities' details unchanged. Null stays null.
 */
export function auditDetailsShown(
  entity: string,
  details: Record<string, unknown> | null,
): Record<string, unknown> | null {
  if (details == null || !CLINICAL_AUDIT_ENTITIES.has(entity)) return details;
  return Object.fromEntries(
    Object.entries(details).filter(([k, v]) => typeof v === 'number' && (k.endsWith('Id') || COUNTS.has(k))),
  );
}
