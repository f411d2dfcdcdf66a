/**
 * Survei Kepuasan Masyarakat (SKM) report page: for a period of whole months, the respondents, NRR
 * per element with its grade, the IKM with its grade (mutu pelayanan) and label (kinerja unit
 * pelayanan), the conversion table of PermenPANRB 14/2017, and — for the Kabid, the Koordinator and
 * the administrator — the suggestions. Figures come from the `skmReport` callable (computed by
 * functions/src/domain/skm.ts); the printable *Laporan Hasil SKM* PDF from `exportSkmReport`.
 * Loaded lazily by StaffApp.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../../firebase';
import { CHANNEL_LABELS, CONVERSION_TABLE, formatDecimal, KINERJA, type SkmResult, type SurveyChannel } from '../../../../functions/src/domain/skm';
import { saveFile, type DownloadedFile } from '../download';
import { ErrorBox, errorMessage, isMissingFunction } from '../ui';
import '../skm.css';

interface SkmReportData {
  from: string;
  to: string;
  months: { month: string; respondents: number }[];
  respondents: number;
  result: SkmResult | null;
  suggestions?: { date: string; text: string; channel: SurveyChannel }[];
  suggestionsTotal?: number;
  suggestionsCap: number;
}

const reportCall = call<{ from: string; to: string }, SkmReportData>('skmReport');
const exportCall = call<{ from: string; to: string }, DownloadedFile>('exportSkmReport');

/** 'YYYY-MM' of today in WITA. */
function thisMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const monthName = (m: string) => `${BULAN[Number(m.slice(5, 7)) - 1] ?? m} ${m.slice(0, 4)}`;
const periodName = (from: string, to: string) => (from === to ? monthName(from) : `${monthName(from)} – ${monthName(to)}`);
const dateName = (d: string) => `${Number(d.slice(8, 10))} ${BULAN[Number(d.slice(5, 7)) - 1] ?? ''} ${d.slice(0, 4)}`;

