import { HttpsError, beforeUserCreated } from 'firebase-functions/v2/identity';
import { logger } from 'firebase-functions/v2';

/**
 * The closed door: no account may be created from a client (public Email/Password sign-up is on by
 * default on a Firebase project). Staff accounts are created only by the `createStaff` callable and
 * `scripts/create-admin.mjs`, through the Admin SDK, which does not run blocking functions. A
 * blocking function needs Firebase Authentication with Identity Platform on a real project.
 */
export const refuseSelfSignUp = beforeUserCreated((event) => {
  logger.warn('refuseSelfSignUp: client sign-up refused', { email: event.data?.email ?? null });
  throw new HttpsError(
    'permission-denied',
    'Pendaftaran akun sendiri tidak diizinkan. Akun petugas dibuat oleh administrator.',
  );
});
