import type { SessionUser } from '../accounts/index.js';
import type { Actor } from '../audit/index.js';
import { isOperatorRole } from '../contracts/operators.js';

/** The operator behind a console request, as the audit log names them (the access check already required an operator role). */
export function actorOf(user: Pick<SessionUser, 'id' | 'role'>): Actor {
  if (!isOperatorRole(user.role)) throw new Error('actorOf: not an operator');
  return { id: user.id, role: user.role };
}
