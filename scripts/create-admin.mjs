#!/usr/bin/env node
/**
 * Creates the first administrator of a real project (after that, accounts are managed on the admin
 * page). Uses the application-default credentials (`gcloud auth application-default login`) and
 * the project from GCLOUD_PROJECT; against the emulators when FIREBASE_AUTH_EMULATOR_HOST and
 * FIRESTORE_EMULATOR_HOST are set.
 *   GCLOUD_PROJECT=my-project node scripts/create-admin.mjs admin@dinsos.example "Nama Admin"
 * Prints a generated password once; the administrator should change it at first sign-in.
 */
import { randomBytes } from 'node:crypto';
import { initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';

const [email, name] = process.argv.slice(2);
const projectId = process.env.GCLOUD_PROJECT;
if (!email || !name || !projectId) {
  console.error('usage: GCLOUD_PROJECT=<project> node scripts/create-admin.mjs <email> "<name>"');
  process.exit(2);
}
const app = initializeApp({ projectId });
const password = randomBytes(12).toString('base64url');
const user = await getAuth(app).createUser({ email: email.toLowerCase(), password, displayName: name });
await getAuth(app).setCustomUserClaims(user.uid, { roles: ['admin'] });
await getFirestore(app).doc(`users/${user.uid}`).set({
  name,
  email: email.toLowerCase(),
  title: 'Administrator',
  nip: '',
  roles: ['admin'],
  active: true,
  createdAt: new Date().toISOString(),
});
console.log(`admin ${email} created (uid ${user.uid}); password: ${password}`);
process.exit(0);
