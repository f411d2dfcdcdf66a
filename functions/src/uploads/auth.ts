/**
 * Who is calling an HTTP route of the `api` function. Staff send `Authorization: Bearer <ID token>`
 * (verified with revocation checked, then the same active-staff rule as the callables); a phone
 * holding an upload link sends its capability token instead (`Authorization: Upload <token>`, or
 * the token in the `/unggah/:token` path).
 */
import type { DecodedIdToken } from 'firebase-admin/auth';
import { DomainError } from '../domain/errors.js';
import { auth } from '../firebase/admin.js';
import { requireActiveStaff } from '../firebase/caller.js';

export type AuthScheme = { scheme: 'bearer'; token: string } | { scheme: 'upload'; token: string } | null;

/** The scheme and credential of an Authorization header (case-insensitive scheme), or null. */
export function parseAuthorization(header: string | undefined): AuthScheme {
  const m = /^\s*(Bearer|Upload)\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m?.[1] || !m[2]) return null;
  return { scheme: m[1].toLowerCase() === 'bearer' ? 'bearer' : 'upload', token: m[2] };
}

export interface StaffCaller {
  uid: string;
  name: string;
  roles: string[];
}

const SIGN_IN_AGAIN = 'Sesi Anda tidak berlaku. Silakan masuk kembali.';

/**
 * Verifies a staff ID token (signature, expiry, and revocation / a disabled account:
 * `unauthenticated`), then requires an active staff profile with a role (`permission-denied`).
 */
export async function requireStaffToken(idToken: string | undefined): Promise<StaffCaller> {
  if (!idToken) throw new DomainError('unauthenticated', 'Silakan masuk terlebih dahulu.');
  let decoded: DecodedIdToken;
  try {
    decoded = await auth().verifyIdToken(idToken, true);
  } catch {
    throw new DomainError('unauthenticated', SIGN_IN_AGAIN);
  }
  const staff = await requireActiveStaff({ auth: { uid: decoded.uid, token: decoded, rawToken: idToken } });
  return { uid: staff.uid, name: staff.name, roles: staff.roles };
}
