/**
 * Pure rules about a pharmacy's patients (no database, no clock): whom a new patient would
 * duplicate. The web imports it.
 */
import { searchKey } from '../shared/collate';

export type Identity = { lastName: string; firstName: string; birthDate: string | null };

/**
 * The first of `existing` who is the same person as `candidate`: same last and first names once
 * accents, case and surrounding spaces are folded (`searchKey`: "LATHIÈRE" is "Lathiere") and the
 * same birth date (`YYYY-MM-DD`; two unknown birth dates count as the same). Undefined otherwise.
 */
export function findSamePerson<T extends Identity>(candidate: Identity, existing: readonly T[]): T | undefined {
  const key = (s: string) => searchKey(s.trim()).replace(/\s+/g, ' ');
  const last = key(candidate.lastName);
  const first = key(candidate.firstName);
  return existing.find(
    (p) => p.birthDate === candidate.birthDate && key(p.lastName) === last && key(p.firstName) === first,
  );
}
