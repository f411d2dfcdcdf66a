import { useEffect, useState } from 'preact/hooks';
import { onAuthStateChanged, signInWithEmailAndPassword, type User } from 'firebase/auth';
import { auth } from './firebase';
import type * as StaffModuleType from './staff/StaffApp';
import { SetPassword } from './SetPassword';


function authMessage(code: string): string {
  switch (code) {
    case 'auth/invalid-credential':
    case 'auth/wrong-password':
    case 'auth/user-not-found':
      return 'Email atau kata sandi salah.';
    case 'auth/user-disabled':
      return 'Akun ini telah dinonaktifkan. Hubungi administrator.';
    case 'auth/too-many-requests':
      return 'Terlalu banyak percobaan. Coba lagi beberapa saat lagi.';
    default:
      return 'Gagal masuk. Periksa koneksi Anda dan coba lagi.';
  }
}

function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signInWithEmailAndPassword(auth, email.trim(), password);
    } catch (err) {
      setError(authMessage((err as { code?: string }).code ?? ''));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <form onSubmit={submit} class="card" aria-labelledby="signin-title">
        <p class="eyebrow">Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan</p>
        <h1 id="signin-title">Layanan Pengaduan KPM Sembako/BPNT</h1>
        <label for="email">Email</label>
        <input id="email" type="email" autocomplete="username" required value={email}
          onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="password">Kata sandi</label>
        <input id="password" type="password" autocomplete="current-password" required value={password}
          onInput={(e) => setPassword(e.currentTarget.value)} />
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Memproses…' : 'Masuk'}</button>
      </form>
    </main>
  );
}

type StaffModule = typeof StaffModuleType;

/**
 * Everything after sign-in (Firestore, the inbox, the case pages) is one dynamic import, so the
 * sign-in page loads only Preact, Auth and Functions.
 */
function Staff({ user }: { user: User }) {
  const [mod, setMod] = useState<StaffModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./staff/StaffApp').then(setMod, () => setFailed(true));
  }, []);
  if (failed) return <p role="alert" class="error loading">Aplikasi tidak dapat dimuat. Periksa koneksi lalu muat ulang halaman.</p>;
  if (!mod) return <p class="loading">Memuat…</p>;
  return <mod.StaffApp user={user} />;
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => onAuthStateChanged(auth, setUser), []);
  if (user === undefined) return <p class="loading">Memuat…</p>;
  if (!user && location.pathname === '/sandi') return <SetPassword />;
  return user ? <Staff user={user} /> : <SignIn />;
}
