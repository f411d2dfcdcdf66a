/**
 * Register (Pencatatan dan pendataan): two tabs, the *Buku register pengaduan* (one row per case:
 * number, date, relation, type, kecamatan/kelurahan, state, outcome, who acted at each SOP step and
 * the office minutes against the standard) and the *Agenda surat keluar* (every letter number in
 * order, voided and revoked included, with signer and delivery). Filters, "Muat berikutnya" paging
 * by the server's cursor (no cap), and XLSX/CSV/PDF exports built by the server. Reads only
 * through the `listRegister`/`exportRegister` callables, which decide what each role sees (FO and
 * analis: the cases they acted on). Loaded lazily by StaffApp.
 */
import { httpsCallable } from 'firebase/functions';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { functions } from '../../firebase';
import {
  deliveryText,
  localDateTime,
  OUTCOME_LABELS,
  STEP_KEYS,
  STEP_LABELS,
  stepSummary,
  type AgendaRow,
  type RegisterFilters,
  type RegisterKind,
  type RegisterRow,
} from '../../../../functions/src/domain/registers';
import {
  APPLICANT_RELATION_LABELS,
  CASE_STATES,
  COMPLAINT_TYPE_LABELS,
  COMPLAINT_TYPES,
  KECAMATAN_TARAKAN,
  REGISTER_STATUS_LABELS,
  STATE_LABELS,
  type Role,
} from '../../../../functions/src/domain/vocabulary';
import { saveFile, type DownloadedFile } from '../download';
import { ErrorBox, Field, Link, errorMessage } from '../ui';

type Page<R> = { rows: R[]; next: string | null };
type Format = 'xlsx' | 'csv' | 'pdf';

const listRegister = httpsCallable<{ kind: RegisterKind; filters: RegisterFilters; after: string | null; limit: number }, Page<RegisterRow | AgendaRow>>(
  functions,
  'listRegister',
);
// An export of 20,000 rows takes a while on the server: wait up to 5 minutes.
const exportRegister = httpsCallable<{ kind: RegisterKind; filters: RegisterFilters; format: Format }, DownloadedFile & { rows: number }>(
  functions,
  'exportRegister',
  { timeout: 300_000 },
);

const PAGE_SIZE = 50;

/** `YYYY-MM-DD` of today in the office (WITA), and of the first of this month. */
function officeToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const SUPERVISORS: readonly Role[] = ['kabid', 'koordinator', 'admin'];

interface Draft {
  from: string;
  to: string;
  state: string;
  complaintType: string;
  kecamatan: string;
  kelurahan: string;
  officer: string;
}

function toFilters(d: Draft): RegisterFilters {
  const f: RegisterFilters = {};
  for (const [k, v] of Object.entries(d) as [keyof Draft, string][]) if (v) f[k] = v;
  return f;
}

