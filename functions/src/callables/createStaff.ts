import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { assertRoleSet } from '../domain/staff.js';
import { auth, db } from '../firebase/admin.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { StaffProfile, StaffRoles } from '../schemas.js';
import { queueSetPasswordEmail } from '../staff/accounts.js';

const Input = StaffProfile.extend({
  email: z.email('alamat email tidak valid').max(200),
  roles: StaffRoles,
}).strict();

/**
 * Admin: creates a staff account (Auth user without a password, roles claim, active `users/{uid}`
 * profile) and emails the person a one-time link to choose their own password: nobody else ever
 * knows it. The administrator role is never combined with a case-deciding role.
 */
export const createStaff = callable(Input, async (d, req) => {
  const admin = await requireRole(req, 'admin');
  assertRoleSet(d.roles);
  const email = d.email.toLowerCase();
  const user = await auth()
    .createUser({ email, displayName: d.name })
    .catch((e: { code?: string }) => {
      if (e.code === 'auth/email-already-exists') {
        throw new DomainError('already-exists', 'Email tersebut sudah dipakai akun lain.');
      }
      throw e;
    });
  const now = new Date().toISOString();
  await db().collection('users').doc(user.uid).set({
    name: d.name,
    email,
    title: d.title,
    nip: d.nip ?? '',
    roles: d.roles,
    active: true,
    createdAt: now,
    createdBy: admin.uid,
    updatedAt: now,
  });
  await auth().setCustomUserClaims(user.uid, { roles: d.roles });
  await queueSetPasswordEmail('new-account', { uid: user.uid, name: d.name, email, roles: d.roles }, admin.uid);
  return { uid: user.uid, emailQueued: true };
});
