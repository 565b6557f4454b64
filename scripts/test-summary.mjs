// Prints the closing line of `make test`: "tests: N passed, N failed", adding up vitest's JSON
// report and the recovery check's counts. A missing report counts as a failure.
import { readFileSync } from 'node:fs';

const [vitestFile, recoveryFile] = process.argv.slice(2);
const read = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = read(vitestFile);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitest.numRuntimeErrors ?? 0) + (vitest.numTotalTests === 0 ? 1 : 0);
  skipped += vitest.numPendingTests + vitest.numTodoTests;
} else {
  console.error(`no vitest report at ${vitestFile}: the test runner did not finish`);
  failed += 1;
}
const recovery = read(recoveryFile);
if (recovery) {
  passed += recovery.passed;
  failed += recovery.failed;
} else {
  console.error(`no recovery report at ${recoveryFile}: the recovery check did not finish`);
  failed += 1;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
