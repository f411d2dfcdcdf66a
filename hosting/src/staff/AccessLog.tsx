/**
 * Catatan akses (admin and Kabid): who opened which case's identity, photocopies and letter, and
 * when; per case and per staff member, exportable as CSV. Reads `accessLog` (rules: admin or
 * Kabid). The records hold no applicant data beyond the case number. Loaded lazily by StaffApp.
 */
import { collection, limit, orderBy, query, where, type QueryConstraint } from 'firebase/firestore';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  ACCESS_KINDS,
  ACCESS_KIND_LABELS,
  accessLogCsv,
  describeAccess,
  officeStamp,
  summarise,
  type AccessEntry,
} from '../../../functions/src/domain/accessLog';
import { db, useQuery } from './db';
import { ErrorBox, Field } from './ui';

/** Most records one query shows (a narrower period or a filter shows the rest). */
const MAX_ROWS = 1000;
const WITA = '+08:00';

/** `YYYY-MM-DD` of the office day `daysBack` days before today (WITA). */
function officeDay(daysBack = 0): string {
  const t = new Date(Date.now() + 8 * 3_600_000 - daysBack * 86_400_000);
  return t.toISOString().slice(0, 10);
}
/** The instant an office day (WITA) starts, as stored (ISO UTC). */
const dayStart = (day: string) => new Date(`${day}T00:00:00${WITA}`).toISOString();
const nextDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00${WITA}`) + 86_400_000).toISOString();

type View = 'detail' | 'case' | 'staff';

interface Filters {
  caseNumber: string;
  uid: string;
  from: string;
  to: string;
}

export function AccessLog() {
  const [draft, setDraft] = useState<Filters>({ caseNumber: '', uid: '', from: officeDay(30), to: officeDay(0) });
  const [filters, setFilters] = useState<Filters>(draft);
  const [view, setView] = useState<View>('detail');
  const [staff, setStaff] = useState<Map<string, string>>(new Map());

  const valid = /^\d{4}-\d{2}-\d{2}$/.test(filters.from) && /^\d{4}-\d{2}-\d{2}$/.test(filters.to) && filters.from <= filters.to;
  const key = JSON.stringify(filters);
  const live = useQuery<AccessEntry & { id: string }>(() => {
    if (!valid) return null;
    const c: QueryConstraint[] = [];
    if (filters.caseNumber) c.push(where('caseNumber', '==', filters.caseNumber));
    if (filters.uid) c.push(where('uid', '==', filters.uid));
    c.push(where('at', '>=', dayStart(filters.from)), where('at', '<', nextDayStart(filters.to)));
    return query(collection(db, 'accessLog'), ...c, orderBy('at', 'desc'), limit(MAX_ROWS));
  }, key);
  const rows = useMemo(() => live.data ?? [], [live.data]);

  // The staff filter offers everyone seen so far (the Kabid cannot list staff profiles).
  useEffect(() => {
    const seen = rows.filter((r) => !staff.has(r.uid));
    if (seen.length === 0) return;
    setStaff((m) => {
      const next = new Map(m);
      for (const r of seen) next.set(r.uid, r.name);
      return next;
    });
  }, [rows]);

  const perCase = useMemo(() => summarise(rows, 'case'), [rows]);
  const perStaff = useMemo(() => summarise(rows, 'staff'), [rows]);

  const download = () => {
    const blob = new Blob([accessLogCsv(rows)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    const who = filters.caseNumber || (filters.uid ? 'petugas' : 'semua');
    a.download = `catatan-akses-${who}-${filters.from}-sd-${filters.to}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section aria-labelledby="al-title" class="stack">
      <div class="page-head"><h1 id="al-title">Catatan akses data pribadi</h1></div>
      <p class="muted">
        Setiap pembukaan identitas pemohon dan KPM, setiap fotokopi dokumen yang dilihat, dan setiap unduhan Surat
        Keterangan tercatat di sini (UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi). Catatan tidak memuat
        data pemohon selain nomor pengaduan.
      </p>
      <form class="card" aria-label="Saring catatan akses" onSubmit={(e) => {
        e.preventDefault();
        setFilters({ ...draft, caseNumber: draft.caseNumber.trim().toUpperCase() });
      }}>
        <div class="grid3">
          <Field id="al-case" label="Nomor pengaduan" hint="Contoh: ADU-2026-000012. Kosongkan untuk semua.">
            <input id="al-case" value={draft.caseNumber} onInput={(e) => setDraft({ ...draft, caseNumber: e.currentTarget.value })} />
          </Field>
          <Field id="al-staff" label="Petugas">
            <select id="al-staff" value={draft.uid} onChange={(e) => setDraft({ ...draft, uid: e.currentTarget.value })}>
              <option value="">Semua petugas</option>
              {[...staff.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([uid, name]) => <option key={uid} value={uid}>{name}</option>)}
            </select>
          </Field>
          <div class="grid2">
            <Field id="al-from" label="Dari tanggal">
              <input id="al-from" type="date" value={draft.from} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
            </Field>
            <Field id="al-to" label="Sampai tanggal">
              <input id="al-to" type="date" value={draft.to} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
            </Field>
          </div>
        </div>
        <button type="submit">Tampilkan</button>
      </form>
      {!valid && <ErrorBox message="Periode tidak valid: tanggal awal harus sebelum atau sama dengan tanggal akhir." />}
      <div class="card table-wrap">
        <div class="page-head">
          <fieldset class="rolechecks" aria-label="Tampilan">
            {([['detail', 'Rincian'], ['case', 'Per pengaduan'], ['staff', 'Per petugas']] as const).map(([v, label]) => (
              <label class="check" key={v}>
                <input type="radio" name="al-view" checked={view === v} onChange={() => setView(v)} />
                {label}
              </label>
            ))}
          </fieldset>
          <button type="button" class="secondary" disabled={rows.length === 0} onClick={download}>Unduh CSV</button>
        </div>
        <ErrorBox message={live.error} />
        {live.data === undefined && valid && <p class="empty">Memuat…</p>}
        {live.data && rows.length === 0 && <p class="empty">Tidak ada catatan akses pada periode ini.</p>}
        {rows.length >= MAX_ROWS && (
          <p class="note-box" role="status">Ditampilkan {MAX_ROWS} catatan terbaru. Persempit periode atau saring per pengaduan/petugas untuk melihat sisanya.</p>
        )}
        {rows.length > 0 && view === 'detail' && (
          <table class="cases" data-testid="access-log">
            <thead><tr><th scope="col">Waktu (WITA)</th><th scope="col">Petugas</th><th scope="col">Nomor pengaduan</th><th scope="col">Yang dibuka</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td data-label="Waktu">{officeStamp(r.at)}</td>
                  <td data-label="Petugas">{r.name}</td>
                  <td data-label="Nomor pengaduan">{r.caseNumber ?? '-'}</td>
                  <td data-label="Yang dibuka">{describeAccess(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {rows.length > 0 && view !== 'detail' && (
          <table class="cases" data-testid={`access-summary-${view}`}>
            <thead>
              <tr>
                <th scope="col">{view === 'case' ? 'Nomor pengaduan' : 'Petugas'}</th>
                {ACCESS_KINDS.map((k) => <th scope="col" key={k}>{ACCESS_KIND_LABELS[k]}</th>)}
                <th scope="col">Jumlah</th>
                <th scope="col">{view === 'case' ? 'Petugas berbeda' : 'Pengaduan berbeda'}</th>
                <th scope="col">Terakhir (WITA)</th>
              </tr>
            </thead>
            <tbody>
              {(view === 'case' ? perCase : perStaff).map((g) => (
                <tr key={g.key}>
                  <th scope="row">{g.label}</th>
                  {ACCESS_KINDS.map((k) => <td key={k} data-label={ACCESS_KIND_LABELS[k]}>{g.byKind[k]}</td>)}
                  <td data-label="Jumlah">{g.total}</td>
                  <td data-label={view === 'case' ? 'Petugas berbeda' : 'Pengaduan berbeda'}>{g.distinct}</td>
                  <td data-label="Terakhir">{officeStamp(g.last)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
