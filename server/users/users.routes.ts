import { defineRoute, type RouteDef } from '../http/route';
import {
  createUserBody,
  updateUserBody,
  userIdParams,
  userListResponse,
  userResponse,
  userWithPasswordResponse,
} from './users.schemas';
import { createUser, disableUser, enableUser, listAllUsers, resetUserPassword, updateUser } from './users.usecases';

export const usersRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/users',
    summary: 'Every user account (admin)',
    tags: ['users'],
    response: userListResponse,
    handler: async ({ ctx }) => listAllUsers({ ctx }),
  }),
  defineRoute({
    method: 'post',
    path: '/users',
    summary: 'Create a user with a generated password, returned once (admin)',
    tags: ['users'],
    body: createUserBody,
    response: userWithPasswordResponse,
    status: 201,
    handler: async ({ ctx, body }) => createUser({ ctx, input: body }),
  }),
  defineRoute({
    method: 'patch',
    path: '/users/:id',
    summary: 'Change display name, role and scope (admin)',
    tags: ['users'],
    params: userIdParams,
    body: updateUserBody,
    response: userResponse,
    handler: async ({ ctx, params, body }) => updateUser({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/users/:id/disable',
    summary: 'Disable an account and close its sessions (admin)',
    tags: ['users'],
    params: userIdParams,
    response: userResponse,
    handler: async ({ ctx, params }) => disableUser({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/users/:id/enable',
    summary: 'Enable a disabled account (admin)',
    tags: ['users'],
    params: userIdParams,
    response: userResponse,
    handler: async ({ ctx, params }) => enableUser({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/users/:id/reset-password',
    summary: 'Generate a new password, returned once, and close the sessions (admin)',
    tags: ['users'],
    params: userIdParams,
    response: userWithPasswordResponse,
    handler: async ({ ctx, params }) => resetUserPassword({ ctx, id: params.id }),
  }),
];
