import type { antiWaste as fr } from '../fr/anti-waste';
import type { Messages } from '../messages';

// Anti-waste: offers of a lot to a pharmacy that uses it faster, and what a request may ask.
export const antiWaste: Messages<typeof fr> = {
  'errors.transfers.exceeds_available':
    'This pharmacy can lend only {available, plural, one {# unit} other {# units}} of this product: ask for that many at most.',
  'errors.transfers.offer_not_found': 'Offer not found.',
  'errors.transfers.offer_expired': 'This offer has lapsed: it could be accepted until {lastDay}.',

  'alerts.transferOffered': 'Anti-waste offer: {quantity} units of {product} offered to you.',
  'alerts.transferOfferAccepted': 'Offer accepted: {quantity} units of {product}, a transfer to ship.',
  'alerts.transferOfferDeclined': 'Offer declined: {product}.',
  'alerts.transferOfferCancelled': 'Offer withdrawn: {product}.',
  'alerts.transferOfferLapsed':
    'Offer lapsed: {product}. {pharmacy} no longer has the {quantity} units offered ({available, plural, one {# unit} other {# units}} free).',
  'errors.transfers.offer_no_longer_available':
    'This offer is no longer valid: the pharmacy that made it has only {available, plural, one {# unit} other {# units}} of this lot free for {requested} offered. It is closed.',

  'transferDetail.step.offered': 'Offered (offer no. {id})',
  'transferDetail.step.offerAccepted': 'Offer accepted',

  'pool.request.lendable':
    '{pharmacy} can lend {available, plural, one {# unit} other {# units}} (nearest expiry: {expiry}).',
  'pool.request.lendableNone': '{pharmacy} can lend {available, plural, one {# unit} other {# units}}.',
  'pool.request.quantityHint': 'In units, {available} at most.',
  'pool.request.tooMany':
    '{available, plural, =0 {This pharmacy has nothing to lend.} one {# unit at most: that is what this pharmacy can lend.} other {# units at most: that is what this pharmacy can lend.}}',
  'pool.request.openTitle': 'A request is already open',
  'pool.request.openHint': 'You already asked {pharmacy} for this product. You may still send another request.',
  'pool.request.openItem': 'Transfer no. {id}: {quantity} units, {status}, on {date}',

  'rebalance.order':
    'Most urgent first: nearest expiry, then most units at risk. A lot received by transfer less than 90 days ago is not suggested.',
  'rebalance.openLot': 'Open lot {lotNumber}',
  'rebalance.offer': 'Offer this lot',
  'rebalance.offerOpen': 'Offer no. {id} waiting',
  'rebalance.offerReceived': 'Offer received: see above',

  'offer.title': 'Offer this lot to {pharmacy}',
  'offer.body':
    '{pharmacy} uses this product faster than you. It will accept or decline; accepted, the offer becomes a transfer that you ship.',
  'offer.available':
    'Lot {lotNumber}, expiring on {date}: {available, plural, =0 {no unit free} one {# unit free} other {# units free}}.',
  'offer.note': 'Message',
  'offer.noteHint': 'What the other pharmacy reads with the offer (it becomes the transfer’s reason).',
  'offer.defaultNote': 'Anti-waste: lot {lotNumber}, expiring on {date}',
  'offer.validity': 'The offer stays open 7 days, and at the latest until the day before expiry.',
  'offer.submit': 'Send the offer',
  'offer.done': 'Offer sent to {pharmacy}.',

  'offers.received.title': 'Offers received',
  'offers.received.hint': 'Pharmacies offer you lots they will not use before they expire.',
  'offers.sent.title': 'Your offers waiting',
  'offers.col.from': 'From',
  'offers.col.to': 'To',
  'offers.col.until': 'Open until',
  'offers.accept': 'Accept',
  'offers.decline': 'Decline',
  'offers.cancel': 'Withdraw',
  'offers.accept.title': 'Accept the offer from {pharmacy}',
  'offers.accept.body':
    '{quantity, plural, one {# unit} other {# units}} of {product}, lot {lotNumber} (expiring on {date}). A transfer is created and the units reserved; {pharmacy} ships it.',
  'offers.accepted': 'Offer accepted: transfer no. {id} created.',
  'offers.decline.title': 'Decline the offer from {pharmacy}',
  'offers.decline.reason': 'Reason (optional)',
  'offers.declined': 'Offer declined.',
  'offers.cancel.title': 'Withdraw the offer to {pharmacy}',
  'offers.cancel.body': '{pharmacy} will no longer be able to accept it.',
  'offers.cancelled': 'Offer withdrawn.',

  'offers.outcomes.title': 'Your recent offers',
  'offers.outcomes.hint': 'What became of your offers of the last 30 days.',
  'offers.col.outcome': 'Outcome',
  'offers.col.answeredOn': 'On',
  'offers.status.offered': 'Waiting',
  'offers.status.accepted': 'Accepted',
  'offers.status.declined': 'Declined',
  'offers.status.cancelled': 'Withdrawn',
  'offers.status.expired': 'Expired',
  'offers.status.lapsed': 'Lapsed',
  'offers.outcome.accepted': 'Transfer no. {id}',
  'offers.outcome.declinedNoReason': 'No reason given.',
  'offers.outcome.cancelled': 'You withdrew it.',
  'offers.outcome.expired': 'Unanswered by {date}.',
  'offers.outcome.lapsed': 'The lot no longer had enough free units (dispensed or moved meanwhile).',
};
