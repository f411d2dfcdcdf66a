import './env.js';
import { randomUUID } from 'node:crypto';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { getStorage } from 'firebase-admin/storage';
import type { DocumentReference, Query } from 'firebase-admin/firestore';
import type { Role } from '../../functions/src/domain/vocabulary.js';
import { PROJECT_ID } from './env.js';

const app = getApps()[0] ?? initializeApp({ projectId: PROJECT_ID, storageBucket: `${PROJECT_ID}.appspot.com` });
export const adminDb = getFirestore(app);
export const adminAuth = getAuth(app);
export const adminBucket = getStorage(app).bucket();

/**
 * For waitFor's `wakeOn`: a Firestore listener on a document or query that wakes the wait whenever it
 * changes (listener errors are ignored: the wait's own polling and deadline still apply).
 */
export const changesOf =
  (ref: DocumentReference | Query) =>
  (wake: () => void): (() => void) =>
    ref.onSnapshot(
      () => wake(),
      () => undefined,
    );

export interface TestStaff {
  uid: string;
  email: string;
  password: string;
  roles: Role[];
  name: string;
}

/**
 * Creates a staff account directly through the Admin SDK (as the seed does): Auth user, roles claim,
 * and an active `users/{uid}` profile. Unique email per call so tests never collide.
 */
export async function createStaff(roles: Role[], opts: { active?: boolean; name?: string } = {}): Promise<TestStaff> {
  const tag = randomUUID().slice(0, 8);
  const email = `${roles.join('-') || 'none'}-${tag}@test.dinsos.local`;
  const password = `pw-${tag}-Secret!`;
  const name = opts.name ?? `Petugas ${roles.join('/') || 'tanpa peran'} ${tag}`;
  const user = await adminAuth.createUser({ email, password, displayName: name });
  await adminAuth.setCustomUserClaims(user.uid, { roles });
  await adminDb.collection('users').doc(user.uid).set({
    name,
    email,
    roles,
    nip: '198001012006041001',
    title: roles.includes('kabid') ? 'Kepala Bidang Sosial' : 'Staf',
    active: opts.active ?? true,
    createdAt: new Date().toISOString(),
  });
  return { uid: user.uid, email, password, roles, name };
}
