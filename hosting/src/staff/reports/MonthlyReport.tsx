/**
 * Laporan bulanan (every active staff role): the office-month's figures from the `monthlyReport`
 * callable — received, completed, closed with reasons, sent back for documents; by complaint type,
 * applicant relation, kecamatan and kelurahan; the SOP's time standards per step and per officer
 * (kabid, koordinator and admin see every officer, fo and analis their own); the backlog now; a
 * 12-month trend. Two charts (uPlot) where a picture reads faster than a table; downloads as XLSX
 * and PDF (`exportMonthlyReport`). Loaded lazily by StaffApp: uPlot stays out of the inbox bundle.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './monthlyReport.css';
import { call } from '../../firebase';
import type { MonthlyReport as Report, StepFigures } from '../../../../functions/src/domain/reports/monthlyReport';
import { ErrorBox, errorMessage } from '../ui';
import { saveFile, type DownloadedFile } from '../download';

type Answer = { report: Report; cost: { documents: number; countQueries: number; countReadUnits: number; total: number } };
const monthlyReport = call<{ month: string }, Answer>('monthlyReport');
const exportMonthlyReport = call<{ month: string; format: 'pdf' | 'xlsx' }, DownloadedFile>('exportMonthlyReport');

/** The current office month (WITA). */
function currentMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

const nf = new Intl.NumberFormat('id-ID');
const pf = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 });
const n = (x: number) => nf.format(x);
const pct = (x: number | null) => (x === null ? '—' : pf.format(x));
const mins = (x: number | null) => (x === null ? '—' : `≤ ${nf.format(x)}`);

