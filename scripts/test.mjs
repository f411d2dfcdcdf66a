#!/usr/bin/env node
/**
 * `npm test`: everything, on a fresh clone. Exits non-zero on any failure; the last line is
 * "N passed, N failed", after a table of the stages' times.
 *
 *   install (npm ci) → provision emulators and system packages → build, then two lanes at once:
 *     - the Emulator Suite (`firebase emulators:exec`, with MailDev): the service layer (handlers
 *       in-process, one `demo-svc-<n>` project per worker; test/support/service/) beside the rules
 *       tests, then the wiring layer (through the Functions and Hosting emulators), then
 *       end-to-end in Chromium;
 *     - typecheck → lint → unit tests (at a lower CPU priority) → persistence across an emulator
 *       restart (its own emulators on other ports, scripts/check-persistence.mjs).
 *   The layers, and what each proves: README, "Tests in layers".
 *
 * Output: the test runners' reporters write to the console (one runner live at a time; a runner that
 * finishes while another one is live is printed whole afterwards). The emulators' own output goes to
 * .test-results/emulators.log (persistence: .test-results/persistence.log); when a stage fails, the
 * last 150 lines of that log are printed.
 *
 * Options: --only=unit|rules|service|wiring|e2e|persistence (repeatable, comma-separated) to run a subset;
 * --filter=<text> to run only the test files whose path contains it;
 * --skip-static to skip typecheck and lint.
 *
 * Second runs are quicker: the functions build is incremental (tsc -b), typecheck uses tsc's
 * incremental mode, ESLint's cache is used only while no linted file changed (type-aware rules read
 * other files, which ESLint's per-file cache does not track), and Node's compile cache
 * (NODE_COMPILE_CACHE) serves every Node process, above all each cold Functions-emulator worker. All
 * of it lives in .cache/ (git-ignored); delete it to start cold.
 */
import { bootstrap, serialised, ROOT, BIN, childEnv, readJson, PROJECT_ID } from './lib.mjs';
bootstrap(new URL(import.meta.url).pathname);
serialised();

const { Buffer } = await import('node:buffer');
const { execFileSync, spawn } = await import('node:child_process');
const { createHash } = await import('node:crypto');
const fs = await import('node:fs');
const { createServer } = await import('node:net');
const { setPriority } = await import('node:os');
const { stripVTControlCharacters } = await import('node:util');
const { join, relative } = await import('node:path');
const { provision, ProvisionError } = await import('./provision.mjs');
const { startMailDev, SMTP_PORT } = await import('./maildev.mjs');

const started = Number(process.env.PENGADUAN_RUN_STARTED ?? Date.now());
const lockWait = process.env.PENGADUAN_LOCK_REQUESTED ? Date.now() - Number(process.env.PENGADUAN_LOCK_REQUESTED) : 0;

const args = process.argv.slice(2);
const only = new Set(args.filter((a) => a.startsWith('--only=')).flatMap((a) => a.slice(7).split(',')));
/** --filter=<text>: only test files whose path contains it (vitest and Playwright filters). */
const filter = args.find((a) => a.startsWith('--filter='))?.slice(9);
const LAYER_DIRS = { unit: 'test/unit', rules: 'test/rules', service: 'test/service', wiring: 'test/wiring', e2e: 'test/e2e' };
/** A layer with a test file the filter names (every layer when there is no filter). */
const filterHits = (layer) => {
  if (!filter) return true;
  const dir = LAYER_DIRS[layer];
  if (!dir) return false; // persistence has no test files: not part of a filtered run
  return fs.readdirSync(join(ROOT, dir), { recursive: true }).some((f) => `${dir}/${f}`.includes(filter));
};
const want = (s) => (only.size === 0 || only.has(s)) && filterHits(s);
const skipStatic = args.includes('--skip-static') || only.size > 0 || filter !== undefined;
/** The Functions and Hosting emulators (and the build they serve) only for the layers that use them. */
const needFunctions = () => want('wiring') || want('e2e');

