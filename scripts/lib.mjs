/**
 * Shared helpers of the project's scripts (start, test, benches). Written for the host's Node 20
 * as well as the pinned Node 24: `bootstrap()` installs the npm packages on a fresh clone and then
 * re-runs the calling script under the pinned Node 24 (node_modules/.bin/node).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'node_modules', '.bin');
export const NODE24 = join(BIN, 'node');

function needsInstall() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  if (!existsSync(marker) || !existsSync(NODE24)) return true;
  const lock = join(ROOT, 'package-lock.json');
  return existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000;
}

/** Installs npm packages when missing, then makes sure we run on the pinned Node 24. */
export function bootstrap(script) {
  // When this run started and how long npm ci took, for the stage table of `npm test` (kept across the
  // re-runs below through the environment).
  process.env.PENGADUAN_RUN_STARTED ??= String(Date.now());
  if (needsInstall()) {
    console.log('[setup] npm ci (first run on this clone)…');
    const t0 = Date.now();
    // --prefer-offline: packages already in npm's cache are not revalidated one by one with the registry.
    const r = spawnSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (r.status !== 0) {
      console.error('[setup] npm ci failed');
      process.exit(r.status ?? 1);
    }
    process.env.PENGADUAN_NPM_CI_MS = String(Date.now() - t0);
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    // The child handles Ctrl-C (it gets the terminal's SIGINT too); we wait for it to finish.
    process.on('SIGINT', () => {});
    process.on('SIGTERM', () => {});
    const r = spawnSync(NODE24, [script, ...process.argv.slice(2)], { stdio: 'inherit', env: childEnv() });
    process.exit(r.status ?? 1);
  }
}

/** The environment for children: the project's bin (Node 24, firebase, vitest…) first on PATH. */
export function childEnv(extra = {}) {
  return {
    ...process.env,
    PATH: `${BIN}:${process.env.PATH}`,
    METADATA_SERVER_DETECTION: 'none',
    // The Functions emulator's limit for loading the code (10 s to list the functions, 30 s for each new
    // worker) is too tight on a 2-core machine when a burst of concurrent requests starts one cold
    // worker per request (the 50-concurrent-intakes test).
    FUNCTIONS_DISCOVERY_TIMEOUT: process.env.FUNCTIONS_DISCOVERY_TIMEOUT ?? '300',
    ...extra,
    ...(extra.PATH ? { PATH: `${BIN}:${extra.PATH}` } : {}),
  };
}

/** Runs a command (stdio inherited unless given); resolves to its exit code. */
export function run(cmd, args, { env = childEnv(), cwd = ROOT, stdio = 'inherit' } = {}) {
  return new Promise((res) => {
    const child = spawn(cmd, args, { cwd, env, stdio });
    child.on('exit', (code, signal) => res(code ?? (signal ? 1 : 0)));
    child.on('error', () => res(127));
  });
}

export function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

export const PROJECT_ID = 'demo-pengaduan-kpm';

/**
 * One emulator run at a time on this machine: the build rewrites functions/lib, which a running
 * Functions emulator would hot-reload, and the emulators use fixed ports. Where flock exists (Linux),
 * re-runs the current script under a machine-wide lock file and exits with its code.
 */
export function serialised() {
  if (process.env.PENGADUAN_TEST_LOCKED) return;
  const flock = spawnSync('sh', ['-c', 'command -v flock'], { encoding: 'utf8' }).stdout.trim();
  if (!flock) return;
  const r = spawnSync(flock, [join(tmpdir(), 'pengaduan-kpm-tests.lock'), process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, PENGADUAN_TEST_LOCKED: '1', PENGADUAN_LOCK_REQUESTED: String(Date.now()) },
  });
  process.exit(r.status ?? 1);
}
