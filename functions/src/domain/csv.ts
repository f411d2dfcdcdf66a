/**
 * A small CSV writer (RFC 4180) for the exports the staff page offers: every field is quoted when
 * it holds a comma, a semicolon, a quote, a line break or leading/trailing spaces (quotes doubled
 * inside), records end with CRLF, and the file starts with a UTF-8 byte-order mark so that Excel
 * opens Indonesian names correctly. A text field that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'` (CSV injection).
 *
 * Pure: the staff page bundles it.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

/** One field as written. Numbers are written as they are (a negative number is not a formula). */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? v : String(v);
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole file: a header row, then one row per record, CRLF after each; with a BOM. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const line = (r: readonly CsvValue[]) => r.map(csvField).join(',') + '\r\n';
  return '\uFEFF' + line(header) + rows.map(line).join('');
}
