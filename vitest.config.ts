import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest's own order, except that files named `*.last.test.ts` run after every other file of the
 * run (test/integration/historyPersonalData.last.test.ts scans what the whole suite wrote).
 */
class LastFilesLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const last = (f: TestSpecification) => f.moduleId.endsWith('.last.test.ts');
    return [...sorted.filter((f) => !last(f)), ...sorted.filter(last)];
  }
}

/**
 * Three vitest projects:
 *  - unit: pure modules, no Firebase, no emulators;
 *  - rules: security rules against the Firestore emulator (@firebase/rules-unit-testing);
 *  - integration: callables and triggers against the full emulator suite.
 * The end-to-end suite runs under Playwright (playwright.config.ts).
 */
export default defineConfig({
  test: {
    sequence: { sequencer: LastFilesLast },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // The unit tests are pure (no mocks, no environment or global changes), so the files share
          // their workers' module graph instead of re-importing it per file: about half the CPU time.
          isolate: false,
          // Pure, but some render PDFs (pdfmake, fonts), run property tests or spawn Node: `npm test`
          // runs this lane at a lower CPU priority beside the emulators, and on a fresh clone of a busy
          // 2-core machine the first PDF render of a worker took 10.8 s and three `node -e` spawns
          // passed 30 s; the default 5 s failed tests that take about a second when the CPU is free.
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'rules',
          include: ['test/rules/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
