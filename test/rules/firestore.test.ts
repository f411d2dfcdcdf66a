import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  orderBy,
  query,
  setDoc,
  updateDoc,
  where,
  type Firestore,
} from 'firebase/firestore';
import { FIRESTORE_HOST } from '../support/env.js';

/**
 * The whole matrix: who (signed out, no role, deactivated, each role) × collection × operation
 * (get, list, create, update, delete). Expectations are written from the design, not from the rules:
 * active staff read cases, their history and documents, the letter register and the office settings;
 * admin also lists settings and reads every staff profile and the purge log; admin and Kabid read
 * the access log; everyone reads their own profile;
 * nobody writes anything from a client; server-only collections are closed to all.
 */
let env: RulesTestEnvironment;
const [host, port] = FIRESTORE_HOST.split(':') as [string, string];

type Who =
  | 'signed out'
  | 'stranger'
  | 'no role'
  | 'deactivated'
  | 'demoted'
  | 'fo'
  | 'analis'
  | 'koordinator'
  | 'kabid'
  | 'admin';
/**
 * 'stranger': a self-made account (no profile) whose token even claims a role; 'demoted': a Kabid
 * whose roles the admin removed while their page still holds a token with the kabid claim.
 */
const WHO: Who[] = ['signed out', 'stranger', 'no role', 'deactivated', 'demoted', 'fo', 'analis', 'koordinator', 'kabid', 'admin'];
const ACTIVE_STAFF: Who[] = ['fo', 'analis', 'koordinator', 'kabid', 'admin'];

const PROFILES: Record<string, { roles: string[]; active: boolean }> = {
  norole: { roles: [], active: true },
  gone: { roles: ['fo'], active: false },
  demoted: { roles: [], active: true },
  fo: { roles: ['fo'], active: true },
  analis: { roles: ['analis'], active: true },
  koordinator: { roles: ['koordinator'], active: true },
  kabid: { roles: ['kabid'], active: true },
  admin: { roles: ['admin'], active: true },
};

beforeAll(async () => {
  env = await initializeTestEnvironment({
    projectId: 'demo-rules-test',
    firestore: { host, port: Number(port), rules: readFileSync('firestore.rules', 'utf8') },
  });
});
afterAll(async () => env.cleanup());
/**
 * The fixture, written once: every write a test attempts is one the rules must refuse (asserted by
 * assertFails), so no test changes what the next one reads — and a write that wrongly succeeded
 * fails its own test. (Clearing and rewriting the fixture before each of the 263 tests was most of
 * this file's time.)
 */
beforeAll(async () => {
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    const writes: Promise<void>[] = [];
    writes.push(setDoc(doc(db, 'cases/c1'), { state: 'intake', number: 'ADU-2026-000001', version: 1 }));
    writes.push(setDoc(doc(db, 'cases/c1/history/000001'), { seq: 1, action: 'intake' }));
    writes.push(setDoc(doc(db, 'cases/c1/documents/d1'), { kind: 'ktp_kk' }));
    writes.push(setDoc(doc(db, 'cases/c1/private/identity'), { applicant: { nik: '6571014508900001' } }));
    writes.push(setDoc(doc(db, 'caseSummaries/c1'), { state: 'intake', kpmNik: '6571 •••• •••• 0001' }));
    writes.push(setDoc(doc(db, 'caseSearch/c1'), { ids: ['abc'] }));
    writes.push(setDoc(doc(db, 'letters/l1'), { number: '460/0001/Dinsos-PM/XI/2026' }));
    writes.push(setDoc(doc(db, 'settings/office'), { timeStandards: {} }));
    writes.push(setDoc(doc(db, 'counters/cases-2026'), { last: 1 }));
    writes.push(setDoc(doc(db, 'uploadGrants/g1'), { caseId: 'c1' }));
    writes.push(setDoc(doc(db, 'outbox/m1'), { to: 'a@b.c' }));
    writes.push(setDoc(doc(db, 'caseTracking/c1'), { caseId: 'c1', number: 'ADU-2026-000001', codeHash: 'ab' }));
    writes.push(setDoc(doc(db, 'trackingThrottle/n-1'), { failures: [], kind: 'number' }));
    writes.push(setDoc(doc(db, 'accessLog/a1'), { caseId: 'c1', caseNumber: 'ADU-2026-000001', uid: 'fo', what: 'document', at: '2026-11-27T02:00:00.000Z' }));
    writes.push(setDoc(doc(db, 'purgeLog/p1'), { runId: 'p1', counts: { uploadLinks: 1 } }));
    writes.push(setDoc(doc(db, 'securityEvents/e1'), { action: 'sign', reason: 'separation-of-duties' }));
    writes.push(setDoc(doc(db, 'caseRegister/c1'), { caseId: 'c1', number: 'ADU-2026-000001', officers: ['fo'] }));
    writes.push(setDoc(doc(db, 'reportExports/x1'), { uid: 'kabid', kind: 'cases', format: 'xlsx' }));
    writes.push(setDoc(doc(db, 'surveyInvites/c1'), { token: 'abcdefghijklmnopqrstuvwxyz012345', createdAt: '2026-11-27T02:00:00.000Z' }));
    writes.push(setDoc(doc(db, 'surveyResponses/r1'), { answers: { u1: 4 }, channel: 'tautan', month: '2026-11', date: '2026-11-27' }));
    writes.push(setDoc(doc(db, 'skmMonths/2026-11'), { month: '2026-11', respondents: 1, sums: { u1: 4 } }));
    writes.push(setDoc(doc(db, 'reportMonths/2026-11'), { month: '2026-11', received: 1, officers: { fo: { name: 'fo', steps: {} } } }));
    writes.push(setDoc(doc(db, 'reportApplied/c1_000001'), { at: '2026-11-27T02:00:00.000Z' }));
    writes.push(setDoc(doc(db, 'openCases/c1'), { state: 'intake', createdAt: '2026-11-27T02:00:00.000Z' }));
    for (const [uid, p] of Object.entries(PROFILES)) writes.push(setDoc(doc(db, `users/${uid}`), { name: uid, ...p }));
    await Promise.all(writes);
  });
});

