/**
 * The shared report documents: the PDF (read back with poppler's pdftotext) and the XLSX/CSV
 * (read back with exceljs): letterhead, title, repeated header row, page numbers, the
 * acknowledgement block; typed cells, frozen header, totals formula, CSV through the domain writer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../functions/src/domain/settings.js';
import { headOfOffice, renderReportPdf } from '../../functions/src/reports/pdfReport.js';
import { buildCsv, buildWorkbook, type SheetColumn } from '../../functions/src/reports/spreadsheet.js';

function pdftotext(pdf: Buffer, layout = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-text-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', ...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pdfPageSize(pdf: Buffer): { pages: number; width: number; height: number } {
  const dir = mkdtempSync(join(tmpdir(), 'report-info-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    const m = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
    return { pages, width: Number(m?.[1]), height: Number(m?.[2]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PRINTED_AT = new Date('2026-12-02T03:15:00.000Z'); // 11.15 WITA

describe('renderReportPdf', () => {
  const rows = Array.from({ length: 150 }, (_, i) => [`ADU-2026-${String(i + 1).padStart(6, '0')}`, 'KKS hilang', i * 1000]);
  const doc = {
    title: 'BUKU REGISTER PENGADUAN',
    subtitle: ['Periode 1 November 2026 s.d. 30 November 2026'],
    orientation: 'landscape' as const,
    letterhead: DEFAULT_SETTINGS.letterhead,
    printedAt: PRINTED_AT,
    printedBy: 'Rina Admin',
    sections: [
      {
        heading: 'Daftar pengaduan',
        paragraphs: ['Seluruh pengaduan yang diterima pada periode ini.'],
        table: {
          columns: [{ header: 'Nomor pengaduan', width: 120 }, { header: 'Jenis pengaduan', width: '*' as const }, { header: 'Angka', width: 60 }],
          rows,
          totals: ['Jumlah', null, 11_175_000],
        },
      },
    ],
  };

  it('prints letterhead, title, rows, repeated headers, page numbers and the acknowledgement', async () => {
    const pdf = await renderReportPdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, width, height } = pdfPageSize(pdf);
    expect(width).toBeGreaterThan(height); // landscape
    expect(pages).toBeGreaterThan(2);
    const text = pdftotext(pdf);
    expect(text).toContain('PEMERINTAH KOTA TARAKAN');
    expect(text).toContain('DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT');
    expect(text).toContain('BUKU REGISTER PENGADUAN');
    expect(text).toContain('Periode 1 November 2026 s.d. 30 November 2026');
    for (const r of rows) expect(text).toContain(r[0] as string);
    // The header row repeats on every page.
    expect(text.split('Nomor pengaduan').length - 1).toBe(pages);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Halaman ${p} dari ${pages}`);
    expect(text).toContain('Dicetak 2 Desember 2026 pukul 11.15 WITA oleh Rina Admin');
    expect(text).toContain('149.000'); // Indonesian grouping
    expect(text).toContain('11.175.000');
    // The acknowledgement: place and date, Mengetahui, the head of office, a NIP line.
    const squashed = text.replace(/\s+/g, ' ');
    expect(squashed).toContain('Tarakan, 2 Desember 2026 Mengetahui, Kepala Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan,');
    expect(squashed).toMatch(/NIP\. \.{10,}/);
  });

  it('prints the head of office by name and NIP when given, and portrait when asked', async () => {
    const pdf = await renderReportPdf({
      ...doc,
      orientation: 'portrait',
      sections: [{ heading: 'Ringkasan', paragraphs: ['Tidak ada data.'] }],
      acknowledgement: { ...headOfOffice(DEFAULT_SETTINGS.letterhead), name: 'Drs. Nama Kepala Dinas', nip: '196801011990031002' },
    });
    const { pages, width, height } = pdfPageSize(pdf);
    expect(pages).toBe(1);
    expect(height).toBeGreaterThan(width);
    const text = pdftotext(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Drs. Nama Kepala Dinas');
    expect(text).toContain('NIP. 196801011990031002');
    expect(text).toContain('Halaman 1 dari 1');
  });

  it('is deterministic for a given printedAt', async () => {
    const a = await renderReportPdf(doc);
    const b = await renderReportPdf(doc);
    expect(a.equals(b)).toBe(true);
  });
});

describe('buildWorkbook and buildCsv', () => {
  const columns: SheetColumn[] = [
    { header: 'Nomor', type: 'text', width: 20 },
    { header: 'Diterima', type: 'datetime' },
    { header: 'Tanggal', type: 'date' },
    { header: 'Menit', type: 'number' },
    { header: 'Jumlah', type: 'integer' },
  ];
  // 2026-11-03T01:05Z is 3 November 2026 09:05 WITA.
  const rows = [
    ['ADU-2026-000001', '2026-11-03T01:05:00.000Z', '2026-11-03T01:05:00.000Z', 7.5, 2],
    ['=SUM(A1)', new Date('2026-11-30T15:59:00.000Z'), null, 12, 3], // 30 Nov 23:59 WITA
  ];

  async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    return wb;
  }

  it('writes a title, a frozen bold header, typed cells, widths and a totals formula', async () => {
    async function* streamed() {
      for (const r of rows) yield await Promise.resolve(r);
    }
    const buf = await buildWorkbook([
      { name: 'Register', title: 'BUKU REGISTER PENGADUAN', subtitle: ['Periode November 2026'], columns, rows: streamed(), totals: { columns: [3, 4] } },
    ]);
    const wb = await read(buf);
    const ws = wb.getWorksheet('Register');
    expect(ws).toBeDefined();
    if (!ws) return;
    expect(ws.getCell('A1').value).toBe('BUKU REGISTER PENGADUAN');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('Periode November 2026');
    // Row 3 empty, header on row 4.
    expect(ws.getRow(4).values).toEqual([undefined, 'Nomor', 'Diterima', 'Tanggal', 'Menit', 'Jumlah']);
    expect(ws.getCell('B4').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.getColumn(1).width).toBe(20);

    expect(ws.getCell('A5').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B5').type).toBe(ExcelJS.ValueType.Date);
    // Office wall-clock time: 09:05 on 3 November 2026.
    expect((ws.getCell('B5').value as Date).toISOString()).toBe('2026-11-03T09:05:00.000Z');
    expect(ws.getCell('B5').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(ws.getCell('C5').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('D5').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('D5').value).toBe(7.5);
    expect(ws.getCell('E5').value).toBe(2);
    // A formula-looking text stays text; a Date in the last minute of the day stays on that day.
    expect(ws.getCell('A6').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A6').value).toBe('=SUM(A1)');
    expect((ws.getCell('B6').value as Date).toISOString()).toBe('2026-11-30T23:59:00.000Z');
    expect(ws.getCell('C6').type).toBe(ExcelJS.ValueType.Null);
    // Totals.
    expect(ws.getCell('A7').value).toBe('Jumlah');
    expect(ws.getCell('D7').type).toBe(ExcelJS.ValueType.Formula);
    expect(ws.getCell('D7').value).toEqual({ formula: 'SUM(D5:D6)', result: 19.5 });
    expect(ws.getCell('E7').value).toEqual({ formula: 'SUM(E5:E6)', result: 5 });
  });

  it('writes the same records as CSV with local dates and the injection guard', async () => {
    const csv = (await buildCsv(columns, rows)).toString('utf8');
    expect(csv).toBe(
      '\uFEFFNomor,Diterima,Tanggal,Menit,Jumlah\r\n' +
        'ADU-2026-000001,2026-11-03 09:05,2026-11-03,7.5,2\r\n' +
        "'=SUM(A1),2026-11-30 23:59,,12,3\r\n",
    );
  });
});