const RESULTS = join(ROOT, '.test-results');
const CACHE = join(ROOT, '.cache');
const EMULATOR_LOG = join(RESULTS, 'emulators.log');
const PERSISTENCE_LOG = join(RESULTS, 'persistence.log');
const TAIL = 150;
fs.rmSync(RESULTS, { recursive: true, force: true });
fs.mkdirSync(RESULTS, { recursive: true });
fs.mkdirSync(CACHE, { recursive: true });

// ---------------------------------------------------------------------------------------------------
// Stages, counts, console

/** @type {{ name: string, ms: number, ok: boolean }[]} */
const stages = [];
let passed = 0;
let failed = 0;
/**
 * The failed tests of every layer, printed again after the stage table: a CI log is often read from
 * its end, where the runners' own reports (and the emulator log's tail) no longer show which test it was.
 * @type {{ layer: string, name: string, message: string }[]}
 */
const failedTests = [];
/** The first lines of a failure message, without colour codes. */
const firstLines = (text, n = 6) =>
  stripVTControlCharacters(String(text ?? ''))
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s*at (?:.*node_modules|new Promise|process\.|node:)/.test(l))
    .slice(0, n)
    .map((l) => `      ${l.trim()}`)
    .join('\n');
const secs = (ms) => (ms / 1000).toFixed(1);
const record = (name, ms, ok) => {
  stages.push({ name, ms, ok });
  return ok;
};

/**
 * One process at a time writes to the console live (a test runner's reporter redraws its lines on a
 * terminal); output of anything else is captured and printed whole once the console is free.
 */
const consoleGate = { live: false, queue: [] };
const say = (text) => {
  consoleGate.queue.push(text.endsWith('\n') ? text : `${text}\n`);
  flushConsole();
};
function flushConsole() {
  while (!consoleGate.live && consoleGate.queue.length > 0) process.stdout.write(consoleGate.queue.shift());
}
const tty = process.stdout.isTTY === true;

/**
 * Runs a command. `live`: its output goes straight to the console if nothing else is live there (else
 * it is captured like any other). `nice`: lower CPU priority (checks that should not slow the emulators).
 * `log`: a file for its output (nothing on the console). Resolves to { code, output }.
 */
