#!/usr/bin/env node
/**
 * `npm start`: everything locally, on a fresh clone.
 *   install → provision → build → MailDev (SMTP catcher + inbox) → Emulator Suite with local
 *   persistence (import from .emulator-data on start, export on exit) → demo data when empty →
 *   print URLs and demo logins. Ctrl-C stops everything and leaves no process behind.
 */
import { bootstrap, ROOT, BIN, childEnv, run, PROJECT_ID } from './lib.mjs';
bootstrap(new URL(import.meta.url).pathname);

const { spawn } = await import('node:child_process');
const { existsSync, mkdirSync } = await import('node:fs');
const { join } = await import('node:path');
const { provision, ProvisionError } = await import('./provision.mjs');
const { startMailDev, SMTP_PORT } = await import('./maildev.mjs');

const DATA = process.env.EMULATOR_DATA_DIR ?? join(ROOT, '.emulator-data');
const HOSTING = 'http://127.0.0.1:5000';

let env;
try {
  env = childEnv({ ...provision(), SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}` });
} catch (e) {
  if (e instanceof ProvisionError) {
    console.error(`provision: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
if ((await run('npm', ['run', '-s', 'build'], { env })) !== 0) process.exit(1);

const mail = await startMailDev({ mailDir: join(ROOT, '.maildev') });
mkdirSync(DATA, { recursive: true });
const hasExport = existsSync(join(DATA, 'firebase-export-metadata.json'));
const emu = spawn(
  join(BIN, 'firebase'),
  [
    'emulators:start', '--project', PROJECT_ID,
    '--only', 'auth,firestore,functions,storage,hosting',
    ...(hasExport ? ['--import', DATA] : []),
    '--export-on-exit', DATA,
  ],
  // Own process group: a terminal's Ctrl-C reaches only us, and we forward exactly one SIGINT (a second
  // one would make the CLI quit without exporting).
  { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true },
);

let stopping = false;
const stop = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  console.log('\nMenghentikan emulator dan menyimpan data… (stopping, exporting data)');
  const exited = new Promise((r) => emu.once('exit', r));
  if (emu.exitCode === null) emu.kill('SIGINT');
  await exited;
  await mail.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
emu.on('exit', (code) => {
  if (!stopping) {
    console.error(`Emulators exited (code ${code}).`);
    void mail.stop().then(() => process.exit(code ?? 1));
  }
});

// Readiness: the CLI prints "All emulators ready" once every emulator is listening.
let ready = false;
emu.stdout.on('data', async (buf) => {
  const text = buf.toString();
  if (process.env.VERBOSE) process.stdout.write(text);
  if (!ready && text.includes('All emulators ready')) {
    ready = true;
    process.env.FIRESTORE_EMULATOR_HOST = '127.0.0.1:8080';
    process.env.FIREBASE_AUTH_EMULATOR_HOST = '127.0.0.1:9099';
    process.env.FIREBASE_STORAGE_EMULATOR_HOST = '127.0.0.1:9199';
    const { seed, DEMO_STAFF, DEMO_PASSWORD } = await import('./seed.mjs');
    try {
      await seed();
    } catch (e) {
      console.error('[seed] failed:', e);
    }
    console.log(`
  Layanan Pengaduan KPM — lokal / local
  ─────────────────────────────────────
  Halaman petugas (staff page):  ${HOSTING}
  Kotak masuk email (inbox):     ${mail.url}
  Data emulator disimpan di:     ${DATA}

  Akun demo (demo logins), kata sandi / password: ${DEMO_PASSWORD}
${DEMO_STAFF.map((s) => `    ${s.roles.join(', ').padEnd(12)} ${s.email}`).join('\n')}

  Tekan Ctrl-C untuk berhenti (press Ctrl-C to stop; data is kept).
`);
  } else if (!ready && /error/i.test(text)) {
    process.stdout.write(text);
  }
});
