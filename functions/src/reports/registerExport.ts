/**
 * The registers as files: XLSX (every column, typed), CSV (the same columns) and a landscape PDF
 * (compact columns, letterhead, page numbers, the *Mengetahui* block; at most `PDF_MAX_ROWS`).
 * Rows are streamed from Firestore page by page (`streamRegister`) into the XLSX writer, which
 * commits each row as it comes; the file is returned whole.
 */
import { DomainError } from '../domain/errors.js';
import { formatTanggal, formatTanggalWaktu } from '../domain/indonesianDate.js';
import {
  AGENDA_COLUMNS,
  AGENDA_PDF_COLUMNS,
  CASE_REGISTER_COLUMNS,
  CASE_REGISTER_PDF_COLUMNS,
  describeFilters,
  REGISTER_KIND_LABELS,
  type AgendaRow,
  type RegisterColumn,
  type RegisterFilters,
  type RegisterKind,
  type RegisterRow,
  type RegisterScope,
} from '../domain/registers.js';
import type { OfficeSettings } from '../domain/settings.js';
import { renderReportPdf } from './pdfReport.js';
import { streamRegister } from './registerStore.js';
import { buildCsv, buildWorkbook, CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, type SheetValue } from './spreadsheet.js';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
  rows: number;
}

const FILE_STEM: Record<RegisterKind, string> = { cases: 'register-pengaduan', letters: 'agenda-surat-keluar' };

/** `register-pengaduan_2026-11-01_sd_2026-11-30.xlsx` */
export function exportFilename(kind: RegisterKind, f: RegisterFilters, format: ExportFormat, printedAt: Date): string {
  const period = f.from || f.to ? `_${f.from ?? 'awal'}_sd_${f.to ?? 'akhir'}` : `_per_${printedAt.toISOString().slice(0, 10)}`;
  return `${FILE_STEM[kind]}${period}.${format}`;
}

const dateLabel = (d: string) => formatTanggal(new Date(`${d}T00:00:00.000Z`), 0);

/**
 * Most rows a PDF holds (about 70 landscape pages): pdfmake lays a table out in memory, and 2,000
 * rows take some 15 s and 0.6 GB on a shared 2-core machine (bench:registers); 20,000 would not fit
 * a function. XLSX and CSV have no limit.
 */
export const PDF_MAX_ROWS = 2000;

async function* asValues<R>(rows: AsyncIterable<unknown>, columns: RegisterColumn<R>[]): AsyncIterable<SheetValue[]> {
  let i = 0;
  for await (const r of rows) {
    const row = r as R;
    const n = i++;
    yield columns.map((c) => c.value(row, n));
  }
}

/** Builds the file of a register for the filters the caller may see. */
export async function exportRegister(opts: {
  kind: RegisterKind;
  filters: RegisterFilters;
  scope: RegisterScope;
  format: ExportFormat;
  settings: OfficeSettings;
  printedBy: string;
  officerName?: string;
  printedAt?: Date;
}): Promise<ExportedFile> {
  const { kind, filters, scope, format, settings } = opts;
  const printedAt = opts.printedAt ?? new Date();
  const title = REGISTER_KIND_LABELS[kind].toUpperCase();
  const subtitle = describeFilters(kind, filters, dateLabel, opts.officerName);
  const filename = exportFilename(kind, filters, format, printedAt);
  const columns = (kind === 'cases' ? CASE_REGISTER_COLUMNS : AGENDA_COLUMNS) as RegisterColumn<unknown>[];
  let rows = 0;
  const counted = async function* () {
    for await (const r of streamRegister(kind, filters, scope)) {
      rows++;
      yield r;
    }
  };
  if (format === 'xlsx') {
    const bytes = await buildWorkbook(
      [
        {
          name: REGISTER_KIND_LABELS[kind],
          title,
          subtitle: [...subtitle, `Dicetak ${formatTanggalWaktu(printedAt, settings.calendar.timeZoneOffsetMinutes)} oleh ${opts.printedBy}`],
          columns: columns.map((c) => ({ header: c.header, type: c.type, width: c.width })),
          rows: asValues(counted(), columns),
        },
      ],
      { created: printedAt, utcOffsetMinutes: settings.calendar.timeZoneOffsetMinutes },
    );
    return { filename, contentType: XLSX_CONTENT_TYPE, bytes, rows };
  }
  if (format === 'csv') {
    const bytes = await buildCsv(
      columns.map((c) => ({ header: c.header, type: c.type })),
      asValues(counted(), columns),
      { utcOffsetMinutes: settings.calendar.timeZoneOffsetMinutes },
    );
    return { filename, contentType: CSV_CONTENT_TYPE, bytes, rows };
  }
  const all: (RegisterRow | AgendaRow)[] = [];
  for await (const r of counted()) {
    if (all.length === PDF_MAX_ROWS) {
      throw new DomainError(
        'failed-precondition',
        `Register PDF paling banyak ${PDF_MAX_ROWS.toLocaleString('id-ID')} baris, sedangkan filter ini memuat lebih banyak. Persempit periode atau filter, atau unduh XLSX/CSV yang memuat seluruh baris.`,
      );
    }
    all.push(r);
  }
  const pdfColumns = (kind === 'cases' ? CASE_REGISTER_PDF_COLUMNS : AGENDA_PDF_COLUMNS) as RegisterColumn<unknown>[];
  const bytes = await renderReportPdf({
    title,
    subtitle: [...subtitle, `Jumlah: ${all.length} ${kind === 'cases' ? 'pengaduan' : 'nomor surat'}`],
    orientation: 'landscape',
    letterhead: settings.letterhead,
    printedAt,
    printedBy: opts.printedBy,
    utcOffsetMinutes: settings.calendar.timeZoneOffsetMinutes,
    sections: [
      {
        table: {
          columns: pdfColumns.map((c) => ({ header: c.header, width: c.width > 0 ? c.width : ('*' as const) })),
          rows: all.map((r, i) => pdfColumns.map((c) => c.value(r, i))),
          fontSize: 6.5,
        },
      },
      ...(all.length === 0 ? [{ paragraphs: ['Tidak ada data untuk filter ini.'] }] : []),
    ],
  });
  return { filename, contentType: 'application/pdf', bytes, rows };
}
