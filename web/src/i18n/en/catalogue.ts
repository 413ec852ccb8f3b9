import type { catalogue as fr } from '../fr/catalogue';
import type { Messages } from '../messages';

export const catalogue: Messages<typeof fr> = {
  'errors.catalogue.not_found': 'Drug not found in the catalogue.',

  'productSearch.placeholder': 'Name, CIP13, CIP7 or CIS',
  'productSearch.typeMore': 'Type at least 2 characters',
  'productSearch.none': 'No drug found',
  'productSearch.notMarketed': 'Not marketed',
  'productSearch.pdaExcluded': 'Not for pouches',
};
