#!/usr/bin/env node
/**
 * `npm start`: everything locally, on a fresh clone.
 *   install → provision → build the functions (skipped when their sources have not changed since the
 *   last build; emitted without the type check, which `npm test` does) → MailDev (SMTP catcher +
 *   inbox) and the Emulator Suite with local persistence (import from .emulator-data on start,
 *   export on exit), while the page is built and the seeding code loads → demo data when the project
 *   is empty (scripts/seed.mjs) → print URLs and demo logins (with the seconds it took). Ctrl-C stops
 *   everything and leaves no process behind.
 */
/* global fetch */
import { bootstrap, ROOT, BIN, childEnv, run, PROJECT_ID } from './lib.mjs';
bootstrap(new URL(import.meta.url).pathname);

const started = Number(process.env.PENGADUAN_RUN_STARTED ?? Date.now());
const { spawn } = await import('node:child_process');
const { createHash } = await import('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = await import('node:fs');
const { join, relative } = await import('node:path');
const { provision, ProvisionError } = await import('./provision.mjs');
const { startMailDev, SMTP_PORT, MAIL_WEB_PORT } = await import('./maildev.mjs');
const { connect } = await import('node:net');

const DATA = process.env.EMULATOR_DATA_DIR ?? join(ROOT, '.emulator-data');
const HOSTING = 'http://127.0.0.1:5000';
const CACHE = join(ROOT, '.cache');
const secs = () => ((Date.now() - started) / 1000).toFixed(1);

let env;
try {
  env = childEnv({
    ...provision(),
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    // Node's on-disk compile cache (shared with `npm test`): the CLI, the functions' discovery and
    // every worker of the Functions emulator load large codebases.
    NODE_COMPILE_CACHE: join(CACHE, 'node-compile-cache'),
    // A temporary folder of our own: the Storage emulator keeps its files in <tmp>/firebase/storage
    // and deletes that folder when it stops, so two suites sharing /tmp break each other's uploads.
    TMPDIR: join(CACHE, 'emulators-tmp'),
  });
  mkdirSync(env.TMPDIR, { recursive: true });
} catch (e) {
  if (e instanceof ProvisionError) {
    console.error(`provision: ${e.message}`);
    process.exit(1);
  }
  throw e;
}

// ---------------------------------------------------------------------------------------------
// Build, skipped when nothing it reads changed since the last build by this script

/** A fingerprint of the files a build reads: paths, sizes and modification times. */
function fingerprint(roots) {
  const h = createHash('sha256');
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (name !== 'node_modules' && name !== 'dist' && name !== 'lib') walk(join(p, name));
    } else h.update(`${relative(ROOT, p)}:${st.size}:${st.mtimeMs}\n`);
  };
  for (const r of roots) walk(join(ROOT, r));
  return h.digest('hex');
}
const SHARED = ['package-lock.json', 'tsconfig.base.json'];
const TARGETS = {
  functions: { output: 'functions/lib/index.js', inputs: ['functions/src', 'functions/package.json', 'functions/tsconfig.json', 'functions/tsconfig.build.json', ...SHARED] },
  // The page bundles the pure domain of the functions.
  hosting: { output: 'hosting/dist/index.html', inputs: ['hosting', 'functions/src/domain', ...SHARED] },
};
const STAMP = join(CACHE, 'start-build.json');
const stamps = (() => {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return {};
  }
})();
const fresh = {};
for (const [name, t] of Object.entries(TARGETS)) fresh[name] = fingerprint(t.inputs);
const upToDate = (name) => stamps[name] === fresh[name] && existsSync(join(ROOT, TARGETS[name].output));
const stamp = (name) => {
  stamps[name] = fresh[name];
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(STAMP, `${JSON.stringify(stamps, null, 2)}\n`);
};
/**
 * The functions as `npm run build -w functions` emits them, without the type check (`--noCheck`:
 * the same files, in half the time; `npm test` and `npm run typecheck` check the types); the page as
 * its package builds it.
 */
const BUILDS = {
  functions: [join(BIN, 'tsc'), ['-p', 'functions/tsconfig.build.json', '--noCheck']],
  hosting: ['npm', ['run', '-s', 'build', '-w', 'hosting']],
};
const build = async (name) => {
  if (upToDate(name)) return true;
  const [cmd, args] = BUILDS[name];
  const ok = (await run(cmd, args, { env })) === 0;
  if (ok) stamp(name);
  return ok;
};

