import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest's own order, except that files named `*.last.test.ts` run after every other file of the
 * run (test/service/historyPersonalData.last.test.ts scans what the whole layer wrote).
 */
class LastFilesLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const last = (f: TestSpecification) => f.moduleId.endsWith('.last.test.ts');
    return [...sorted.filter((f) => !last(f)), ...sorted.filter(last)];
  }
}

/**
 * Four vitest projects, the layers of the suite (README, "Tests in layers"):
 *  - unit: pure modules, no Firebase, no emulators;
 *  - rules: security rules against the Firestore emulator (@firebase/rules-unit-testing);
 *  - service: the callables', HTTP functions' and triggers' handlers in-process against the real
 *    Firestore, Auth and Storage emulators, parallel workers, one demo-* project each;
 *  - wiring: a thin layer through the Functions and Hosting emulators (registration, rewrites,
 *    headers, the blocking function, what a browser's SDK meets).
 * The end-to-end suite runs under Playwright (playwright.config.ts).
 */
export default defineConfig({
  test: {
    sequence: { sequencer: LastFilesLast },
    // The functions' structured logs (JSON lines, in the service layer's processes) at DEBUG/INFO are
    // noise in a test report; their warnings and errors are kept.
    onConsoleLog: (log) => !/^\{.*"severity":"(?:DEBUG|INFO)"/.test(log),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // fast-check's seed, the same for every file: fixed unless PROPERTY_SEED says otherwise.
          setupFiles: ['test/support/propertySeed.ts'],
          // The unit tests are pure (no mocks, no environment or global changes but that seed), so the
          // files share their workers' module graph instead of re-importing it per file: about half the
          // CPU time.
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
          // The fixture is written once and never changed (test/rules/firestore.test.ts): the
          // matrix's cases are independent, so several run at once.
          sequence: { concurrent: true },
          maxConcurrency: 10,
        },
      },
      {
        test: {
          name: 'service',
          include: ['test/service/**/*.test.ts'],
          environment: 'node',
          // Each worker serves the functions in-process on its own demo-* project (the setup file).
          setupFiles: ['test/support/propertySeed.ts', 'test/support/service/setup.ts'],
          // The files of a worker share its module graph (the whole functions codebase, loaded once per
          // worker instead of once per file: 85 s → 64 s alone). Each file still gets its own host and
          // trigger pump (the setup file runs per file), and the data were always shared per worker;
          // three runs with the files shuffled (seeds 3, 7, 42) were green.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'wiring',
          include: ['test/wiring/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
