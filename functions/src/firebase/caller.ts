import type { CallableRequest } from 'firebase-functions/v2/https';
import { DomainError } from '../domain/errors.js';
import { ROLES, type Role } from '../domain/vocabulary.js';
import type { Actor } from '../domain/workflow.js';
import { db } from './admin.js';

export interface Caller {
  uid: string;
  email: string | undefined;
  roles: Role[];
}

/** The roles claim of a verified ID token, keeping only known roles. */
export function rolesFromToken(token: Record<string, unknown> | undefined): Role[] {
  const raw = token?.['roles'];
  if (!Array.isArray(raw)) return [];
  return raw.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
}

/** Refuses signed-out callers with `unauthenticated`; returns who is calling and their roles. */
export function requireSignedIn(req: Pick<CallableRequest, 'auth'>): Caller {
  if (!req.auth) throw new DomainError('unauthenticated', 'Silakan masuk terlebih dahulu.');
  return { uid: req.auth.uid, email: req.auth.token.email, roles: rolesFromToken(req.auth.token) };
}

/**
 * Refuses callers who are not active staff: no role, or a profile marked inactive (a deactivation
 * takes effect at once, before the ID token expires).
 */
export async function requireActiveStaff(
  req: Pick<CallableRequest, 'auth'>,
): Promise<Caller & { name: string; nip: string | undefined }> {
  const caller = requireSignedIn(req);
  if (caller.roles.length === 0) throw new DomainError('permission-denied', 'Akun Anda belum memiliki peran.');
  const profile = await db().collection('users').doc(caller.uid).get();
  if (profile.get('active') !== true) throw new DomainError('permission-denied', 'Akun Anda tidak aktif.');
  const nip = profile.get('nip') as string | undefined;
  return { ...caller, name: String(profile.get('name') ?? caller.email ?? caller.uid), nip: nip || undefined };
}

/** Refuses callers who are not active staff holding `role`. */
export async function requireRole(req: Pick<CallableRequest, 'auth'>, role: Role) {
  const caller = await requireActiveStaff(req);
  if (!caller.roles.includes(role)) {
    throw new DomainError('permission-denied', 'Anda tidak memiliki wewenang untuk tindakan ini.');
  }
  return caller;
}

/** The active staff member calling, as the domain's Actor (name and NIP from the profile). */
export async function actorOf(req: Pick<CallableRequest, 'auth'>): Promise<Actor> {
  const c = await requireActiveStaff(req);
  return { uid: c.uid, name: c.name, roles: c.roles, ...(c.nip ? { nip: c.nip } : {}) };
}
