import { describe, expect, it } from 'vitest';
import { searchKey, searchMatches } from '../../server/shared/collate';

describe('searching names as typed without accents (résidents page)', () => {
  it('When the nurse types "lathiere", Then LATHIÈRE is found; "oeillet" finds ŒILLET and "laetitia" LÆTITIA', () => {
    expect(searchMatches('LATHIÈRE Marguerite 12', 'lathiere')).toBe(true);
    expect(searchMatches('ŒILLET Jean 3', 'oeillet')).toBe(true);
    expect(searchMatches('Cœur Lætitia 4', 'laetitia')).toBe(true);
    expect(searchMatches('Cœur Lætitia 4', 'coeur')).toBe(true);
  });
  it('When the query itself has accents, capitals or a ligature, Then it matches the plain spelling too', () => {
    expect(searchMatches('Lathiere Marguerite', 'LATHIÈRE')).toBe(true);
    expect(searchMatches('Oeillet Jean', 'Œillet')).toBe(true);
    expect(searchMatches('Éloïse Dupré', '  eloise  ')).toBe(true);
  });
  it('When the query is empty or matches nothing, Then all match or none', () => {
    expect(searchMatches('DUPONT Jean', '')).toBe(true);
    expect(searchMatches('DUPONT Jean', 'lathiere')).toBe(false);
    expect(searchKey('ŒUVRE Æ')).toBe('oeuvre ae');
  });
  it('When the nurse types the first name first, Then "suzanne lathiere" finds LATHIÈRE Suzanne as "lathiere suzanne" does', () => {
    expect(searchMatches('LATHIÈRE Suzanne 12', 'lathiere suzanne')).toBe(true);
    expect(searchMatches('LATHIÈRE Suzanne 12', 'suzanne lathiere')).toBe(true);
    expect(searchMatches('LATHIÈRE Suzanne 12', '  Suzanne   LATHIÈRE ')).toBe(true);
    expect(searchMatches('LATHIÈRE Suzanne 12', 'suz lath')).toBe(true);
    expect(searchMatches('LATHIÈRE Suzanne 12', 'suzanne 12')).toBe(true);
  });
  it('When one of the typed words is not in the name, Then the resident is not found', () => {
    expect(searchMatches('LATHIÈRE Suzanne 12', 'suzanne dupont')).toBe(false);
    expect(searchMatches('LATHIÈRE Marguerite 12', 'suzanne lathiere')).toBe(false);
  });
});
