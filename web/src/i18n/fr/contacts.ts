// Pharmacies' contact details (admin form, pool, transfer page) and the dépannage slip.
export const contacts = {
  'errors.pharmacies.finess_taken': 'Ce numéro FINESS est déjà celui de {pharmacy}.',
  'validation.phone': 'Numéro de téléphone invalide : 10 chiffres, par exemple 05 55 00 12 34',
  'validation.finessKey': 'Numéro FINESS invalide : la clé (dernier chiffre) ne correspond pas, vérifiez la saisie',
  'validation.postalCode': 'Code postal invalide : 5 chiffres, par exemple 19170',

  'contacts.col.contact': 'Contact',
  'contacts.col.finess': 'FINESS',
  'contacts.col.pharmacistInCharge': 'Titulaire',
  'contacts.field.address': 'Adresse',
  'contacts.field.postalCode': 'Code postal',
  'contacts.field.phone': 'Téléphone',
  'contacts.field.phoneHint': 'Par exemple 05 55 00 12 34',
  'contacts.field.finess': 'Numéro FINESS',
  'contacts.field.finessHint': '9 caractères, clé comprise',
  'contacts.field.pharmacistInCharge': 'Pharmacien·ne titulaire',
  'contacts.section': 'Coordonnées',
  'contacts.missing': 'Coordonnées non renseignées',
  'contacts.phone': 'Tél. {phone}',
  'contacts.finess': 'FINESS {finess}',
  'contacts.pharmacistInCharge': 'Titulaire : {name}',
  'contacts.open': 'Coordonnées de {pharmacy}',
  'contacts.call': 'Appeler {pharmacy}',

  'transferDetail.contacts': 'Coordonnées des officines',
  'transferDetail.slip': 'Bon de dépannage (PDF)',
  'transferDetail.slipHint': 'À imprimer et glisser dans le colis',
};
