// Prints the closing line of `make test`: "tests: N passed, N failed", adding up vitest's JSON
// reports and the recovery check's counts. A missing report counts as a failure.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.error(`no report at ${file}: that step did not finish`);
    failed += 1;
    continue;
  }
  if ('numTotalTests' in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrors ?? 0) + (report.numTotalTests === 0 ? 1 : 0);
    skipped += report.numPendingTests + report.numTodoTests;
  } else {
    passed += report.passed;
    failed += report.failed;
  }
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
