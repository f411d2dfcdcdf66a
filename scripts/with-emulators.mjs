#!/usr/bin/env node
/**
 * Runs one command inside the Emulator Suite (auth, firestore, functions, storage, hosting) and
 * MailDev, after provisioning and building — for benchmarks and ad-hoc scripts:
 *   node scripts/with-emulators.mjs "tsx bench/transitions.ts --cases 20"
 * Serialised with the test runs through the same lock file (where flock exists).
 */
import { bootstrap, serialised, BIN, childEnv, run, PROJECT_ID } from './lib.mjs';
bootstrap(new URL(import.meta.url).pathname);

const { join } = await import('node:path');
const { provision } = await import('./provision.mjs');
const { startMailDev } = await import('./maildev.mjs');

const cmd = process.argv.slice(2).join(' ');
if (!cmd) {
  console.error('usage: node scripts/with-emulators.mjs "<command>"');
  process.exit(2);
}
serialised();
const env = childEnv(provision());
if ((await run('npm', ['run', '-s', 'build'], { env })) !== 0) process.exit(1);
const mail = await startMailDev({});
const code = await run(
  join(BIN, 'firebase'),
  ['emulators:exec', '--project', PROJECT_ID, '--only', 'auth,firestore,functions,storage,hosting', cmd],
  { env: { ...env, MAILDEV_URL: mail.url } },
);
await mail.stop();
process.exit(code);
