import type { contacts as fr } from '../fr/contacts';
import type { Messages } from '../messages';

export const contacts: Messages<typeof fr> = {
  'errors.pharmacies.finess_taken': 'This FINESS number is already that of {pharmacy}.',
  'errors.pharmacies.name_taken': 'Another pharmacy already has this name.',
  'errors.transfers.slip_not_ready': 'The dépannage slip exists once the transfer is accepted.',
  'validation.phone': 'Invalid phone number: 10 digits, e.g. 05 55 00 12 34',
  'validation.finessKey': 'Invalid FINESS number: the key (last digit) does not match, check what was typed',
  'validation.postalCode': 'Invalid postal code: 5 digits, e.g. 19170',

  'contacts.col.contact': 'Contact',
  'contacts.col.finess': 'FINESS',
  'contacts.col.pharmacistInCharge': 'Pharmacist in charge',
  'contacts.field.address': 'Address',
  'contacts.field.postalCode': 'Postal code',
  'contacts.field.phone': 'Phone',
  'contacts.field.phoneHint': 'E.g. 05 55 00 12 34',
  'contacts.field.finess': 'FINESS number',
  'contacts.field.finessHint': '9 characters, key included',
  'contacts.field.pharmacistInCharge': 'Pharmacist in charge',
  'contacts.section': 'Contact details',
  'contacts.missing': 'No contact details yet',
  'contacts.phone': 'Tel. {phone}',
  'contacts.finess': 'FINESS {finess}',
  'contacts.pharmacistInCharge': 'In charge: {name}',
  'contacts.open': 'Contact details of {pharmacy}',
  'contacts.call': 'Call {pharmacy}',

  'transferDetail.contacts': 'Pharmacies’ contact details',
  'transferDetail.slip': 'Dépannage slip (PDF)',
  'transferDetail.slipHint': 'Print it and put it in the parcel',
};
