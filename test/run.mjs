// `npm test`: every level (unit, integration, e2e) in one Vitest run, then the plain summary line
// CI reads ("N passed, N failed"). Vitest prints no such line, so we count from its JSON report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });

// Strict TypeScript is part of the contract: a type error fails the run like a failing test.
const typecheck = spawnSync('npm', ['run', '--silent', 'typecheck'], { stdio: 'inherit' });
if (typecheck.status !== 0) {
  console.log('typecheck failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const out = 'test-results/vitest.json';
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit' });

let passed = 0;
let failed = 0;
if (existsSync(out)) {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests ?? 0;
  // A file that failed to load has no failed test of its own: count it once as a failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  failed = (report.numFailedTests ?? 0) + brokenFiles;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (skipped > 0) console.log(`skipped tests are defects here: ${skipped}`);
} else {
  failed = 1;
}
// Vitest also fails a run for an error outside any test (an uncaught exception, an unhandled
// rejection): the line must not read "0 failed" then.
if (run.status !== 0 && failed === 0) {
  console.log('vitest reported errors outside the tests (see "Unhandled Errors" above)');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