export function Registers({ roles }: { roles: readonly Role[] }) {
  const supervisor = roles.some((r) => SUPERVISORS.includes(r));
  const [kind, setKind] = useState<RegisterKind>('cases');
  const today = officeToday();
  const [draft, setDraft] = useState<Draft>({ from: `${today.slice(0, 8)}01`, to: today, state: '', complaintType: '', kecamatan: '', kelurahan: '', officer: '' });
  const [filters, setFilters] = useState<RegisterFilters>(toFilters(draft));
  const [rows, setRows] = useState<(RegisterRow | AgendaRow)[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState<Format | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [officers, setOfficers] = useState<Map<string, string>>(new Map());

  // Each new query (tab, filters) starts a generation; an answer of an older one — e.g. the first
  // month's rows arriving after the person already asked for another period — is dropped.
  const generation = useRef(0);
  const load = async (after: string | null) => {
    const mine = after ? generation.current : ++generation.current;
    const current = () => mine === generation.current;
    setLoading(true);
    setError(null);
    try {
      const r = (await listRegister({ kind, filters, after, limit: PAGE_SIZE })).data;
      if (!current()) return;
      setRows((prev) => (after ? [...prev, ...r.rows] : r.rows));
      setNext(r.next);
    } catch (e) {
      if (!current()) return;
      setError(errorMessage(e));
      if (!after) setRows([]);
    } finally {
      if (current()) setLoading(false);
    }
  };

  useEffect(() => {
    setRows([]);
    setNext(null);
    void load(null);
  }, [kind, JSON.stringify(filters)]);

  // The officer filter offers everyone seen in the rows so far (the Kabid cannot list profiles).
  useEffect(() => {
    if (kind !== 'cases') return;
    const seen = new Map(officers);
    for (const r of rows as RegisterRow[]) for (const [uid, name] of Object.entries(r.officerNames ?? {})) seen.set(uid, name);
    if (seen.size !== officers.size) setOfficers(seen);
  }, [rows]);

  const download = async (format: Format) => {
    setExporting(format);
    setError(null);
    try {
      saveFile((await exportRegister({ kind, filters, format })).data);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setExporting(null);
    }
  };

  const kelurahanOptions = useMemo(
    () => (draft.kecamatan ? (KECAMATAN_TARAKAN[draft.kecamatan] ?? []) : Object.values(KECAMATAN_TARAKAN).flat()).slice().sort(),
    [draft.kecamatan],
  );
  const set = (k: keyof Draft) => (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [k]: e.currentTarget.value });
  const switchTo = (k: RegisterKind) => {
    setDraft({ ...draft, state: '' });
    const rest = { ...filters };
    delete rest.state;
    setFilters(rest);
    setKind(k);
  };

  return (
    <section aria-labelledby="reg-title" class="stack">
      <div class="page-head"><h1 id="reg-title">Register</h1></div>
      <div role="tablist" aria-label="Jenis register" class="page-head">
        <button type="button" role="tab" id="tab-cases" aria-selected={kind === 'cases'} class={kind === 'cases' ? '' : 'secondary'} onClick={() => switchTo('cases')}>
          Buku register pengaduan
        </button>
        <button type="button" role="tab" id="tab-letters" aria-selected={kind === 'letters'} class={kind === 'letters' ? '' : 'secondary'} onClick={() => switchTo('letters')}>
          Agenda surat keluar
        </button>
      </div>
      <p class="muted">
        {kind === 'cases'
          ? supervisor
            ? 'Seluruh pengaduan menurut tanggal diterima, dengan petugas dan waktu kerja setiap langkah SOP. Register tidak memuat NIK, nomor KK, telepon, email, alamat, maupun nama pemohon.'
            : 'Pengaduan yang Anda tangani, menurut tanggal diterima, dengan petugas dan waktu kerja setiap langkah SOP. Register tidak memuat data pribadi pemohon.'
          : 'Setiap nomor surat keluar menurut urutan nomor, termasuk nomor yang dibatalkan dan surat yang dicabut, dengan penanda tangan dan pengirimannya.'}
      </p>
      <form class="card" aria-label="Saring register" onSubmit={(e) => {
        e.preventDefault();
        setFilters(toFilters(draft));
      }}>
        <div class="grid3">
          <Field id="reg-from" label="Dari tanggal">
            <input id="reg-from" type="date" value={draft.from} onInput={set('from')} />
          </Field>
          <Field id="reg-to" label="Sampai tanggal">
            <input id="reg-to" type="date" value={draft.to} onInput={set('to')} />
          </Field>
          <Field id="reg-state" label="Status">
            <select id="reg-state" value={draft.state} onChange={set('state')}>
              <option value="">Semua status</option>
              {kind === 'cases'
                ? CASE_STATES.map((s) => <option key={s} value={s}>{STATE_LABELS[s]}</option>)
                : Object.entries(REGISTER_STATUS_LABELS).map(([s, l]) => <option key={s} value={s}>{l}</option>)}
            </select>
          </Field>
          {kind === 'cases' && (
            <>
              <Field id="reg-type" label="Jenis pengaduan">
                <select id="reg-type" value={draft.complaintType} onChange={set('complaintType')}>
                  <option value="">Semua jenis</option>
                  {COMPLAINT_TYPES.map((t) => <option key={t} value={t}>{COMPLAINT_TYPE_LABELS[t]}</option>)}
                </select>
              </Field>
              <Field id="reg-kec" label="Kecamatan">
                <select id="reg-kec" value={draft.kecamatan} onChange={(e) => setDraft({ ...draft, kecamatan: e.currentTarget.value, kelurahan: '' })}>
                  <option value="">Semua kecamatan</option>
                  {Object.keys(KECAMATAN_TARAKAN).map((k) => <option key={k} value={k}>{k}</option>)}
                </select>
              </Field>
              <Field id="reg-kel" label="Kelurahan">
                <select id="reg-kel" value={draft.kelurahan} onChange={set('kelurahan')}>
                  <option value="">Semua kelurahan</option>
                  {kelurahanOptions.map((k) => <option key={k} value={k}>{k}</option>)}
                </select>
              </Field>
              {supervisor && (
                <Field id="reg-officer" label="Petugas">
                  <select id="reg-officer" value={draft.officer} onChange={set('officer')}>
                    <option value="">Semua petugas</option>
                    {[...officers.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([uid, name]) => <option key={uid} value={uid}>{name}</option>)}
                  </select>
                </Field>
              )}
            </>
          )}
        </div>
        <button type="submit">Tampilkan</button>
      </form>
      <ErrorBox message={error} />
      <div class="card table-wrap">
        <div class="page-head">
          <span class="muted" role="status">
            {rows.length} baris ditampilkan{next ? ', masih ada berikutnya' : ''}
          </span>
          <span style={{ marginLeft: 'auto', display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
            {(['xlsx', 'csv', 'pdf'] as const).map((f) => (
              <button key={f} type="button" class="secondary" disabled={exporting !== null} onClick={() => void download(f)}>
                {exporting === f ? 'Menyiapkan…' : `Unduh ${f.toUpperCase()}`}
              </button>
            ))}
          </span>
        </div>
        {rows.length === 0 && !loading && !error && <p class="empty">Tidak ada data untuk filter ini.</p>}
        {rows.length > 0 && kind === 'cases' && <CaseTable rows={rows as RegisterRow[]} />}
        {rows.length > 0 && kind === 'letters' && <AgendaTable rows={rows as AgendaRow[]} />}
        {loading && <p class="empty">Memuat…</p>}
        {next && !loading && (
          <p style={{ textAlign: 'center' }}>
            <button type="button" class="secondary" onClick={() => void load(next)}>Muat berikutnya</button>
          </p>
        )}
      </div>
    </section>
  );
}

function CaseTable({ rows }: { rows: RegisterRow[] }) {
  return (
    <table class="cases" data-testid="register-cases">
      <thead>
        <tr>
          <th scope="col">No.</th>
          <th scope="col">Nomor / diterima (WITA)</th>
          <th scope="col">Pemohon / jenis</th>
          <th scope="col">Kecamatan / kelurahan</th>
          <th scope="col">Status / hasil</th>
          {STEP_KEYS.map((k) => <th scope="col" key={k}>{STEP_LABELS[k]}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.caseId}>
            <td data-label="No.">{i + 1}</td>
            <td data-label="Nomor" style={{ whiteSpace: 'nowrap' }}><Link href={`/pengaduan/${encodeURIComponent(r.caseId)}`}>{r.number}</Link><br /><small>{localDateTime(r.createdAt)}</small></td>
            <td data-label="Pemohon / jenis">{APPLICANT_RELATION_LABELS[r.relation]}<br /><small>{COMPLAINT_TYPE_LABELS[r.complaintType]}</small></td>
            <td data-label="Wilayah">{r.kecamatan}<br /><small>{r.kelurahan}</small></td>
            <td data-label="Status">
              {STATE_LABELS[r.state]}<br />
              <small>{OUTCOME_LABELS[r.outcome]}{r.closedReason ? `: ${r.closedReason}` : ''}</small>
            </td>
            {STEP_KEYS.map((k) => (
              <td key={k} data-label={STEP_LABELS[k]} class={r.steps[k] && !r.steps[k].withinStandard ? 'late' : undefined}>
                <small>{stepSummary(r.steps[k])}</small>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AgendaTable({ rows }: { rows: AgendaRow[] }) {
  return (
    <table class="cases" data-testid="register-letters">
      <thead>
        <tr>
          <th scope="col">No. urut</th>
          <th scope="col">Nomor surat</th>
          <th scope="col">Tanggal (WITA)</th>
          <th scope="col">Status</th>
          <th scope="col">Nomor pengaduan</th>
          <th scope="col">Penanda tangan</th>
          <th scope="col">Pengiriman / penyerahan</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td data-label="No. urut">{r.sequence}</td>
            <td data-label="Nomor surat" style={{ whiteSpace: 'nowrap' }}>{r.number}</td>
            <td data-label="Tanggal">{localDateTime(r.issuedAt)}</td>
            <td data-label="Status">{REGISTER_STATUS_LABELS[r.status]}{r.statusReason ? <><br /><small>{r.statusReason}</small></> : null}</td>
            <td data-label="Nomor pengaduan"><Link href={`/pengaduan/${encodeURIComponent(r.caseId)}`}>{r.caseNumber}</Link></td>
            <td data-label="Penanda tangan">{r.signerName}<br /><small>{r.signerTitle}</small></td>
            <td data-label="Pengiriman">{deliveryText(r) || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
