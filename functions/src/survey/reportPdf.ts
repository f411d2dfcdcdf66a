/**
 * The printable *Laporan Hasil Survei Kepuasan Masyarakat* (PermenPANRB 14/2017) of a period, on
 * the shared report builder (reports/pdfReport.ts: letterhead, page numbers, the "Mengetahui"
 * line of the head of office): the basis and method, respondents, the NRR table per element, the
 * IKM with mutu pelayanan and kinerja unit pelayanan, respondents per month, the conversion table
 * and — for the roles that read them — the suggestions.
 */
import { CHANNEL_LABELS, CONVERSION_TABLE, formatDecimal, KINERJA } from '../domain/skm.js';
import { NAMA_BULAN } from '../domain/indonesianDate.js';
import type { Letterhead } from '../domain/settings.js';
import { renderReportPdf, type ReportDocument, type ReportSection } from '../reports/pdfReport.js';
import type { SkmReport } from './report.js';

const monthName = (m: string) => `${NAMA_BULAN[Number(m.slice(5, 7)) - 1] ?? m} ${m.slice(0, 4)}`;
export const periodName = (from: string, to: string) => (from === to ? monthName(from) : `${monthName(from)} s.d. ${monthName(to)}`);
const dateName = (d: string) => `${Number(d.slice(8, 10))} ${NAMA_BULAN[Number(d.slice(5, 7)) - 1] ?? ''} ${d.slice(0, 4)}`;

/** 'Laporan-Hasil-SKM-2026-01-sd-2026-12.pdf' */
export const skmPdfFilename = (from: string, to: string) =>
  `Laporan-Hasil-SKM-${from}${from === to ? '' : `-sd-${to}`}.pdf`;

export function skmReportDocument(
  report: SkmReport,
  ctx: { letterhead: Letterhead; printedAt: Date; printedBy?: string; utcOffsetMinutes?: number },
): ReportDocument {
  const r = report.result;
  const sections: ReportSection[] = [
    {
      heading: 'A. Dasar dan Metode',
      paragraphs: [
        'Survei Kepuasan Masyarakat dilaksanakan berdasarkan Peraturan Menteri Pendayagunaan Aparatur Negara dan ' +
          'Reformasi Birokrasi Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit ' +
          'Penyelenggara Pelayanan Publik, terhadap pemohon Layanan Pengaduan KPM Program Sembako/BPNT setelah surat ' +
          'keterangan diserahkan, melalui tautan sekali pakai (surel, kode QR) atau tablet di loket, tanpa identitas responden.',
        'Sembilan unsur pelayanan dinilai dengan skala 1 sampai 4. Nilai rata-rata (NRR) setiap unsur = jumlah nilai ' +
          'unsur ÷ jumlah responden; bobot setiap unsur 1/9 (dalam Lampiran ditulis 0,111); IKM = Σ (NRR × bobot) × 25. ' +
          'Nilai IKM dan nilai konversi setiap unsur dibulatkan dua desimal sebelum ditentukan mutunya.',
      ],
    },
    {
      heading: 'B. Hasil Pengukuran',
      paragraphs: r
        ? [
            `Jumlah responden: ${r.respondents} orang.`,
            `Nilai IKM: ${formatDecimal(r.ikm)} (indeks ${formatDecimal(r.ikmUnit, 4)} × 25). ` +
              `Mutu pelayanan: ${r.mutu}. Kinerja unit pelayanan: ${r.kinerja}.`,
          ]
        : ['Belum ada responden pada periode ini; IKM tidak dapat dihitung.'],
      ...(r
        ? {
            table: {
              columns: [
                { header: 'No.', width: 22, align: 'center' as const },
                { header: 'Unsur pelayanan', width: '*' as const },
                { header: 'Jumlah nilai', width: 46, align: 'right' as const },
                { header: 'NRR', width: 38, align: 'right' as const },
                { header: 'NRR tertimbang', width: 50, align: 'right' as const },
                { header: 'Konversi (×25)', width: 50, align: 'right' as const },
                { header: 'Mutu', width: 30, align: 'center' as const },
                { header: 'Kinerja', width: 62 },
              ],
              rows: r.unsur.map((u) => [
                u.code,
                u.name,
                String(u.sum),
                formatDecimal(u.nrr, 3),
                formatDecimal(u.weighted, 3),
                formatDecimal(u.converted),
                u.mutu,
                u.kinerja,
              ]),
              totals: ['', 'Indeks Kepuasan Masyarakat (IKM)', '', '', formatDecimal(r.ikmUnit, 4), formatDecimal(r.ikm), r.mutu, r.kinerja],
              fontSize: 8.5,
            },
          }
        : {}),
    },
    {
      heading: 'C. Responden per Bulan',
      table: {
        columns: [{ header: 'Bulan', width: '*' }, { header: 'Responden', width: 70, align: 'right' }],
        rows: report.months.map((m) => [monthName(m.month), String(m.respondents)]),
        totals: ['Jumlah', String(report.respondents)],
        fontSize: 8.5,
      },
    },
    {
      heading: 'D. Nilai Persepsi, Interval, Konversi, Mutu dan Kinerja Unit Pelayanan',
      table: {
        columns: [
          { header: 'Nilai persepsi', width: 55, align: 'center' },
          { header: 'Nilai interval (NI)', width: '*' },
          { header: 'Nilai interval konversi (NIK)', width: '*' },
          { header: 'Mutu pelayanan', width: 60, align: 'center' },
          { header: 'Kinerja unit pelayanan', width: '*' },
        ],
        rows: CONVERSION_TABLE.map((c) => [String(c.persepsi), c.ni, c.nik, c.mutu, KINERJA[c.mutu]]),
        fontSize: 8.5,
      },
    },
  ];
  if (report.suggestions) {
    const total = report.suggestionsTotal ?? report.suggestions.length;
    sections.push({
      heading: 'E. Saran dan Masukan Responden',
      paragraphs:
        report.suggestions.length === 0
          ? ['Tidak ada saran pada periode ini.']
          : total > report.suggestions.length
            ? [`Dimuat ${report.suggestions.length} saran terbaru dari ${total} saran pada periode ini.`]
            : [],
      ...(report.suggestions.length > 0
        ? {
            table: {
              columns: [
                { header: 'No.', width: 22, align: 'center' as const },
                { header: 'Tanggal', width: 70 },
                { header: 'Saran dan masukan', width: '*' as const },
                { header: 'Cara pengisian', width: 70 },
              ],
              rows: report.suggestions.map((s, i) => [String(i + 1), dateName(s.date), s.text, CHANNEL_LABELS[s.channel]]),
              fontSize: 8.5,
            },
          }
        : {}),
    });
  }
  return {
    title: 'LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT (SKM)',
    subtitle: ['Layanan Pengaduan KPM Program Sembako/Bantuan Pangan Non Tunai', `Periode ${periodName(report.from, report.to)}`],
    orientation: 'portrait',
    letterhead: ctx.letterhead,
    sections,
    printedAt: ctx.printedAt,
    ...(ctx.printedBy ? { printedBy: ctx.printedBy } : {}),
    ...(ctx.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: ctx.utcOffsetMinutes } : {}),
  };
}

export async function renderSkmReportPdf(
  report: SkmReport,
  ctx: { letterhead: Letterhead; printedAt: Date; printedBy?: string; utcOffsetMinutes?: number },
): Promise<Buffer> {
  return renderReportPdf(skmReportDocument(report, ctx));
}
