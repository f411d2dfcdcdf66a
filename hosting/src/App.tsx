import { useEffect, useState } from 'preact/hooks';
import { onAuthStateChanged, signInWithEmailAndPassword, signOut, type User } from 'firebase/auth';
import { auth, call } from './firebase';
import { ROLE_LABELS, type Role } from '../../functions/src/domain/vocabulary';

interface Me {
  uid: string;
  email: string | null;
  roles: Role[];
  name: string | null;
  active: boolean;
}
const whoami = call<Record<string, never>, Me>('whoami');

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

function Home({ user }: { user: User }) {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    whoami({}).then(setMe, () => setError('Gagal memuat profil Anda.'));
  }, [user.uid]);
  return (
    <main class="home">
      <header class="topbar">
        <span>Layanan Pengaduan KPM</span>
        <button type="button" onClick={() => void signOut(auth)}>Keluar</button>
      </header>
      {error && <p role="alert" class="error">{error}</p>}
      {me && (
        <section class="card">
          <h1>Selamat datang, {me.name ?? me.email}</h1>
          <p>Peran Anda:</p>
          <ul data-testid="roles">
            {me.roles.map((r) => (
              <li key={r} data-role={r}>{ROLE_LABELS[r]}</li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => onAuthStateChanged(auth, setUser), []);
  if (user === undefined) return <p class="loading">Memuat…</p>;
  return user ? <Home user={user} /> : <SignIn />;
}
