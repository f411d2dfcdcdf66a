/**
 * A role's inbox: the cases waiting for that role, live (onSnapshot), most urgent first by the
 * step's time standard, with filters over the live list and a server-side search by NIK/KK or
 * name (./search.tsx). The list is made of inbox rows (`caseSummaries`): no identity.
 */
import { collection, limit, orderBy, query, where } from 'firebase/firestore';
import { useMemo, useState } from 'preact/hooks';
import {
  COMPLAINT_TYPE_LABELS,
  COMPLAINT_TYPES,
  KECAMATAN_TARAKAN,
  ROLE_LABELS,
  STATE_LABELS,
  type CaseState,
  type Role,
} from '../../../functions/src/domain/vocabulary';
import { formatTanggalWaktu, officeIsoDate } from '../../../functions/src/domain/indonesianDate';
import type { OfficeSettings } from '../../../functions/src/domain/settings';
import { db, useQuery } from './db';
import { ClockBadge, Link, clockOf, useNow } from './ui';
import { SearchResults, SummaryNames, useCaseSearch, type Row } from './search';

/** The states in which a case waits for each role (admin sees every case). */
export const INBOX_STATES: Record<Exclude<Role, 'admin'>, CaseState[]> = {
  fo: ['intake', 'submitted', 'awaiting_documents', 'signed'],
  analis: ['verified'],
  koordinator: ['drafted'],
  kabid: ['initialled'],
};

const ALL_KELURAHAN = Object.values(KECAMATAN_TARAKAN).flat().sort();

/** 'YYYY-MM-DD' of an instant on the office calendar. */
const officeDay = (iso: string, offsetMinutes: number) => officeIsoDate(new Date(iso), offsetMinutes);

