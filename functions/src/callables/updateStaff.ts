import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { assertRoleSet, rolesOf } from '../domain/staff.js';
import { db } from '../firebase/admin.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { StaffProfile, StaffRoles } from '../schemas.js';
import { applyStaffChange } from '../staff/accounts.js';

const Input = StaffProfile.partial()
  .extend({
    uid: z.string().min(1).max(128),
    roles: StaffRoles.optional(),
    active: z.boolean().optional(),
  })
  .strict();

/**
 * Admin: changes a staff member's roles, profile or active flag. The caller's own authority is
 * read from their profile now (a demoted admin with an open page is refused). A change of roles or
 * of the active flag is written profile first and ends by revoking the person's sessions (see
 * `applyStaffChange`). An admin cannot deactivate or un-admin themself (the office must not lock
 * itself out), and `admin` is never combined with a case-deciding role.
 */
export const updateStaff = callable(Input, async (d, req) => {
  const admin = await requireRole(req, 'admin');
  const snap = await db().collection('users').doc(d.uid).get();
  if (!snap.exists) throw new DomainError('not-found', 'Akun petugas tidak ditemukan.');
  if (d.uid === admin.uid && (d.active === false || (d.roles && !d.roles.includes('admin')))) {
    throw new DomainError('failed-precondition', 'Anda tidak dapat menonaktifkan atau mencabut peran admin akun Anda sendiri.');
  }
  const before = { roles: rolesOf(snap.get('roles')), active: snap.get('active') === true };
  const roles = d.roles ? rolesOf(d.roles) : before.roles;
  const active = d.active ?? before.active;
  assertRoleSet(roles);
  const rolesChanged = roles.join() !== before.roles.join();
  await applyStaffChange(d.uid, {
    roles,
    active,
    profile: {
      ...(d.name !== undefined ? { name: d.name } : {}),
      ...(d.title !== undefined ? { title: d.title } : {}),
      ...(d.nip !== undefined ? { nip: d.nip } : {}),
    },
    byUid: admin.uid,
    revoke: rolesChanged || active !== before.active,
  });
  return { uid: d.uid, roles, active };
});
