import { defineConfig } from 'vitest/config';

/**
 * Three vitest projects:
 *  - unit: pure modules, no Firebase, no emulators;
 *  - rules: security rules against the Firestore emulator (@firebase/rules-unit-testing);
 *  - integration: callables and triggers against the full emulator suite.
 * The end-to-end suite runs under Playwright (playwright.config.ts).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // The unit tests are pure (no mocks, no environment or global changes), so the files share
          // their workers' module graph instead of re-importing it per file: about half the CPU time.
          isolate: false,
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
