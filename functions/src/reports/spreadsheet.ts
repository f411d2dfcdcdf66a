/**
 * Spreadsheet and CSV files for the reports and registers.
 *
 * `buildWorkbook(sheets)` returns XLSX bytes (exceljs, loaded on first use). Each sheet has:
 *  - row 1: the title (bold, larger), then one row per subtitle line (period, filters), then an
 *    empty row;
 *  - the header row (bold, grey fill, frozen with everything above it, auto-filter on);
 *  - one row per record with typed cells: `number`/`integer` columns hold numbers, `date` and
 *    `datetime` columns hold real Excel dates (office wall-clock time, since Excel dates have no
 *    time zone) with a display format, `text` columns hold strings (a text starting with `=`, `+`,
 *    `-` or `@` stays text: exceljs never writes a string as a formula);
 *  - optional: a totals row ("Jumlah") with a SUM formula and its computed result in the chosen
 *    numeric columns;
 *  - column widths in characters.
 * `buildCsv(columns, rows)` writes the same records through the domain's CSV writer
 * (`../domain/csv.ts`: BOM, CRLF, CSV-injection guard), dates as office-local
 * `YYYY-MM-DD HH:MM`.
 *
 * Rows may be an array, an iterable or an async iterable (a register streams its pages in).
 */
import type ExcelJS from 'exceljs';
import { toCsv, type CsvValue } from '../domain/csv.js';
import { OFFICE_UTC_OFFSET_MINUTES } from '../domain/indonesianDate.js';

export type ColumnType = 'text' | 'number' | 'integer' | 'date' | 'datetime';

export interface SheetColumn {
  header: string;
  type: ColumnType;
  /** Width in characters (default from the header, at least 10). */
  width?: number;
  /** Excel number format; defaults: '#,##0' integer, '#,##0.0' number, 'dd/mm/yyyy', 'dd/mm/yyyy hh:mm'. */
  format?: string;
}

/** A value: a string, a number, an ISO instant or Date for date columns, or empty. */
export type SheetValue = string | number | Date | null | undefined;

export type Rows = Iterable<readonly SheetValue[]> | AsyncIterable<readonly SheetValue[]>;

export interface SheetSpec {
  /** The tab's name (at most 31 characters; Excel forbids `[]:*?/\`). */
  name: string;
  title: string;
  subtitle?: readonly string[];
  columns: readonly SheetColumn[];
  rows: Rows;
  /** Indexes of numeric columns summed in a "Jumlah" row; label goes in `totalsLabelColumn` (default 0). */
  totals?: { columns: readonly number[]; labelColumn?: number };
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const DEFAULT_FORMATS: Record<ColumnType, string | undefined> = {
  text: undefined,
  number: '#,##0.0',
  integer: '#,##0',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
};

let excel: typeof ExcelJS | undefined;
async function exceljs(): Promise<typeof ExcelJS> {
  if (!excel) {
    const mod = (await import('exceljs')) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS;
    excel = mod.default ?? mod;
  }
  return excel;
}

function toInstant(v: SheetValue): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' && v !== '') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** The office wall-clock time as a Date whose UTC fields are the local ones (how Excel reads it). */
function wallClock(d: Date, offsetMinutes: number): Date {
  return new Date(d.getTime() + offsetMinutes * 60_000);
}

/** A typed cell value for exceljs. */
export function cellValue(type: ColumnType, v: SheetValue, offsetMinutes = OFFICE_UTC_OFFSET_MINUTES): string | number | Date | null {
  if (v === null || v === undefined || v === '') return null;
  switch (type) {
    case 'number':
    case 'integer': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n : null;
    }
    case 'date':
    case 'datetime': {
      const d = toInstant(v);
      return d ? wallClock(d, offsetMinutes) : null;
    }
    default:
      return v instanceof Date ? v.toISOString() : String(v);
  }
}

async function* iterate(rows: Rows): AsyncIterable<readonly SheetValue[]> {
  yield* rows as AsyncIterable<readonly SheetValue[]>;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** XLSX bytes of the sheets. */
export async function buildWorkbook(
  sheets: readonly SheetSpec[],
  opts: { creator?: string; created?: Date; utcOffsetMinutes?: number } = {},
): Promise<Buffer> {
  const X = await exceljs();
  const offset = opts.utcOffsetMinutes ?? OFFICE_UTC_OFFSET_MINUTES;
  const wb = new X.Workbook();
  wb.creator = opts.creator ?? 'Layanan Pengaduan KPM Sembako/BPNT';
  wb.created = opts.created ?? new Date();
  wb.modified = wb.created;
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
    const n = spec.columns.length;
    ws.columns = spec.columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length + 2) }));
    const title = ws.addRow([spec.title]);
    title.font = { bold: true, size: 13 };
    for (const line of spec.subtitle ?? []) ws.addRow([line]).font = { italic: true };
    ws.addRow([]);
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    const headerRow = header.number;
    ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }];
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: n } };
    const sums = new Map<number, number>((spec.totals?.columns ?? []).map((i) => [i, 0]));
    let count = 0;
    for await (const record of iterate(spec.rows)) {
      const values = spec.columns.map((c, i) => cellValue(c.type, record[i], offset));
      const row = ws.addRow(values);
      spec.columns.forEach((c, i) => {
        const fmt = c.format ?? DEFAULT_FORMATS[c.type];
        if (fmt && values[i] !== null) row.getCell(i + 1).numFmt = fmt;
        const v = values[i];
        if (sums.has(i) && typeof v === 'number') sums.set(i, (sums.get(i) ?? 0) + v);
      });
      count++;
    }
    if (spec.totals) {
      const first = headerRow + 1;
      const last = headerRow + count;
      const values: (string | { formula: string; result: number } | null)[] = spec.columns.map(() => null);
      values[spec.totals.labelColumn ?? 0] = 'Jumlah';
      for (const [i, sum] of sums) {
        const col = columnLetter(i);
        values[i] = { formula: count > 0 ? `SUM(${col}${first}:${col}${last})` : '0', result: sum };
      }
      const row = ws.addRow(values);
      row.font = { bold: true };
      for (const i of sums.keys()) {
        const c = spec.columns[i];
        if (c) row.getCell(i + 1).numFmt = c.format ?? DEFAULT_FORMATS[c.type] ?? '#,##0';
      }
    }
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}

function csvValue(type: ColumnType, v: SheetValue, offset: number): CsvValue {
  const c = cellValue(type, v, offset);
  if (c instanceof Date) {
    const iso = c.toISOString();
    return type === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  return c;
}

/** CSV bytes (UTF-8 with BOM) of one table: the header row and the records. */
export async function buildCsv(
  columns: readonly SheetColumn[],
  rows: Rows,
  opts: { utcOffsetMinutes?: number } = {},
): Promise<Buffer> {
  const offset = opts.utcOffsetMinutes ?? OFFICE_UTC_OFFSET_MINUTES;
  const out: CsvValue[][] = [];
  for await (const r of iterate(rows)) out.push(columns.map((c, i) => csvValue(c.type, r[i], offset)));
  return Buffer.from(toCsv(columns.map((c) => c.header), out), 'utf8');
}
