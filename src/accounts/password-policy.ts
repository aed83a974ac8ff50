import { readFileSync } from 'node:fs';
import { projectPath } from '../lib/paths.js';

/**
 * Password rules (OWASP ASVS 5.0 §6.2): 8 to 128 characters, no composition
 * rules, and none of the ~10,000 most common passwords (case-insensitive).
 */
let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(projectPath('src/accounts/common-passwords.txt'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((p) => p.toLowerCase()),
  );
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.normalize('NFKC').toLowerCase());
}
