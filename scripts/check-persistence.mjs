#!/usr/bin/env node
/**
 * Proves that `npm start`'s persistence works: data written in one emulator session is there in the
 * next. Runs the same import/export-on-exit flags as start.mjs, against a temporary data folder, with
 * the Auth and Firestore emulators. Prints "persistence: ok" or exits non-zero.
 *   node scripts/check-persistence.mjs [--log=<file>]   (orchestrates two sessions)
 *   node scripts/check-persistence.mjs write|read        (runs inside a session)
 *
 * The two sessions use their own ports and their own firebase config (written to a temporary folder),
 * so that `npm test` can run this check while the main Emulator Suite holds the default ports. The
 * CLI finds a running suite for --export-on-exit through a locator file in the temporary directory,
 * named after the project: TMPDIR is private to these sessions, so the export is always of their own
 * emulators. --log sends the CLI's output to a file instead of the console.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, childEnv, run, PROJECT_ID } from './lib.mjs';

const mode = process.argv[2];
if (mode === 'write' || mode === 'read') {
  const { initializeApp } = await import('firebase-admin/app');
  const { getFirestore } = await import('firebase-admin/firestore');
  const { getAuth } = await import('firebase-admin/auth');
  const app = initializeApp({ projectId: PROJECT_ID });
  const db = getFirestore(app);
  const auth = getAuth(app);
  if (mode === 'write') {
    await db.doc('persistence/probe').set({ written: 'sebelum restart' });
    await auth.createUser({ email: 'persist@probe.local', password: 'probe-123456' });
    process.exit(0);
  }
  const snap = await db.doc('persistence/probe').get();
  const user = await auth.getUserByEmail('persist@probe.local').catch(() => null);
  const ok = snap.get('written') === 'sebelum restart' && user !== null;
  console.log(ok ? 'persistence: document and account survived the restart' : 'persistence: DATA LOST');
  process.exit(ok ? 0 : 1);
}

/** Ports of these sessions: beside the suite's defaults (firebase.json), none of them shared. */
const HOST = '127.0.0.1';
const config = {
  firestore: { rules: join(ROOT, 'firestore.rules') },
  emulators: {
    singleProjectMode: true,
    auth: { host: HOST, port: 9109 },
    firestore: { host: HOST, port: 8090, websocketPort: 9160 },
    hub: { host: HOST, port: 4410 },
    logging: { host: HOST, port: 4510 },
    eventarc: { host: HOST, port: 9309 },
    ui: { enabled: false },
  },
};

const logArg = process.argv.find((a) => a.startsWith('--log='))?.slice(6);
const { provision } = await import('./provision.mjs');
const work = mkdtempSync(join(tmpdir(), 'emu-persist-'));
const data = join(work, 'data');
const privateTmp = join(work, 'tmp');
mkdirSync(privateTmp);
writeFileSync(join(work, 'firebase.json'), JSON.stringify(config, null, 2));
const env = childEnv({ ...provision(), TMPDIR: privateTmp });
const self = JSON.stringify(join(ROOT, 'scripts', 'check-persistence.mjs'));
const logFd = logArg ? openSync(logArg, 'a') : null;
const session = (what, extra) =>
  run(
    join(BIN, 'firebase'),
    [
      'emulators:exec', '--config', join(work, 'firebase.json'), '--project', PROJECT_ID,
      '--only', 'auth,firestore', ...extra, `node ${self} ${what}`,
    ],
    // cwd: the Firestore emulator writes its debug log into the working directory.
    { env, cwd: work, ...(logFd !== null ? { stdio: ['ignore', logFd, logFd] } : {}) },
  );
let code;
try {
  const a = await session('write', ['--export-on-exit', data]);
  code = a === 0 ? await session('read', ['--import', data]) : 1;
  console.log(code === 0 ? 'persistence: ok' : `persistence: FAILED${logArg ? ` (log: ${logArg})` : ''}`);
} finally {
  if (logFd !== null) closeSync(logFd);
  rmSync(work, { recursive: true, force: true });
}
process.exit(code);
