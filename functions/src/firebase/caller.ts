import type { CallableRequest } from 'firebase-functions/v2/https';
import { DomainError } from '../domain/errors.js';
import { effectiveRoles, rolesOf } from '../domain/staff.js';
import type { Role } from '../domain/vocabulary.js';
import type { Actor } from '../domain/workflow.js';
import { db } from './admin.js';

export interface Caller {
  uid: string;
  email: string | undefined;
  /** The roles claim of the ID token (known roles only). Never authority on its own. */
  tokenRoles: Role[];
  /** `auth_time` of the ID token: when the person last entered their password (seconds). */
  authTime: number | undefined;
}

/** The roles claim of a verified ID token, keeping only known roles. */
export function rolesFromToken(token: Record<string, unknown> | undefined): Role[] {
  return rolesOf(token?.['roles']);
}

/** Refuses signed-out callers with `unauthenticated`; returns who is calling. */
export function requireSignedIn(req: Pick<CallableRequest, 'auth'>): Caller {
  if (!req.auth) throw new DomainError('unauthenticated', 'Silakan masuk terlebih dahulu.');
  const authTime = req.auth.token.auth_time;
  return {
    uid: req.auth.uid,
    email: req.auth.token.email,
    tokenRoles: rolesFromToken(req.auth.token),
    authTime: typeof authTime === 'number' ? authTime : undefined,
  };
}

export interface ActiveStaff extends Caller {
  /** The roles this person may use now: the profile's, narrowed by the token (see domain/staff.ts). */
  roles: Role[];
  name: string;
  nip: string | undefined;
}

/**
 * Refuses callers who are not active staff now, reading the profile (`users/{uid}`) at the moment
 * of the call: no profile (a stranger's self-made account), a profile marked inactive, or no role
 * left once the profile's roles are narrowed by the token's claim (a demoted person's open page).
 */
export async function requireActiveStaff(req: Pick<CallableRequest, 'auth'>): Promise<ActiveStaff> {
  const caller = requireSignedIn(req);
  const profile = await db().collection('users').doc(caller.uid).get();
  if (!profile.exists) {
    throw new DomainError('permission-denied', 'Akun Anda tidak terdaftar sebagai petugas.', { reason: 'no-profile' });
  }
  if (profile.get('active') !== true) {
    throw new DomainError('permission-denied', 'Akun Anda tidak aktif.', { reason: 'inactive' });
  }
  const roles = effectiveRoles(profile.get('roles'), caller.tokenRoles);
  if (roles.length === 0) {
    throw new DomainError('permission-denied', 'Akun Anda belum memiliki peran.', { reason: 'no-role' });
  }
  const nip = profile.get('nip') as string | undefined;
  return { ...caller, roles, name: String(profile.get('name') ?? caller.email ?? caller.uid), nip: nip || undefined };
}

/** Refuses callers who are not active staff holding `role` now. */
export async function requireRole(req: Pick<CallableRequest, 'auth'>, role: Role): Promise<ActiveStaff> {
  const caller = await requireActiveStaff(req);
  if (!caller.roles.includes(role)) {
    throw new DomainError('permission-denied', 'Anda tidak memiliki wewenang untuk tindakan ini.');
  }
  return caller;
}

/** An active staff member as the domain's Actor (name and NIP from the profile). */
export const actorFromStaff = (c: ActiveStaff): Actor => ({
  uid: c.uid,
  name: c.name,
  roles: c.roles,
  ...(c.nip ? { nip: c.nip } : {}),
});

/** The active staff member calling, as the domain's Actor. */
export async function actorOf(req: Pick<CallableRequest, 'auth'>): Promise<Actor> {
  return actorFromStaff(await requireActiveStaff(req));
}
