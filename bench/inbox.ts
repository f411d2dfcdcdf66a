/**
 * Benchmark: what a role's live inbox transfers, with N open cases waiting for that role.
 *   npm run bench:inbox [-- --cases 1000]
 * Seeds N cases in state `verified` (the Analis's inbox) through the same domain functions as
 * intake (planIntake → the stored case, its identity, its inbox row, its search keys), opens the
 * staff page as an Analis in Chromium, and reads from the DevTools protocol the bytes the page
 * received from the Firestore emulator until all N rows are on screen, and the time it took. It
 * also scans the received inbox documents for identity (16-digit numbers, phone numbers, e-mail
 * addresses, street names), and prints, for comparison, the size of the same N documents in the
 * format the inbox read before the split (the whole case with its identity).
 */
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../functions/src/domain/settings.js';
import { splitCase, summaryDocOf } from '../functions/src/domain/caseSummary.js';
import { planIntake } from '../functions/src/domain/intake.js';
import { startClock } from '../functions/src/domain/officeClock.js';
import { adminDb, createStaff } from '../test/support/admin.js';
import { intakeForm } from '../test/support/workflow.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('cases', 1000);
const HOSTING = process.env.HOSTING_URL ?? 'http://127.0.0.1:5000';

// --- seed ------------------------------------------------------------------------------------
const analis = await createStaff(['analis'], { name: 'Analis Bench' });
const fo = { uid: 'bench-fo', name: 'FO Bench', roles: ['fo'] as const };
let legacyBytes = 0;
let batch = adminDb.batch();
let inBatch = 0;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const form = intakeForm({ name: `Siti Aminah ${i}`, email: `pemohon${i}@contoh.example` });
  const now = new Date(Date.now() - (N - i) * 60_000);
  const kase = planIntake(form, { ...fo, roles: [...fo.roles] }, now, DEFAULT_SETTINGS);
  const number = `ADU-2026-${String(900000 + i).padStart(6, '0')}`;
  const whole = { ...kase, number, state: 'verified' as const, clock: startClock('verified', now) };
  legacyBytes += Buffer.byteLength(JSON.stringify(whole));
  const { stored, identity } = splitCase(whole);
  const ref = adminDb.collection('cases').doc();
  batch.set(ref, { ...stored, historyHead: null });
  batch.set(ref.collection('private').doc('identity'), identity);
  batch.set(adminDb.collection('caseSummaries').doc(ref.id), summaryDocOf(whole, stored.summary));
  if (++inBatch === 400) {
    await batch.commit();
    batch = adminDb.batch();
    inBatch = 0;
  }
}
if (inBatch > 0) await batch.commit();
console.log(`seeded ${N} verified cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// --- measure in Chromium -----------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
await page.goto(HOSTING);
await page.getByLabel('Email').fill(analis.email);
await page.getByLabel('Kata sandi').fill(analis.password);
await page.getByRole('button', { name: 'Masuk' }).click();
await page.getByTestId('roles').waitFor();

const cdp = await page.context().newCDPSession(page);
await cdp.send('Network.enable');
const firestoreRequests = new Set<string>();
const received = new Map<string, number>();
cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
  if (e.request.url.includes(':8080/')) firestoreRequests.add(e.requestId);
});
cdp.on('Network.dataReceived', (e: { requestId: string; encodedDataLength: number; dataLength: number }) => {
  if (firestoreRequests.has(e.requestId)) received.set(e.requestId, (received.get(e.requestId) ?? 0) + (e.encodedDataLength || e.dataLength));
});

// The inbox subscribes on load: reload the page and time until every row is shown.
const start = performance.now();
await page.reload();
await page.getByTestId('inbox').locator('tbody tr').nth(N - 1).waitFor({ timeout: 300_000 });
const liveMs = performance.now() - start;
await page.waitForTimeout(500);
const bytes = [...received.values()].reduce((a, b) => a + b, 0);

// The same query in Firestore's own wire encoding (REST runQuery answers documents as the listen
// channel does: name, typed fields, times), raw and gzip-compressed: the emulator sends it
// uncompressed, Firebase's front end compresses it for any browser (Accept-Encoding: gzip).
const rest = await fetch(
  `http://${process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080'}/v1/projects/${process.env.GCLOUD_PROJECT ?? 'demo-pengaduan-kpm'}/databases/(default)/documents:runQuery`,
  {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer owner' },
    body: JSON.stringify({
      structuredQuery: {
        from: [{ collectionId: 'caseSummaries' }],
        where: { fieldFilter: { field: { fieldPath: 'state' }, op: 'IN', value: { arrayValue: { values: [{ stringValue: 'verified' }] } } } },
      },
    }),
  },
);
const wire = Buffer.from(await rest.arrayBuffer());
const bodyBytes = wire.length;
const gzipped = gzipSync(wire).length;

// The documents themselves, as the inbox query returns them, scanned for identity.
const rows = await adminDb.collection('caseSummaries').where('state', 'in', ['verified']).get();
const rowText = rows.docs.map((d) => JSON.stringify(d.data())).join('\n');
const identityHits = (rowText.match(/\b\d{16}\b|\+62\d{8,}|[\w.+-]+@[\w-]+\.[\w.]+|Jl\. |Siti Aminah/g) ?? []).length;
const rowBytes = Buffer.byteLength(rowText);
await browser.close();

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
console.log(`\nbench:inbox — the Analis's inbox with ${rows.size} open cases (Chromium, emulators)`);
console.log(`  documents in the inbox query        ${rows.size}`);
console.log(`  bytes received from Firestore        ${kb(bytes)} (DevTools, whole page load incl. settings and protocol)`);
console.log(`  the inbox documents in wire encoding  ${kb(bodyBytes)}; gzip-compressed ${kb(gzipped)}`);
console.log(`  inbox documents' own data (JSON)     ${kb(rowBytes)}`);
console.log(`  the same cases as the inbox read them before the split (whole case with identity, JSON) ${kb(legacyBytes)}`);
console.log(`  time until all rows are on screen    ${(liveMs / 1000).toFixed(1)} s`);
console.log(`  identity fields in the inbox traffic ${identityHits}`);
process.exit(0);
