import { describe, expect, it } from 'vitest';
import {
  PROVINCE_CODES,
  luhnValid,
  normalizePhone,
  validateEmail,
  validateKkNumber,
  validateKksNumber,
  validateNik,
  validatePhone,
} from '../../functions/src/domain/identifiers.js';

const TODAY = new Date('2026-03-01T00:00:00Z');

describe('validateNik: valid', () => {
  it.each([
    // Kota Tarakan (65 71), Kec. 01, woman born 05-08-1990 (day 45 = 05 + 40).
    ['6571014508900001', '1990-08-05', 'P', '65'],
    // 31 74 = Kota Jakarta Selatan, man born 17-08-1985.
    ['3174051708850002', '1985-08-17', 'L', '31'],
    // 29 Feb 2000 is a real date (leap year), man and woman.
    ['6571012902000001', '2000-02-29', 'L', '65'],
    ['6571016902000001', '2000-02-29', 'P', '65'],
    // Day 71 = 31 for a woman.
    ['6571017101800003', '1980-01-31', 'P', '65'],
    // Two-digit year 26 in December is after TODAY: 1926.
    ['6571010112260001', '1926-12-01', 'L', '65'],
    // Two-digit year 26 in January is before TODAY: 2026.
    ['6571011501260001', '2026-01-15', 'L', '65'],
    ['6571010503100001', '2010-03-05', 'L', '65'],
    // Papua Barat Daya (96, a 2022 province).
    ['9671014508900001', '1990-08-05', 'P', '96'],
    // Spaces as printed are tolerated.
    ['6571 0145 0890 0001', '1990-08-05', 'P', '65'],
  ])('%s → %s %s', (nik, birthDate, sex, provinceCode) => {
    const r = validateNik(nik, TODAY);
    expect(r).toEqual({
      ok: true,
      nik: nik.replace(/\s/g, ''),
      birthDate,
      sex,
      provinceCode,
      regencyCode: nik.replace(/\s/g, '').slice(0, 4),
    });
  });
});

describe('validateNik: invalid', () => {
  it.each([
    ['2071014508900001', 'provinsi'], // 20 is no province
    ['9971014508900001', 'provinsi'],
    ['0071014508900001', 'provinsi'],
    ['6500014508900001', 'kabupaten/kota'], // regency 00
    ['6571013102900001', 'kalender'], // 31 February
    ['6571017102900001', 'kalender'], // 31 February, woman
    ['6571012902010001', 'kalender'], // 29 February 2001
    ['6571013104900001', 'kalender'], // 31 April
    ['6571010001900001', 'Tanggal lahir'], // day 00
    ['6571013201900001', 'Tanggal lahir'], // day 32
    ['6571014001900001', 'Tanggal lahir'], // day 40 (= woman, day 0)
    ['6571017201900001', 'Tanggal lahir'], // day 72
    ['6571010100900001', 'Bulan'], // month 00
    ['6571010113900001', 'Bulan'], // month 13
    ['657101450890001', '16 digit'], // 15 digits
    ['65710145089000011', '16 digit'], // 17 digits
    ['', '16 digit'],
    ['65710145089000AB', 'angka'], // letters
    ['6571-0145-0890-0001', 'angka'],
  ])('%j (%s)', (nik, reasonPart) => {
    const r = validateNik(nik, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reasonPart);
  });
});

describe('province codes', () => {
  it('has the 38 provinces of 2022', () => {
    expect(PROVINCE_CODES).toHaveLength(38);
    expect(new Set(PROVINCE_CODES).size).toBe(38);
    expect(PROVINCE_CODES).toContain('65');
  });
});

describe('validateKkNumber', () => {
  it('accepts 16 digits with a known province', () => {
    expect(validateKkNumber('6571010101200005')).toEqual({
      ok: true,
      kkNumber: '6571010101200005',
      provinceCode: '65',
    });
  });
  it.each(['2071010101200005', '6500010101200005', '657101010120000', '6571O10101200005'])(
    'rejects %s',
    (kk) => {
      expect(validateKkNumber(kk).ok).toBe(false);
    },
  );
});

describe('validateKksNumber', () => {
  it('hand-checked Luhn values', () => {
    expect(luhnValid('4111111111111111')).toBe(true); // 8 + 7×2 + 8×1 = 30
    expect(luhnValid('4111111111111112')).toBe(false); // 31
    expect(luhnValid('79927398713')).toBe(true); // the classic example
  });
  it('accepts a Luhn-valid number without a warning', () => {
    expect(validateKksNumber('4111 1111 1111 1111')).toEqual({ ok: true, kksNumber: '4111111111111111' });
  });
  it('accepts a Luhn-invalid number with a warning', () => {
    const r = validateKksNumber('4111111111111112');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warning).toMatch(/Luhn/);
  });
  it.each(['411111111111111', '41111111111111111', '4111x11111111111'])('rejects %s', (kks) => {
    expect(validateKksNumber(kks).ok).toBe(false);
  });
});

describe('phone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['(0812) 3456.789', '+628123456789'],
    ['0812345678', '+62812345678'], // 10 digits: shortest
    ['0812345678901', '+62812345678901'], // 13 digits: longest
  ])('%s → %s', (raw, canonical) => {
    expect(validatePhone(raw)).toEqual({ ok: true, phone: canonical });
    expect(normalizePhone(raw)).toBe(canonical);
  });

  it.each([
    '081234567', // 9 digits
    '08123456789012', // 14 digits
    '0551-21234', // Tarakan landline
    '812345678', // no prefix
    '+6512345678', // not Indonesia
    'nomor saya',
    '',
  ])('rejects %j', (raw) => {
    expect(validatePhone(raw).ok).toBe(false);
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe('validateEmail', () => {
  it.each([
    ['siti.aminah@gmail.com', 'siti.aminah@gmail.com'],
    ['  Siti.Aminah@Gmail.COM ', 'Siti.Aminah@gmail.com'],
    ['budi+pengaduan@dinsos.tarakankota.go.id', 'budi+pengaduan@dinsos.tarakankota.go.id'],
  ])('%j → %s', (raw, email) => {
    expect(validateEmail(raw)).toEqual({ ok: true, email });
  });
  it.each([
    'siti@',
    '@gmail.com',
    'siti@gmail',
    'si ti@gmail.com',
    'a@b@c.com',
    'siti..a@gmail.com',
    'siti@-gmail.com',
    'siti@gmail.c0m',
    '',
  ])('rejects %j', (raw) => {
    expect(validateEmail(raw).ok).toBe(false);
  });
});