export function MonthlyReport() {
  const [month, setMonth] = useState(currentMonth());
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);

  useEffect(() => {
    if (!/^\d{4}-\d{2}$/.test(month)) return;
    let live = true;
    setAnswer(null);
    setError(null);
    monthlyReport({ month }).then(
      (a) => live && setAnswer(a),
      (e) => live && setError(`Laporan tidak dapat dimuat. ${errorMessage(e)}`),
    );
    return () => {
      live = false;
    };
  }, [month]);

  const download = async (format: 'pdf' | 'xlsx') => {
    setBusy(format);
    setError(null);
    try {
      saveFile(await exportMonthlyReport({ month, format }));
    } catch (e) {
      setError(`Berkas tidak dapat dibuat. ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const r = answer?.report;
  return (
    <section aria-labelledby="mr-title" class="stack monthly-report">
      <div class="page-head">
        <h1 id="mr-title">Laporan bulanan</h1>
        <label class="month-pick">
          Bulan{' '}
          <input type="month" value={month} max={currentMonth()} onInput={(e) => setMonth((e.target as HTMLInputElement).value)} />
        </label>
        <span class="actions">
          <button type="button" class="secondary" disabled={!r || busy !== null} onClick={() => void download('xlsx')}>
            {busy === 'xlsx' ? 'Menyiapkan…' : 'Unduh XLSX'}
          </button>
          <button type="button" class="secondary" disabled={!r || busy !== null} onClick={() => void download('pdf')}>
            {busy === 'pdf' ? 'Menyiapkan…' : 'Unduh PDF'}
          </button>
        </span>
      </div>
      <ErrorBox message={error} />
      {!r && !error && <p class="loading">Memuat laporan…</p>}
      {r && <ReportBody r={r} />}
    </section>
  );
}

function ReportBody({ r }: { r: Report }) {
  return (
    <>
      <p class="muted">
        Laporan {r.monthLabel}. Waktu langkah dihitung dalam menit jam kerja kantor (WITA); median dan persentil ke-90 dibulatkan ke
        atas sesuai kelompok menit. Tunggakan dihitung pada saat laporan dibuka.
      </p>
      <div class="tiles" data-testid="report-totals">
        <Tile label="Pengaduan diterima" value={r.totals.received} id="received" />
        <Tile label="Selesai" value={r.totals.completed} id="completed" />
        <Tile label="Ditutup" value={r.totals.closed} id="closed" />
        <Tile label="Dikembalikan untuk kelengkapan" value={r.totals.returned} id="returned" />
        <Tile label="Belum selesai (saat ini)" value={r.totals.backlog} id="backlog" />
        <div class="tile">
          <span class="tile-label">Sesuai standar waktu</span>
          <strong data-testid="total-share">{pct(r.stepTotals.share)}</strong>
        </div>
      </div>

      <div class="grid2 charts">
        <div class="card">
          <h2>Tren 12 bulan</h2>
          <TrendChart r={r} />
        </div>
        <div class="card">
          <h2>Kepatuhan standar waktu per langkah SOP</h2>
          <StepChart steps={r.steps} />
        </div>
      </div>

      <div class="card table-wrap">
        <h2>Standar waktu per langkah SOP</h2>
        <StepTable steps={r.steps} testid="report-steps" total={r.stepTotals} />
      </div>

      <div class="card table-wrap">
        <h2>Per petugas{r.officerScope === 'own' ? ' (angka Anda)' : ''}</h2>
        {r.officers.length === 0 ? (
          <p class="empty">Tidak ada langkah yang diselesaikan{r.officerScope === 'own' ? ' oleh Anda' : ''} pada bulan ini.</p>
        ) : (
          <table class="cases report" data-testid="report-officers">
            <thead>
              <tr><th scope="col">Petugas</th><th scope="col">Langkah</th><th scope="col" class="num">Selesai</th><th scope="col" class="num">Sesuai standar</th><th scope="col" class="num">%</th><th scope="col" class="num">Median (menit)</th><th scope="col" class="num">P90 (menit)</th></tr>
            </thead>
            <tbody>
              {r.officers.flatMap((o) =>
                o.steps.map((s, i) => (
                  <tr key={`${o.uid}-${s.step}`}>
                    {i === 0 && <th scope="row" rowSpan={o.steps.length}>{o.name}<br /><span class="muted small">{n(o.ended)} langkah, {pct(o.share)} sesuai standar</span></th>}
                    <td>{s.label}</td>
                    <td class="num">{n(s.ended)}</td>
                    <td class="num">{n(s.within)}</td>
                    <td class="num">{pct(s.share)}</td>
                    <td class="num">{mins(s.median)}</td>
                    <td class="num">{mins(s.p90)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )}
      </div>

      <div class="grid3 tables">
        <CountTable title="Menurut jenis pengaduan" head="Jenis pengaduan" rows={r.byType} testid="report-by-type" />
        <CountTable title="Menurut hubungan pemohon" head="Pemohon" rows={r.byRelation} testid="report-by-relation" />
        <CountTable title="Menurut kecamatan" head="Kecamatan" rows={r.byKecamatan} testid="report-by-kecamatan" />
      </div>

      <div class="card table-wrap">
        <h2>Menurut kelurahan</h2>
        {r.byKelurahan.length === 0 ? (
          <p class="empty">Tidak ada pengaduan diterima pada bulan ini.</p>
        ) : (
          <table class="cases report" data-testid="report-by-kelurahan">
            <thead><tr><th scope="col">Kelurahan</th><th scope="col">Kecamatan</th><th scope="col" class="num">Jumlah</th></tr></thead>
            <tbody>
              {r.byKelurahan.map((k) => (
                <tr key={k.key}><td>{k.label}</td><td>{k.kecamatan}</td><td class="num">{n(k.count)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      <div class="card table-wrap">
        <h2>Pengaduan ditutup dan alasannya</h2>
        {r.closures.length === 0 ? (
          <p class="empty">Tidak ada pengaduan ditutup pada bulan ini.</p>
        ) : (
          <table class="cases report" data-testid="report-closures">
            <thead><tr><th scope="col">Nomor pengaduan</th><th scope="col">Alasan yang disampaikan kepada pemohon</th></tr></thead>
            <tbody>{r.closures.map((c) => <tr key={c.number}><td>{c.number}</td><td>{c.reason}</td></tr>)}</tbody>
          </table>
        )}
      </div>

      <div class="grid2">
        <CountTable title="Tunggakan menurut umur (hari kalender sejak diterima)" head="Umur" rows={r.backlog.byAge} testid="report-backlog-age" />
        <CountTable title="Tunggakan menurut status" head="Status" rows={r.backlog.byState} testid="report-backlog-state" />
      </div>

      <div class="card table-wrap">
        <h2>Tren 12 bulan</h2>
        <table class="cases report" data-testid="report-trend">
          <thead><tr><th scope="col">Bulan</th><th scope="col" class="num">Diterima</th><th scope="col" class="num">Selesai</th><th scope="col" class="num">Ditutup</th><th scope="col" class="num">Sesuai standar</th></tr></thead>
          <tbody>
            {r.trend.map((t) => (
              <tr key={t.month}><td>{t.label}</td><td class="num">{n(t.received)}</td><td class="num">{n(t.completed)}</td><td class="num">{n(t.closed)}</td><td class="num">{pct(t.share)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Tile({ label, value, id }: { label: string; value: number; id: string }) {
  return (
    <div class="tile">
      <span class="tile-label">{label}</span>
      <strong data-testid={`total-${id}`}>{n(value)}</strong>
    </div>
  );
}

function CountTable({ title, head, rows, testid }: { title: string; head: string; rows: Array<{ key: string; label: string; count: number }>; testid: string }) {
  const total = rows.reduce((s, r) => s + r.count, 0);
  return (
    <div class="card table-wrap">
      <h2>{title}</h2>
      <table class="cases report" data-testid={testid}>
        <thead><tr><th scope="col">{head}</th><th scope="col" class="num">Jumlah</th></tr></thead>
        <tbody>{rows.map((r) => <tr key={r.key}><td>{r.label}</td><td class="num">{n(r.count)}</td></tr>)}</tbody>
        <tfoot><tr><th scope="row">Jumlah</th><td class="num">{n(total)}</td></tr></tfoot>
      </table>
    </div>
  );
}

function StepTable({ steps, total, testid }: { steps: StepFigures[]; total: Report['stepTotals']; testid: string }) {
  return (
    <table class="cases report" data-testid={testid}>
      <thead>
        <tr><th scope="col">Langkah</th><th scope="col" class="num">Standar (menit)</th><th scope="col" class="num">Selesai</th><th scope="col" class="num">Sesuai standar</th><th scope="col" class="num">%</th><th scope="col" class="num">Median (menit)</th><th scope="col" class="num">P90 (menit)</th></tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.step}>
            <td>{s.label}</td>
            <td class="num">{s.standard === null ? '—' : n(s.standard)}</td>
            <td class="num">{n(s.ended)}</td>
            <td class="num">{n(s.within)}</td>
            <td class="num">{pct(s.share)}</td>
            <td class="num">{mins(s.median)}</td>
            <td class="num">{mins(s.p90)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot><tr><th scope="row">Semua langkah</th><td /><td class="num">{n(total.ended)}</td><td class="num">{n(total.within)}</td><td class="num">{pct(total.share)}</td><td /><td /></tr></tfoot>
    </table>
  );
}

// ---------------------------------------------------------------------------------------------
// Charts

const GREEN = '#0b5d3b';
const BLUE = '#1f5fa8';
const RED = '#a1251b';
const GOLD = '#b07d12';

/** A uPlot chart that follows its container's width. */
function useChart(make: (width: number) => uPlot.Options, data: uPlot.AlignedData, deps: unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = new uPlot(make(Math.max(280, el.clientWidth)), data, el);
    const ro = new ResizeObserver(() => chart.setSize({ width: Math.max(280, el.clientWidth), height: chart.height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.destroy();
    };
  }, deps);
  return ref;
}

function TrendChart({ r }: { r: Report }) {
  const xs = r.trend.map((_, i) => i);
  const short = r.trend.map((t) => t.label.slice(0, 3) + ' ' + t.month.slice(2, 4));
  const ref = useChart(
    (width) => ({
      width,
      height: 240,
      legend: { live: false },
      scales: { x: { time: false }, pct: { range: [0, 100] } },
      axes: [
        { incrs: [1, 2, 3], values: (_u, ticks) => ticks.map((i) => short[i] ?? '') },
        { label: 'Pengaduan', size: 50 },
        { scale: 'pct', side: 1, label: '% sesuai standar', grid: { show: false }, values: (_u, t) => t.map((v) => `${v}%`) },
      ],
      series: [
        {},
        { label: 'Diterima', stroke: BLUE, width: 2, fill: 'rgba(31,95,168,0.08)' },
        { label: 'Selesai', stroke: GREEN, width: 2 },
        { label: 'Ditutup', stroke: RED, width: 2 },
        { label: '% sesuai standar', stroke: GOLD, width: 2, dash: [6, 4], scale: 'pct', value: (_u, v) => (v === null ? '—' : `${v.toFixed(1)}%`) },
      ],
    }),
    [xs, r.trend.map((t) => t.received), r.trend.map((t) => t.completed), r.trend.map((t) => t.closed), r.trend.map((t) => (t.share === null ? null : t.share * 100))],
    [r.month, JSON.stringify(r.trend)],
  );
  return <div ref={ref} class="chart" data-testid="chart-trend" role="img" aria-label="Grafik tren 12 bulan: diterima, selesai, ditutup, dan persentase sesuai standar waktu" />;
}

function StepChart({ steps }: { steps: StepFigures[] }) {
  const bars = uPlot.paths.bars!({ size: [0.6, 60] });
  const ref = useChart(
    (width) => ({
      width,
      height: 240,
      legend: { live: false },
      scales: { x: { time: false, range: [-0.5, 5.5] }, y: { range: [0, 100] } },
      axes: [
        { incrs: [1], values: (_u, ticks) => ticks.map((i) => (Number.isInteger(i) && i >= 0 && i < 6 ? `Langkah ${i + 1}` : '')) },
        { label: '% sesuai standar', size: 50, values: (_u, t) => t.map((v) => `${v}%`) },
      ],
      series: [{}, { label: '% sesuai standar', fill: 'rgba(11,93,59,0.75)', stroke: GREEN, paths: bars, points: { show: false }, value: (_u, v) => (v === null ? '—' : `${v.toFixed(1)}%`) }],
    }),
    [steps.map((_, i) => i), steps.map((s) => (s.share === null ? null : s.share * 100))],
    [JSON.stringify(steps)],
  );
  return <div ref={ref} class="chart" data-testid="chart-steps" role="img" aria-label="Grafik persentase langkah yang selesai sesuai standar waktu, per langkah SOP" />;
}
