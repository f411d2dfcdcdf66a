/**
 * Admin: staff accounts (live list, create, roles/active), the refused approvals, the letters that
 * need attention (out of automatic attempts: Retry or Void), the office settings and the purge log.
 */
import { collection, limit, orderBy, query, where } from 'firebase/firestore';
import { useEffect, useState } from 'preact/hooks';
import {
  APPLICANT_RELATION_LABELS,
  APPLICANT_RELATIONS,
  COMPLAINT_TYPE_LABELS,
  COMPLAINT_TYPES,
  DOCUMENT_KINDS,
  DOCUMENT_LABELS,
  ROLE_LABELS,
  ROLES,
  type DocumentKind,
  type Role,
} from '../../../functions/src/domain/vocabulary';
import { SOP_STEP_NUMBER, STEP_STATES, type IsoWeekday, type StepState } from '../../../functions/src/domain/officeClock';
import type { OfficeSettings } from '../../../functions/src/domain/settings';
import type { RequiredDocumentsTable } from '../../../functions/src/domain/documents';
import { NAMA_HARI, formatTanggalWaktu } from '../../../functions/src/domain/indonesianDate';
import {
  PURGE_CATEGORIES,
  PURGE_LABELS,
  RETENTION_BOUNDS,
  type PurgeCounts,
  type RetentionSchedule,
} from '../../../functions/src/domain/retention';
import { call } from '../firebase';
import { db, useQuery } from './db';
import { ErrorBox, Field, errorMessage } from './ui';
import type { Me } from './types';

interface StaffRow {
  id: string;
  name: string;
  email: string;
  title?: string;
  nip?: string;
  roles: Role[];
  active: boolean;
}

const createStaff = call<{ email: string; name: string; title: string; nip?: string; roles: Role[] }, { uid: string }>('createStaff');
const updateStaff = call<{ uid: string; roles?: Role[]; active?: boolean }, unknown>('updateStaff');
const sendPasswordLink = call<{ uid: string }, unknown>('sendPasswordLink');
const updateSettings = call<Record<string, unknown>, OfficeSettings>('updateSettings');
const retryLetter = call<{ caseId: string; reason: string }, unknown>('retryLetter');
const voidLetter = call<{ caseId: string; reason: string }, unknown>('voidLetter');

interface DeadLetterCase {
  id: string;
  number: string;
  letter: { status: string; number?: string; error?: string; attempts?: number; deadAt?: string };
}

/** One dead letter: its case, number and last error, with Retry and Void (each needs a reason). */
function DeadLetterRow({ c }: { c: DeadLetterCase }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const act = async (run: (x: { caseId: string; reason: string }) => Promise<unknown>) => {
    setBusy(true);
    setErr(null);
    try {
      await run({ caseId: c.id, reason: reason.trim() });
    } catch (x) {
      setErr(errorMessage(x));
    } finally {
      setBusy(false);
    }
  };
  const ready = reason.trim() !== '' && !busy;
  return (
    <tr data-case={c.number}>
      <td data-label="Pengaduan"><a href={`/pengaduan/${c.id}`}>{c.number}</a></td>
      <td data-label="Nomor surat">{c.letter.number ?? 'Belum bernomor'}</td>
      <td data-label="Keterangan">
        {c.letter.error ?? '-'}
        {c.letter.deadAt && <><br /><span class="muted">{formatTanggalWaktu(new Date(c.letter.deadAt))}, {c.letter.attempts ?? 0} percobaan</span></>}
      </td>
      <td data-label="Tindakan" class="row-actions">
        <label class="sr-only" for={`dl-${c.id}`}>Alasan</label>
        <input id={`dl-${c.id}`} placeholder="Alasan (wajib)" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        <button type="button" class="small" disabled={!ready} onClick={() => void act(retryLetter)}>Coba lagi</button>
        <button type="button" class="small secondary" disabled={!ready} onClick={() => void act(voidLetter)}
          title="Nomor surat tetap tercatat sebagai dibatalkan; pengaduan kembali ke tahap tanda tangan Kepala Bidang Sosial.">
          Batalkan nomor
        </button>
        <ErrorBox message={err} />
      </td>
    </tr>
  );
}