const uidOf: Record<Exclude<Who, 'signed out'>, string> = {
  stranger: 'stranger',
  'no role': 'norole',
  deactivated: 'gone',
  demoted: 'demoted',
  fo: 'fo',
  analis: 'analis',
  koordinator: 'koordinator',
  kabid: 'kabid',
  admin: 'admin',
};
const dbFor = (who: Who): Firestore => {
  if (who === 'signed out') return env.unauthenticatedContext().firestore() as unknown as Firestore;
  const uid = uidOf[who];
  // The token's claim: what the profile says, except for the stranger and the demoted Kabid, whose
  // tokens claim roles their profile does not (or no longer) grant.
  const claim = who === 'stranger' ? ['admin'] : who === 'demoted' ? ['kabid'] : PROFILES[uid]!.roles;
  return env.authenticatedContext(uid, { roles: claim }).firestore() as unknown as Firestore;
};

interface Target {
  path: string;
  collection: string;
  get: Who[];
  list: Who[];
}
const TARGETS: Target[] = [
  { path: 'cases/c1', collection: 'cases', get: ACTIVE_STAFF, list: ACTIVE_STAFF },
  { path: 'cases/c1/history/000001', collection: 'cases/c1/history', get: ACTIVE_STAFF, list: ACTIVE_STAFF },
  { path: 'cases/c1/documents/d1', collection: 'cases/c1/documents', get: ACTIVE_STAFF, list: ACTIVE_STAFF },
  // The identity: nobody reads it from a client (the case page gets it from a recording callable).
  { path: 'cases/c1/private/identity', collection: 'cases/c1/private', get: [], list: [] },
  { path: 'caseSummaries/c1', collection: 'caseSummaries', get: ACTIVE_STAFF, list: ACTIVE_STAFF },
  { path: 'caseSearch/c1', collection: 'caseSearch', get: [], list: [] },
  { path: 'letters/l1', collection: 'letters', get: ACTIVE_STAFF, list: ACTIVE_STAFF },
  { path: 'settings/office', collection: 'settings', get: ACTIVE_STAFF, list: ['admin'] },
  { path: 'users/admin', collection: 'users', get: ['admin'], list: ['admin'] },
  { path: 'counters/cases-2026', collection: 'counters', get: [], list: [] },
  { path: 'uploadGrants/g1', collection: 'uploadGrants', get: [], list: [] },
  { path: 'outbox/m1', collection: 'outbox', get: [], list: [] },
  // The tracking codes' keyed hashes and the slow-down records (/lacak): server-only.
  { path: 'caseTracking/c1', collection: 'caseTracking', get: [], list: [] },
  { path: 'trackingThrottle/n-1', collection: 'trackingThrottle', get: [], list: [] },
  // Access records (who saw what): admin and Kabid; the purge log: admin.
  { path: 'accessLog/a1', collection: 'accessLog', get: ['kabid', 'admin'], list: ['kabid', 'admin'] },
  { path: 'purgeLog/p1', collection: 'purgeLog', get: ['admin'], list: ['admin'] },
  { path: 'securityEvents/e1', collection: 'securityEvents', get: ['admin'], list: ['admin'] },
  // The complaint register and the record of its exports: read only through the callables, which
  // show the FO and the analyst only their own cases.
  { path: 'caseRegister/c1', collection: 'caseRegister', get: [], list: [] },
  { path: 'reportExports/x1', collection: 'reportExports', get: [], list: [] },
  // The SKM survey (one-time tokens, anonymous answers, month totals): server-only, read through
  // the skmReport callable and the api function.
  { path: 'surveyInvites/c1', collection: 'surveyInvites', get: [], list: [] },
  { path: 'surveyResponses/r1', collection: 'surveyResponses', get: [], list: [] },
  { path: 'skmMonths/2026-11', collection: 'skmMonths', get: [], list: [] },
  // The monthly report's month documents (every officer's figures), their markers and the open-case
  // entries: server-only; the monthlyReport callable shows the FO and the analyst only their own row.
  { path: 'reportMonths/2026-11', collection: 'reportMonths', get: [], list: [] },
  { path: 'reportApplied/c1_000001', collection: 'reportApplied', get: [], list: [] },
  { path: 'openCases/c1', collection: 'openCases', get: [], list: [] },
];

