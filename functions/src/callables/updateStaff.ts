import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { auth, db } from '../firebase/admin.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { StaffProfile, StaffRoles } from '../schemas.js';

const Input = StaffProfile.partial()
  .extend({
    uid: z.string().min(1).max(128),
    roles: StaffRoles.optional(),
    active: z.boolean().optional(),
  })
  .strict();

/**
 * Admin: changes a staff member's roles, profile or active flag. Deactivation disables the Auth
 * account, revokes its sessions and clears the roles claim; the profile's `active: false` makes it
 * effective at once for rules and callables (both check it). An admin cannot deactivate or
 * un-admin themself (the office must not lock itself out).
 */
export const updateStaff = callable(Input, async (d, req) => {
  const admin = await requireRole(req, 'admin');
  const ref = db().collection('users').doc(d.uid);
  const snap = await ref.get();
  if (!snap.exists) throw new DomainError('not-found', 'Akun petugas tidak ditemukan.');
  if (d.uid === admin.uid && (d.active === false || (d.roles && !d.roles.includes('admin')))) {
    throw new DomainError('failed-precondition', 'Anda tidak dapat menonaktifkan atau mencabut peran admin akun Anda sendiri.');
  }
  const active = d.active ?? (snap.get('active') as boolean);
  const roles = d.roles ?? (snap.get('roles') as string[]);
  await auth().updateUser(d.uid, { disabled: !active, ...(d.name ? { displayName: d.name } : {}) });
  await auth().setCustomUserClaims(d.uid, { roles: active ? roles : [] });
  if (!active) await auth().revokeRefreshTokens(d.uid);
  await ref.update({
    ...(d.name !== undefined ? { name: d.name } : {}),
    ...(d.title !== undefined ? { title: d.title } : {}),
    ...(d.nip !== undefined ? { nip: d.nip } : {}),
    roles,
    active,
    updatedAt: new Date().toISOString(),
    updatedBy: admin.uid,
  });
  return { uid: d.uid, roles, active };
});
