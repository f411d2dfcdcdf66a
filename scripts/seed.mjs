/**
 * Demo data for `npm start`, written in this process by functions/src/demo/seed.ts (compiled to
 * functions/lib by the build start.mjs runs first): the demo staff, a few cases in every state
 * handled by them in the office hours just before now, and a backdated year of cases for the
 * reports, the registers and the SKM index — every case made by the code the callables run
 * (planIntake/planTransition and their writers), every signed case with its letter (numbered,
 * rendered, PAdES-signed, stored), the register rows and month documents by the trigger's own
 * consumers, the survey answers by the survey route's. The Functions emulator's background triggers
 * are off meanwhile (Emulator Hub), then on again.
 *
 * Only on an empty project: an imported export (.emulator-data) is left as it is.
 */
/* global fetch */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PROJECT_ID, ROOT } from './lib.mjs';

const lib = (p) => import(`${ROOT}/functions/lib/${p}`);

/**
 * The environment the Functions emulator gives its workers, for the functions' code run in this
 * process: the emulator flag, the demo project's parameters and the local secret values
 * (scripts/certs.mjs writes functions/.secret.local). Values already set win.
 */
export function useFunctionsEnv() {
  process.env.FUNCTIONS_EMULATOR = 'true';
  process.env.GCLOUD_PROJECT ??= PROJECT_ID;
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  for (const file of [`functions/.env.${PROJECT_ID}`, 'functions/.secret.local']) {
    const path = join(ROOT, file);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (m && process.env[m[1]] === undefined) process.env[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
    }
  }
}

/** Switches the Functions emulator's background triggers off or on (Emulator Hub). */
export async function backgroundTriggers(enabled) {
  const hub = process.env.FIREBASE_EMULATOR_HUB ?? '127.0.0.1:4400';
  const res = await fetch(`http://${hub}/functions/${enabled ? 'enable' : 'disable'}BackgroundTriggers`, { method: 'PUT' });
  if (!res.ok) throw new Error(`Emulator Hub refused to ${enabled ? 'enable' : 'disable'} triggers: ${res.status}`);
}

let prepared;
/**
 * Loads the seeding module and the Admin SDK (seconds of CPU on a cold machine): start.mjs calls it
 * while the emulators start, so the seed itself begins at once.
 */
export function prepare() {
  prepared ??= (async () => {
    useFunctionsEnv();
    const { getApps, initializeApp } = await import('firebase-admin/app');
    const projectId = process.env.GCLOUD_PROJECT;
    if (getApps().length === 0) initializeApp({ projectId, storageBucket: `${projectId}.appspot.com` });
    const [seed, plan] = await Promise.all([lib('demo/seed.js'), lib('demo/plan.js')]);
    if (isMainThread) letterWorker();
    return { seed, plan };
  })();
  return prepared;
}

/** Loads the fonts and opens the signing certificate: the first letter of a process costs a second more. */
async function warmUpLetters() {
  const [{ pdfmake, FONT_FAMILY }, { configuredSigner }] = await Promise.all([lib('letter/render.js'), lib('letter/pades.js')]);
  const pdf = await pdfmake()
    .createPdf({ content: [{ text: 'Surat Keterangan', bold: true }, { text: 'Tarakan', italics: true }, { qr: 'http://127.0.0.1:5000/' }], defaultStyle: { font: FONT_FAMILY } })
    .getBuffer();
  await configuredSigner().sign(pdf, { letterNumber: '-', signerName: '-', signerNip: '', signerTitle: '-', signedAt: new Date() });
}

let worker;
/**
 * A thread that issues the letters (`letterIssuer` of functions/src/demo/seed.ts): rendering is CPU
 * work, which a second core does while this thread writes the cases. Started, and warmed up, while
 * the emulators start. `issue(caseId, letterAt)` answers as the issuer does: `claimed`, then `done`.
 */
