// Prints the closing lines of `make test`: first each failed test (file, name and the first line of
// its failure, so a log that keeps only its tail still says what broke), then "tests: N passed,
// N failed", adding up vitest's JSON reports and the recovery check's counts. A missing report
// counts as a failure.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
const firstLine = (text) => String(text ?? '').split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 300) ?? '';

for (const file of process.argv.slice(2)) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.error(`no report at ${file}: that step did not finish`);
    failures.push(`${file}: no report, that step did not finish`);
    failed += 1;
    continue;
  }
  if ('numTotalTests' in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrors ?? 0) + (report.numTotalTests === 0 ? 1 : 0);
    skipped += report.numPendingTests + report.numTodoTests;
    if (report.numTotalTests === 0) failures.push(`${file}: the report holds no test`);
    for (const suite of report.testResults ?? []) {
      const where = relative(process.cwd(), suite.name);
      const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
      for (const test of failedTests) {
        failures.push(`${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      }
      // A file that failed to load or whose hooks threw has no failed test to name; it counts as one.
      if (suite.status === 'failed' && failedTests.length === 0) {
        failures.push(`${where}: ${firstLine(suite.message) || 'failed'}`);
        failed += 1;
      }
    }
  } else {
    passed += report.passed;
    failed += report.failed;
    for (const name of report.failedChecks ?? []) failures.push(`${relative(process.cwd(), file)}: ${name}`);
  }
}
if (failures.length > 0) {
  console.log('failed:');
  for (const failure of failures) console.log(`  ${failure}`);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
