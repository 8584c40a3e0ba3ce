// Fails a CI run when any test was skipped: a skipped real-hypervisor test is not a pass.
// Reads the JSON report vitest writes (see the test:report script in package.json).
import { readFileSync } from 'node:fs';

const reportPath = process.argv[2] ?? '.cache/vitest-report.json';
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const skipped = [];
for (const file of report.testResults ?? []) {
  for (const test of file.assertionResults ?? []) {
    if (test.status === 'skipped' || test.status === 'pending' || test.status === 'todo') {
      skipped.push(`${file.name}: ${test.fullName}`);
    }
  }
}
if (skipped.length > 0 && process.env.CI === 'true') {
  process.stderr.write(`CI forbids skipped tests; ${skipped.length} skipped:\n`);
  for (const line of skipped) process.stderr.write(`  ${line}\n`);
  process.exit(1);
}
// The closing line in the plain 'N passed, N failed' form that CI reads.
const failed = report.numFailedTests ?? 0;
process.stdout.write(
  `tests: ${report.numPassedTests} passed, ${failed} failed, ${skipped.length} skipped\n`,
);
