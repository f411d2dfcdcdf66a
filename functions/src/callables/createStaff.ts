import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { auth, db } from '../firebase/admin.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { StaffProfile, StaffRoles } from '../schemas.js';

const Input = StaffProfile.extend({
  email: z.email('alamat email tidak valid').max(200),
  password: z.string().min(10, 'kata sandi minimal 10 karakter').max(128),
  roles: StaffRoles,
}).strict();

/** Admin: creates a staff account (Auth user + roles claim + active `users/{uid}` profile). */
export const createStaff = callable(Input, async (d, req) => {
  const admin = await requireRole(req, 'admin');
  const user = await auth()
    .createUser({ email: d.email.toLowerCase(), password: d.password, displayName: d.name })
    .catch((e: { code?: string }) => {
      if (e.code === 'auth/email-already-exists') {
        throw new DomainError('already-exists', 'Email tersebut sudah dipakai akun lain.');
      }
      throw e;
    });
  await auth().setCustomUserClaims(user.uid, { roles: d.roles });
  const now = new Date().toISOString();
  await db().collection('users').doc(user.uid).set({
    name: d.name,
    email: d.email.toLowerCase(),
    title: d.title,
    nip: d.nip ?? '',
    roles: d.roles,
    active: true,
    createdAt: now,
    createdBy: admin.uid,
    updatedAt: now,
  });
  return { uid: user.uid };
});