for (const t of TARGETS) {
  describe(t.collection, () => {
    for (const who of WHO) {
      const canGet = t.get.includes(who);
      const canList = t.list.includes(who);
      it(`${who}: get ${canGet ? 'allowed' : 'denied'}, list ${canList ? 'allowed' : 'denied'}, create/update/delete denied`, async () => {
        const db = dbFor(who);
        await (canGet ? assertSucceeds : assertFails)(getDoc(doc(db, t.path)));
        await (canList ? assertSucceeds : assertFails)(getDocs(collection(db, t.collection)));
        await assertFails(setDoc(doc(db, `${t.collection}/new-doc`), { x: 1 }));
        await assertFails(updateDoc(doc(db, t.path), { x: 2 }));
        await assertFails(deleteDoc(doc(db, t.path)));
      });
    }
  });
}

describe('own profile', () => {
  for (const who of ['no role', 'deactivated', 'fo', 'kabid'] as const) {
    it(`${who}: reads their own profile, cannot edit it (roles are set by the admin callables)`, async () => {
      const db = dbFor(who);
      await assertSucceeds(getDoc(doc(db, `users/${uidOf[who]}`)));
      await assertFails(updateDoc(doc(db, `users/${uidOf[who]}`), { roles: ['admin'], active: true }));
    });
  }
  it('a staff member cannot read another profile', async () => {
    await assertFails(getDoc(doc(dbFor('fo'), 'users/kabid')));
  });
});

describe('the token can only narrow the profile', () => {
  it('an admin whose token lacks the admin claim (not signed in again yet) does not list profiles', async () => {
    const db = env.authenticatedContext('admin', { roles: [] }).firestore() as unknown as Firestore;
    await assertFails(getDocs(collection(db, 'users')));
    await assertFails(getDoc(doc(db, 'cases/c1')));
  });
  it('a Kabid whose token also claims admin reads cases but no staff profile', async () => {
    const db = env.authenticatedContext('kabid', { roles: ['kabid', 'admin'] }).firestore() as unknown as Firestore;
    await assertSucceeds(getDoc(doc(db, 'cases/c1')));
    await assertFails(getDocs(collection(db, 'users')));
  });
});

describe('the access log page', () => {
  it('runs its queries for the Kabid and the admin (by case number, by staff member, by period)', async () => {
    for (const who of ['kabid', 'admin'] as const) {
      const db = dbFor(who);
      await assertSucceeds(getDocs(query(collection(db, 'accessLog'), orderBy('at', 'desc'))));
      await assertSucceeds(getDocs(query(collection(db, 'accessLog'), where('caseNumber', '==', 'ADU-2026-000001'), orderBy('at', 'desc'))));
      await assertSucceeds(getDocs(query(collection(db, 'accessLog'), where('uid', '==', 'fo'), where('at', '>=', '2026-01-01'), orderBy('at', 'desc'))));
    }
  });
  it('a Kabid whose Kabid role was removed (demoted, token still claims it) reads no record', async () => {
    await assertFails(getDocs(query(collection(dbFor('demoted'), 'accessLog'), orderBy('at', 'desc'))));
  });
  it('an admin whose token lacks the claim (narrowed) reads neither the access log nor the purge log', async () => {
    const db = env.authenticatedContext('admin', { roles: [] }).firestore() as unknown as Firestore;
    await assertFails(getDocs(collection(db, 'accessLog')));
    await assertFails(getDocs(collection(db, 'purgeLog')));
  });
});

describe('the queries the staff page runs', () => {
  it('inbox by state, ordered; history by seq; live documents of a case', async () => {
    const db = dbFor('analis');
    await assertSucceeds(getDocs(query(collection(db, 'cases'), where('state', 'in', ['verified']))));
    await assertSucceeds(getDocs(query(collection(db, 'cases/c1/history'), orderBy('seq'))));
    await assertSucceeds(getDocs(collection(db, 'cases/c1/documents')));
  });
  it("admin lists the letters needing attention (cases whose letter is 'dead'); the signed-out and the roleless do not", async () => {
    const deadLetters = (db: Firestore) => getDocs(query(collection(db, 'cases'), where('letter.status', '==', 'dead')));
    await assertSucceeds(deadLetters(dbFor('admin')));
    await assertFails(deadLetters(dbFor('signed out')));
    await assertFails(deadLetters(dbFor('no role')));
    await assertFails(deadLetters(dbFor('deactivated')));
  });
  it('a deactivated account runs none of them', async () => {
    const db = dbFor('deactivated');
    await assertFails(getDocs(query(collection(db, 'cases'), where('state', 'in', ['submitted']))));
  });
});
