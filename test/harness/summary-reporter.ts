import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';

/**
 * Ends the run with one plain line, `N passed, N failed, N skipped`, summed over every suite:
 * the line CI reads to count tests. It is written as the process exits, so that it stays the
 * last line even when vitest reports a failed global setup after the run has ended.
 */
export default class SummaryReporter implements Reporter {
  private line: string | undefined;

  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    errors: ReadonlyArray<unknown>,
    reason: TestRunEndReason,
  ) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A file that failed to load has no tests but must still count as a failure.
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed++;
    }
    failed += errors.length;
    // A run can fail before any test does (a global setup that throws): never call it "0 failed".
    if (reason === 'failed' && failed === 0) failed = 1;
    if (this.line === undefined) process.once('exit', () => process.stdout.write(this.line ?? ''));
    this.line = `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
  }
}
