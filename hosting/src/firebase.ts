import { initializeApp } from 'firebase/app';
import { connectAuthEmulator, getAuth } from 'firebase/auth';
import { connectFunctionsEmulator, getFunctions, httpsCallable } from 'firebase/functions';

/**
 * Firebase configuration. A production build gets its values from VITE_FIREBASE_* variables;
 * locally (served from localhost / 127.0.0.1) the page talks to the Emulator Suite.
 */
const env = import.meta.env;
export const config = {
  apiKey: env.VITE_FIREBASE_API_KEY ?? 'demo-api-key',
  authDomain: env.VITE_FIREBASE_AUTH_DOMAIN ?? 'demo-pengaduan-kpm.firebaseapp.com',
  projectId: env.VITE_FIREBASE_PROJECT_ID ?? 'demo-pengaduan-kpm',
  storageBucket: env.VITE_FIREBASE_STORAGE_BUCKET ?? 'demo-pengaduan-kpm.appspot.com',
  appId: env.VITE_FIREBASE_APP_ID ?? 'demo-app',
};
export const REGION = 'asia-southeast2';
export const useEmulators = ['localhost', '127.0.0.1'].includes(location.hostname);
const emulatorHost = location.hostname;

export const app = initializeApp(config);
export const auth = getAuth(app);
export const functions = getFunctions(app, REGION);
if (useEmulators) {
  connectAuthEmulator(auth, `http://${emulatorHost}:9099`, { disableWarnings: true });
  connectFunctionsEmulator(functions, emulatorHost, 5001);
}

/** A typed callable by name. */
export function call<I, O>(name: string) {
  const fn = httpsCallable<I, O>(functions, name);
  return async (input: I): Promise<O> => (await fn(input)).data;
}
