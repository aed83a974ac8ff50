// Checks the import boundaries with dependency-cruiser and fails when it
// reads no modules at all (a check that cannot fail is no check).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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
const cruised = result.summary.totalCruised;
const violations = result.summary.violations.filter((v) => v.rule.severity === 'error');
if (cruised < 10) {
  console.error(`boundaries: only ${cruised} modules cruised; the checker is not reading the TypeScript sources`);
  process.exit(1);
}
for (const v of violations) console.error(`boundaries: ${v.rule.name}: ${v.from} → ${v.to}`);
console.log(`boundaries: ${cruised} modules cruised, ${violations.length} violations`);
process.exit(violations.length ? 1 : 0);
