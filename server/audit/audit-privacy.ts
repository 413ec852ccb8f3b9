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
 * Free text that pharmacy staff type about a dépannage or an offer (the request's reason, a
 * refusal, a receipt note, an offer's note): it may name the patient the boxes are for
 * ("Patiente de Mme Durand"), so the admin sees that there was one, not what it says.
 */
const FREE_TEXT_KEYS: Readonly<Record<string, readonly string[]>> = {
  transfer: ['reason', 'note'],
  transfer_offer: ['note', 'reason'],
};

/** What the admin reads in place of a hidden free text. */
export const HIDDEN_FREE_TEXT = '(texte masqué)';

/**
 * The details of an audit row as the audit log shows them: for an entity of
 * CLINICAL_AUDIT_ENTITIES, only numeric ids (`…Id`) and counts; for a transfer or an offer, the free
 * texts of FREE_TEXT_KEYS read HIDDEN_FREE_TEXT; other entities' details unchanged. Null stays null.
 */
export function auditDetailsShown(
  entity: string,
  details: Record<string, unknown> | null,
): Record<string, unknown> | null {
  if (details == null) return details;
  const freeText = FREE_TEXT_KEYS[entity];
  if (freeText) {
    return Object.fromEntries(
      Object.entries(details).map(([k, v]) => [
        k,
        freeText.includes(k) && v != null && v !== '' ? HIDDEN_FREE_TEXT : v,
      ]),
    );
  }
  if (!CLINICAL_AUDIT_ENTITIES.has(entity)) return details;
  return Object.fromEntries(
    Object.entries(details).filter(([k, v]) => typeof v === 'number' && (k.endsWith('Id') || COUNTS.has(k))),
  );
}
