/**
 * The staff app after sign-in: top bar with the role switcher, and the pages by path.
 * Loaded with a dynamic import by App.tsx, so the sign-in page never pulls Firestore.
 */
import type { User } from 'firebase/auth';
import { signOut } from 'firebase/auth';
import { useEffect, useState } from 'preact/hooks';
import { auth, call } from '../firebase';
import { ROLE_LABELS, ROLES, type Role } from '../../../functions/src/domain/vocabulary';
import { useSettings } from './db';
import { Inbox } from './Inbox';
import { Lazy, Link, errorMessage } from './ui';
import type { Me } from './types';

const whoami = call<Record<string, never>, Me>('whoami');

const loadIntake = () => import('./Intake').then((m) => m.Intake);
const loadCase = () => import('./CasePage').then((m) => m.CasePage);
const loadStaff = () => import('./Admin').then((m) => m.StaffAdmin);
const loadSettings = () => import('./Admin').then((m) => m.SettingsAdmin);
const loadPassword = () => import('./ChangePassword').then((m) => m.ChangePassword);
const loadAccessLog = () => import('./AccessLog').then((m) => m.AccessLog);
const loadRegisters = () => import('./reports/Registers').then((m) => m.Registers);
const loadMonthlyReport = () => import('./reports/MonthlyReport').then((m) => m.MonthlyReport);
const loadSurveyCounter = () => import('./SurveyCounter').then((m) => m.SurveyCounter);
const loadSkmReport = () => import('./reports/SkmReport').then((m) => m.SkmReport);
/** Who answers for the use of personal data reads the access log (rules: admin or Kabid). */
const mayReadAccessLog = (roles: readonly Role[]) => roles.includes('admin') || roles.includes('kabid');

function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const on = () => {
      setPath(location.pathname);
      window.scrollTo(0, 0);
    };
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return path;
}

const ROLE_KEY = 'pengaduan.peran';

