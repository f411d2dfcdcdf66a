import { connectFirestoreEmulator, getFirestore, type Firestore } from 'firebase/firestore';
import type { Auth } from 'firebase/auth';
import { FIRESTORE_HOST } from './env.js';

const connected = new WeakSet<Firestore>();

/** The web SDK's Firestore of a test client (as the staff page reads it), on the emulator. */
export function firestoreClient(c: { auth: Auth }): Firestore {
  const db = getFirestore(c.auth.app);
  if (!connected.has(db)) {
    const [host, port] = FIRESTORE_HOST.split(':') as [string, string];
    connectFirestoreEmulator(db, host, Number(port));
    connected.add(db);
  }
  return db;
}
