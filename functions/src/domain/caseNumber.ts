/**
 * Case numbers shown to staff and applicants: `ADU-<year>-<sequence, 6 digits>`, e.g. `ADU-2026-000123`.
 * The sequence restarts each year (the shell keeps the counter).
 */
import { DomainError } from './errors.js';

export const CASE_NUMBER_PREFIX = 'ADU';
export const CASE_SEQUENCE_MAX = 999_999;

/** Formats a case number; throws `invalid-argument` for a year outside 2000–9999 or a sequence outside 1–999999. */
export function formatCaseNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) {
    throw new DomainError('invalid-argument', `Tahun nomor pengaduan tidak valid: ${year}.`);
  }
  if (!Number.isInteger(seq) || seq < 1 || seq > CASE_SEQUENCE_MAX) {
    throw new DomainError('invalid-argument', `Nomor urut pengaduan tidak valid: ${seq}.`);
  }
  return `${CASE_NUMBER_PREFIX}-${year}-${String(seq).padStart(6, '0')}`;
}

/** Parses `ADU-YYYY-NNNNNN` (case-insensitive, surrounding spaces ignored); null when it is not one. */
export function parseCaseNumber(s: string): { year: number; seq: number } | null {
  const m = /^ADU-(\d{4})-(\d{6})$/i.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const seq = Number(m[2]);
  if (year < 2000 || seq < 1) return null;
  return { year, seq };
}
