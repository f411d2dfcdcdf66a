#!/usr/bin/env node
/**
 * `npm test`: everything, on a fresh clone.
 *   install (npm ci) → provision emulators and system packages → build → typecheck → lint →
 *   unit tests → [emulators: rules + integration tests + end-to-end in Chromium] → summary.
 * Exits non-zero on any failure. The last line is "N passed, N failed".
 * Options: --only=unit|rules|integration|e2e|persistence (repeatable, comma-separated) to run a subset;
 * --filter=<text> to run only the test files whose path contains it;
 * --skip-static to skip typecheck and lint.
 */
import { bootstrap, serialised, ROOT, BIN, childEnv, run, readJson, PROJECT_ID } from './lib.mjs';
bootstrap(new URL(import.meta.url).pathname);

const { mkdirSync, rmSync } = await import('node:fs');
const { join } = await import('node:path');
const { provision, ProvisionError } = await import('./provision.mjs');

serialised();

const args = process.argv.slice(2);
const only = new Set(args.filter((a) => a.startsWith('--only=')).flatMap((a) => a.slice(7).split(',')));
const want = (s) => only.size === 0 || only.has(s);
const skipStatic = args.includes('--skip-static') || only.size > 0;
/** --filter=<text>: only test files whose path contains it (vitest and Playwright filters). */
const filter = args.find((a) => a.startsWith('--filter='))?.slice(9);

const results = join(ROOT, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];
const step = async (name, fn) => {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const code = await fn();
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  if (code !== 0) {
    failures.push(name);
    console.log(`=== ${name}: FAILED (${s} s)`);
  } else console.log(`=== ${name}: ok (${s} s)`);
  return code;
};
const vitestCounts = (file) => {
  const j = readJson(file);
  if (!j) return false;
  passed += j.numPassedTests ?? 0;
  failed += j.numFailedTests ?? 0;
  return true;
};
const vitest = (project) => async () => {
  const out = join(results, `${project}.json`);
  const code = await run(join(BIN, 'vitest'), [
    'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`,
    ...(filter ? ['--passWithNoTests', filter] : []),
  ]);
  if (!vitestCounts(out) && code !== 0) failed += 1;
  return code;
};

let env;
try {
  env = childEnv(provision({ system: true }));
} catch (e) {
  if (e instanceof ProvisionError) {
    console.error(`provision: ${e.message}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  throw e;
}

let codes = [];
codes.push(await step('build', () => run('npm', ['run', '-s', 'build'], { env })));
if (!skipStatic) {
  codes.push(await step('typecheck', () => run('npm', ['run', '-s', 'typecheck'], { env })));
  codes.push(await step('lint', () => run('npm', ['run', '-s', 'lint'], { env })));
}
if (want('unit')) codes.push(await step('unit tests', vitest('unit')));

const emulated = ['rules', 'integration', 'e2e'].filter(want);
if (emulated.length > 0 && codes[0] === 0) {
  const firebaseArgs = [
    'emulators:exec', '--project', PROJECT_ID,
    '--only', 'auth,firestore,functions,storage,hosting',
    `node scripts/test-emulated.mjs ${emulated.join(',')}${filter ? ` ${JSON.stringify(filter)}` : ''}`,
  ];
  codes.push(await step(`emulators: ${emulated.join(', ')}`, () => run(join(BIN, 'firebase'), firebaseArgs, { env })));
  for (const p of ['rules', 'integration']) if (emulated.includes(p)) vitestCounts(join(results, `${p}.json`));
  if (emulated.includes('e2e')) {
    const pw = readJson(join(results, 'e2e.json'));
    if (pw?.stats) {
      passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
      failed += pw.stats.unexpected ?? 0;
    }
  }
}

if (want('persistence')) {
  // npm start's import/export-on-exit: data written before a restart is there after it.
  const code = await step('persistence across an emulator restart', () => run('node', ['scripts/check-persistence.mjs'], { env }));
  codes.push(code);
  if (code === 0) passed += 1;
  else failed += 1;
}

const stepFailures = failures.length;
if (stepFailures > 0) console.log(`\nFailed steps: ${failures.join(', ')}`);
const anyFail = codes.some((c) => c !== 0) || failed > 0;
// A failed step with no failed test in it (typecheck, lint, build, a crash) still counts as a failure.
const totalFailed = failed + (anyFail && failed === 0 ? stepFailures : 0);
console.log(`\n${passed} passed, ${totalFailed} failed`);
process.exit(anyFail ? 1 : 0);
