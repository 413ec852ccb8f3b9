import { conflict, notFound } from '../shared/errors';

export const pharmacyNotFound = () => notFound('pharmacies.not_found', 'Pharmacy not found');

/** Two pharmacies cannot share a FINESS number (details: the other pharmacy's name). */
export const finessTaken = (otherName: string) =>
  conflict('pharmacies.finess_taken', 'Another pharmacy has this FINESS number', [{ pharmacy: otherName }]);

/** Two member pharmacies cannot bear one name: every list, statement and alert names them by it. */
export const nameTaken = (name: string) =>
  conflict('pharmacies.name_taken', 'Another pharmacy already has this name', [{ name }]);