export function Inbox({ role, settings }: { role: Role; settings: OfficeSettings }) {
  const states = role === 'admin' ? null : INBOX_STATES[role];
  // The inbox rows (`caseSummaries`): masked names and NIK, state and clock — never an identity.
  const live = useQuery<Row>(
    () =>
      states
        ? query(collection(db, 'caseSummaries'), where('state', 'in', states))
        : query(collection(db, 'caseSummaries'), orderBy('createdAt', 'desc'), limit(500)),
    `inbox:${role}`,
  );
  const now = useNow();
  const [q, setQ] = useState('');
  const [state, setState] = useState('');
  const [type, setType] = useState('');
  const [kel, setKel] = useState('');
  const [day, setDay] = useState('');

  const { found: activeFound, error: searchError, searching, byIdentity, search } = useCaseSearch(q);

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const list = (live.data ?? [])
      .filter((c) => !state || c.state === state)
      .filter((c) => !type || c.complaintType === type)
      .filter((c) => !kel || c.kelurahan === kel)
      .filter((c) => !day || (c.createdAt && officeDay(c.createdAt, settings.calendar.timeZoneOffsetMinutes) === day))
      .filter((c) => (activeFound ? activeFound.ids.has(c.id) : !needle || byIdentity || c.number?.toLowerCase().includes(needle)))
      .map((c) => ({ c, summary: c, clock: clockOf(c, settings, now) }));
    // Most urgent first: running clocks by elapsed/standard (overdue first), then paused ones, then final.
    const rank = (x: (typeof list)[number]) => (!x.clock ? -2 : x.clock.paused ? -1 : x.clock.ratio);
    return list.sort((a, b) => rank(b) - rank(a) || String(a.c.createdAt).localeCompare(String(b.c.createdAt)));
  }, [live.data, q, state, type, kel, day, settings, now, activeFound, byIdentity]);
  const elsewhere = activeFound ? activeFound.cases.filter((f) => !rows.some((r) => r.c.id === f.id)) : [];

  const stateOptions = states ?? [...Object.keys(STATE_LABELS)];
  const overdue = rows.filter((r) => r.clock && !r.clock.paused && r.clock.status === 'red').length;

  return (
    <section aria-labelledby="inbox-title" class="inbox">
      <div class="page-head">
        <h1 id="inbox-title">Kotak masuk — {ROLE_LABELS[role]}</h1>
        <p class="muted" aria-live="polite">
          {live.data === undefined
            ? 'Memuat daftar pengaduan…'
            : `${rows.length} pengaduan${rows.length !== (live.data?.length ?? 0) ? ` (dari ${live.data.length})` : ''}` +
              (overdue ? ` · ${overdue} melewati standar waktu` : '')}
        </p>
        {role === 'fo' && (
          <Link href="/pengaduan/baru" class="button">+ Pengaduan baru</Link>
        )}
      </div>
      <form class="filters" role="search" onSubmit={(e) => void search(e)}>
        <div class="field grow">
          <label for="f-q">Cari nomor, NIK/KK lengkap, atau nama</label>
          <input id="f-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="ADU-2026-… / 16 digit NIK / nama" />
          {byIdentity && !activeFound && <span class="hint">Tekan Enter untuk mencari.</span>}
        </div>
        <div class="field">
          <label for="f-state">Status</label>
          <select id="f-state" value={state} onChange={(e) => setState(e.currentTarget.value)}>
            <option value="">Semua</option>
            {stateOptions.map((s) => (
              <option key={s} value={s}>{STATE_LABELS[s as CaseState]}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-type">Jenis pengaduan</label>
          <select id="f-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
            <option value="">Semua</option>
            {COMPLAINT_TYPES.map((t) => <option key={t} value={t}>{COMPLAINT_TYPE_LABELS[t]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-kel">Kelurahan</label>
          <select id="f-kel" value={kel} onChange={(e) => setKel(e.currentTarget.value)}>
            <option value="">Semua</option>
            {ALL_KELURAHAN.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-day">Tanggal masuk</label>
          <input id="f-day" type="date" value={day} onInput={(e) => setDay(e.currentTarget.value)} />
        </div>
      </form>
      {live.error && <p role="alert" class="error-box">{live.error}</p>}
      {searchError && <p role="alert" class="error-box">{searchError}</p>}
      {searching && <p class="loading">Mencari…</p>}
      <div class="table-wrap">
        <table class="cases" data-testid="inbox">
          <caption class="sr-only">Daftar pengaduan, yang paling mendesak di atas</caption>
          <thead>
            <tr>
              <th scope="col">Nomor</th>
              <th scope="col">Pemohon / KPM</th>
              <th scope="col">Jenis pengaduan</th>
              <th scope="col">Status</th>
              <th scope="col">Kelurahan</th>
              <th scope="col">Diterima</th>
              <th scope="col">Waktu langkah</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ c, summary, clock }) => (
              <tr key={c.id} data-case={c.number}>
                <td data-label="Nomor"><Link href={`/pengaduan/${c.id}`} class="casenum">{c.number}</Link></td>
                <td data-label="Pemohon / KPM">
                  <SummaryNames summary={summary} />
                </td>
                <td data-label="Jenis">{COMPLAINT_TYPE_LABELS[c.complaintType]}</td>
                <td data-label="Status"><span class={`state state-${c.state}`}>{STATE_LABELS[c.state]}</span></td>
                <td data-label="Kelurahan">{summary.kelurahan}</td>
                <td data-label="Diterima">{c.createdAt ? formatTanggalWaktu(new Date(c.createdAt), settings.calendar.timeZoneOffsetMinutes) : '—'}</td>
                <td data-label="Waktu langkah"><ClockBadge clock={clock} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        {live.data !== undefined && rows.length === 0 && !activeFound && (
          <p class="empty">Tidak ada pengaduan yang menunggu tindakan Anda.</p>
        )}
        {activeFound && activeFound.cases.length === 0 && <p class="empty">Tidak ada pengaduan yang cocok dengan pencarian.</p>}
        <SearchResults found={elsewhere} tz={settings.calendar.timeZoneOffsetMinutes} />
        {live.data === undefined && <p class="empty">Memuat…</p>}
      </div>
    </section>
  );
}
