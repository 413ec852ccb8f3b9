import { conflict, notFound, unprocessable } from '../shared/errors';

export const careHomeNotFound = () => notFound('care_homes.not_found', 'Care home not found');
export const finessTaken = () =>
  conflict('care_homes.finess_taken', 'A care home with this FINESS number already exists');
export const servingPharmacyNotFound = () =>
  unprocessable('care_homes.pharmacy_not_found', 'The serving pharmacy does not exist');
