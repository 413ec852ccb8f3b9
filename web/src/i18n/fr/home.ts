// The home page and its role cards (a domain card keeps its strings in its own domain file).
export const home = {
  'home.greeting': 'Bonjour {name}',
  'home.today': "Aujourd'hui, {date}",
  'home.todo': "À faire aujourd'hui",
  'home.alerts.title': 'Alertes',
  'home.alerts.empty': 'Aucune alerte pour le moment.',
  'home.alerts.dismiss': "Masquer l'alerte",
  'home.alerts.unknown': 'Nouvelle alerte ({kind})',
  'home.alerts.more': 'et {count} de plus',
  'home.reviews.title': 'Bilans de médication à échéance',
  'home.reviews.empty': 'Aucune étape de bilan à échéance.',
  'home.users.title': 'Utilisateurs',
  'home.users.summary': 'Comptes actifs : {active} sur {total}',
  'home.users.manage': 'Gérer les utilisateurs',
  'home.careHomes.title': 'EHPAD',
  'home.careHomes.summary': 'EHPAD enregistrés : {count}',
  'home.careHomes.manage': 'Voir les EHPAD',
};