export function letterWorker() {
  if (worker) return worker;
  const w = new Worker(new URL(import.meta.url), { workerData: { role: 'letters' } });
  const pending = new Map();
  let ids = 0;
  const fail = (e) => {
    for (const p of pending.values()) p.fail(e);
    pending.clear();
  };
  const ready = new Promise((resolve, reject) => {
    w.on('message', (m) => {
      if (m.ready) return resolve();
      const p = pending.get(m.id);
      if (!p) return;
      if (m.claimed) return p.claimed();
      pending.delete(m.id);
      if (m.error) p.fail(new Error(m.error));
      else p.done(m.outcome);
    });
    w.on('error', (e) => {
      reject(e);
      fail(e);
    });
    w.on('exit', () => fail(new Error('the letters thread stopped')));
  });
  ready.catch(() => undefined);
  worker = {
    ready,
    issue: (caseId, letterAt) => {
      const id = ++ids;
      const p = {};
      const claimed = new Promise((resolve) => (p.claimed = resolve));
      const done = new Promise((resolve, reject) => {
        p.done = resolve;
        p.fail = (e) => (p.claimed(), reject(e));
      });
      pending.set(id, p);
      ready.then(() => w.postMessage({ id, caseId, letterAt }), p.fail);
      return { claimed, done };
    },
    close: async () => {
      worker = undefined;
      await w.terminate();
    },
  };
  return worker;
}

const { DEMO_PASSWORD, DEMO_STAFF } = await lib('demo/plan.js');
export { DEMO_PASSWORD };
/** The five demo logins (the backdated year has two more colleagues, without a printed login). */
export const DEMO_LOGINS = DEMO_STAFF.filter((s) => s.login);

/** Seeds an empty project (see the module comment). Returns what was written, or null. */
export async function seed({ log = console.log, now = new Date() } = {}) {
  const { seed: demo } = await prepare();
  const { getFirestore } = await import('firebase-admin/firestore');
  if (!(await getFirestore().collection('cases').limit(1).get()).empty) {
    await worker?.close();
    return null;
  }
  const t0 = Date.now();
  await backgroundTriggers(false);
  let r;
  let enabling;
  // Back on as soon as nothing a trigger listens to is left to write (switching them on reloads the
  // functions: seconds), or when the seed fails.
  const enable = () => (enabling ??= backgroundTriggers(true));
  try {
    r = await demo.seedDemo({ now, deliver: true, log, letterIssuers: [letterWorker().issue], afterWrites: enable });
  } finally {
    await worker?.close();
    await enable();
  }
  const states = {};
  for (const c of r.cases) states[c.state] = (states[c.state] ?? 0) + 1;
  const live = r.script.filter((c) => c.live).length;
  log(
    `[seed] office ${r.office.officeId}: ${r.staffCreated} staff accounts, ${live} cases of today and ${r.cases.length - live} of the past year ` +
      `(${Object.entries(states).map(([s, n]) => `${s} ${n}`).join(', ')}), ${r.letters} letters, ${r.surveys} survey answers, ` +
      `${r.entries} history entries, in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  // The first case of the day (its receipt is the one a newcomer tries /lacak with).
  const firstLive = r.script.find((c) => c.live);
  const first = r.receipts.find((x) => x.key === firstLive?.key);
  if (first) log(`[seed] tracking page of ${first.receipt.number}: ${first.receipt.trackingUrl}`);
  return r;
}

// The letters' thread (see `letterWorker`).
if (!isMainThread && workerData?.role === 'letters') {
  const { seed: demo } = await prepare();
  await warmUpLetters();
  const issue = demo.letterIssuer();
  parentPort.on('message', ({ id, caseId, letterAt }) => {
    const { claimed, done } = issue(caseId, letterAt);
    void claimed.then(() => parentPort.postMessage({ id, claimed: true }));
    done.then(
      (outcome) => parentPort.postMessage({ id, outcome }),
      (e) => parentPort.postMessage({ id, error: String(e?.stack ?? e) }),
    );
  });
  parentPort.postMessage({ ready: true });
}
