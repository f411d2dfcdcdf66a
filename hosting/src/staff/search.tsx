/**
 * Search without exposure: a full NIK/KK number or a name is searched on the server (callable
 * `searchCases`, keyed hashes), which answers inbox rows only; no identity reaches the browser.
 */
import { useState } from 'preact/hooks';
import type { CaseSummary, SummaryDoc } from '../../../functions/src/domain/caseSummary';
import { formatTanggalWaktu } from '../../../functions/src/domain/indonesianDate';
import { COMPLAINT_TYPE_LABELS, STATE_LABELS } from '../../../functions/src/domain/vocabulary';
import { call } from '../firebase';
import { Link, errorMessage } from './ui';

/** An inbox row (a `caseSummaries` document) or a search result: the same shape. */
export type Row = SummaryDoc & { id: string };

const searchCases = call<{ query: string }, { cases: Row[] }>('searchCases');

/** A search the server must do: a full 16-digit NIK/KK number, or letters of a name (not a case number). */
export function isIdentitySearch(q: string): boolean {
  const t = q.trim();
  if (/^\d[\d\s.-]*$/.test(t)) return t.replace(/\D/g, '').length === 16;
  return /[A-Za-zÀ-ÿ]{3}/.test(t) && !/^adu-/i.test(t);
}

/** The search of the query box: `search` runs it (on Enter); `found` holds the results of the query as typed. */
export function useCaseSearch(q: string) {
  const [found, setFound] = useState<{ query: string; ids: Set<string>; cases: Row[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const byIdentity = isIdentitySearch(q);
  const search = async (e: Event) => {
    e.preventDefault();
    if (!byIdentity) return;
    setSearching(true);
    setError(null);
    try {
      const r = await searchCases({ query: q.trim() });
      setFound({ query: q.trim(), ids: new Set(r.cases.map((c) => c.id)), cases: r.cases });
    } catch (err) {
      setFound(null);
      setError(errorMessage(err));
    } finally {
      setSearching(false);
    }
  };
  return { found: found && found.query === q.trim() ? found : null, error, searching, byIdentity, search };
}

/** Masked names: the applicant, and the KPM when another person, with the KPM's masked NIK. */
export function SummaryNames({ summary }: { summary: Pick<CaseSummary, 'applicantName' | 'kpmName' | 'kpmNik'> }) {
  return (
    <>
      {summary.applicantName}
      {summary.kpmName !== summary.applicantName && <span class="muted"> / KPM {summary.kpmName}</span>}
      <br /><span class="muted nik">{summary.kpmNik}</span>
    </>
  );
}

/** Found cases that are not in this inbox (another step, or closed). */
export function SearchResults({ found, tz }: { found: Row[]; tz: number }) {
  if (found.length === 0) return null;
  return (
    <section aria-labelledby="found-title" class="found">
      <h2 id="found-title">Hasil pencarian di luar kotak masuk ini</h2>
      <table class="cases" data-testid="search-results">
        <tbody>
          {found.map((f) => (
            <tr key={f.id} data-case={f.number}>
              <td data-label="Nomor"><Link href={`/pengaduan/${f.id}`} class="casenum">{f.number}</Link></td>
              <td data-label="Pemohon / KPM"><SummaryNames summary={f} /></td>
              <td data-label="Jenis">{COMPLAINT_TYPE_LABELS[f.complaintType]}</td>
              <td data-label="Status"><span class={`state state-${f.state}`}>{STATE_LABELS[f.state]}</span></td>
              <td data-label="Kelurahan">{f.kelurahan}</td>
              <td data-label="Diterima">{formatTanggalWaktu(new Date(f.createdAt), tz)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
