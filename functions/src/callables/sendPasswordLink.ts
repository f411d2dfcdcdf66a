import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { rolesOf } from '../domain/staff.js';
import { db } from '../firebase/admin.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { queueSetPasswordEmail } from '../staff/accounts.js';

/**
 * Admin: emails a staff member a one-time link to choose a new password (a forgotten password, a
 * new account whose first link expired). The administrator never sets or sees the password.
 */
export const sendPasswordLink = callable(
  z.object({ uid: z.string().min(1).max(128) }).strict(),
  async ({ uid }, req) => {
    const admin = await requireRole(req, 'admin');
    const snap = await db().collection('users').doc(uid).get();
    if (!snap.exists) throw new DomainError('not-found', 'Akun petugas tidak ditemukan.');
    if (snap.get('active') !== true) {
      throw new DomainError('failed-precondition', 'Akun ini tidak aktif; aktifkan dahulu sebelum mengirim tautan kata sandi.');
    }
    const email = String(snap.get('email') ?? '');
    if (!email) throw new DomainError('failed-precondition', 'Akun ini tidak memiliki alamat email.');
    await queueSetPasswordEmail(
      'reset',
      { uid, name: String(snap.get('name') ?? email), email, roles: rolesOf(snap.get('roles')) },
      admin.uid,
    );
    return { uid, emailQueued: true };
  },
);
