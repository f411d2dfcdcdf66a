#!/usr/bin/env node
/**
 * `npm run bench:web`: builds the hosting pages and reports the gzip size of the JavaScript each
 * staff page loads, following Vite's manifest (dist/.vite/manifest.json):
 *   - sign-in: the index.html entry and its static imports (no Firestore allowed here);
 *   - inbox live: sign-in + the dynamic staff app chunk (src/staff/StaffApp.tsx) and its static imports;
 *   - case page, intake, admin: the inbox plus their lazily loaded chunks (informational);
 *   - monthly report (+): only what the lazily loaded report page adds to the inbox (uPlot included).
 * Budgets (DESIGN.md): sign-in ≤ 60 KB, a role's live inbox ≤ 200 KB, the phone upload page ≤ 75 KB,
 * what the monthly report page adds ≤ 60 KB (issue 13), the survey and tracking pages ≤ 30 KB each (issue 14; no
 * Firebase SDK) (gzip).
 * Exits 1 over budget.
 * Options: --no-build (measure the existing dist/).
 */
import { bootstrap, ROOT, run } from './lib.mjs';
bootstrap(new URL(import.meta.url).pathname);

const { readFileSync, existsSync } = await import('node:fs');
const { join } = await import('node:path');
const { gzipSync } = await import('node:zlib');

const DIST = join(ROOT, 'hosting', 'dist');
if (!process.argv.includes('--no-build')) {
  const code = await run('npm', ['run', '-s', 'build', '-w', 'hosting']);
  if (code !== 0) {
    console.error('bench-web: hosting build failed');
    process.exit(1);
  }
}
const manifestPath = join(DIST, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error('bench-web: dist/.vite/manifest.json missing (build.manifest must be true in hosting/vite.config.ts)');
  process.exit(1);
}
/** @type {Record<string, {file: string, imports?: string[], dynamicImports?: string[], isEntry?: boolean, src?: string}>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

const keyFor = (suffix) => {
  const k = Object.keys(manifest).find((key) => key === suffix || key.endsWith(`/${suffix}`) || key.endsWith(suffix));
  if (!k) throw new Error(`bench-web: ${suffix} is not in the manifest`);
  return k;
};
/** The chunk and every chunk it imports statically (what the browser must load before it runs). */
function staticClosure(key, into = new Set()) {
  if (into.has(key)) return into;
  into.add(key);
  for (const i of manifest[key]?.imports ?? []) staticClosure(i, into);
  return into;
}
const gz = new Map();
const gzipOf = (file) => {
  if (!gz.has(file)) {
    const buf = readFileSync(join(DIST, file));
    gz.set(file, { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
  }
  return gz.get(file);
};
const measure = (keys) => {
  let raw = 0;
  let gzip = 0;
  const files = [];
  for (const k of keys) {
    const f = manifest[k].file;
    if (!f.endsWith('.js')) continue;
    const s = gzipOf(f);
    raw += s.raw;
    gzip += s.gzip;
    files.push(`${f} ${(s.gzip / 1024).toFixed(1)} KB`);
  }
  return { raw, gzip, files };
};

const signIn = staticClosure(keyFor('index.html'));
const inbox = staticClosure(keyFor('src/staff/StaffApp.tsx'), new Set(signIn));
const plus = (suffix) => {
  try {
    return staticClosure(keyFor(suffix), new Set(inbox));
  } catch {
    return null;
  }
};
/** The chunks of `keys` that the inbox does not already load. */
const added = (keys) => (keys ? new Set([...keys].filter((k) => !inbox.has(k))) : null);
const pages = [
  { name: 'sign-in', keys: signIn, budget: 60 },
  { name: 'inbox (live)', keys: inbox, budget: 200 },
  { name: 'case page', keys: plus('src/staff/CasePage.tsx') },
  { name: 'intake form', keys: plus('src/staff/Intake.tsx') },
  { name: 'admin', keys: plus('src/staff/Admin.tsx') },
  // The monthly report (uPlot, its charts and tables): what it adds to the staff shell, budget 60 KB.
  { name: 'monthly report (+)', keys: added(plus('src/staff/reports/MonthlyReport.tsx')), budget: 60 },
  // The public pages are their own entries, with no Firebase SDK.
  { name: 'phone upload page', keys: staticClosure(keyFor('unggah.html')), budget: 75 },
  { name: 'verification page', keys: staticClosure(keyFor('verifikasi.html')) },
  { name: 'survey page (SKM)', keys: staticClosure(keyFor('survei.html')), budget: 30 },
  { name: 'tracking page', keys: staticClosure(keyFor('lacak.html')), budget: 30 },
];
const firestoreInSignIn = [...signIn].some((k) => /firestore/i.test(k) || /firestore/i.test(manifest[k].file));

let over = false;
console.log('page                 JS gzip    JS raw     budget');
for (const p of pages) {
  if (!p.keys) continue;
  const m = measure(p.keys);
  const kb = m.gzip / 1024;
  const status = p.budget === undefined ? '' : kb <= p.budget ? `≤ ${p.budget} KB ok` : `> ${p.budget} KB OVER BUDGET`;
  if (p.budget !== undefined && kb > p.budget) over = true;
  console.log(`${p.name.padEnd(20)} ${kb.toFixed(1).padStart(7)} KB ${(m.raw / 1024).toFixed(0).padStart(6)} KB   ${status}`);
  if (process.argv.includes('--verbose')) for (const f of m.files) console.log(`    ${f}`);
}
if (firestoreInSignIn) {
  console.log('sign-in page pulls a Firestore chunk: NOT ALLOWED');
  over = true;
}
process.exit(over ? 1 : 0);
