/**
 * Everyone changes their own password here: the current password first (a fresh sign-in), then the
 * new one twice. Nobody else, the administrator included, ever knows it.
 */
import { updatePassword } from 'firebase/auth';
import { useState } from 'preact/hooks';
import { auth } from '../firebase';
import { confirmPassword } from './reauth';
import { Dialog, ErrorBox, Field } from './ui';

export const MIN_PASSWORD_LENGTH = 10;

/** Indonesian sentence for a new password that is not acceptable, or null. */
export function newPasswordProblem(pw: string, again: string): string | null {
  if (pw.length < MIN_PASSWORD_LENGTH) return `Kata sandi baru minimal ${MIN_PASSWORD_LENGTH} karakter.`;
  if (pw !== again) return 'Kedua isian kata sandi baru tidak sama.';
  return null;
}

export function ChangePassword({ onClose }: { onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = newPasswordProblem(pw, again);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await confirmPassword(current);
      const user = auth.currentUser;
      if (!user) throw new Error('Sesi Anda telah berakhir. Silakan masuk kembali.');
      await updatePassword(user, pw).catch((err: { code?: string }) => {
        throw new Error(err.code === 'auth/weak-password' ? 'Kata sandi baru terlalu lemah.' : 'Kata sandi tidak dapat diubah. Coba lagi.');
      });
      setDone(true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open title="Ganti kata sandi" onClose={onClose}>
      {done ? (
        <div class="stack">
          <p role="status" class="note-ok">Kata sandi Anda telah diganti.</p>
          <div class="actions"><button type="button" onClick={onClose}>Tutup</button></div>
        </div>
      ) : (
        <form class="stack" onSubmit={submit}>
          <Field id="pw-current" label="Kata sandi saat ini">
            <input id="pw-current" type="password" autocomplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
          </Field>
          <Field id="pw-new" label="Kata sandi baru" hint={`Minimal ${MIN_PASSWORD_LENGTH} karakter.`}>
            <input id="pw-new" type="password" autocomplete="new-password" required minLength={MIN_PASSWORD_LENGTH} value={pw} onInput={(e) => setPw(e.currentTarget.value)} />
          </Field>
          <Field id="pw-again" label="Ulangi kata sandi baru">
            <input id="pw-again" type="password" autocomplete="new-password" required value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
          </Field>
          <ErrorBox message={error} />
          <div class="actions">
            <button type="submit" disabled={busy}>{busy ? 'Memproses…' : 'Simpan kata sandi'}</button>
            <button type="button" class="secondary" onClick={onClose}>Batal</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