/**
 * Letters the system gave up on (`letter.status == 'dead'`): the administrator retries them (a
 * fresh series of attempts) or voids them (the number stays in the register as dibatalkan and the
 * case goes back for signing under a new number).
 */
function LettersNeedingAttention() {
  const dead = useQuery<DeadLetterCase>(
    () => query(collection(db, 'cases'), where('letter.status', '==', 'dead'), limit(50)),
    'deadLetters',
  );
  return (
    <section class="card table-wrap" aria-labelledby="dead-title">
      <h2 id="dead-title">Surat yang perlu ditindaklanjuti</h2>
      {dead.error && <ErrorBox message={dead.error} />}
      {dead.data?.length === 0 && <p class="empty">Tidak ada surat yang gagal dibuat.</p>}
      {dead.data && dead.data.length > 0 && (
        <table class="cases" data-testid="dead-letters">
          <thead><tr><th scope="col">Pengaduan</th><th scope="col">Nomor surat</th><th scope="col">Keterangan</th><th scope="col">Tindakan</th></tr></thead>
          <tbody>{dead.data.map((c) => <DeadLetterRow key={c.id} c={c} />)}</tbody>
        </table>
      )}
    </section>
  );
}

function RoleChecks({ idp, roles, onChange }: { idp: string; roles: Role[]; onChange: (r: Role[]) => void }) {
  return (
    <div class="rolechecks">
      {ROLES.map((r) => (
        <label class="check" key={r} for={`${idp}-${r}`}>
          <input id={`${idp}-${r}`} type="checkbox" checked={roles.includes(r)}
            onChange={(e) => onChange(e.currentTarget.checked ? ROLES.filter((x) => x === r || roles.includes(x)) : roles.filter((x) => x !== r))} />
          {ROLE_LABELS[r]}
        </label>
      ))}
    </div>
  );
}

function StaffRowView({ s, me }: { s: StaffRow; me: Me }) {
  const [roles, setRoles] = useState<Role[]>(s.roles ?? []);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => setRoles(s.roles ?? []), [s.roles?.join(',')]);
  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true); setErr(null); setMsg(null);
    try {
      await run();
      setMsg(done);
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const save = (patch: { roles?: Role[]; active?: boolean }) =>
    act(() => updateStaff({ uid: s.id, ...patch }), 'Tersimpan. Petugas perlu masuk kembali.');
  const changed = roles.join(',') !== (s.roles ?? []).join(',');
  return (
    <tr data-email={s.email}>
      <td data-label="Nama"><strong>{s.name}</strong><br /><span class="muted">{s.email}</span>{s.title && <><br /><span class="muted">{s.title}{s.nip ? ` · NIP ${s.nip}` : ''}</span></>}</td>
      <td data-label="Peran"><RoleChecks idp={`r-${s.id}`} roles={roles} onChange={setRoles} /></td>
      <td data-label="Status">{s.active ? 'Aktif' : 'Nonaktif'}</td>
      <td data-label="Tindakan" class="row-actions">
        <button type="button" class="small" disabled={busy || !changed || roles.length === 0} onClick={() => void save({ roles })}>Simpan peran</button>
        {s.id !== me.uid && (
          <button type="button" class="small secondary" disabled={busy} onClick={() => void save({ active: !s.active })}>
            {s.active ? 'Nonaktifkan' : 'Aktifkan'}
          </button>
        )}
        {s.active && (
          <button type="button" class="small secondary" disabled={busy} onClick={() => void act(() => sendPasswordLink({ uid: s.id }), `Tautan kata sandi dikirim ke ${s.email}.`)}>
            Kirim tautan kata sandi
          </button>
        )}
        {msg && <span class="note-ok" role="status">{msg}</span>}
        <ErrorBox message={err} />
      </td>
    </tr>
  );
}

