// Care homes (EHPAD).
export const careHomes = {
  'errors.care_homes.finess_taken': 'Ce numéro FINESS est déjà enregistré.',
  'errors.care_homes.pharmacy_not_found': 'L’officine choisie n’existe pas.',

  'nav.careHomes': 'EHPAD',

  'careHomes.title': 'EHPAD',
  'careHomes.subtitle.staff': 'Les EHPAD servis par votre officine.',
  'careHomes.subtitle.carehome': 'Votre établissement.',
  'careHomes.new': 'Nouvel EHPAD',
  'careHomes.col.name': 'Nom',
  'careHomes.col.finess': 'N° FINESS',
  'careHomes.col.pharmacy': 'Officine desservante',
  'careHomes.field.name': 'Nom',
  'careHomes.field.finess': 'N° FINESS',
  'careHomes.field.pharmacy': 'Officine desservante',
  'careHomes.create.title': 'Nouvel EHPAD',
  'careHomes.edit.title': 'Modifier {name}',
  'careHomes.created': '{name} créé.',
  'careHomes.empty': 'Aucun EHPAD.',
};
