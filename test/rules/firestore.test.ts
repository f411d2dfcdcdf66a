import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { doc, getDoc, setDoc, collection, getDocs, deleteDoc, updateDoc, query, where } from 'firebase/firestore';
import { FIRESTORE_HOST } from '../support/env.js';

let env: RulesTestEnvironment;
const [host, port] = FIRESTORE_HOST.split(':') as [string, string];

beforeAll(async () => {
  env = await initializeTestEnvironment({
    projectId: 'demo-rules-test',
    firestore: { host, port: Number(port), rules: readFileSync('firestore.rules', 'utf8') },
  });
});
afterAll(async () => env.cleanup());
beforeEach(async () => {
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'cases/c1'), { state: 'intake', number: 'ADU-2026-000001' });
    await setDoc(doc(db, 'cases/c1/history/h1'), { action: 'create' });
    await setDoc(doc(db, 'letters/l1'), { number: '460/0001/Dinsos-PM/XI/2026' });
    await setDoc(doc(db, 'settings/office'), { timeStandards: {} });
    await setDoc(doc(db, 'counters/cases-2026'), { next: 2 });
    await setDoc(doc(db, 'uploadGrants/g1'), { caseId: 'c1' });
    await setDoc(doc(db, 'outbox/m1'), { to: 'a@b.c' });
    for (const [uid, roles, active] of [
      ['fo', ['fo'], true],
      ['admin', ['admin'], true],
      ['gone', ['fo'], false],
      ['norole', [], true],
    ] as const) {
      await setDoc(doc(db, `users/${uid}`), { name: uid, roles, active });
    }
  });
});

type Who = 'signed out' | 'no role' | 'deactivated' | 'fo' | 'admin';
const ctxFor = (who: Who) => {
  switch (who) {
    case 'signed out':
      return env.unauthenticatedContext();
    case 'no role':
      return env.authenticatedContext('norole', { roles: [] });
    case 'deactivated':
      return env.authenticatedContext('gone', { roles: ['fo'] });
    case 'fo':
      return env.authenticatedContext('fo', { roles: ['fo'] });
    case 'admin':
      return env.authenticatedContext('admin', { roles: ['admin'] });
  }
};

describe('cases: only active staff read; nobody writes', () => {
  for (const who of ['signed out', 'no role', 'deactivated'] as const) {
    it(`${who}: cannot get or list cases`, async () => {
      const db = ctxFor(who).firestore();
      await assertFails(getDoc(doc(db, 'cases/c1')));
      await assertFails(getDocs(collection(db, 'cases')));
    });
  }
  for (const who of ['fo', 'admin'] as const) {
    it(`${who}: reads cases and history, the inbox query included`, async () => {
      const db = ctxFor(who).firestore();
      await assertSucceeds(getDoc(doc(db, 'cases/c1')));
      await assertSucceeds(getDocs(query(collection(db, 'cases'), where('state', '==', 'intake'))));
      await assertSucceeds(getDocs(collection(db, 'cases/c1/history')));
    });
    it(`${who}: cannot create, update or delete a case or history`, async () => {
      const db = ctxFor(who).firestore();
      await assertFails(setDoc(doc(db, 'cases/c2'), { state: 'signed' }));
      await assertFails(updateDoc(doc(db, 'cases/c1'), { state: 'signed' }));
      await assertFails(deleteDoc(doc(db, 'cases/c1')));
      await assertFails(setDoc(doc(db, 'cases/c1/history/h2'), { action: 'forged' }));
    });
  }
});

describe('server-only collections', () => {
  for (const path of ['counters/cases-2026', 'uploadGrants/g1', 'outbox/m1']) {
    it(`${path}: unreadable and unwritable even by admin`, async () => {
      const db = ctxFor('admin').firestore();
      await assertFails(getDoc(doc(db, path)));
      await assertFails(setDoc(doc(db, path), { x: 1 }));
    });
  }
});

describe('users and settings', () => {
  it('a staff member reads their own profile, not others; admin reads all', async () => {
    await assertSucceeds(getDoc(doc(ctxFor('fo').firestore(), 'users/fo')));
    await assertFails(getDoc(doc(ctxFor('fo').firestore(), 'users/admin')));
    await assertFails(getDocs(collection(ctxFor('fo').firestore(), 'users')));
    await assertSucceeds(getDocs(collection(ctxFor('admin').firestore(), 'users')));
  });
  it('active staff read the office settings; nobody writes them from a client', async () => {
    await assertSucceeds(getDoc(doc(ctxFor('fo').firestore(), 'settings/office')));
    await assertFails(getDoc(doc(ctxFor('deactivated').firestore(), 'settings/office')));
    await assertFails(setDoc(doc(ctxFor('admin').firestore(), 'settings/office'), { x: 1 }));
  });
  it('no one edits their own profile (roles are set by the admin callables)', async () => {
    await assertFails(updateDoc(doc(ctxFor('fo').firestore(), 'users/fo'), { roles: ['admin'] }));
  });
});
