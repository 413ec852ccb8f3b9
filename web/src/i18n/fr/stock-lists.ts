// Who did what on transfers and lots, and the lists that grow: transfers, stock, pool (#15).
export const stockLists = {
  'transfers.search': 'Rechercher',
  'transfers.searchPlaceholder': 'Médicament, CIP13, lot, officine ou n°',
  'transfers.statusFilter': 'État',
  'transfers.allStatuses': 'Tous les états',
  'transfers.statusCount': '{status} ({count})',
  'transfers.count': '{total, plural, =0 {Aucun dépannage} one {# dépannage} other {# dépannages}}',
  'transfers.noMatch': 'Aucun dépannage ne correspond à ces critères.',
  'transfers.clearFilters': 'Effacer les filtres',

  'transferDetail.byPerson': 'par {person} — {pharmacy}',

  'stock.col.by': 'Par',
  'stock.lot.noPerson': 'Non renseigné',
  'stock.lot.sentTo': 'vers {pharmacy, la}',
  'stock.lot.robotRunRejected': 'Série rejetée le {at} : sachets détruits',
  'stock.lot.receivedFrom': '{pharmacy, de_la}',

  'stock.groupByProduct': 'Grouper par médicament',
  'stock.sortBy': 'Trier par',
  'stock.sort.product': 'Médicament (A → Z)',
  'stock.sort.expiry': 'Péremption la plus proche',
  'stock.sort.quantity': 'Quantité en stock (la plus faible)',
  'stock.sort.value': 'Valeur en stock (la plus forte)',
  'stock.productTotal':
    'Total : {quantity, plural, one {# unité} other {# unités}} en {lots, plural, one {# lot} other {# lots}} · {available, plural, one {# disponible} other {# disponibles}} · {value}',
  'stock.productCount': '{count, plural, one {# médicament} other {# médicaments}}',
  'stock.showLots': 'Voir {lots, plural, one {le lot} other {les # lots}}',
  'stock.showLotsOf': 'Voir {lots, plural, one {le lot} other {les # lots}} {product, de}',
  'stock.hideLots': 'Masquer les lots',
  'stock.hideLotsOf': 'Masquer les lots {product, de}',

  'pool.inStockOnly': 'En stock uniquement',
  'pool.inStockOnlyHint': 'Seulement les médicaments qu’une autre officine peut prêter aujourd’hui',
  'pool.noneInStock': 'Aucune autre officine n’a d’unités disponibles pour cette recherche.',
  'pool.inStockAll':
    '{count, plural, =0 {Aucune autre officine n’a d’unités disponibles aujourd’hui.} one {# médicament qu’une autre officine peut prêter aujourd’hui.} other {# médicaments qu’une autre officine peut prêter aujourd’hui, par ordre alphabétique.}}',
  'pool.inStockFirst':
    'Les {count} premiers médicaments qu’une autre officine peut prêter aujourd’hui, par ordre alphabétique : tapez un nom pour chercher parmi tous.',
};
