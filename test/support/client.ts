import './env.js';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import {
  EmailAuthProvider,
  connectAuthEmulator,
  getAuth,
  reauthenticateWithCredential,
  signInWithEmailAndPassword,
} from 'firebase/auth';
import { connectFunctionsEmulator, getFunctions, httpsCallable, type Functions } from 'firebase/functions';
import { AUTH_HOST, PROJECT_ID, REGION } from './env.js';

let n = 0;
const APPROVALS = new Set(['parafCase', 'signCase']);

/** A web-SDK client (as the staff page uses), optionally signed in; one app per client. */
export async function client(creds?: { email: string; password: string }) {
  const app: FirebaseApp = initializeApp({ apiKey: 'demo-api-key', projectId: PROJECT_ID }, `client-${++n}`);
  const auth = getAuth(app);
  connectAuthEmulator(auth, `http://${AUTH_HOST}`, { disableWarnings: true });
  const functions: Functions = getFunctions(app, REGION);
  connectFunctionsEmulator(functions, '127.0.0.1', 5001);
  if (creds) await signInWithEmailAndPassword(auth, creds.email, creds.password);
  return {
    auth,
    /** Calls a callable and returns its data. */
    // The Functions emulator starts a cold worker for each concurrent request, so a burst of 50 can
    // outlast the SDK's default 70 s; the tests' own timeouts bound every wait.
    call: async <T = unknown>(name: string, data: unknown = {}): Promise<T> => {
      // As the staff page does: initialling and signing are confirmed with the password at once.
      if (creds && APPROVALS.has(name) && auth.currentUser) {
        await reauthenticateWithCredential(auth.currentUser, EmailAuthProvider.credential(creds.email, creds.password));
      }
      return (await httpsCallable<unknown, T>(functions, name, { timeout: 300_000 })(data)).data;
    },
    /** Calls without the page's password confirmation (to test the server's refusal). */
    callWithoutConfirmation: async <T = unknown>(name: string, data: unknown = {}): Promise<T> =>
      (await httpsCallable<unknown, T>(functions, name, { timeout: 300_000 })(data)).data,
    close: () => deleteApp(app),
  };
}

/** The `code` of a rejected callable ('functions/permission-denied' → 'permission-denied'). */
export async function errorCode(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { code: String(err.code ?? '').replace(/^functions\//, ''), message: String(err.message ?? '') };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