export function StaffAdmin({ me }: { me: Me }) {
  const users = useQuery<StaffRow>(() => query(collection(db, 'users'), orderBy('name')), 'users');
  const [f, setF] = useState({ name: '', email: '', title: '', nip: '' });
  const [roles, setRoles] = useState<Role[]>(['fo']);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const set = (k: keyof typeof f, v: string) => setF((x) => ({ ...x, [k]: v }));
  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true); setErr(null); setOk(null);
    try {
      const { nip, ...rest } = f;
      // The callable SDK sends `undefined` as null: leave an empty NIP out entirely.
      await createStaff({ ...rest, ...(nip.trim() ? { nip: nip.trim() } : {}), roles });
      setOk(`Akun ${f.email} dibuat. Tautan untuk menetapkan kata sandi telah dikirim ke email tersebut.`);
      setF({ name: '', email: '', title: '', nip: '' });
    } catch (x) {
      setErr(errorMessage(x));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="staff-title" class="stack">
      <div class="page-head"><h1 id="staff-title">Akun petugas</h1></div>
      <div class="card table-wrap">
        {users.error && <ErrorBox message={users.error} />}
        <table class="cases" data-testid="staff-list">
          <thead><tr><th scope="col">Petugas</th><th scope="col">Peran</th><th scope="col">Status</th><th scope="col">Tindakan</th></tr></thead>
          <tbody>{(users.data ?? []).map((s) => <StaffRowView key={s.id} s={s} me={me} />)}</tbody>
        </table>
        {users.data === undefined && <p class="empty">Memuat…</p>}
      </div>
      <form class="card" onSubmit={create} aria-labelledby="new-staff">
        <h2 id="new-staff">Tambah akun petugas</h2>
        <div class="grid2">
          <Field id="s-name" label="Nama lengkap"><input id="s-name" required value={f.name} onInput={(e) => set('name', e.currentTarget.value)} /></Field>
          <Field id="s-title" label="Jabatan"><input id="s-title" required value={f.title} onInput={(e) => set('title', e.currentTarget.value)} /></Field>
          <Field id="s-email" label="Email"><input id="s-email" type="email" required value={f.email} onInput={(e) => set('email', e.currentTarget.value)} /></Field>
          <Field id="s-nip" label="NIP (tidak wajib)" hint="18 digit."><input id="s-nip" inputMode="numeric" value={f.nip} onInput={(e) => set('nip', e.currentTarget.value)} /></Field>
        </div>
        <p class="muted">Petugas menetapkan kata sandinya sendiri melalui tautan yang dikirim ke emailnya; administrator tidak mengetahui kata sandi siapa pun.</p>
        <fieldset><legend>Peran</legend><RoleChecks idp="new" roles={roles} onChange={setRoles} /></fieldset>
        <ErrorBox message={err} />
        {ok && <p class="note-ok" role="status">{ok}</p>}
        <button type="submit" disabled={busy || roles.length === 0}>{busy ? 'Menyimpan…' : 'Buat akun'}</button>
      </form>
      <LettersNeedingAttention />
      <SecurityEvents />
    </section>
  );
}

interface SecurityEvent {
  id: string;
  at: string;
  action: string;
  caseNumber?: string;
  byName: string;
  byEmail?: string;
  reason: string;
  message: string;
}

