/** Emulator endpoints, as `firebase emulators:exec` exports them (with this project's defaults). */
export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? 'demo-pengaduan-kpm';
export const REGION = 'asia-southeast2';
export const FIRESTORE_HOST = process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080';
export const AUTH_HOST = process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9099';
export const STORAGE_HOST = process.env.FIREBASE_STORAGE_EMULATOR_HOST ?? '127.0.0.1:9199';
export let FUNCTIONS_ORIGIN = 'http://127.0.0.1:5001';
export let HOSTING_URL = process.env.HOSTING_URL ?? 'http://127.0.0.1:5000';
/** Set when the functions are served in this process (the service layer): both URLs point at that host. */
export let SERVICE_ORIGIN: string | undefined;

/** The service layer's setup: the Functions and Hosting URLs of the tests are the in-process host's. */
export function useServiceHost(origin: string): void {
  SERVICE_ORIGIN = origin;
  FUNCTIONS_ORIGIN = origin;
  HOSTING_URL = origin;
}
export const MAILDEV_URL = process.env.MAILDEV_URL ?? 'http://127.0.0.1:1080';

// The Admin SDK reads these; set them before it initialises (for runs outside emulators:exec).
process.env.FIRESTORE_EMULATOR_HOST = FIRESTORE_HOST;
process.env.FIREBASE_AUTH_EMULATOR_HOST = AUTH_HOST;
process.env.FIREBASE_STORAGE_EMULATOR_HOST = STORAGE_HOST;
process.env.GCLOUD_PROJECT = PROJECT_ID;
