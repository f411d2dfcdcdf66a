/**
 * Office time, in one place: dates as the office writes them and the calendar reading (year,
 * month, day) of an instant in the office's time zone (Tarakan: WITA, UTC+8).
 * Pure: no Intl time-zone data is needed, the office offset is a fixed number of minutes
 * (Indonesia has no daylight saving time).
 */
import { DomainError } from './errors.js';

/** WITA (Waktu Indonesia Tengah) is UTC+8: 480 minutes. */
export const OFFICE_UTC_OFFSET_MINUTES = 480;

export const NAMA_BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** Index 0 is Sunday, as in `Date.prototype.getUTCDay`. */
export const NAMA_HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;

/** The calendar and clock reading of an instant in a fixed-offset time zone. */
export interface OfficeDateParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  /** 0..23 */
  hour: number;
  /** 0..59 */
  minute: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

/**
 * Reads `date` on the office's wall clock (UTC + `offsetMinutes`).
 * Throws DomainError('invalid-argument') for an invalid Date or a non-integer offset.
 */
export function officeDateParts(date: Date, offsetMinutes: number = OFFICE_UTC_OFFSET_MINUTES): OfficeDateParts {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(time)) {
    throw new DomainError('invalid-argument', 'Tanggal tidak valid.');
  }
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 14 * 60) {
    throw new DomainError('invalid-argument', 'Selisih zona waktu tidak valid.');
  }
  const shifted = new Date(time + offsetMinutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

/** 'YYYY-MM-DD' of an instant on the office's calendar (UTC + `offsetMinutes`). */
export function officeIsoDate(date: Date, offsetMinutes: number = OFFICE_UTC_OFFSET_MINUTES): string {
  const p = officeDateParts(date, offsetMinutes);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The Indonesian name of a month 1..12 ('Januari' .. 'Desember'). */
export function namaBulan(month: number): string {
  const name = NAMA_BULAN[month - 1];
  if (name === undefined || !Number.isInteger(month)) {
    throw new DomainError('invalid-argument', 'Bulan harus berupa angka 1 sampai 12.');
  }
  return name;
}

/** The abbreviation of a fixed Indonesian offset: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9), else 'UTC+h[:mm]'. */
export function timeZoneLabel(offsetMinutes: number = OFFICE_UTC_OFFSET_MINUTES): string {
  if (offsetMinutes === 420) return 'WIB';
  if (offsetMinutes === 480) return 'WITA';
  if (offsetMinutes === 540) return 'WIT';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  return `UTC${sign}${hours}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}`;
}

/** '27 November 2026': the date on the office's calendar, day without a leading zero. */
export function formatTanggal(date: Date, offsetMinutes: number = OFFICE_UTC_OFFSET_MINUTES): string {
  const p = officeDateParts(date, offsetMinutes);
  return `${p.day} ${namaBulan(p.month)} ${p.year}`;
}

/** '27 November 2026 pukul 14.05 WITA': Indonesian usage puts a dot between hours and minutes. */
export function formatTanggalWaktu(date: Date, offsetMinutes: number = OFFICE_UTC_OFFSET_MINUTES): string {
  const p = officeDateParts(date, offsetMinutes);
  const hh = String(p.hour).padStart(2, '0');
  const mm = String(p.minute).padStart(2, '0');
  return `${p.day} ${namaBulan(p.month)} ${p.year} pukul ${hh}.${mm} ${timeZoneLabel(offsetMinutes)}`;
}

/** The day of the week on the office's calendar: 'Senin' .. 'Minggu'. */
export function namaHari(date: Date, offsetMinutes: number = OFFICE_UTC_OFFSET_MINUTES): string {
  const p = officeDateParts(date, offsetMinutes);
  // weekday is always 0..6, so the lookup cannot miss.
  return NAMA_HARI[p.weekday] ?? '';
}

/** 'Jumat, 27 November 2026'. */
export function formatHariTanggal(date: Date, offsetMinutes: number = OFFICE_UTC_OFFSET_MINUTES): string {
  return `${namaHari(date, offsetMinutes)}, ${formatTanggal(date, offsetMinutes)}`;
}
