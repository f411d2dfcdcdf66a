import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { getStorage } from 'firebase-admin/storage';

/** Lazily initialised Admin SDK handles (one app per process). */
function app() {
  return getApps()[0] ?? initializeApp();
}
export const db = () => getFirestore(app());
export const auth = () => getAuth(app());
export const bucket = () => getStorage(app()).bucket();
