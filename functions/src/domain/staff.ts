/**
 * Who a staff member is allowed to be. Pure: the callables, the rules' intent and the staff page
 * share these rules.
 *
 * Authority is the staff profile (`users/{uid}`: active, roles) as it is now. The ID token's roles
 * claim can only narrow it: a role removed from the profile is gone at the next call, even from a
 * page still open with an old token; a role added to the profile takes effect once the person signs
 * in again (every role change revokes their sessions).
 */
import { DomainError } from './errors.js';
import { ROLE_LABELS, ROLES, type Role } from './vocabulary.js';

/** Known roles only, in the vocabulary's order, each once. */
export function rolesOf(raw: unknown): Role[] {
  if (!Array.isArray(raw)) return [];
  return ROLES.filter((r) => raw.includes(r));
}

/** The roles a person may use now: the profile's, narrowed by the token's claim. */
export function effectiveRoles(profileRoles: unknown, tokenRoles: unknown): Role[] {
  const claimed = rolesOf(tokenRoles);
  return rolesOf(profileRoles).filter((r) => claimed.includes(r));
}

/** Roles that work on cases and therefore must never be held together with `admin`. */
export const CASE_DECISION_ROLES: readonly Role[] = ['analis', 'koordinator', 'kabid'];

/**
 * Refuses a role set the office must not grant (`invalid-argument`): the administrator runs the
 * system (accounts, settings) and may not also decide, initial or sign cases, or one person could
 * create a colleague's account and act as them.
 */
export function assertRoleSet(roles: readonly Role[]): void {
  if (!roles.includes('admin')) return;
  const clash = CASE_DECISION_ROLES.filter((r) => roles.includes(r));
  if (clash.length > 0) {
    throw new DomainError(
      'invalid-argument',
      `Peran Administrator tidak boleh digabung dengan peran ${clash.map((r) => ROLE_LABELS[r]).join(', ')}: administrator mengelola sistem dan tidak menangani kasus.`,
      { reason: 'admin-with-case-role', roles: clash },
    );
  }
}

/** How recent a sign-in must be to initial or sign (seconds). */
export const RECENT_SIGN_IN_SECONDS = 5 * 60;

/**
 * Refuses an initial or a signature whose ID token comes from a sign-in older than
 * RECENT_SIGN_IN_SECONDS (`unauthenticated`, reason `recent-sign-in-required`): the signer must
 * confirm with their password at the moment of signing. `authTime` is the token's `auth_time`
 * (seconds since the epoch).
 */
export function assertRecentSignIn(authTime: unknown, now: Date, what: 'paraf' | 'sign'): void {
  const t = typeof authTime === 'number' ? authTime : Number.NaN;
  const age = now.getTime() / 1000 - t;
  if (Number.isFinite(age) && age <= RECENT_SIGN_IN_SECONDS) return;
  const act = what === 'sign' ? 'menandatangani' : 'memaraf';
  throw new DomainError(
    'unauthenticated',
    `Untuk ${act} surat, masukkan kembali kata sandi Anda. Konfirmasi kata sandi berlaku 5 menit.`,
    { reason: 'recent-sign-in-required' },
  );
}
