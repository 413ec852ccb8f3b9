import type { careHomes as fr } from '../fr/care-homes';
import type { Messages } from '../messages';

export const careHomes: Messages<typeof fr> = {
  'errors.care_homes.finess_taken': 'This FINESS number is already registered.',
  'errors.care_homes.pharmacy_not_found': 'The chosen pharmacy does not exist.',

  'nav.careHomes': 'Care homes',

  'careHomes.title': 'Care homes',
  'careHomes.subtitle.staff': 'The care homes your pharmacy serves.',
  'careHomes.subtitle.carehome': 'Your care home.',
  'careHomes.new': 'New care home',
  'careHomes.col.name': 'Name',
  'careHomes.col.finess': 'FINESS no.',
  'careHomes.col.pharmacy': 'Serving pharmacy',
  'careHomes.field.name': 'Name',
  'careHomes.field.finess': 'FINESS no.',
  'careHomes.field.pharmacy': 'Serving pharmacy',
  'careHomes.create.title': 'New care home',
  'careHomes.edit.title': 'Edit {name}',
  'careHomes.created': '{name} created.',
  'careHomes.empty': 'No care homes.',
};
