#!/usr/bin/env node
/**
 * Checks the hash chain of a case's history and names the first broken link.
 *   npm run audit:chain -- ADU-2026-000123        (or a case id; --all for every case)
 * Against the emulators when FIRESTORE_EMULATOR_HOST is set (npm start sets nothing in your shell:
 * export FIRESTORE_EMULATOR_HOST=127.0.0.1:8080), otherwise against the project of the
 * application-default credentials. Exit 0 when every chain is intact, 1 when one is broken.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, PROJECT_ID } from './lib.mjs';

const chainJs = join(ROOT, 'functions/lib/audit/chain.js');
if (!existsSync(chainJs)) {
  console.error('audit: functions are not built; run "npm run build" first');
  process.exit(2);
}
const { verifyChain } = await import(chainJs);
const { initializeApp } = await import('firebase-admin/app');
const { getFirestore } = await import('firebase-admin/firestore');

const arg = process.argv[2];
if (!arg) {
  console.error('usage: npm run audit:chain -- <case number | case id | --all>');
  process.exit(2);
}
const db = getFirestore(initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? PROJECT_ID }));

async function casesToCheck() {
  if (arg === '--all') return (await db.collection('cases').select('number').get()).docs;
  if (/^ADU-\d{4}-\d{6}$/.test(arg)) return (await db.collection('cases').where('number', '==', arg).get()).docs;
  const d = await db.doc(`cases/${arg}`).get();
  return d.exists ? [d] : [];
}

const docs = await casesToCheck();
if (docs.length === 0) {
  console.error(`audit: no case ${arg}`);
  process.exit(2);
}
let broken = 0;
for (const d of docs) {
  const entries = (await d.ref.collection('history').get()).docs.map((h) => h.data());
  const head = d.get('historyHead');
  const r = verifyChain(entries);
  const headOk = r.ok && head?.hash === r.head && head?.seq === r.length;
  const label = `${d.get('number')} (${d.id})`;
  if (r.ok && headOk) console.log(`OK      ${label}: ${r.length} entries, head ${r.head.slice(0, 12)}…`);
  else {
    broken++;
    console.log(
      r.ok
        ? `BROKEN  ${label}: the case's historyHead does not point at the last entry (entries removed at the end?)`
        : `BROKEN  ${label}: first broken link at entry ${r.seq}: ${r.reason}`,
    );
  }
}
process.exit(broken ? 1 : 0);
