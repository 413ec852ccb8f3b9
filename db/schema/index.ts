export * from './alerts';
export * from './audit';
export * from './catalogue';
export * from './jobs';
export * from './orders';
export * from './organisation';
export * from './stock';
export * from './users';
