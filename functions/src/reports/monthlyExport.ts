/**
 * The monthly report as files: a PDF (portrait A4, letterhead, page numbers, the "Mengetahui"
 * acknowledgement of the head of office: reports/pdfReport.ts) and an XLSX workbook with one sheet
 * per table and typed cells (reports/spreadsheet.ts). Both are made from the same built report the
 * page shows, so their totals are the page's.
 */
import type { CountRow, MonthlyReport, StepFigures } from '../domain/reports/monthlyReport.js';
import type { Letterhead } from '../domain/settings.js';
import { formatTanggalWaktu } from '../domain/indonesianDate.js';
import { renderReportPdf, type ReportSection } from './pdfReport.js';
import { buildWorkbook, XLSX_CONTENT_TYPE, type SheetSpec } from './spreadsheet.js';

export const PDF_CONTENT_TYPE = 'application/pdf';

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`);
const mins = (x: number | null): string => (x === null ? '—' : `≤ ${x}`);
const sum = (rows: readonly CountRow[]) => rows.reduce((s, r) => s + r.count, 0);

function summaryRows(r: MonthlyReport): Array<[string, number]> {
  return [
    ['Pengaduan diterima', r.totals.received],
    ['Pengaduan selesai (surat diserahkan)', r.totals.completed],
    ['Pengaduan ditutup', r.totals.closed],
    ['Dikembalikan kepada pemohon untuk kelengkapan dokumen', r.totals.returned],
    ['Pengaduan belum selesai (saat laporan dibuat)', r.totals.backlog],
  ];
}

function subtitle(r: MonthlyReport): string[] {
  return [
    `Bulan ${r.monthLabel}`,
    `Waktu langkah dalam menit jam kerja (WITA); median dan P90 dibulatkan ke atas menurut kelompok menit. Tunggakan per ${formatTanggalWaktu(new Date(r.backlog.asOf))}.`,
    ...(r.officerScope === 'own' ? ['Angka per petugas: hanya angka petugas yang mencetak.'] : []),
  ];
}

const stepRow = (s: StepFigures) => [s.label, s.standard ?? '—', s.ended, s.within, pct(s.share), mins(s.median), mins(s.p90)];

/** The PDF of the report. */
export async function monthlyReportPdf(r: MonthlyReport, opts: { letterhead: Letterhead; printedAt: Date; printedBy: string }): Promise<Buffer> {
  const count = (heading: string, head: string, rows: readonly CountRow[]): ReportSection => ({
    heading,
    table: { columns: [{ header: head, width: '*' }, { header: 'Jumlah', width: 60 }], rows: rows.map((x) => [x.label, x.count]), totals: ['Jumlah', sum(rows)] },
  });
  const sections: ReportSection[] = [
    { heading: 'A. Ringkasan', table: { columns: [{ header: 'Uraian', width: '*' }, { header: 'Jumlah', width: 60 }], rows: summaryRows(r) } },
    {
      heading: 'B. Standar waktu per langkah SOP',
      table: {
        columns: [{ header: 'Langkah', width: '*' }, { header: 'Standar (menit)' }, { header: 'Selesai' }, { header: 'Sesuai standar' }, { header: '%', align: 'right' }, { header: 'Median (menit)', align: 'right' }, { header: 'P90 (menit)', align: 'right' }],
        rows: r.steps.map(stepRow),
        totals: ['Semua langkah', '', r.stepTotals.ended, r.stepTotals.within, pct(r.stepTotals.share), '', ''],
      },
    },
    {
      heading: `C. Standar waktu per petugas${r.officerScope === 'own' ? ' (petugas yang mencetak)' : ''}`,
      ...(r.officers.length === 0
        ? { paragraphs: ['Tidak ada langkah yang diselesaikan pada bulan ini.'] }
        : {
            table: {
              columns: [{ header: 'Petugas', width: 110 }, { header: 'Langkah', width: '*' }, { header: 'Selesai' }, { header: 'Sesuai standar' }, { header: '%', align: 'right' }, { header: 'Median (menit)', align: 'right' }, { header: 'P90 (menit)', align: 'right' }],
              rows: r.officers.flatMap((o) => o.steps.map((s) => [o.name, s.label, s.ended, s.within, pct(s.share), mins(s.median), mins(s.p90)])),
            },
          }),
    },
    count('D. Menurut jenis pengaduan', 'Jenis pengaduan', r.byType),
    count('E. Menurut hubungan pemohon', 'Pemohon', r.byRelation),
    count('F. Menurut kecamatan', 'Kecamatan', r.byKecamatan),
    {
      heading: 'G. Menurut kelurahan',
      table: {
        columns: [{ header: 'Kelurahan', width: '*' }, { header: 'Kecamatan', width: 120 }, { header: 'Jumlah', width: 60 }],
        rows: r.byKelurahan.map((k) => [k.label, k.kecamatan, k.count]),
        totals: ['Jumlah', '', sum(r.byKelurahan)],
      },
    },
    {
      heading: 'H. Pengaduan ditutup dan alasannya',
      ...(r.closures.length === 0
        ? { paragraphs: ['Tidak ada pengaduan ditutup pada bulan ini.'] }
        : { table: { columns: [{ header: 'Nomor pengaduan', width: 100 }, { header: 'Alasan', width: '*' }], rows: r.closures.map((c) => [c.number, c.reason]) } }),
    },
    count('I. Tunggakan menurut umur (hari kalender sejak diterima)', 'Umur', r.backlog.byAge),
    count('J. Tunggakan menurut status', 'Status', r.backlog.byState),
    {
      heading: 'K. Tren 12 bulan',
      table: {
        columns: [{ header: 'Bulan', width: '*' }, { header: 'Diterima' }, { header: 'Selesai' }, { header: 'Ditutup' }, { header: 'Sesuai standar', align: 'right' }],
        rows: r.trend.map((t) => [t.label, t.received, t.completed, t.closed, pct(t.share)]),
      },
    },
  ];
  return renderReportPdf({
    title: 'LAPORAN BULANAN PELAYANAN PENGADUAN KPM PROGRAM SEMBAKO/BPNT',
    subtitle: subtitle(r),
    orientation: 'portrait',
    letterhead: opts.letterhead,
    sections,
    printedAt: opts.printedAt,
    printedBy: opts.printedBy,
  });
}

/** The workbook of the report: one sheet per table, numbers as numbers, shares as percentages. */
export async function monthlyReportXlsx(r: MonthlyReport, opts: { printedAt: Date }): Promise<Buffer> {
  const sub = subtitle(r);
  const title = `Laporan bulanan ${r.monthLabel}`;
  const counts = (name: string, head: string, rows: readonly CountRow[]): SheetSpec => ({
    name,
    title: `${title}: ${name.toLowerCase()}`,
    subtitle: sub,
    columns: [{ header: head, type: 'text', width: 40 }, { header: 'Jumlah', type: 'integer', width: 12 }],
    rows: rows.map((x) => [x.label, x.count]),
    totals: { columns: [1] },
  });
  const stepCols = [
    { header: 'Selesai', type: 'integer', width: 10 },
    { header: 'Sesuai standar', type: 'integer', width: 15 },
    { header: 'Sesuai standar (%)', type: 'number', width: 18, format: '0.0%' },
    { header: 'Median (menit, batas atas)', type: 'integer', width: 24 },
    { header: 'P90 (menit, batas atas)', type: 'integer', width: 22 },
  ] as const;
  const sheets: SheetSpec[] = [
    {
      name: 'Ringkasan',
      title,
      subtitle: sub,
      columns: [{ header: 'Uraian', type: 'text', width: 55 }, { header: 'Jumlah', type: 'integer', width: 12 }],
      rows: summaryRows(r),
    },
    {
      name: 'Langkah SOP',
      title: `${title}: standar waktu per langkah SOP`,
      subtitle: sub,
      columns: [{ header: 'Langkah', type: 'text', width: 34 }, { header: 'Standar (menit)', type: 'integer', width: 15 }, ...stepCols],
      rows: r.steps.map((s) => [s.label, s.standard, s.ended, s.within, s.share, s.median, s.p90]),
      totals: { columns: [2, 3] },
    },
    {
      name: 'Per petugas',
      title: `${title}: standar waktu per petugas`,
      subtitle: sub,
      columns: [{ header: 'Petugas', type: 'text', width: 30 }, { header: 'Langkah', type: 'text', width: 34 }, ...stepCols],
      rows: r.officers.flatMap((o) => o.steps.map((s) => [o.name, s.label, s.ended, s.within, s.share, s.median, s.p90])),
      totals: { columns: [2, 3] },
    },
    counts('Jenis pengaduan', 'Jenis pengaduan', r.byType),
    counts('Hubungan pemohon', 'Pemohon', r.byRelation),
    counts('Kecamatan', 'Kecamatan', r.byKecamatan),
    {
      name: 'Kelurahan',
      title: `${title}: menurut kelurahan`,
      subtitle: sub,
      columns: [{ header: 'Kelurahan', type: 'text', width: 26 }, { header: 'Kecamatan', type: 'text', width: 20 }, { header: 'Jumlah', type: 'integer', width: 12 }],
      rows: r.byKelurahan.map((k) => [k.label, k.kecamatan, k.count]),
      totals: { columns: [2] },
    },
    {
      name: 'Ditutup',
      title: `${title}: pengaduan ditutup dan alasannya`,
      subtitle: sub,
      columns: [{ header: 'Nomor pengaduan', type: 'text', width: 20 }, { header: 'Alasan', type: 'text', width: 80 }],
      rows: r.closures.map((c) => [c.number, c.reason]),
    },
    counts('Tunggakan umur', 'Umur (hari kalender)', r.backlog.byAge),
    counts('Tunggakan status', 'Status', r.backlog.byState),
    {
      name: 'Tren 12 bulan',
      title: `${title}: tren 12 bulan`,
      subtitle: sub,
      columns: [
        { header: 'Bulan', type: 'text', width: 18 },
        { header: 'Diterima', type: 'integer', width: 10 },
        { header: 'Selesai', type: 'integer', width: 10 },
        { header: 'Ditutup', type: 'integer', width: 10 },
        { header: 'Langkah selesai', type: 'integer', width: 15 },
        { header: 'Sesuai standar', type: 'integer', width: 15 },
        { header: 'Sesuai standar (%)', type: 'number', width: 18, format: '0.0%' },
      ],
      rows: r.trend.map((t) => [t.label, t.received, t.completed, t.closed, t.ended, t.within, t.share]),
      totals: { columns: [1, 2, 3, 4, 5] },
    },
  ];
  return buildWorkbook(sheets, { created: opts.printedAt });
}

export { XLSX_CONTENT_TYPE };
