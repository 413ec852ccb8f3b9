// The French messages, one file per domain: the reference every other language follows.
// A new domain adds its file and one line here (and the same in ../en/index.ts).
export { admin } from './admin';
export { antiWaste } from './anti-waste';
export { auditCodes } from './audit-codes';
export { auth } from './auth';
export { careHomes } from './care-homes';
export { catalogue } from './catalogue';
export { common } from './common';
export { contacts } from './contacts';
export { home } from './home';
export { orders } from './orders';
export { production } from './production';
export { reviews } from './reviews';
export { reviewsUi } from './reviews-ui';
export { robot } from './robot';
export { shares } from './shares';
export { stock } from './stock';
export { stockLists } from './stock-lists';
export { transfers } from './transfers';
