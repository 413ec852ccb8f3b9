import { notFound } from '../shared/errors';

export const productNotFound = (cip13: string) =>
  notFound('catalogue.not_found', `No presentation with CIP13 ${cip13} in the catalogue`, [{ cip13 }]);
