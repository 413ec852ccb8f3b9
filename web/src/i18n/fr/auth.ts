// The login page.
export const auth = {
  'login.title': 'Connexion',
  'login.subtitle': 'Connectez-vous pour accéder à votre espace.',
  'login.email': 'Adresse e-mail',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.showPassword': 'Afficher ou masquer le mot de passe',
  'login.failed': 'Connexion impossible',
  'login.rateLimited': 'Trop de tentatives. Réessayez dans {seconds} s.',
  'login.expired': 'Votre session a expiré. Veuillez vous reconnecter.',
  'login.loggedOut': 'Vous êtes déconnecté.',
  'login.demo.title': 'Comptes de démonstration',
  'login.demo.password': 'Mot de passe commun :',
  'login.demo.hint': 'Choisissez un compte pour remplir le formulaire.',
  'login.demo.place': 'Lieu',
  'login.demo.useFor': '{role} ({email})',
  'login.demo.account': 'Comptes',
};
