/**
 * Prints one plain closing line, "N passed, N failed, N skipped", that CI can
 * read whatever the runner. Under CI=true a skipped test fails the run: no
 * suite may skip itself there.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
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
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    if (process.env.CI === 'true' && skipped > 0) {
      process.stdout.write(`CI forbids skipped tests; ${skipped} were skipped\n`);
      process.exitCode = 1;
    }
  }
}
