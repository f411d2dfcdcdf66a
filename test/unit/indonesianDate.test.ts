import { describe, expect, it } from 'vitest';

import { DomainError } from '../../functions/src/domain/errors.js';
import {
  formatHariTanggal,
  formatTanggal,
  formatTanggalWaktu,
  namaHari,
  officeDateParts,
  timeZoneLabel,
} from '../../functions/src/domain/indonesianDate.js';

describe('formatTanggal / formatTanggalWaktu / namaHari', () => {
  const nov27 = new Date('2026-11-27T06:05:00Z'); // 14.05 WITA, a Friday

  it('writes the office example', () => {
    expect(formatTanggal(nov27)).toBe('27 November 2026');
    expect(formatTanggalWaktu(nov27)).toBe('27 November 2026 pukul 14.05 WITA');
    expect(namaHari(nov27)).toBe('Jumat');
    expect(formatHariTanggal(nov27)).toBe('Jumat, 27 November 2026');
  });

  it('changes the day at midnight WITA (16.00 UTC), not at midnight UTC', () => {
    const before = new Date('2026-11-26T15:59:00Z'); // 23.59 WITA Thursday
    const at = new Date('2026-11-26T16:00:00Z'); // 00.00 WITA Friday
    expect(formatTanggalWaktu(before)).toBe('26 November 2026 pukul 23.59 WITA');
    expect(namaHari(before)).toBe('Kamis');
    expect(formatTanggalWaktu(at)).toBe('27 November 2026 pukul 00.00 WITA');
    expect(namaHari(at)).toBe('Jumat');
    // Midnight UTC is already 08.00 WITA of the same calendar day.
    expect(formatTanggalWaktu(new Date('2026-11-27T00:00:00Z'))).toBe('27 November 2026 pukul 08.00 WITA');
  });

  it('crosses the year in WITA', () => {
    expect(formatTanggal(new Date('2026-12-31T16:00:00Z'))).toBe('1 Januari 2027');
    expect(formatTanggal(new Date('2026-12-31T15:59:59Z'))).toBe('31 Desember 2026');
  });

  it('names every month in Indonesian', () => {
    const names = [
      'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
      'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
    ];
    names.forEach((name, i) => {
      expect(formatTanggal(new Date(Date.UTC(2026, i, 15, 4)))).toBe(`15 ${name} 2026`);
    });
  });

  it('names every day of a week (23..29 November 2026 is Monday..Sunday)', () => {
    const days = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
    days.forEach((day, i) => {
      expect(namaHari(new Date(Date.UTC(2026, 10, 23 + i, 3)))).toBe(day);
    });
  });

  it('pads hours and minutes with zeros and writes no leading zero on the day', () => {
    expect(formatTanggalWaktu(new Date('2026-03-04T17:05:00Z'))).toBe('5 Maret 2026 pukul 01.05 WITA');
  });

  it('uses another offset and its label when given', () => {
    const t = new Date('2026-11-26T16:30:00Z');
    expect(formatTanggalWaktu(t, 420)).toBe('26 November 2026 pukul 23.30 WIB');
    expect(formatTanggalWaktu(t, 540)).toBe('27 November 2026 pukul 01.30 WIT');
    expect(timeZoneLabel(0)).toBe('UTC+0');
    expect(timeZoneLabel(330)).toBe('UTC+5:30');
  });

  it('gives the parts on the office clock', () => {
    expect(officeDateParts(new Date('2026-11-26T16:30:00Z'))).toEqual({
      year: 2026,
      month: 11,
      day: 27,
      hour: 0,
      minute: 30,
      weekday: 5,
    });
  });

  it('refuses an invalid date', () => {
    expect(() => formatTanggal(new Date('not a date'))).toThrow(DomainError);
    expect(() => formatTanggal(new Date(), 12.5)).toThrow(DomainError);
  });
});
