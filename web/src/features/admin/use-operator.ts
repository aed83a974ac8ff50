import type { Me, OperatorPermission } from '../../api/contracts.js';
import { useMe } from '../session/use-session.js';
import { isOperator, may } from './permissions.js';

/**
 * The signed-in operator, for console screens (inside the console layout,
 * which shows them only to operators with two-factor sign-in), and whether
 * their role may use `permission`.
 */
export function useOperator(permission: OperatorPermission): { me: Me | undefined; allowed: boolean } {
  const { data: me } = useMe();
  return { me: me ?? undefined, allowed: Boolean(me && isOperator(me.role) && may(me.role, permission)) };
}
