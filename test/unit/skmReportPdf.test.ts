/**
 * The printable Laporan Hasil SKM (read back with pdftotext): period, respondents, the NRR table
 * per element, the IKM with mutu and kinerja, the conversion table, the suggestions only when the
 * report carries them, and the Mengetahui line. The report is the ten respondents of
 * skm.test.ts (IKM 85,28, B, Baik — computed by hand there).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeSkm, emptyTotals, UNSUR_KEYS } from '../../functions/src/domain/skm.js';
import { DEFAULT_SETTINGS } from '../../functions/src/domain/settings.js';
import type { SkmReport } from '../../functions/src/survey/report.js';
import { renderSkmReportPdf, skmPdfFilename } from '../../functions/src/survey/reportPdf.js';

function pdftotext(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'skm-text-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    if (process.env['SKM_PDF_OUT']) writeFileSync(process.env['SKM_PDF_OUT'], pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const totals = emptyTotals();
totals.respondents = 10;
[34, 34, 31, 40, 33, 35, 38, 31, 31].forEach((s, i) => (totals.sums[UNSUR_KEYS[i]!] = s));

const report: SkmReport = {
  from: '2026-10',
  to: '2026-12',
  months: [
    { month: '2026-10', respondents: 3 },
    { month: '2026-11', respondents: 5 },
    { month: '2026-12', respondents: 2 },
  ],
  respondents: 10,
  result: computeSkm(totals),
  suggestions: [
    { date: '2026-12-01', text: 'Ruang tunggu mohon ditambah kursi.', channel: 'loket' },
    { date: '2026-11-20', text: 'Petugas ramah dan sabar.', channel: 'tautan' },
  ],
  suggestionsTotal: 2,
  suggestionsCap: 200,
};
const ctx = { letterhead: DEFAULT_SETTINGS.letterhead, printedAt: new Date('2026-12-02T03:15:00Z'), printedBy: 'Drs. Kabid' };

describe('Laporan Hasil SKM (PDF)', () => {
  it('prints the period, the figures per element, the IKM and its grade, and the Mengetahui line', async () => {
    const text = pdftotext(await renderSkmReportPdf(report, ctx));
    expect(text).toContain('LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT (SKM)');
    expect(text).toContain('Periode Oktober 2026 s.d. Desember 2026');
    expect(text).toContain('Jumlah responden: 10 orang.');
    expect(text).toMatch(/Nilai IKM: 85,28/);
    expect(text).toMatch(/Mutu pelayanan: B\. Kinerja unit pelayanan: Baik\./);
    // U4 Biaya/tarif: 40 points, NRR 4,000, converted 100,00, A
    expect(text).toMatch(/U4\s+Biaya\/tarif\s+40\s+4,000\s+0,444\s+100,00\s+A\s+Sangat Baik/);
    expect(text).toMatch(/U9\s+Penanganan pengaduan, saran dan masukan\s+31\s+3,100\s+0,344\s+77,50\s+B\s+Baik/);
    expect(text).toMatch(/88,31 – 100,00\s+A\s+Sangat Baik/);
    expect(text).toContain('Ruang tunggu mohon ditambah kursi.');
    expect(text).toContain('Mengetahui,');
    expect(text).toMatch(/Halaman 1 dari \d/);
  });

  it('leaves the suggestions out when the reader may not see them', async () => {
    const figuresOnly: SkmReport = { ...report };
    delete figuresOnly.suggestions;
    delete figuresOnly.suggestionsTotal;
    const text = pdftotext(await renderSkmReportPdf(figuresOnly, ctx));
    expect(text).not.toContain('Saran dan Masukan Responden');
    expect(text).not.toContain('Ruang tunggu');
    expect(text).toMatch(/Nilai IKM: 85,28/);
  });

  it('says so when the period has no respondent', async () => {
    const empty: SkmReport = { ...report, months: [{ month: '2026-01', respondents: 0 }], respondents: 0, result: null, from: '2026-01', to: '2026-01' };
    const text = pdftotext(await renderSkmReportPdf(empty, ctx));
    expect(text).toContain('Belum ada responden pada periode ini');
    expect(text).toContain('Periode Januari 2026');
  });

  it('names the file after the period', () => {
    expect(skmPdfFilename('2026-01', '2026-12')).toBe('Laporan-Hasil-SKM-2026-01-sd-2026-12.pdf');
    expect(skmPdfFilename('2026-12', '2026-12')).toBe('Laporan-Hasil-SKM-2026-12.pdf');
  });
});
