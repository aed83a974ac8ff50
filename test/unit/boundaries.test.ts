import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkTableOwners } from '../../scripts/table-owners.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A small tree of source files under a fresh folder; returns the folder. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The boundary check must be able to fail: each rule is shown a tree that breaks it. */
describe('the boundary check', () => {
  it('finds raw SQL on another module’s table, and a table declared outside its module’s schema file', () => {
    const dir = tree({
      'src/credits/credits.schema.ts': "export const e = pgTable('credit_entries', {});",
      'src/credits/ok.ts': 'export const q = sql`select * from credit_entries`;',
      'src/http/metrics.ts': 'export const q = sql`select count(*) from credit_entries join pgboss.job on true`;',
      'src/db/schema.ts': "export const t = pgTable('stray', {});",
    });
    const { owners, problems } = checkTableOwners(join(dir, 'src'));
    expect(owners.get('credit_entries')).toBe('credits');
    expect(problems.some((p) => p.includes('metrics.ts: raw SQL names credit_entries, a table of credits/'))).toBe(true);
    expect(problems.some((p) => p.includes('pgboss.job, a table of jobs/'))).toBe(true);
    expect(problems.some((p) => p.includes('declares table stray'))).toBe(true);
    expect(problems.some((p) => p.includes('ok.ts'))).toBe(false);
  });

  it('refuses an import of another module’s tables, a ledger that knows another module, and config reading private files', () => {
    const dir = tree({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true },
      }),
      'src/accounts/accounts.schema.ts': 'export const user = 1;',
      'src/accounts/index.ts': "export * from './accounts.schema.ts';",
      'src/credits/credits.schema.ts': "import { user } from '../accounts/accounts.schema.ts';\nexport const e = user;",
      'src/billing/packs.ts': 'export const packs = [];',
      'src/billing/index.ts': "export { packs } from './packs.ts';",
      'src/config.ts': "import { packs } from './billing/packs.ts';\nexport const c = packs;",
    });
    let out: string;
    try {
      out = execFileSync(
        join(root, 'node_modules/.bin/depcruise'),
        ['src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
    } catch (err) {
      out = (err as { stdout: string }).stdout;
    }
    const rules = JSON.parse(out).summary.violations.map((v: { rule: { name: string }; from: string }) => `${v.rule.name} ${v.from}`);
    expect(rules).toContain('tables-have-one-owner src/credits/credits.schema.ts');
    expect(rules).toContain('credits-is-the-ledger src/credits/credits.schema.ts');
    expect(rules).toContain('config-reads-public-faces src/config.ts');
  });
});
