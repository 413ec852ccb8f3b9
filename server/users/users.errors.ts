import { conflict, notFound, unprocessable } from '../shared/errors';

export const userNotFound = () => notFound('users.not_found', 'User not found');
export const emailTaken = () => conflict('users.email_taken', 'A user with this e-mail already exists');
export const cannotChangeSelf = () =>
  unprocessable('users.cannot_change_self', 'You cannot change the role or status of your own account');
export const scopeNotFound = () => unprocessable('users.scope_not_found', 'The pharmacy or care home does not exist');
