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
});
