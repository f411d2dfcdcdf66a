/**
 * Benchmark: N cases through the whole workflow on the emulators (intake → signed), five users.
 * Prints p50/p95 per callable (client-observed, ms), the same for a bare Firestore transaction doing
 * the same reads and writes (the floor: read case + staff profile + settings, write case + history
 * entry), the ratio of each callable to the floor, and cases per minute.
 *   npm run bench:transitions [-- --cases 20]
 * The Functions emulator serves one request per function at a time: figures are a floor, not
 * production's.
 */
import { adminDb } from '../test/support/admin.js';
import { decideYes, intakeForm, office } from '../test/support/workflow.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('cases', 20);
const times: Record<string, number[]> = {};
const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const r = await f();
  (times[name] ??= []).push(performance.now() - t0);
  return r;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

const o = await office();
// Warm-up: the first call of each function loads its code.
type Moved = { caseId: string; version: number };
async function oneCase(label = true) {
  const t = label ? timed : <T>(_n: string, f: () => Promise<T>) => f();
  const form = intakeForm();
  let c = await t('createCase', () => o.fo.call<Moved>('createCase', form));
  const ref = () => ({ caseId: c.caseId, expectedVersion: c.version });
  c = { ...c, ...(await t('submitCase', () => o.fo.call<Moved>('submitCase', ref()))) };
  c = { ...c, ...(await t('verifyCase', () => o.fo.call<Moved>('verifyCase', { ...ref(), checks: form.documentsPresent.map((kind) => ({ kind, ok: true })) }))) };
  c = { ...c, ...(await t('decideCase', () => o.analis.call<Moved>('decideCase', decideYes(ref())))) };
  c = { ...c, ...(await t('parafCase', () => o.koordinator.call<Moved>('parafCase', ref()))) };
  c = { ...c, ...(await t('signCase', () => o.kabid.call<Moved>('signCase', { ...ref(), confirm: true }))) };
}
await oneCase(false);

const t0 = performance.now();
for (let i = 0; i < N; i++) await oneCase();
const wallMin = (performance.now() - t0) / 60_000;

// The floor: the same reads and writes in a bare transaction from this process.
const probe = adminDb.collection('benchFloor').doc();
await probe.set({ state: 'x', version: 1 });
for (let i = 0; i < N * 6; i++) {
  await timed('bare transaction', () =>
    adminDb.runTransaction(async (tx) => {
      const [c] = await Promise.all([tx.get(probe), tx.get(adminDb.doc(`users/${o.staff.fo.uid}`)), tx.get(adminDb.doc('settings/office'))]);
      const v = (c.get('version') as number) + 1;
      tx.update(probe, { version: v, updatedAt: new Date().toISOString() });
      tx.create(probe.collection('history').doc(String(v).padStart(6, '0')), { seq: v, at: new Date().toISOString() });
    }),
  );
}
const floor50 = pct(times['bare transaction']!, 50);
const floor95 = pct(times['bare transaction']!, 95);
console.log(`\nbench:transitions — ${N} cases, intake → signed, on the Emulator Suite`);
console.log(`${'callable'.padEnd(18)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p50/floor'.padStart(10)} ${'p95/floor'.padStart(10)}`);
for (const [name, xs] of Object.entries(times)) {
  const p50 = pct(xs, 50);
  const p95 = pct(xs, 95);
  console.log(
    `${name.padEnd(18)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${(p50 / floor50).toFixed(1).padStart(10)} ${(p95 / floor95).toFixed(1).padStart(10)}`,
  );
}
console.log(`cases per minute (6 sequential calls each, one client): ${(N / wallMin).toFixed(1)}`);
await o.close();
process.exit(0);
