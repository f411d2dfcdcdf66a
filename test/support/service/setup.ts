/**
 * Setup of every service-layer test file (vitest `setupFiles` of the `service` project).
 *
 * Each vitest worker has its own `demo-svc-<n>` project on the shared Firestore, Auth and Storage
 * emulators, so workers share nothing and run in parallel. Before any functions module loads, the
 * environment is the one the Functions emulator gives its workers (./../inProcess.ts); then the
 * whole functions codebase is loaded once per file, served by an in-process host (./host.ts) and
 * fed Firestore events by the trigger pump (./triggers.ts). After the file, the pump drains (no
 * handler of this file still running when the next one starts) and stops, and the host closes.
 */
import { afterAll } from 'vitest';

const worker = process.env['VITEST_POOL_ID'] ?? '1';
process.env['GCLOUD_PROJECT'] = `${process.env['SERVICE_PROJECT_PREFIX'] ?? 'demo-svc'}-${worker}`;
// The functions' Admin SDK calls go to the emulators. Callables' ID tokens: decoded by
// firebase-functions as in the Functions emulator, after the host's production-like check (host.ts).
process.env['FIREBASE_DEBUG_MODE'] = 'true';
process.env['FIREBASE_DEBUG_FEATURES'] = JSON.stringify({ skipTokenVerification: true });
await import('../inProcess.js');
const { PROJECT_ID, REGION, useServiceHost } = await import('../env.js');
const { adminDb } = await import('../admin.js');
const fns = (await import('../../../functions/src/index.js')) as unknown as Record<string, unknown>;
const { startHost } = await import('./host.js');
const { firestoreTriggers, startTriggerPump } = await import('./triggers.js');

const host = await startHost(fns, PROJECT_ID, REGION);
useServiceHost(host.origin);
const pump = startTriggerPump(adminDb, firestoreTriggers(fns));
await pump.ready;

afterAll(async () => {
  await pump.stop();
  await host.close();
});
