/**
 * The signer confirms with their password at the moment of initialling or signing: a fresh
 * sign-in gives the ID token a new `auth_time`, which the server requires to be under 5 minutes
 * old (functions/src/domain/staff.ts, `assertRecentSignIn`).
 */
import { EmailAuthProvider, reauthenticateWithCredential } from 'firebase/auth';
import { auth } from '../firebase';

/** Re-enters the current user's password; throws an Error with an Indonesian message when wrong. */
export async function confirmPassword(password: string): Promise<void> {
  const user = auth.currentUser;
  if (!user?.email) throw new Error('Sesi Anda telah berakhir. Silakan masuk kembali.');
  try {
    await reauthenticateWithCredential(user, EmailAuthProvider.credential(user.email, password));
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    const message = /wrong-password|invalid-credential|invalid-login/.test(code)
      ? 'Kata sandi salah.'
      : code === 'auth/too-many-requests'
        ? 'Terlalu banyak percobaan. Coba lagi beberapa saat lagi.'
        : 'Kata sandi tidak dapat diperiksa. Periksa koneksi lalu coba lagi.';
    throw new Error(message, { cause: err });
  }
}
