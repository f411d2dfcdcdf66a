#!/usr/bin/env node
/**
 * Rebuilds the monthly report's month documents (`reportMonths/*`) from the cases and their
 * history, and writes the marker of every counted event (`reportApplied/*`) so that a redelivered
 * trigger event cannot count twice; then every case's complaint-register row (`caseRegister/*`).
 *   npm run reports:rebuild
 * Against the running emulators by default (`npm start`: Firestore at 127.0.0.1:8080, or
 * FIRESTORE_EMULATOR_HOST); against a real project when GCLOUD_PROJECT names one and
 * FIRESTORE_EMULATOR_HOST is unset (application-default credentials). Run it while nobody works
 * on cases: it replaces the month documents with what it computed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap, ROOT, PROJECT_ID, run } from './lib.mjs';
bootstrap(new URL(import.meta.url).pathname);

if ((await run('npm', ['run', '-s', 'build', '-w', 'functions'])) !== 0) process.exit(1);
const storeJs = join(ROOT, 'functions/lib/reports/monthlyStore.js');
if (!existsSync(storeJs)) {
  console.error('reports:rebuild: functions are not built');
  process.exit(2);
}
const project = process.env.GCLOUD_PROJECT ?? PROJECT_ID;
if (project === PROJECT_ID || project.startsWith('demo-')) process.env.FIRESTORE_EMULATOR_HOST ??= '127.0.0.1:8080';
const { initializeApp } = await import('firebase-admin/app');
const { getFirestore } = await import('firebase-admin/firestore');
const { rebuildMonthlyReports } = await import(storeJs);
const { rebuildRegisters } = await import(join(ROOT, 'functions/lib/reports/registerStore.js'));
const db = getFirestore(initializeApp({ projectId: project }));
const where = process.env.FIRESTORE_EMULATOR_HOST ? `emulator ${process.env.FIRESTORE_EMULATOR_HOST}` : `project ${project}`;
const t0 = Date.now();
const r = await rebuildMonthlyReports(db);
console.log(
  `reports:rebuild (${where}): ${r.cases} cases, ${r.events} counted events, ${r.months.length} months` +
    (r.months.length ? ` (${r.months[0]} … ${r.months[r.months.length - 1]})` : '') +
    ` in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
const t1 = Date.now();
console.log(`reports:rebuild: ${await rebuildRegisters()} register rows in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