export function StaffApp({ user }: { user: User }) {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [role, setRoleState] = useState<Role | null>(null);
  const [changingPassword, setChangingPassword] = useState(false);
  const path = usePath();
  const settings = useSettings();

  useEffect(() => {
    whoami({}).then(
      (m) => {
        setMe(m);
        const saved = localStorage.getItem(ROLE_KEY) as Role | null;
        const ordered = ROLES.filter((r) => m.roles.includes(r));
        setRoleState(saved && ordered.includes(saved) ? saved : (ordered[0] ?? null));
      },
      (e) => setError(`Gagal memuat profil Anda. ${errorMessage(e)}`),
    );
  }, [user.uid]);

  const setRole = (r: Role) => {
    localStorage.setItem(ROLE_KEY, r);
    setRoleState(r);
  };

  let page;
  if (!me || !role) {
    page = error ? null : <p class="loading">Memuat profil…</p>;
    if (me && (!me.active || me.roles.length === 0)) {
      page = (
        <section class="card narrow">
          <h1>Akun belum aktif</h1>
          <p>Akun Anda belum memiliki peran atau telah dinonaktifkan. Hubungi administrator.</p>
        </section>
      );
    }
  } else if (path === '/pengaduan/baru') {
    page = <Lazy key="intake" load={loadIntake} props={{ me, settings }} />;
  } else if (path.startsWith('/pengaduan/')) {
    const id = decodeURIComponent(path.slice('/pengaduan/'.length));
    page = <Lazy key={`case:${id}`} load={loadCase} props={{ me, role, settings, caseId: id }} />;
  } else if (path === '/admin/staf' && me.roles.includes('admin')) {
    page = <Lazy key="staff" load={loadStaff} props={{ me }} />;
  } else if (path === '/admin/pengaturan' && me.roles.includes('admin')) {
    page = <Lazy key="settings" load={loadSettings} props={{ settings }} />;
  } else if (path === '/register') {
    page = <Lazy key="registers" load={loadRegisters} props={{ roles: me.roles }} />;
  } else if (path === '/catatan-akses' && mayReadAccessLog(me.roles)) {
    page = <Lazy key="access-log" load={loadAccessLog} props={{}} />;
  } else if (path === '/laporan-bulanan') {
    page = <Lazy key="monthly-report" load={loadMonthlyReport} props={{}} />;
  } else if (path === '/survei-loket' && me.roles.includes('fo')) {
    page = <Lazy key="survey-counter" load={loadSurveyCounter} props={{}} />;
  } else if (path === '/laporan/skm') {
    page = <Lazy key="skm-report" load={loadSkmReport} props={{}} />;
  } else {
    page = <Inbox role={role} settings={settings} />;
  }

  return (
    <div class="app">
      <a class="skip" href="#main">Langsung ke isi</a>
      <header class="topbar">
        <div class="brand">
          <strong>Layanan Pengaduan KPM</strong>
          <span>Dinsos PM Kota Tarakan</span>
        </div>
        <nav aria-label="Menu utama" class="mainnav">
          <Link href="/" aria-current={path === '/' ? 'page' : undefined}>Kotak masuk</Link>
          {me?.roles.includes('fo') && role === 'fo' && (
            <Link href="/pengaduan/baru" aria-current={path === '/pengaduan/baru' ? 'page' : undefined}>Pengaduan baru</Link>
          )}
          {me?.roles.includes('admin') && role === 'admin' && (
            <>
              <Link href="/admin/staf" aria-current={path === '/admin/staf' ? 'page' : undefined}>Akun petugas</Link>
              <Link href="/admin/pengaturan" aria-current={path === '/admin/pengaturan' ? 'page' : undefined}>Pengaturan kantor</Link>
            </>
          )}
          {me && (
            <Link href="/register" aria-current={path === '/register' ? 'page' : undefined}>Register</Link>
          )}
          {me && <Link href="/laporan-bulanan" aria-current={path === '/laporan-bulanan' ? 'page' : undefined}>Laporan bulanan</Link>}
          {me?.roles.includes('fo') && role === 'fo' && (
            <Link href="/survei-loket" aria-current={path === '/survei-loket' ? 'page' : undefined}>Survei di loket</Link>
          )}
          {me && (
            <Link href="/laporan/skm" aria-current={path === '/laporan/skm' ? 'page' : undefined}>Survei Kepuasan (SKM)</Link>
          )}
          {me && (role === 'admin' || role === 'kabid') && mayReadAccessLog(me.roles) && (
            <Link href="/catatan-akses" aria-current={path === '/catatan-akses' ? 'page' : undefined}>Catatan akses</Link>
          )}
        </nav>
        <div class="who">
          {me && (
            <div class="roleswitch">
              <span class="who-name">{me.name ?? me.email}</span>
              <ul data-testid="roles" aria-label="Peran Anda (pilih untuk berganti peran)">
                {ROLES.filter((r) => me.roles.includes(r)).map((r) => (
                  <li key={r} data-role={r}>
                    <button
                      type="button"
                      class="role"
                      aria-pressed={r === role}
                      onClick={() => setRole(r)}
                    >
                      {ROLE_LABELS[r]}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <button type="button" class="outline" onClick={() => setChangingPassword(true)}>Ganti kata sandi</button>
          <button type="button" class="outline" onClick={() => void signOut(auth)}>Keluar</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {error && <p role="alert" class="error-box">{error}</p>}
        {me && me.rolesPending.length > 0 && (
          <p role="status" class="note-box">
            Peran Anda telah diubah oleh administrator ({me.rolesPending.map((r) => ROLE_LABELS[r]).join(', ')}). Keluar lalu masuk kembali untuk memakainya.
          </p>
        )}
        {page}
      </main>
      {changingPassword && <Lazy key="password" load={loadPassword} props={{ onClose: () => setChangingPassword(false) }} />}
    </div>
  );
}
