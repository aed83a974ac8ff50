import type { operatorPermissions, operatorRoles } from '../../../../src/contracts/operators.js';
import type { OperatorPermission, OperatorRole } from '../../api/contracts.js';

/**
 * Which operator role may do what: the server's table (contracts/operators.ts),
 * written out here because the app shell (on every public page) must not load
 * the contracts' runtime code. `satisfies` against the server's exact type
 * fails to compile when a role is added to or taken from a permission there.
 */
const permissions = {
  stats: ['admin', 'support', 'moderator'],
  'users.read': ['admin', 'support', 'moderator'],
  'users.credits': ['admin', 'support'],
  'users.sessions': ['admin', 'support'],
  'users.suspend': ['admin', 'moderator'],
  'users.images': ['admin', 'moderator'],
  'users.delete': ['admin'],
  moderation: ['admin', 'moderator'],
  support: ['admin', 'support'],
  privacy: ['admin', 'support'],
  alerts: ['admin'],
  audit: ['admin'],
} as const satisfies typeof operatorPermissions;

/** Whether an account with this role may use this part of the console. */
export function may(role: string | undefined, permission: OperatorPermission): boolean {
  return role !== undefined && (permissions[permission] as readonly string[]).includes(role);
}

/** Whether the role is one of the operator roles (the console is open to it, given two-factor sign-in). */
const roles = ['admin', 'support', 'moderator'] as const satisfies typeof operatorRoles;
export const isOperator = (role: string | undefined): role is OperatorRole => (roles as readonly (string | undefined)[]).includes(role);
