// Anti-gaspillage: offers of a lot to a pharmacy that uses it faster, and what a request may ask.
export const antiWaste = {
  'errors.transfers.exceeds_available':
    'Cette officine ne peut prêter que {available, plural, =0 {zéro unité} one {# unité} other {# unités}} de ce produit : demandez-en au plus autant.',
  'errors.transfers.offer_not_found': 'Offre introuvable.',
  'errors.transfers.offer_expired': 'Cette offre n’est plus valable : elle pouvait être acceptée jusqu’au {lastDay}.',

  'alerts.transferOffered': 'Offre anti-gaspillage : {quantity} u. {product, de} vous sont proposées.',
  'alerts.transferOfferAccepted': 'Offre acceptée : {quantity} u. {product, de}, dépannage à expédier.',
  'alerts.transferOfferDeclined': 'Offre refusée : {product}.',
  'alerts.transferOfferCancelled': 'Offre retirée : {product}.',
  'alerts.transferOfferLapsed':
    'Offre caduque : {product}. {pharmacy, La} n’a plus les {quantity} u. proposées ({available, plural, =0 {aucune unité libre} one {# unité libre} other {# unités libres}}).',
  'errors.transfers.offer_no_longer_available':
    'Cette offre n’est plus valable : l’officine qui la faisait n’a plus que {available, plural, =0 {zéro unité libre} one {# unité libre} other {# unités libres}} de ce lot pour {requested} proposées. Elle est close.',

  'transferDetail.step.offered': 'Offert (offre n° {id})',
  'transferDetail.step.offerAccepted': 'Offre acceptée',

  'pool.request.lendable':
    '{pharmacy, La} peut prêter {available, plural, =0 {zéro unité} one {# unité} other {# unités}} (péremption la plus proche : {expiry}).',
  'pool.request.lendableNone':
    '{pharmacy, La} peut prêter {available, plural, =0 {zéro unité} one {# unité} other {# unités}}.',
  'pool.request.quantityHint': 'En unités, au plus {available}.',
  'pool.request.tooMany':
    '{available, plural, =0 {Cette officine n’a rien à prêter.} one {Au plus # unité : c’est ce que cette officine peut prêter.} other {Au plus # unités : c’est ce que cette officine peut prêter.}}',
  'pool.request.openTitle': 'Une demande est déjà en cours',
  'pool.request.openHint':
    'Vous avez déjà demandé ce produit {pharmacy, à}. Vous pouvez tout de même envoyer une autre demande.',
  'pool.request.openItem': 'Dépannage n° {id} : {quantity} u. — {status} le {date}',

  'rebalance.order':
    'Les plus urgentes d’abord : péremption la plus proche, puis le plus d’unités à risque. Un lot reçu en dépannage depuis moins de 90 jours n’est pas proposé.',
  'rebalance.openLot': 'Ouvrir le lot {lotNumber}',
  'rebalance.offer': 'Proposer ce lot',
  'rebalance.offerOpen': 'Offre n° {id} en attente',
  'rebalance.offerReceived': 'Offre reçue : voir ci-dessus',

  'offer.title': 'Proposer ce lot {pharmacy, à}',
  'offer.body':
    '{pharmacy, La} utilise ce produit plus vite que vous. Elle acceptera ou refusera ; acceptée, l’offre devient un dépannage que vous expédiez.',
  'offer.available':
    'Lot {lotNumber}, péremption le {date} : {available, plural, =0 {aucune unité libre} one {# unité libre} other {# unités libres}}.',
  'offer.note': 'Message',
  'offer.noteHint': 'Ce que l’autre officine lira avec l’offre (il devient le motif du dépannage).',
  'offer.defaultNote': 'Anti-gaspillage : lot {lotNumber}, péremption le {date}',
  'offer.validity': 'L’offre reste valable 7 jours, et au plus tard jusqu’à la veille de la péremption.',
  'offer.submit': 'Envoyer l’offre',
  'offer.done': 'Offre envoyée {pharmacy, à}.',

  'offers.received.title': 'Offres reçues',
  'offers.received.hint': 'Des officines vous proposent des lots qu’elles n’écouleront pas avant leur péremption.',
  'offers.sent.title': 'Vos offres en attente',
  'offers.col.from': 'De',
  'offers.col.to': 'Vers',
  'offers.col.until': 'Valable jusqu’au',
  'offers.accept': 'Accepter',
  'offers.decline': 'Refuser',
  'offers.cancel': 'Retirer',
  'offers.accept.title': 'Accepter l’offre {pharmacy, de_la}',
  'offers.accept.body':
    '{quantity, plural, one {# unité} other {# unités}} {product, de}, lot {lotNumber} (péremption le {date}). Un dépannage est créé et les unités sont réservées ; {pharmacy, la} l’expédie.',
  'offers.accepted': 'Offre acceptée : dépannage n° {id} créé.',
  'offers.decline.title': 'Refuser l’offre {pharmacy, de_la}',
  'offers.decline.reason': 'Motif (facultatif)',
  'offers.declined': 'Offre refusée.',
  'offers.cancel.title': 'Retirer l’offre faite {pharmacy, à}',
  'offers.cancel.body': '{pharmacy, La} ne pourra plus l’accepter.',
  'offers.cancelled': 'Offre retirée.',

  'offers.outcomes.title': 'Vos offres récentes',
  'offers.outcomes.hint': 'Ce que sont devenues vos offres des 30 derniers jours.',
  'offers.col.outcome': 'Issue',
  'offers.col.answeredOn': 'Le',
  'offers.status.offered': 'En attente',
  'offers.status.accepted': 'Acceptée',
  'offers.status.declined': 'Refusée',
  'offers.status.cancelled': 'Retirée',
  'offers.status.expired': 'Expirée',
  'offers.status.lapsed': 'Caduque',
  'offers.outcome.accepted': 'Dépannage n° {id}',
  'offers.outcome.declinedNoReason': 'Sans motif donné.',
  'offers.outcome.cancelled': 'Vous l’avez retirée.',
  'offers.outcome.expired': 'Sans réponse au {date}.',
  'offers.outcome.lapsed': 'Le lot n’avait plus assez d’unités libres (délivrées ou sorties entre-temps).',
};
