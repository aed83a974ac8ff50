// `npm test`: lint, type-check, import boundaries, unit + integration tests
// (PGlite, and PostgreSQL when TEST_DATABASE_URL is set) and browser tests,
// ending with one line "N passed, N failed[, N skipped]" over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
// Named again just above the summary, so a log read from its end says what failed.
const failures = [];
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
mkdirSync('test-results', { recursive: true });

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(name, cmd, args) {
  console.log(`\n▶ ${name}`);
  const ok = run(cmd, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  if (!ok) failures.push(name);
  console.log(`${ok ? '✓' : '✗'} ${name}`);
}

function vitest(name, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const out = `test-results/${name}.json`;
  rmSync(out, { force: true });
  const ok = run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  if (!existsSync(out)) {
    console.log(`✗ ${name}: the runner produced no report`);
    failures.push(`${name}: the runner produced no report`);
    totals.failed += 1;
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  // A suite that failed to load has no failed tests but is still a failure.
  const broken = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'));
  totals.failed += broken.length;
  for (const f of broken) failures.push(`${name}: ${relative(f.name)} did not load: ${firstLine(f.message)}`);
  for (const f of r.testResults) {
    for (const a of f.assertionResults.filter((t) => t.status === 'failed')) {
      failures.push(`${name}: ${relative(f.name)} > ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    }
  }
  if (!ok && r.numFailedTests === 0 && broken.length === 0) {
    totals.failed += 1;
    failures.push(`${name}: the runner failed with every test passing`);
  }
}

function relative(file) {
  return file.startsWith(process.cwd()) ? file.slice(process.cwd().length + 1) : file;
}

function firstLine(text) {
  return (
    (text ?? '')
      .split('\n')
      .find((l) => l.trim())
      ?.trim()
      .slice(0, 300) ?? ''
  );
}

/** How many tests a config holds, without running them (nor the browser tier's web build: E2E_LIST_ONLY). */
function countTests(config) {
  const out = 'test-results/list.json';
  rmSync(out, { force: true });
  spawnSync('npx', ['vitest', 'list', '--config', config, `--json=${out}`], {
    stdio: 'ignore',
    env: { ...process.env, E2E_LIST_ONLY: '1' },
  });
  try {
    return JSON.parse(readFileSync(out, 'utf8')).length;
  } catch {
    return 1;
  }
}

check('lint (biome)', 'npx', ['biome', 'check', '.']);
check('type-check (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('import boundaries (dependency-cruiser)', 'node', ['scripts/check-boundaries.mjs']);
if (!process.env.TEST_DATABASE_URL) {
  const banner = '!'.repeat(78);
  console.log(
    `\n${banner}\n!! TEST_DATABASE_URL is not set: database tests run on PGlite only; the PostgreSQL\n` +
      `!! runs and the multi-process tests (test/processes/) are not run. CI sets it.\n${banner}`,
  );
}
vitest('unit-and-integration', []);

const e2eConfig = 'vitest.e2e.config.ts';
if (existsSync(e2eConfig)) {
  if (process.env.SKIP_BROWSER === '1') {
    // CI's second Node version: the browser journeys ran on the first (see .ci/run); counted as skipped here.
    const n = countTests(e2eConfig);
    console.log(`\n!! SKIP_BROWSER=1: the ${n} browser tests are not run (counted as skipped).`);
    totals.skipped += n;
  } else if (existsSync(chromium)) {
    vitest('browser', ['--config', e2eConfig], { CHROMIUM_PATH: chromium });
  } else {
    const n = countTests(e2eConfig);
    const banner = '!'.repeat(78);
    console.log(`\n${banner}\n!! BROWSER TESTS SKIPPED: ${chromium} not found (apt-get install chromium).\n${banner}`);
    if (process.env.REQUIRE_BROWSER === '1') {
      console.log('REQUIRE_BROWSER=1: a missing browser fails the run.');
      totals.failed += n;
    } else totals.skipped += n;
  }
}

if (failures.length) {
  console.log('\nFailed:');
  for (const f of failures) console.log(`  ✗ ${f}`);
}
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed ? 1 : 0);
