// The drug catalogue search.
export const catalogue = {
  'errors.catalogue.not_found': 'Médicament introuvable dans le catalogue.',

  'productSearch.placeholder': 'Nom, CIP13, CIP7 ou CIS',
  'productSearch.typeMore': 'Tapez au moins 2 caractères',
  'productSearch.none': 'Aucun médicament trouvé',
  'productSearch.notMarketed': 'Non commercialisé',
  'productSearch.pdaExcluded': 'Hors PDA',
};