export function SkmReport() {
  const now = thisMonth();
  const [from, setFrom] = useState(`${now.slice(0, 4)}-01`);
  const [to, setTo] = useState(now);
  const [data, setData] = useState<SkmReportData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState(false);

  // The answer of an older request (the first load arriving after the person asked for another
  // period) is dropped.
  const generation = useRef(0);
  const load = (f = from, t = to) => {
    const mine = ++generation.current;
    setBusy(true);
    setError(null);
    reportCall({ from: f, to: t }).then(
      (d) => {
        if (mine !== generation.current) return;
        setData(d);
        setBusy(false);
      },
      (e) => {
        if (mine !== generation.current) return;
        setError(errorMessage(e));
        setBusy(false);
      },
    );
  };
  useEffect(() => load(), []);

  const download = async () => {
    setExporting(true);
    setError(null);
    try {
      saveFile(await exportCall({ from, to }));
    } catch (e) {
      setError(isMissingFunction(e) ? 'Ekspor PDF belum tersedia.' : errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const r = data?.result ?? null;
  return (
    <section class="card skm-report">
      <h1>Survei Kepuasan Masyarakat (SKM)</h1>
      <p class="muted">
        Indeks Kepuasan Masyarakat menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017: nilai rata-rata (NRR) setiap unsur
        dibagi jumlah responden, bobot 1/9 per unsur, IKM = Σ (NRR × bobot) × 25, dibulatkan dua desimal.
      </p>
      <form
        class="period"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label>
          Dari bulan
          <input type="month" value={from} required onInput={(e) => setFrom(e.currentTarget.value)} data-testid="skm-from" />
        </label>
        <label>
          Sampai bulan
          <input type="month" value={to} required onInput={(e) => setTo(e.currentTarget.value)} data-testid="skm-to" />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Memuat…' : 'Tampilkan'}
        </button>
        <button type="button" class="secondary" disabled={exporting || !r} onClick={() => void download()} data-testid="skm-pdf">
          {exporting ? 'Menyusun PDF…' : 'Unduh Laporan Hasil SKM (PDF)'}
        </button>
      </form>
      <ErrorBox message={error} />
      {data && (
        <>
          <h2>Periode {periodName(data.from, data.to)}</h2>
          {!r && <p data-testid="skm-empty">Belum ada responden pada periode ini.</p>}
          {r && (
            <>
              <dl class="skm-figures">
                <div>
                  <dt>Responden</dt>
                  <dd data-testid="skm-respondents">{r.respondents}</dd>
                </div>
                <div>
                  <dt>Nilai IKM</dt>
                  <dd data-testid="skm-ikm">{formatDecimal(r.ikm)}</dd>
                </div>
                <div>
                  <dt>Mutu pelayanan</dt>
                  <dd class={`mutu-${r.mutu}`} data-testid="skm-mutu">{r.mutu}</dd>
                </div>
                <div>
                  <dt>Kinerja unit pelayanan</dt>
                  <dd class={`mutu-${r.mutu}`} data-testid="skm-kinerja">{r.kinerja}</dd>
                </div>
              </dl>
              <div class="table-wrap">
                <table class="cases" data-testid="skm-unsur">
                  <thead>
                    <tr>
                      <th>Unsur</th>
                      <th>Nama unsur</th>
                      <th class="num">Jumlah nilai</th>
                      <th class="num">NRR</th>
                      <th class="num">NRR tertimbang</th>
                      <th class="num">Konversi (×25)</th>
                      <th>Mutu</th>
                      <th>Kinerja</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.unsur.map((u) => (
                      <tr key={u.key}>
                        <td>{u.code}</td>
                        <td>{u.name}</td>
                        <td class="num">{u.sum}</td>
                        <td class="num">{formatDecimal(u.nrr, 3)}</td>
                        <td class="num">{formatDecimal(u.weighted, 3)}</td>
                        <td class="num">{formatDecimal(u.converted)}</td>
                        <td class={`mutu-${u.mutu}`}>{u.mutu}</td>
                        <td>{u.kinerja}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th colSpan={4}>Indeks (Σ NRR tertimbang)</th>
                      <th class="num">{formatDecimal(r.ikmUnit, 4)}</th>
                      <th class="num">{formatDecimal(r.ikm)}</th>
                      <th class={`mutu-${r.mutu}`}>{r.mutu}</th>
                      <th>{r.kinerja}</th>
                    </tr>
                  </tfoot>
                </table>
              </div>
            </>
          )}
          <h2>Responden per bulan</h2>
          <table class="mini" data-testid="skm-months">
            <tbody>
              {data.months.map((m) => (
                <tr key={m.month}>
                  <td>{monthName(m.month)}</td>
                  <td class="num">{m.respondents}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Tabel konversi (PermenPANRB 14/2017)</h2>
          <table class="mini">
            <thead>
              <tr>
                <th>Nilai persepsi</th>
                <th>Nilai interval (NI)</th>
                <th>Nilai interval konversi (NIK)</th>
                <th>Mutu pelayanan</th>
                <th>Kinerja unit pelayanan</th>
              </tr>
            </thead>
            <tbody>
              {CONVERSION_TABLE.map((row) => (
                <tr key={row.mutu}>
                  <td>{row.persepsi}</td>
                  <td>{row.ni}</td>
                  <td>{row.nik}</td>
                  <td>{row.mutu}</td>
                  <td>{KINERJA[row.mutu]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Saran dan masukan</h2>
          {data.suggestions === undefined ? (
            <p class="muted" data-testid="skm-suggestions-hidden">
              Saran dan masukan responden dibaca oleh Koordinator, Kepala Bidang, dan Administrator.
            </p>
          ) : data.suggestions.length === 0 ? (
            <p class="muted">Tidak ada saran pada periode ini.</p>
          ) : (
            <>
              {(data.suggestionsTotal ?? 0) > data.suggestions.length && (
                <p class="muted">
                  Menampilkan {data.suggestions.length} saran terbaru dari {data.suggestionsTotal}.
                </p>
              )}
              <ol class="suggestions" data-testid="skm-suggestions">
                {data.suggestions.map((s, i) => (
                  <li key={i}>
                    <span class="when">
                      {dateName(s.date)} · {CHANNEL_LABELS[s.channel]}
                    </span>
                    {s.text}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}
