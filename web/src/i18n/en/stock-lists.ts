// Who did what on transfers and lots, and the lists that grow: transfers, stock, pool (#15).
export const stockLists = {
  'transfers.search': 'Search',
  'transfers.searchPlaceholder': 'Medicine, CIP13, lot, pharmacy or no.',
  'transfers.statusFilter': 'Status',
  'transfers.allStatuses': 'All statuses',
  'transfers.statusCount': '{status} ({count})',
  'transfers.count': '{total, plural, =0 {No transfer} one {# transfer} other {# transfers}}',
  'transfers.noMatch': 'No transfer matches these criteria.',
  'transfers.clearFilters': 'Clear filters',

  'transferDetail.byPerson': 'by {person} — {pharmacy}',

  'stock.col.by': 'By',
  'stock.lot.noPerson': 'Not recorded',
  'stock.lot.sentTo': 'to {pharmacy}',
  'stock.lot.robotRunRejected': 'Run rejected on {at}: pouches destroyed',
  'stock.lot.receivedFrom': 'from {pharmacy}',

  'stock.groupByProduct': 'Group by medicine',
  'stock.sortBy': 'Sort by',
  'stock.sort.product': 'Medicine (A → Z)',
  'stock.sort.expiry': 'Nearest expiry',
  'stock.sort.quantity': 'Quantity on hand (lowest)',
  'stock.sort.value': 'Stock value (highest)',
  'stock.productTotal':
    'Total: {quantity, plural, one {# unit} other {# units}} in {lots, plural, one {# lot} other {# lots}} · {available, plural, other {# available}} · {value}',
  'stock.productCount': '{count, plural, one {# medicine} other {# medicines}}',
  'stock.showLots': 'Show {lots, plural, one {the lot} other {the # lots}}',
  'stock.showLotsOf': 'Show {lots, plural, one {the lot} other {the # lots}} of {product}',
  'stock.hideLots': 'Hide the lots',
  'stock.hideLotsOf': 'Hide the lots of {product}',

  'pool.inStockOnly': 'In stock only',
  'pool.inStockOnlyHint': 'Only medicines another pharmacy can lend today',
  'pool.noneInStock': 'No other pharmacy has units available for this search.',
  'pool.inStockAll':
    '{count, plural, =0 {No other pharmacy has units available today.} one {# medicine another pharmacy can lend today.} other {# medicines another pharmacy can lend today, in alphabetical order.}}',
  'pool.inStockFirst':
    'The first {count} medicines another pharmacy can lend today, in alphabetical order: type a name to search them all.',
};
