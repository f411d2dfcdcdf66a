#!/usr/bin/env node
/**
 * Emulator provisioning: idempotent, quick when everything is in place, offline-safe.
 *
 *  1. Find a Java >= 21 (JAVA_HOME, then /usr/lib/jvm/*, then PATH).
 *  2. Firestore emulator: firebase-tools' own jar when it is cached; otherwise a wrapper jar around
 *     the locally installed Cloud SDK component (no Main-Class in that jar, so the wrapper names it).
 *  3. Storage rules runtime: the real one when cached; otherwise the closed stand-in
 *     (emulators/storage-rules-standin), exact for our closed storage.rules.
 *  4. The demo signing certificate (.certs/, scripts/certs.mjs) and functions/.secret.local, where
 *     the Functions emulator reads the secrets (dummy SMTP password, the demo P12).
 *  5. With { system: true } and when running as root: Debian packages the tests need.
 *
 * Returns the environment the emulators must run with. Fails with ONE line: what is missing and how
 * to get it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSecretLocal } from './certs.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.emulators');
const SDK_FIRESTORE_JAR =
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';
const FIRESTORE_MAIN = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';

export class ProvisionError extends Error {}

function javaMajor(javaBin) {
  const r = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 0;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
  if (!m) return 0;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major;
}

/** Finds a JDK/JRE whose `java -version` is >= 21; returns its bin directory. */
export function findJava(minMajor = 21) {
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(join(process.env.JAVA_HOME, 'bin'));
  // PROVISION_JVM_ROOT exists for the test that proves the "no Java" message.
  const jvmRoot = process.env.PROVISION_JVM_ROOT ?? '/usr/lib/jvm';
  if (existsSync(jvmRoot)) {
    for (const d of readdirSync(jvmRoot).sort().reverse()) candidates.push(join(jvmRoot, d, 'bin'));
  }
  for (const p of (process.env.PATH ?? '').split(':')) if (p) candidates.push(p);
  for (const bin of candidates) {
    const java = join(bin, 'java');
    if (existsSync(java) && javaMajor(java) >= minMajor) return bin;
  }
  throw new ProvisionError(
    `no Java ${minMajor}+ found (looked in $JAVA_HOME, ${jvmRoot}/*, $PATH): install a JDK ${minMajor}+ (e.g. Temurin 21/25) and set JAVA_HOME to it`,
  );
}

function emulatorCacheDir() {
  return process.env.FIREBASE_EMULATORS_PATH || join(homedir(), '.cache', 'firebase', 'emulators');
}

function wantedEmulator(name) {
  const info = JSON.parse(
    readFileSync(join(ROOT, 'node_modules/firebase-tools/lib/emulator/downloadableEmulatorInfo.json'), 'utf8'),
  );
  return info[name];
}

function newer(target, ...sources) {
  if (!existsSync(target)) return false;
  const t = statSync(target).mtimeMs;
  return sources.every((s) => statSync(s).mtimeMs <= t);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new ProvisionError(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout || '').trim().split('\n')[0]}`);
  return r.stdout;
}

/** A wrapper jar whose manifest names the Cloud SDK jar's main class and puts it on the class path. */
function firestoreWrapper(javaBin) {
  const jar = join(OUT, 'cloud-firestore-emulator-wrapper.jar');
  if (existsSync(jar)) return jar;
  if (!existsSync(SDK_FIRESTORE_JAR)) {
    throw new ProvisionError(
      `no Firestore emulator: neither firebase-tools' cached jar nor ${SDK_FIRESTORE_JAR}; go online once and run "npx firebase setup:emulators:firestore", or install the google-cloud-cli-firestore-emulator package`,
    );
  }
  const dir = join(OUT, 'firestore-wrapper');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'MANIFEST.MF'),
    `Manifest-Version: 1.0\nMain-Class: ${FIRESTORE_MAIN}\nClass-Path: file:${SDK_FIRESTORE_JAR}\n\n`,
  );
  run(join(javaBin, 'jar'), ['cfm', jar, join(dir, 'MANIFEST.MF')]);
  return jar;
}

/** The closed stand-in for the Storage rules runtime, compiled from emulators/storage-rules-standin. */
function storageStandIn(javaBin) {
  const src = join(ROOT, 'emulators/storage-rules-standin/StorageRulesStandIn.java');
  const jar = join(OUT, 'storage-rules-standin.jar');
  if (newer(jar, src)) return jar;
  const classes = join(OUT, 'storage-standin-classes');
  mkdirSync(classes, { recursive: true });
  if (!existsSync(join(javaBin, 'javac'))) {
    throw new ProvisionError(`no javac beside ${javaBin}/java: install a full JDK 21+ (not a JRE) to build the Storage rules stand-in`);
  }
  run(join(javaBin, 'javac'), ['--release', '21', '-d', classes, src]);
  run(join(javaBin, 'jar'), ['cfe', jar, 'StorageRulesStandIn', '-C', classes, '.']);
  return jar;
}

const SYSTEM_PACKAGES = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/pdftotext', pkg: 'poppler-utils' },
  { bin: '/usr/bin/pdfsig', pkg: 'poppler-utils' },
];

/** Installs the Debian packages the tests need, when missing and when we are root. */
export function ensureSystemPackages({ log = console.log } = {}) {
  const missing = SYSTEM_PACKAGES.filter((p) => !existsSync(p.bin));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  if (process.getuid?.() !== 0) {
    throw new ProvisionError(`missing ${names.join(', ')}: run "sudo apt-get install -y ${names.join(' ')}"`);
  }
  log(`[provision] apt-get install ${names.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/**
 * Makes sure the emulators can start; returns the environment to run them with.
 * @param {{ system?: boolean, log?: (s: string) => void }} [opts]
 */
export function provision({ system = false, log = console.log } = {}) {
  mkdirSync(OUT, { recursive: true });
  const javaBin = findJava(21);
  const env = {
    PATH: `${javaBin}:${process.env.PATH}`,
    JAVA_HOME: dirname(javaBin),
    METADATA_SERVER_DETECTION: 'none',
    FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true',
  };
  const cache = emulatorCacheDir();
  const fs = wantedEmulator('firestore');
  if (!existsSync(join(cache, fs.downloadPathRelativeToCacheDir))) {
    env.FIRESTORE_EMULATOR_BINARY_PATH = firestoreWrapper(javaBin);
  }
  const st = wantedEmulator('storage');
  if (!existsSync(join(cache, st.downloadPathRelativeToCacheDir))) {
    env.STORAGE_EMULATOR_BINARY_PATH = storageStandIn(javaBin);
  }
  writeSecretLocal();
  if (system) ensureSystemPackages({ log });
  return env;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const env = provision({ system: process.argv.includes('--system') });
    for (const [k, v] of Object.entries(env)) if (k !== 'PATH') console.log(`${k}=${v}`);
  } catch (e) {
    if (e instanceof ProvisionError) {
      console.error(`provision: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
