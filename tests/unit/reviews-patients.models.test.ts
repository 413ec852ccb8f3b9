import { describe, expect, it } from 'vitest';
import { findSamePerson } from '../../server/reviews/patients.models';

const existing = [
  { id: 1, lastName: 'Lathière', firstName: 'Marie-Thérèse', birthDate: '1940-05-02' },
  { id: 2, lastName: 'Martin', firstName: 'Jean', birthDate: null },
];

describe('findSamePerson', () => {
  it('When the names differ only by accents, case or spaces and the birth date is the same, Then it is the same person', () => {
    expect(
      findSamePerson({ lastName: ' LATHIERE ', firstName: 'marie-therese', birthDate: '1940-05-02' }, existing)?.id,
    ).toBe(1);
  });
  it('When the birth date differs, or a name, Then it is someone else', () => {
    expect(
      findSamePerson({ lastName: 'Lathière', firstName: 'Marie-Thérèse', birthDate: '1940-05-03' }, existing),
    ).toBe(undefined);
    expect(findSamePerson({ lastName: 'Lathière', firstName: 'Marie', birthDate: '1940-05-02' }, existing)).toBe(
      undefined,
    );
  });
  it('When both birth dates are unknown, Then the same names are the same person; one unknown is not', () => {
    expect(findSamePerson({ lastName: 'MARTIN', firstName: 'Jean', birthDate: null }, existing)?.id).toBe(2);
    expect(findSamePerson({ lastName: 'Martin', firstName: 'Jean', birthDate: '1950-01-01' }, existing)).toBe(
      undefined,
    );
  });
});
