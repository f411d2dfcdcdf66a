/**
 * `/sandi?oobCode=…`: a staff member chooses their own password from the one-time link emailed when
 * the administrator created the account or sent a reset link. The code is checked first (who it is
 * for, whether it is still valid), then the new password is confirmed with it and the person is
 * signed in.
 */
import { confirmPasswordReset, signInWithEmailAndPassword, verifyPasswordResetCode } from 'firebase/auth';
import { useEffect, useState } from 'preact/hooks';
import { auth } from './firebase';

const MIN = 10;

function codeMessage(code: string): string {
  if (code === 'auth/expired-action-code') return 'Tautan ini sudah kedaluwarsa. Minta administrator mengirim tautan baru.';
  if (code === 'auth/invalid-action-code') return 'Tautan ini tidak berlaku atau sudah dipakai. Minta administrator mengirim tautan baru.';
  if (code === 'auth/user-disabled') return 'Akun ini telah dinonaktifkan. Hubungi administrator.';
  if (code === 'auth/weak-password') return 'Kata sandi terlalu lemah.';
  return 'Permintaan tidak dapat diproses. Periksa koneksi lalu coba lagi.';
}

export function SetPassword() {
  const oobCode = new URLSearchParams(location.search).get('oobCode') ?? '';
  const [email, setEmail] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(oobCode ? null : 'Tautan tidak lengkap. Buka kembali tautan dari email Anda.');
  const [pw, setPw] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!oobCode) return;
    verifyPasswordResetCode(auth, oobCode).then(setEmail, (e: { code?: string }) => setError(codeMessage(e.code ?? '')));
  }, [oobCode]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!email) return;
    if (pw.length < MIN) return setError(`Kata sandi minimal ${MIN} karakter.`);
    if (pw !== again) return setError('Kedua isian kata sandi tidak sama.');
    setBusy(true);
    setError(null);
    try {
      await confirmPasswordReset(auth, oobCode, pw);
      history.replaceState(null, '', '/');
      await signInWithEmailAndPassword(auth, email, pw);
    } catch (err) {
      setError(codeMessage((err as { code?: string }).code ?? ''));
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <form onSubmit={submit} class="card" aria-labelledby="setpw-title">
        <p class="eyebrow">Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan</p>
        <h1 id="setpw-title">Tetapkan kata sandi</h1>
        {email && <p>Akun: <strong>{email}</strong></p>}
        {email && (
          <>
            <label for="new-password">Kata sandi baru (minimal {MIN} karakter)</label>
            <input id="new-password" type="password" autocomplete="new-password" required minLength={MIN} value={pw} onInput={(e) => setPw(e.currentTarget.value)} />
            <label for="new-password-again">Ulangi kata sandi baru</label>
            <input id="new-password-again" type="password" autocomplete="new-password" required value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
            <p class="muted">Kata sandi hanya Anda yang tahu; jangan berikan kepada siapa pun, termasuk administrator.</p>
          </>
        )}
        {error && <p role="alert" class="error">{error}</p>}
        {email && <button type="submit" disabled={busy}>{busy ? 'Memproses…' : 'Simpan dan masuk'}</button>}
        {!email && !error && <p class="loading">Memeriksa tautan…</p>}
        {error && <a href="/">Kembali ke halaman masuk</a>}
      </form>
    </main>
  );
}