/** Refused paraf and signature attempts: who, when, on which case, and why. */
function SecurityEvents() {
  const events = useQuery<SecurityEvent>(
    () => query(collection(db, 'securityEvents'), orderBy('at', 'desc'), limit(50)),
    'securityEvents',
  );
  return (
    <section class="card table-wrap" aria-labelledby="sec-title">
      <h2 id="sec-title">Catatan penolakan paraf dan tanda tangan</h2>
      {events.error && <ErrorBox message={events.error} />}
      {events.data?.length === 0 && <p class="empty">Belum ada penolakan.</p>}
      {events.data && events.data.length > 0 && (
        <table class="cases" data-testid="security-events">
          <thead><tr><th scope="col">Waktu</th><th scope="col">Petugas</th><th scope="col">Tindakan</th><th scope="col">Pengaduan</th><th scope="col">Alasan</th></tr></thead>
          <tbody>
            {events.data.map((e) => (
              <tr key={e.id}>
                <td data-label="Waktu">{formatTanggalWaktu(new Date(e.at))}</td>
                <td data-label="Petugas">{e.byName}{e.byEmail && <><br /><span class="muted">{e.byEmail}</span></>}</td>
                <td data-label="Tindakan">{e.action === 'sign' ? 'Tanda tangan' : 'Paraf'}</td>
                <td data-label="Pengaduan">{e.caseNumber ?? '-'}</td>
                <td data-label="Alasan">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One settings section with its own save button and message. */
function Section(props: { id: string; title: string; onSave: () => Promise<unknown>; children: preact.ComponentChildren }) {
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [ok, setOk] = useState(false);
  return (
    <form class="card" aria-labelledby={props.id} onSubmit={(e) => {
      e.preventDefault();
      setBusy(true); setErr(null); setOk(false);
      props.onSave().then(() => setOk(true), (x) => setErr(errorMessage(x))).finally(() => setBusy(false));
    }}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
      <ErrorBox message={err} />
      {ok && <p class="note-ok" role="status">Pengaturan tersimpan.</p>}
      <button type="submit" disabled={busy}>{busy ? 'Menyimpan…' : 'Simpan'}</button>
    </form>
  );
}

const RETENTION_FIELDS: { key: keyof RetentionSchedule; label: string; unit: 'hari' | 'tahun'; hint: string }[] = [
  { key: 'expiredUploadLinkDays', label: 'Tautan unggah kedaluwarsa', unit: 'hari', hint: 'setelah tautan kedaluwarsa' },
  { key: 'rejectedPhotoDays', label: 'Foto yang ditolak petugas', unit: 'hari', hint: 'setelah foto ditolak' },
  { key: 'outboxDays', label: 'Isi dan alamat email terkirim', unit: 'hari', hint: 'setelah pengiriman selesai' },
  { key: 'photocopyYears', label: 'Fotokopi dokumen pengaduan', unit: 'tahun', hint: 'setelah pengaduan selesai atau ditutup' },
  { key: 'accessLogYears', label: 'Catatan akses', unit: 'tahun', hint: 'setelah akses dicatat' },
];

interface PurgeRunRow {
  id: string;
  runId: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  complete: boolean | null;
  counts: PurgeCounts;
}

/** The retention job's runs: when, by which run, and what each deleted (admin only, by the rules). */
function PurgeLog() {
  const runs = useQuery<PurgeRunRow>(() => query(collection(db, 'purgeLog'), orderBy('startedAt', 'desc'), limit(30)), 'purgeLog');
  return (
    <section class="card table-wrap" aria-labelledby="purge-title">
      <h2 id="purge-title">Riwayat penghapusan data (retensi)</h2>
      <p class="muted">Penghapusan berjalan otomatis setiap hari pukul 02.00 WITA sesuai jadwal retensi di atas.</p>
      {runs.error && <ErrorBox message={runs.error} />}
      {runs.data?.length === 0 && <p class="empty">Belum ada penghapusan yang tercatat.</p>}
      {runs.data && runs.data.length > 0 && (
        <table class="cases" data-testid="purge-log">
          <thead>
            <tr>
              <th scope="col">Waktu</th>
              {PURGE_CATEGORIES.map((c) => <th scope="col" key={c}>{PURGE_LABELS[c]}</th>)}
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.map((r) => (
              <tr key={r.id}>
                <td data-label="Waktu">{formatTanggalWaktu(new Date(r.startedAt))}<br /><span class="muted">{r.trigger === 'schedule' ? 'Terjadwal' : 'Manual'} · {r.runId}</span></td>
                {PURGE_CATEGORIES.map((c) => <td key={c} data-label={PURGE_LABELS[c]}>{r.counts?.[c] ?? 0}</td>)}
                <td data-label="Status">{r.complete === true ? 'Selesai' : r.complete === false ? 'Berlanjut besok' : 'Berjalan atau terhenti'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const STEP_LABELS: Record<StepState, string> = {
  intake: 'Penerimaan pengaduan (FO)',
  submitted: 'Pemeriksaan dokumen (FO)',
  verified: 'Analisis dan keputusan (Analis)',
  drafted: 'Paraf (Koordinator Dayasos)',
  initialled: 'Tanda tangan (Kabid Sosial)',
  signed: 'Registrasi dan penyerahan surat (FO)',
};

export function SettingsAdmin({ settings }: { settings: OfficeSettings }) {
  const [s, setS] = useState<OfficeSettings>(settings);
  const [holidays, setHolidays] = useState(settings.calendar.holidays.join('\n'));
  useEffect(() => { setS(settings); setHolidays(settings.calendar.holidays.join('\n')); }, [settings]);
  const upd = <K extends keyof OfficeSettings>(k: K, v: Partial<OfficeSettings[K]>) => setS((x) => ({ ...x, [k]: { ...x[k], ...v } }));
  const toggleDoc = (t: keyof RequiredDocumentsTable, r: (typeof APPLICANT_RELATIONS)[number], d: DocumentKind, on: boolean) =>
    setS((x) => {
      const cur = x.requiredDocuments[t][r];
      const next = on ? DOCUMENT_KINDS.filter((k) => k === d || cur.includes(k)) : cur.filter((k) => k !== d);
      return { ...x, requiredDocuments: { ...x.requiredDocuments, [t]: { ...x.requiredDocuments[t], [r]: next } } };
    });

  return (
    <section aria-labelledby="set-title" class="stack settings">
      <div class="page-head"><h1 id="set-title">Pengaturan kantor</h1></div>
      <Section id="set-lh" title="Kop surat" onSave={() => updateSettings({ letterhead: s.letterhead })}>
        <div class="grid2">
          {(['government', 'office', 'address', 'phone', 'email', 'website'] as const).map((k) => (
            <Field key={k} id={`lh-${k}`} label={{ government: 'Pemerintah daerah', office: 'Nama dinas', address: 'Alamat', phone: 'Telepon', email: 'Email', website: 'Situs web' }[k]}>
              <input id={`lh-${k}`} value={s.letterhead[k]} onInput={(e) => upd('letterhead', { [k]: e.currentTarget.value })} />
            </Field>
          ))}
        </div>
      </Section>
      <Section id="set-signer" title="Penanda tangan" onSave={() => updateSettings({ signer: s.signer })}>
        <div class="grid2">
          <Field id="sg-name" label="Nama"><input id="sg-name" value={s.signer.name} onInput={(e) => upd('signer', { name: e.currentTarget.value })} /></Field>
          <Field id="sg-title" label="Jabatan"><input id="sg-title" value={s.signer.title} onInput={(e) => upd('signer', { title: e.currentTarget.value })} /></Field>
          <Field id="sg-nip" label="NIP"><input id="sg-nip" inputMode="numeric" value={s.signer.nip} onInput={(e) => upd('signer', { nip: e.currentTarget.value })} /></Field>
        </div>
      </Section>
      <Section id="set-num" title="Nomor surat" onSave={() => updateSettings({ letterNumber: s.letterNumber })}>
        <div class="grid2">
          <Field id="ln-format" label="Format" hint="Penanda: {classification}, {sequence}, {unit}, {roman month}, {year}"><input id="ln-format" value={s.letterNumber.format} onInput={(e) => upd('letterNumber', { format: e.currentTarget.value })} /></Field>
          <Field id="ln-class" label="Kode klasifikasi"><input id="ln-class" value={s.letterNumber.classification} onInput={(e) => upd('letterNumber', { classification: e.currentTarget.value })} /></Field>
          <Field id="ln-unit" label="Kode unit"><input id="ln-unit" value={s.letterNumber.unit} onInput={(e) => upd('letterNumber', { unit: e.currentTarget.value })} /></Field>
        </div>
      </Section>
      <Section id="set-ts" title="Standar waktu (menit)" onSave={() => updateSettings({ timeStandards: s.timeStandards })}>
        <div class="grid3">
          {STEP_STATES.map((st) => (
            <Field key={st} id={`ts-${st}`} label={`Langkah ${SOP_STEP_NUMBER[st]}: ${STEP_LABELS[st]}`}>
              <input id={`ts-${st}`} type="number" min={1} max={480} value={s.timeStandards[st]} onInput={(e) => upd('timeStandards', { [st]: Number(e.currentTarget.value) })} />
            </Field>
          ))}
        </div>
      </Section>
      <Section id="set-cal" title="Kalender kerja" onSave={() => updateSettings({
        calendar: {
          workingDays: s.calendar.workingDays,
          hours: s.calendar.hours,
          holidays: holidays.split(/\s+/).map((x) => x.trim()).filter(Boolean),
        },
      })}>
        <fieldset><legend>Hari kerja</legend>
          <div class="rolechecks">
            {([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[]).map((d) => (
              <label class="check" key={d}>
                <input type="checkbox" checked={s.calendar.workingDays.includes(d)} onChange={(e) => upd('calendar', {
                  workingDays: e.currentTarget.checked ? ([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[]).filter((x) => x === d || s.calendar.workingDays.includes(x)) : s.calendar.workingDays.filter((x) => x !== d),
                })} />
                {NAMA_HARI[d % 7]}
              </label>
            ))}
          </div>
        </fieldset>
        <div class="grid3">
          <Field id="cal-start" label="Jam buka"><input id="cal-start" type="time" value={s.calendar.hours.start} onInput={(e) => upd('calendar', { hours: { ...s.calendar.hours, start: e.currentTarget.value } })} /></Field>
          <Field id="cal-end" label="Jam tutup"><input id="cal-end" type="time" value={s.calendar.hours.end} onInput={(e) => upd('calendar', { hours: { ...s.calendar.hours, end: e.currentTarget.value } })} /></Field>
        </div>
        <Field id="cal-hol" label="Hari libur (satu tanggal YYYY-MM-DD per baris)">
          <textarea id="cal-hol" rows={5} value={holidays} onInput={(e) => setHolidays(e.currentTarget.value)} />
        </Field>
      </Section>
      <Section id="set-ret" title="Retensi data pribadi" onSave={() => updateSettings({ retention: s.retention })}>
        <p class="muted">
          Lama penyimpanan data pribadi sebelum dihapus otomatis (UU Nomor 27 Tahun 2022). Surat Keterangan, register
          surat, dan riwayat pengaduan tidak dihapus. Catatan penghapusan disimpan.
        </p>
        <div class="grid3">
          {RETENTION_FIELDS.map((f) => (
            <Field key={f.key} id={`ret-${f.key}`} label={`${f.label} (${f.unit})`}
              hint={`Dihapus ${s.retention[f.key]} ${f.unit} ${f.hint}. Antara ${RETENTION_BOUNDS[f.key].min} dan ${RETENTION_BOUNDS[f.key].max} ${f.unit}.`}>
              <input id={`ret-${f.key}`} type="number" inputMode="numeric" required step={1}
                min={RETENTION_BOUNDS[f.key].min} max={RETENTION_BOUNDS[f.key].max} value={s.retention[f.key]}
                onInput={(e) => upd('retention', { [f.key]: Number(e.currentTarget.value) })} />
            </Field>
          ))}
        </div>
      </Section>
      <PurgeLog />
      <Section id="set-docs" title="Dokumen wajib per jenis pengaduan" onSave={() => updateSettings({ requiredDocuments: s.requiredDocuments })}>
        <div class="table-wrap">
          <table class="mini docs-table">
            <thead><tr><th scope="col">Jenis pengaduan</th>{APPLICANT_RELATIONS.map((r) => <th scope="col" key={r}>{APPLICANT_RELATION_LABELS[r]}</th>)}</tr></thead>
            <tbody>
              {COMPLAINT_TYPES.map((t) => (
                <tr key={t}>
                  <th scope="row">{COMPLAINT_TYPE_LABELS[t]}</th>
                  {APPLICANT_RELATIONS.map((r) => (
                    <td key={r}>
                      {DOCUMENT_KINDS.map((d) => (
                        <label class="check small" key={d}>
                          <input type="checkbox" checked={s.requiredDocuments[t][r].includes(d)} onChange={(e) => toggleDoc(t, r, d, e.currentTarget.checked)}
                            aria-label={`${DOCUMENT_LABELS[d]} untuk ${COMPLAINT_TYPE_LABELS[t]}, ${APPLICANT_RELATION_LABELS[r]}`} />
                          {DOCUMENT_LABELS[d]}
                        </label>
                      ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </section>
  );
}
