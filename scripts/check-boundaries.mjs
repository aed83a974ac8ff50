// Checks the import boundaries with dependency-cruiser and the ownership of
// tables (scripts/table-owners.mjs). A check that cannot fail is no check, so
// it fails when dependency-cruiser did not read every source file there is.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkTableOwners } from './table-owners.mjs';

const roots = ['src', 'web/src'].filter((d) => existsSync(d));

let out;
try {
  out = execFileSync('npx', ['depcruise', ...roots, '--output-type', 'json', '--config', '.dependency-cruiser.cjs'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
} catch (e) {
  out = e.stdout;
}
const result = JSON.parse(out);
const cruised = new Set(result.modules.map((m) => m.source));
const sources = roots.flatMap((root) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath ?? e.path, e.name).replaceAll('\\', '/')),
);
const unread = sources.filter((f) => !cruised.has(f));
if (unread.length > 0) {
  console.error(`boundaries: ${unread.length} of ${sources.length} source files were not read, e.g. ${unread.slice(0, 3).join(', ')}`);
  process.exit(1);
}

const violations = result.summary.violations.filter((v) => v.rule.severity === 'error');
for (const v of violations) console.error(`boundaries: ${v.rule.name}: ${v.from} → ${v.to}`);
const tables = checkTableOwners('src');
for (const p of tables.problems) console.error(`boundaries: table ownership: ${p}`);
const modules = new Set([...tables.owners.values()]);
console.log(
  `boundaries: ${cruised.size} files cruised (all ${sources.length} sources), ${violations.length} import violations; ` +
    `${tables.owners.size} tables owned by ${modules.size} modules, ${tables.problems.length} ownership problems`,
);
process.exit(violations.length || tables.problems.length ? 1 : 0);