function exec(cmd, argv, { env, cwd = ROOT, live = false, nice = false, log } = {}) {
  return new Promise((resolve) => {
    const takeConsole = live && !consoleGate.live && !log;
    if (takeConsole) consoleGate.live = true;
    let logFd = null;
    if (log) logFd = fs.openSync(log, 'a');
    const stdio = takeConsole ? ['ignore', 'inherit', 'inherit'] : logFd !== null ? ['ignore', logFd, logFd] : ['ignore', 'pipe', 'pipe'];
    const childEnv_ = takeConsole || !tty ? env : { ...env, FORCE_COLOR: '1' };
    const child = spawn(cmd, argv, { cwd, env: childEnv_, stdio });
    if (nice && child.pid) {
      try {
        setPriority(child.pid, 10);
      } catch {
        /* not permitted here: run at normal priority */
      }
    }
    const chunks = [];
    child.stdout?.on('data', (c) => chunks.push(c));
    child.stderr?.on('data', (c) => chunks.push(c));
    let settled = false;
    const done = (code) => {
      if (settled) return;
      settled = true;
      if (logFd !== null) fs.closeSync(logFd);
      // A live run's caller prints its result line first, then what queued up meanwhile (stage()).
      if (takeConsole) consoleGate.live = false;
      else flushConsole();
      resolve({ code, output: Buffer.concat(chunks).toString() });
    };
    child.on('error', () => done(127));
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/** Runs a stage: prints its header (live) or its whole output (captured) and records its time. */
async function stage(name, cmd, argv, opts = {}) {
  const t0 = Date.now();
  const live = opts.live && !consoleGate.live;
  if (live) say(`\n=== ${name}`);
  const { code, output } = await exec(cmd, argv, { ...opts, live });
  const ms = Date.now() - t0;
  const ok = code === 0;
  const line = `=== ${name}: ${ok ? 'ok' : 'FAILED'} (${secs(ms)} s)\n`;
  if (live) consoleGate.queue.unshift(line);
  else consoleGate.queue.push(`\n=== ${name}\n${output}${line}`);
  flushConsole();
  record(name, ms, ok);
  return ok;
}

function tail(file, n = TAIL) {
  try {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    return lines.slice(-n - 1).join('\n');
  } catch {
    return `(no ${file})`;
  }
}
const printTail = (file, why) =>
  say(`\n--- ${why}: last ${TAIL} lines of ${file.slice(ROOT.length + 1)} ---\n${tail(file)}\n--- end of ${file.slice(ROOT.length + 1)} ---`);

const vitestCounts = (file, layer) => {
  const j = readJson(file);
  if (!j) return false;
  passed += j.numPassedTests ?? 0;
  failed += j.numFailedTests ?? 0;
  for (const f of j.testResults ?? []) {
    const where = relative(ROOT, f.name ?? '');
    const bad = (f.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of bad) failedTests.push({ layer, name: `${where} › ${a.fullName}`, message: firstLines(a.failureMessages?.join('\n')) });
    // A file that failed outside its tests (an import, a hook) has no failed assertion to name.
    if (bad.length === 0 && f.status === 'failed') failedTests.push({ layer, name: where, message: firstLines(f.message) });
  }
  return true;
};
/** Playwright's JSON report: its failed tests, with their titles' path. */
function playwrightFailures(report) {
  const walk = (suite, path) => {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected') continue;
        const err = (t.results ?? []).flatMap((r) => r.errors ?? [r.error ?? {}]).find((e) => e?.message);
        failedTests.push({ layer: 'e2e', name: [...here, spec.title].join(' › '), message: firstLines(err?.message) });
      }
    }
    for (const s of suite.suites ?? []) walk(s, here);
  };
  for (const s of report?.suites ?? []) walk(s, []);
}
const vitestArgs = (project, report, extra) => [
  'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${join(RESULTS, `${report}.json`)}`,
  ...extra,
  ...(filter ? ['--passWithNoTests', filter] : []),
];
/**
 * A vitest project as a stage; its counts go into the totals (a crash with no report counts as one
 * failure). `name`: the stage's name (default the project's); `args`: more vitest arguments.
 */
async function vitestStage(project, env, opts = {}) {
  const { name = project, args: extra = [], ...rest } = opts;
  const ok = await stage(name, join(BIN, 'vitest'), vitestArgs(project, name, extra), { env, live: true, ...rest });
  if (!vitestCounts(join(RESULTS, `${name}.json`), name) && !ok) failed += 1;
  return ok;
}

/**
 * The property tests' seed: fixed unless PROPERTY_SEED says otherwise (`random`: a new one, printed
 * here, so that a failure can be replayed with PROPERTY_SEED=<it>).
 */
const PROPERTY_SEED =
  process.env.PROPERTY_SEED === 'random' ? String(Math.floor(Math.random() * 2 ** 31)) : (process.env.PROPERTY_SEED ?? '');
if (PROPERTY_SEED) process.env.PROPERTY_SEED = PROPERTY_SEED;

/** Service-layer workers: each has its own demo-* project (test/support/service/setup.ts). */
const SERVICE_WORKERS = Number(process.env.SERVICE_WORKERS ?? 3);

// ---------------------------------------------------------------------------------------------------
// Setup and build

let env;
const tSetup = Date.now();
try {
  env = childEnv({
    ...provision({ system: true }),
    // Node's on-disk compile cache for every Node process of the run; it matters most for the
    // Functions emulator, which starts one worker per concurrent request, each loading the codebase.
    NODE_COMPILE_CACHE: join(CACHE, 'node-compile-cache'),
  });
} catch (e) {
  if (e instanceof ProvisionError) {
    console.error(`provision: ${e.message}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  throw e;
}
const npmCiMs = Number(process.env.PENGADUAN_NPM_CI_MS ?? 0);
if (npmCiMs > 0) record('npm ci', npmCiMs, true);
record('provision', Date.now() - tSetup, true);

/** Writes a small tsconfig in .cache/tsc that extends the project's and only adds where tsc keeps its state. */
function cacheTsconfig(name, base, extra) {
  const dir = join(CACHE, 'tsc');
  fs.mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const text = `${JSON.stringify({ extends: `../../${base}`, compilerOptions: { tsBuildInfoFile: `./${name}.tsbuildinfo`, ...extra } }, null, 2)}\n`;
  // Rewritten only when different: tsc -b treats a newer tsconfig as a changed input.
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  return file;
}

/**
 * Fills Node's compile cache with what every Functions-emulator worker loads: the emulator runtime's
 * own modules, firebase-functions, firebase-admin and functions/lib. The workers never write the cache
 * themselves (the emulator kills them), so without this they would all compile from source.
 */
async function warmCompileCache() {
  const script = `
    const { createRequire, flushCompileCache } = require('node:module');
    const r = createRequire(${JSON.stringify(join(ROOT, 'functions', 'package.json'))});
    const tools = (m) => require.resolve('firebase-tools/lib/emulator/' + m, { paths: [${JSON.stringify(ROOT)}] });
    for (const m of ['express', 'body-parser', 'lodash', tools('functionsEmulatorShared'), tools('functionsEmulatorUtils'),
      'firebase-functions', 'firebase-admin', 'firebase-admin/firestore', 'firebase-admin/auth', 'firebase-admin/storage',
      ${JSON.stringify(join(ROOT, 'functions', 'lib', 'index.js'))}]) {
      try { r(m); } catch (e) { console.error('warm-up: ' + m + ': ' + e.message); }
    }
    flushCompileCache?.();
    process.exit(0);`;
  const r = await exec('node', ['-e', script], { env, cwd: join(ROOT, 'functions') });
  if (r.code !== 0) say(`(compile-cache warm-up failed, which only costs time: ${r.output.trim()})`);
}

async function build() {
  const t0 = Date.now();
  say('\n=== build');
  // The functions as `npm run build -w functions` builds them (tsconfig.build.json), in tsc's build
  // mode: a no-op when functions/lib is newer than every source; rebuilt when lib is missing. The page
  // (Vite) at the same time.
  // A run of the service or rules layer alone needs neither (the service layer runs the TypeScript
  // sources); the static checks need the functions' build, which is their type check.
  const skipped = { code: 0, output: '' };
  const [fn, web] = await Promise.all([
    needFunctions() || !skipStatic
      ? exec(join(BIN, 'tsc'), ['-b', cacheTsconfig('functions-build', 'functions/tsconfig.build.json', {})], { env })
      : skipped,
    needFunctions() ? exec(join(BIN, 'vite'), ['build', '--logLevel', 'warn'], { env, cwd: join(ROOT, 'hosting') }) : skipped,
  ]);
  const ok = fn.code === 0 && web.code === 0;
  if (ok && needFunctions()) await warmCompileCache();
  say(`${fn.output}${web.output}=== build: ${ok ? 'ok' : 'FAILED'} (${secs(Date.now() - t0)} s)`);
  record('build', Date.now() - t0, ok);
  return ok;
}

// ---------------------------------------------------------------------------------------------------
// Lane 1: typecheck → lint → unit → persistence

async function typecheck() {
  // Incremental: tsc keeps what it learnt in .cache/tsc and re-checks only what changed since. The
  // functions are type-checked by the build (tsc -b with the same options), so not twice.
  const projects = ['hosting', 'test'];
  const t0 = Date.now();
  const outs = [];
  let ok = true;
  for (const p of projects) {
    const r = await exec(join(BIN, 'tsc'), ['-p', p, '--noEmit', '--incremental', '--tsBuildInfoFile', join(CACHE, 'tsc', `${p}-check.tsbuildinfo`)], { env, nice: true });
    outs.push(r.output);
    ok &&= r.code === 0;
  }
  say(`\n=== typecheck\n${outs.join('')}=== typecheck: ${ok ? 'ok' : 'FAILED'} (${secs(Date.now() - t0)} s)`);
  record('typecheck', Date.now() - t0, ok);
  return ok;
}

/** The files ESLint lints (git's view: tracked and untracked, not ignored) with the inputs of its type information. */
function lintInputsDigest() {
  const r = spawnSyncSafe('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT });
  if (r === null) return null;
  const files = r.split('\0').filter((f) => /\.(?:[cm]?[jt]s|tsx|json)$/.test(f) && fs.existsSync(join(ROOT, f))).sort();
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(fs.readFileSync(join(ROOT, f))).update('\0');
  h.update(process.version);
  return h.digest('hex');
}
function spawnSyncSafe(cmd, argv, opts) {
  try {
    return execFileSync(cmd, argv, { ...opts, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  } catch {
    return null;
  }
}

async function lint() {
  // ESLint's cache holds one result per file and re-lints a file only when that file changes; but the
  // type-aware rules read other files too (a changed return type elsewhere can make a file fail). So
  // the cache is used only while no linted file, config or lockfile changed at all (same digest as the
  // run that filled it); any change means a full lint, which refills it.
  const dir = join(CACHE, 'eslint');
  const digestFile = join(dir, 'inputs.sha256');
  const digest = lintInputsDigest();
  const previous = fs.existsSync(digestFile) ? fs.readFileSync(digestFile, 'utf8').trim() : null;
  if (digest === null || digest !== previous) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const ok = await stage('lint', join(BIN, 'eslint'), ['.', '--ignore-pattern', '.cache/', '--cache', '--cache-strategy', 'content', '--cache-location', join(dir, 'cache.json')], { env, nice: true });
  if (ok && digest !== null) fs.writeFileSync(digestFile, `${digest}\n`);
  else fs.rmSync(digestFile, { force: true });
  return ok;
}

async function persistence() {
  // npm start's import/export-on-exit: data written before a restart is there after it.
  const t0 = Date.now();
  // At a lower CPU priority, as the other checks: its two emulator starts would otherwise take the
  // CPU from the browser journeys it overlaps.
  const { code, output } = await exec('node', ['scripts/check-persistence.mjs', `--log=${PERSISTENCE_LOG}`], { env, nice: true });
  const ok = code === 0;
  say(`\n=== persistence across an emulator restart\n${output}=== persistence: ${ok ? 'ok' : 'FAILED'} (${secs(Date.now() - t0)} s)`);
  if (!ok) printTail(PERSISTENCE_LOG, 'persistence check failed');
  record('persistence', Date.now() - t0, ok);
  if (ok) passed += 1;
  else failed += 1;
  return ok;
}

async function checksLane() {
  if (!skipStatic) {
    await typecheck();
    await lint();
  }
  // Captured, not live: the emulator lane's reporters have the console while they run.
  if (want('unit')) await vitestStage('unit', env, { nice: true, live: false });
  if (want('persistence')) await persistence();
}

// ---------------------------------------------------------------------------------------------------
// Lane 2: the Emulator Suite

/**
 * Starts `firebase emulators:exec` with scripts/test-emulated.mjs as its script, which hands back the
 * emulators' environment once they are all ready. Resolves to { env, finish(code) } or null.
 */
async function startEmulators() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const logFd = fs.openSync(EMULATOR_LOG, 'a');
  const child = spawn(
    join(BIN, 'firebase'),
    [
      'emulators:exec',
      // One Functions worker process for every function, requests taken in turn (the emulator's
      // debug mode), instead of a cold process per function and per concurrent request, each loading
      // the whole codebase: the wiring and browser layers need reachability, not concurrency (the
      // service layer proves that). PENGADUAN_FUNCTIONS_POOL=1 restores the emulator's usual pool.
      // (The flag takes an optional port: it must not stand before the script argument.)
      ...(needFunctions() && process.env.PENGADUAN_FUNCTIONS_POOL !== '1' ? ['--inspect-functions'] : []),
      '--project', PROJECT_ID,
      '--only', needFunctions() ? 'auth,firestore,functions,storage,hosting' : 'auth,firestore,storage',
      'node scripts/test-emulated.mjs',
    ],
    { cwd: ROOT, env: { ...env, PENGADUAN_BRIDGE: `127.0.0.1:${port}` }, stdio: ['ignore', logFd, logFd] },
  );
  const exited = new Promise((r) => child.on('exit', (code, signal) => r(code ?? (signal ? 1 : 0))));
  const bridged = new Promise((r) =>
    server.once('connection', (socket) => {
      let buf = '';
      socket.on('data', (d) => {
        buf += d.toString();
        const nl = buf.indexOf('\n');
        if (nl >= 0) r({ socket, env: JSON.parse(buf.slice(0, nl)).env });
      });
    }),
  );
  const first = await Promise.race([bridged, exited.then(() => null)]);
  server.close();
  if (!first) {
    fs.closeSync(logFd);
    return null;
  }
  return {
    env: first.env,
    finish: async (code) => {
      first.socket.end(`exit ${code}\n`);
      const c = await exited;
      fs.closeSync(logFd);
      return c;
    },
  };
}

/**
 * One worker per HTTP function before the tests: the Functions emulator loads the whole codebase in a
 * new process for each function's first call (about 1.5 s of CPU here), which otherwise each test
 * waits for in turn; started all at once they load side by side. The requests change nothing: no
 * sign-in and no data, so every callable refuses them (unauthenticated / invalid-argument) and `api`
 * answers 404. Only time depends on this; a failure here is reported and ignored.
 */
async function warmUpFunctions() {
  const { fetch, AbortSignal } = globalThis;
  const t0 = Date.now();
  const urls = [...new Set([...fs.readFileSync(EMULATOR_LOG, 'utf8').matchAll(/http function initialized \((http:\/\/[^)\s]+)\)/g)].map((m) => m[1]))];
  const results = await Promise.allSettled(
    urls.map((url) =>
      url.endsWith('/api')
        ? fetch(`${url}/__warm-up`, { signal: AbortSignal.timeout(120_000) }).then((r) => r.text())
        : fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ data: null }),
            signal: AbortSignal.timeout(120_000),
          }).then((r) => r.text()),
    ),
  );
  const bad = results.filter((r) => r.status === 'rejected').length;
  say(`\n=== functions warm-up: ${urls.length - bad} of ${urls.length} functions have a worker (${secs(Date.now() - t0)} s)`);
  record('functions warm-up', Date.now() - t0, true);
}

async function emulatorLane() {
  const suites = ['rules', 'service', 'wiring', 'e2e'].filter(want);
  if (suites.length === 0) return;
  const t0 = Date.now();
  const [session, mail] = await Promise.all([
    startEmulators(),
    startMailDev({ mailDir: join(RESULTS, 'maildev') }).catch((e) => e),
  ]);
  const startOk = session !== null && !(mail instanceof Error);
  record('emulators start', Date.now() - t0, startOk);
  if (!startOk) {
    say(`\n=== emulators: FAILED to start${mail instanceof Error ? ` (MailDev: ${mail.message})` : ''}`);
    printTail(EMULATOR_LOG, 'emulators did not start');
    failed += suites.length;
    if (session) await session.finish(1);
    if (!(mail instanceof Error)) await mail.stop();
    return;
  }
  say(`\n=== emulators ready (${secs(Date.now() - t0)} s); their output: ${EMULATOR_LOG.slice(ROOT.length + 1)}`);
  const runEnv = { ...session.env, SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`, MAILDEV_URL: mail.url };
  delete runEnv.PENGADUAN_BRIDGE;

  // The rules tests and the service layer side by side: each uses projects of its own
  // (demo-rules-test; demo-svc-1…N, one per service worker), which no function of the emulators and
  // no other test reads. The service layer's `*.last.test.ts` files (scans of what the whole layer
  // wrote) run once every other service file has finished.
  const serviceEnv = { ...runEnv, SERVICE_WORKERS: String(SERVICE_WORKERS) };
  const [rulesOk, serviceOk] = await Promise.all([
    suites.includes('rules') ? vitestStage('rules', runEnv, { live: false }) : true,
    !suites.includes('service')
      ? true
      : filter
        ? vitestStage('service', serviceEnv, { args: [`--maxWorkers=${SERVICE_WORKERS}`] })
        : vitestStage('service', serviceEnv, { args: [`--maxWorkers=${SERVICE_WORKERS}`, '--exclude', '**/*.last.test.ts'] }).then(
            async (ok) => (await vitestStage('service', serviceEnv, { name: 'service (last)', args: ['.last.test.ts'] })) && ok,
          ),
  ]);
  const results = [rulesOk, serviceOk];
  // The wiring layer through the Functions and Hosting emulators (the demo project): its first call
  // of every function also starts that function's worker for the browser journeys. Without it, the
  // warm-up does that (not for a filtered run: warming every function would cost more than it saves).
  // With the one shared worker (--inspect-functions above) there is nothing to warm.
  if (!filter && process.env.PENGADUAN_FUNCTIONS_POOL === '1' && !suites.includes('wiring') && suites.includes('e2e')) await warmUpFunctions();
  if (suites.includes('wiring')) results.push(await vitestStage('wiring', runEnv));
  // End-to-end afterwards, alone: the page's journeys count letters and case numbers of the demo project.
  if (suites.includes('e2e')) {
    const ok = await stage('e2e', join(BIN, 'playwright'), ['test', ...(filter ? ['--pass-with-no-tests', filter] : [])], {
      env: { ...runEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: join(RESULTS, 'e2e.json') },
      live: true,
    });
    const pw = readJson(join(RESULTS, 'e2e.json'));
    if (pw?.stats) {
      playwrightFailures(pw);
      passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
      failed += pw.stats.unexpected ?? 0;
    } else if (!ok) failed += 1;
    results.push(ok);
  }
  const allOk = results.every(Boolean);
  const t1 = Date.now();
  const code = await session.finish(allOk ? 0 : 1);
  await mail.stop();
  const stopOk = !allOk || code === 0;
  record('emulators stop', Date.now() - t1, stopOk);
  if (!allOk || !stopOk) printTail(EMULATOR_LOG, 'an emulator stage failed');
}

// ---------------------------------------------------------------------------------------------------

say(
  PROPERTY_SEED
    ? `property tests: seed ${PROPERTY_SEED} (PROPERTY_SEED)`
    : 'property tests: the fixed default seed (test/support/propertySeed.ts; PROPERTY_SEED=random to explore)',
);
const built = await build();
await Promise.all([
  checksLane(),
  built
    ? emulatorLane()
    : (async () => {
        const n = ['rules', 'service', 'wiring', 'e2e'].filter(want).length;
        if (n > 0) say(`\n=== emulator stages not run: the build failed`);
      })(),
]);

const total = Date.now() - started;
const failures = stages.filter((s) => !s.ok).map((s) => s.name);
const width = Math.max(...stages.map((s) => s.name.length), 'total (wall clock)'.length);
const rows = [
  `${'stage'.padEnd(width)}  seconds  result`,
  ...(lockWait > 1000 ? [`${'waiting for the test lock'.padEnd(width)}  ${secs(lockWait).padStart(7)}`] : []),
  ...stages.map((s) => `${s.name.padEnd(width)}  ${secs(s.ms).padStart(7)}  ${s.ok ? 'ok' : 'FAILED'}`),
  `${'total (wall clock)'.padEnd(width)}  ${secs(total).padStart(7)}`,
];
say(`\n${rows.join('\n')}\n(the checks lane and the emulator lane run at the same time, so stages overlap)`);
if (failures.length > 0) say(`\nFailed stages: ${failures.join(', ')}`);
if (failedTests.length > 0) {
  say(`\nFailed tests:\n${failedTests.map((t) => `  [${t.layer}] ${t.name}\n${t.message}`).join('\n')}`);
}
const anyFail = failures.length > 0 || failed > 0;
// A failed stage with no failed test in it (typecheck, lint, build, a crash) still counts as a failure.
const totalFailed = failed + (anyFail && failed === 0 ? failures.length : 0);
say(`\n${passed} passed, ${totalFailed} failed`);
process.exit(anyFail ? 1 : 0);
