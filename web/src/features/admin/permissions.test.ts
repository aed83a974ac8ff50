import { describe, expect, it } from 'vitest';
import { accountRoles, operatorPermissions, may as serverMay } from '../../../../src/contracts/operators.js';
import { isOperator, may } from './permissions.js';

describe("the console's copy of the operator permissions", () => {
  it('answers as the server does for every role and permission', () => {
    for (const role of accountRoles) {
      for (const permission of Object.keys(operatorPermissions) as (keyof typeof operatorPermissions)[]) {
        expect(may(role, permission), `${role} ${permission}`).toBe(serverMay(role, permission));
      }
    }
  });

  it('opens the console to the three operator roles only', () => {
    expect(accountRoles.filter(isOperator)).toEqual(['admin', 'support', 'moderator']);
    expect(isOperator(undefined)).toBe(false);
  });
});
