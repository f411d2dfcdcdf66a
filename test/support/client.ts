import './env.js';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import {
  EmailAuthProvider,
  connectAuthEmulator,
  getAuth,
  reauthenticateWithCredential,
  signInWithEmailAndPassword,
  type Auth,
} from 'firebase/auth';
import { connectFunctionsEmulator, getFunctions, httpsCallable, type Functions } from 'firebase/functions';
import { AUTH_HOST, FUNCTIONS_ORIGIN, PROJECT_ID, REGION, SERVICE_ORIGIN } from './env.js';

let n = 0;
const APPROVALS = new Set(['parafCase', 'signCase']);

/** What a test does with a caller: call callables as the staff page does, and hold an ID token. */
export interface Client {
  /** Calls a callable and returns its data (paraf and sign confirmed with the password first, as the page does). */
  call: <T = unknown>(name: string, data?: unknown) => Promise<T>;
  /** Calls without the page's password confirmation (to test the server's refusal). */
  callWithoutConfirmation: <T = unknown>(name: string, data?: unknown) => Promise<T>;
  /** The current ID token (for requests to the HTTP functions). */
  idToken: () => Promise<string>;
  close: () => Promise<void>;
}

/**
 * A caller for the layer the test runs in: in the service layer (functions served in this process,
 * test/support/service/) the callable protocol over HTTP to that host with an ID token from the Auth
 * emulator; elsewhere the web SDK against the Functions emulator, as the staff page.
 */
export async function client(creds?: { email: string; password: string }): Promise<Client> {
  return SERVICE_ORIGIN ? serviceClient(creds) : webClient(creds);
}

/** A web-SDK client (as the staff page uses), optionally signed in; one app per client. */
export async function webClient(creds?: { email: string; password: string }): Promise<Client & { auth: Auth }> {
  const app: FirebaseApp = initializeApp({ apiKey: 'demo-api-key', projectId: PROJECT_ID }, `client-${++n}`);
  const auth = getAuth(app);
  connectAuthEmulator(auth, `http://${AUTH_HOST}`, { disableWarnings: true });
  const functions: Functions = getFunctions(app, REGION);
  connectFunctionsEmulator(functions, '127.0.0.1', 5001);
  if (creds) await signInWithEmailAndPassword(auth, creds.email, creds.password);
  // The Functions emulator starts a cold worker for each concurrent request, so a burst can outlast
  // the SDK's default 70 s; the tests' own timeouts bound every wait.
  const raw = async <T>(name: string, data: unknown): Promise<T> =>
    (await httpsCallable<unknown, T>(functions, name, { timeout: 300_000 })(data)).data;
  return {
    auth,
    call: async <T = unknown>(name: string, data: unknown = {}): Promise<T> => {
      // As the staff page does: initialling and signing are confirmed with the password at once.
      if (creds && APPROVALS.has(name) && auth.currentUser) {
        await reauthenticateWithCredential(auth.currentUser, EmailAuthProvider.credential(creds.email, creds.password));
      }
      return raw<T>(name, data);
    },
    callWithoutConfirmation: <T = unknown>(name: string, data: unknown = {}) => raw<T>(name, data),
    idToken: () => auth.currentUser!.getIdToken(),
    close: () => deleteApp(app),
  };
}

/**
 * A POST to the Auth emulator's REST API (`path` after `/v1/`) with the emulator's admin credential,
 * which lets a request name its project (`targetProjectId`, or a `projects/<id>/` path).
 */
export function authEmulatorAdmin(path: string, body: unknown): Promise<Response> {
  return fetch(`http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer owner' },
    body: JSON.stringify(body),
  });
}

/**
 * Signs in with the Auth emulator's REST API on this test's project: a real ID token, which the
 * callable wrapper verifies. (The emulator picks the project of a password sign-in from the API
 * key, i.e. its default project; `targetProjectId` with the emulator's admin credential names ours.)
 */
export async function signInWithPassword(email: string, password: string): Promise<{ idToken: string; uid: string }> {
  const res = await authEmulatorAdmin('accounts:signInWithPassword?key=demo-api-key', { email, password, returnSecureToken: true, targetProjectId: PROJECT_ID });
  const j = (await res.json()) as { idToken?: string; localId?: string; error?: { message: string } };
  if (!j.idToken || !j.localId) throw Object.assign(new Error(j.error?.message ?? `sign-in failed (${res.status})`), { code: 'auth/sign-in-failed' });
  return { idToken: j.idToken, uid: j.localId };
}

/** An error as the web SDK gives it: `code` 'functions/permission-denied', message, details. */
class CallableError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

/** The callable protocol (POST `{ data }`, answer `{ result }` or `{ error }`) to the in-process host. */
async function serviceClient(creds?: { email: string; password: string }): Promise<Client> {
  let token = creds ? (await signInWithPassword(creds.email, creds.password)).idToken : undefined;
  const raw = async <T>(name: string, data: unknown): Promise<T> => {
    const res = await fetch(`${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ data }),
    });
    const text = await res.text();
    let body: { result?: T; error?: { status?: string; message?: string; details?: unknown } };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new CallableError('functions/internal', `not a callable answer (${res.status}): ${text.slice(0, 200)}`, undefined);
    }
    if (res.ok && 'result' in body) return body.result as T;
    const status = String(body.error?.status ?? 'INTERNAL').toLowerCase().replace(/_/g, '-');
    throw new CallableError(`functions/${status}`, String(body.error?.message ?? ''), body.error?.details);
  };
  return {
    call: async <T = unknown>(name: string, data: unknown = {}): Promise<T> => {
      // As the staff page does: a fresh sign-in (a new auth_time) right before initialling or signing.
      if (creds && APPROVALS.has(name)) token = (await signInWithPassword(creds.email, creds.password)).idToken;
      return raw<T>(name, data);
    },
    callWithoutConfirmation: <T = unknown>(name: string, data: unknown = {}) => raw<T>(name, data),
    idToken: () => (token ? Promise.resolve(token) : Promise.reject(new Error('this client is not signed in'))),
    close: () => Promise.resolve(),
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