// The functions first: the Functions emulator loads (and watches) functions/lib as it starts.
if (!(await build('functions'))) process.exit(1);
// The page meanwhile: the Hosting emulator serves hosting/dist only when asked.
mkdirSync(join(ROOT, 'hosting', 'dist'), { recursive: true });
const pageBuilt = build('hosting');

const portOpen = (port) =>
  new Promise((res) => {
    const s = connect({ host: '127.0.0.1', port }, () => (s.end(), res(true)));
    s.on('error', () => res(false));
  });
// MailDev starts beside the emulators (an SMTP catcher already listening on both ports is used as it is).
const mailing = (async () => {
  if ((await portOpen(SMTP_PORT)) && (await portOpen(MAIL_WEB_PORT))) {
    console.log(`[start] an SMTP catcher already listens on 127.0.0.1:${SMTP_PORT} and :${MAIL_WEB_PORT}: the demo's emails go there`);
    return { url: `http://127.0.0.1:${MAIL_WEB_PORT}`, stop: async () => undefined };
  }
  return startMailDev({ mailDir: join(ROOT, '.maildev') });
})();
mailing.catch(() => undefined);
const stopMail = async () => (await mailing.catch(() => null))?.stop();
mkdirSync(DATA, { recursive: true });
const hasExport = existsSync(join(DATA, 'firebase-export-metadata.json'));
// For the seeding code in this process (the children's environment is already made).
process.env.FIRESTORE_EMULATOR_HOST = '127.0.0.1:8080';
process.env.FIREBASE_AUTH_EMULATOR_HOST = '127.0.0.1:9099';
process.env.FIREBASE_STORAGE_EMULATOR_HOST = '127.0.0.1:9199';
process.env.FIREBASE_EMULATOR_HUB = '127.0.0.1:4400';
// The seeding code loads while the emulators start (on an empty project only).
const seeding = hasExport ? null : import('./seed.mjs').then(async (m) => (await m.prepare(), m));
seeding?.catch(() => undefined);
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
  await stopMail();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
emu.on('exit', (code) => {
  if (!stopping) {
    console.error(`Emulators exited (code ${code}).`);
    void stopMail().then(() => process.exit(code ?? 1));
  }
});

/** Whether the project has any case (an imported export of an earlier session): the emulator's REST API. */
async function hasCases() {
  const res = await fetch(`http://127.0.0.1:8080/v1/projects/${PROJECT_ID}/databases/(default)/documents/cases?pageSize=1&mask.fieldPaths=number`, {
    headers: { Authorization: 'Bearer owner' },
  });
  return res.ok && ((await res.json()).documents ?? []).length > 0;
}

// Readiness: the CLI prints "All emulators ready" once every emulator is listening.
let ready = false;
emu.stdout.on('data', async (buf) => {
  const text = buf.toString();
  if (process.env.VERBOSE) process.stdout.write(text);
  if (!ready && text.includes('All emulators ready')) {
    ready = true;
    if (process.env.VERBOSE) console.log(`[start] emulators ready after ${secs()} s`);
    let mail;
    try {
      mail = await mailing;
    } catch (e) {
      console.error(`[start] MailDev did not start: ${e.message}`);
    }
    try {
      const m = await (seeding ?? ((await hasCases()) ? null : import('./seed.mjs')));
      if (m) await m.seed();
    } catch (e) {
      console.error('[seed] failed:', e);
    }
    if (!(await pageBuilt)) console.error('[start] the page failed to build (npm run build -w hosting)');
    const { DEMO_LOGINS, DEMO_PASSWORD } = await import('./seed.mjs');
    console.log(`
  Layanan Pengaduan KPM — lokal / local (siap dalam ${secs()} s)
  ─────────────────────────────────────
  Halaman petugas (staff page):  ${HOSTING}
  Kotak masuk email (inbox):     ${mail?.url ?? '(MailDev tidak berjalan)'}
  Data emulator disimpan di:     ${DATA}

  Akun demo (demo logins), kata sandi / password: ${DEMO_PASSWORD}
${DEMO_LOGINS.map((s) => `    ${s.roles.join(', ').padEnd(12)} ${s.email}`).join('\n')}

  Tekan Ctrl-C untuk berhenti (press Ctrl-C to stop; data is kept).
`);
  } else if (!ready && /error/i.test(text)) {
    process.stdout.write(text);
  }
});
