#!/usr/bin/env node
/**
 * Proves that `npm start`'s persistence works: data written in one emulator session is there in the
 * next. Runs the same import/export-on-exit flags as start.mjs, against a temporary data folder, with
 * the Auth and Firestore emulators. Prints "persistence: ok" or exits non-zero.
 *   node scripts/check-persistence.mjs            (orchestrates two sessions)
 *   node scripts/check-persistence.mjs write|read (runs inside a session)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, childEnv, run, PROJECT_ID } from './lib.mjs';

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

const { provision } = await import('./provision.mjs');
const env = childEnv(provision());
const dir = mkdtempSync(join(tmpdir(), 'emu-persist-'));
const session = (what, extra) =>
  run(join(BIN, 'firebase'), [
    'emulators:exec', '--project', PROJECT_ID, '--only', 'auth,firestore', ...extra,
    `node scripts/check-persistence.mjs ${what}`,
  ], { env });
try {
  const a = await session('write', ['--export-on-exit', dir]);
  const b = a === 0 ? await session('read', ['--import', dir]) : 1;
  console.log(b === 0 ? 'persistence: ok' : 'persistence: FAILED');
  process.exit(b);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
