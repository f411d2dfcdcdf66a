#!/usr/bin/env node
/**
 * `npm run bench:letter [-- options]`: the letter benchmark (bench/letter.ts, run with tsx).
 *   (default)     render 1,000 letters in one process: p50/p95 latency, heap and RSS growth;
 *   --e2e N       sign → PDF stored → email delivered for N cases on the Emulator Suite: builds,
 *                 then runs inside `firebase emulators:exec` with MailDev (build and run serialised with
 *                 the test runs through their machine-wide lock); add --concurrent to sign all at once.
 * Other options are passed on (e.g. --count 200, --sample out.pdf).
 */
import { bootstrap, serialised, ROOT, BIN, childEnv, run, PROJECT_ID } from './lib.mjs';
bootstrap(new URL(import.meta.url).pathname);

const { join } = await import('node:path');

const args = process.argv.slice(2);
const tsx = join(BIN, 'tsx');

if (args[0] === '--inside') {
  // Inside emulators:exec: MailDev, then the benchmark.
  const { startMailDev } = await import('./maildev.mjs');
  const mail = await startMailDev({ mailDir: join(ROOT, '.test-results', 'maildev-bench') });
  const code = await run(tsx, ['bench/letter.ts', ...args.slice(1)], {
    env: childEnv({ MAILDEV_URL: mail.url }),
  });
  await mail.stop();
  process.exit(code);
}

if (!args.includes('--e2e')) {
  process.exit(await run(tsx, ['--expose-gc', 'bench/letter.ts', ...args]));
}

// Build and emulators under the machine-wide lock that the test runs take too.
serialised();
const { provision } = await import('./provision.mjs');
const env = childEnv(provision());
if ((await run('npm', ['run', '-s', 'build'], { env })) !== 0) process.exit(1);
const firebaseArgs = [
  'emulators:exec',
  '--project',
  PROJECT_ID,
  '--only',
  'auth,firestore,functions,storage',
  `node scripts/bench-letter.mjs --inside ${args.map((a) => JSON.stringify(a)).join(' ')}`,
];
process.exit(await run(join(BIN, 'firebase'), firebaseArgs, { env }));
