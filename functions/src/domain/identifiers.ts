/**
 * Checks of Indonesian identifiers entered at intake: NIK, KK number, KKS card number, mobile
 * phone, e-mail. Pure; reasons are Indonesian sentences shown to the FO.
 * Input may contain spaces (as printed on cards); any other non-digit is refused.
 */

/**
 * Province codes (Kemendagri) valid for a NIK or KK number, as of the 2022 provinces:
 * 11 Aceh, 12 Sumatera Utara, 13 Sumatera Barat, 14 Riau, 15 Jambi, 16 Sumatera Selatan,
 * 17 Bengkulu, 18 Lampung, 19 Kepulauan Bangka Belitung, 21 Kepulauan Riau, 31 DKI Jakarta,
 * 32 Jawa Barat, 33 Jawa Tengah, 34 DI Yogyakarta, 35 Jawa Timur, 36 Banten, 51 Bali,
 * 52 Nusa Tenggara Barat, 53 Nusa Tenggara Timur, 61 Kalimantan Barat, 62 Kalimantan Tengah,
 * 63 Kalimantan Selatan, 64 Kalimantan Timur, 65 Kalimantan Utara, 71 Sulawesi Utara,
 * 72 Sulawesi Tengah, 73 Sulawesi Selatan, 74 Sulawesi Tenggara, 75 Gorontalo, 76 Sulawesi Barat,
 * 81 Maluku, 82 Maluku Utara, 91 Papua, 92 Papua Barat, 93 Papua Selatan, 94 Papua Tengah,
 * 95 Papua Pegunungan, 96 Papua Barat Daya.
 * (A NIK keeps the code of the province where it was issued, so older codes such as 64 for
 * Tarakan before Kalimantan Utara existed remain valid.)
 */
// prettier-ignore
export const PROVINCE_CODES: readonly string[] = [
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96',
];

export type NikResult =
  | { ok: true; nik: string; birthDate: string; sex: 'L' | 'P'; provinceCode: string; regencyCode: string }
  | { ok: false; reason: string };

const stripSpaces = (s: string): string => s.replace(/\s+/g, '');

function sixteenDigits(
  raw: string,
  label: string,
): { ok: true; value: string } | { ok: false; reason: string } {
  const v = stripSpaces(raw);
  if (!/^\d*$/.test(v)) return { ok: false, reason: `${label} hanya boleh berisi angka.` };
  if (v.length !== 16) return { ok: false, reason: `${label} harus 16 digit (tertulis ${v.length} digit).` };
  return { ok: true, value: v };
}

function regionCheck(v: string, label: string): string | null {
  if (!PROVINCE_CODES.includes(v.slice(0, 2)))
    return `Kode provinsi ${label} (${v.slice(0, 2)}) tidak dikenal.`;
  if (v.slice(2, 4) === '00') return `Kode kabupaten/kota ${label} tidak boleh 00.`;
  return null;
}

const isRealDate = (y: number, m: number, d: number): boolean => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Checks a NIK: 16 digits `PPKKCC DDMMYY SSSS` — a known province code, a regency code other
 * than 00, a birth day 01–31 (women: 41–71, the day plus 40), month 01–12, and a real calendar
 * date. The two-digit year is taken in the 2000s unless that would be after `today`, then the
 * 1900s. Returns the birth date (`YYYY-MM-DD`), sex and province code.
 */
export function validateNik(raw: string, today: Date = new Date()): NikResult {
  const digits = sixteenDigits(raw, 'NIK');
  if (!digits.ok) return digits;
  const v = digits.value;
  const region = regionCheck(v, 'NIK');
  if (region) return { ok: false, reason: region };
  const dayField = Number(v.slice(6, 8));
  const month = Number(v.slice(8, 10));
  const yy = Number(v.slice(10, 12));
  const female = dayField > 40;
  const day = female ? dayField - 40 : dayField;
  if (day < 1 || day > 31) {
    return {
      ok: false,
      reason: 'Tanggal lahir pada NIK tidak valid (digit 7–8 harus 01–31, atau 41–71 untuk perempuan).',
    };
  }
  if (month < 1 || month > 12)
    return { ok: false, reason: 'Bulan lahir pada NIK tidak valid (digit 9–10 harus 01–12).' };
  let year = 2000 + yy;
  if (Date.UTC(year, month - 1, day) > today.getTime()) year -= 100;
  if (!isRealDate(year, month, day)) {
    return {
      ok: false,
      reason: `Tanggal lahir pada NIK (${pad2(day)}-${pad2(month)}-${year}) tidak ada di kalender.`,
    };
  }
  return {
    ok: true,
    nik: v,
    birthDate: `${year}-${pad2(month)}-${pad2(day)}`,
    sex: female ? 'P' : 'L',
    provinceCode: v.slice(0, 2),
    regencyCode: v.slice(0, 4),
  };
}

export type KkResult = { ok: true; kkNumber: string; provinceCode: string } | { ok: false; reason: string };

/** Checks a KK (family card) number: 16 digits, a known province code, a regency code other than 00. */
export function validateKkNumber(raw: string): KkResult {
  const digits = sixteenDigits(raw, 'Nomor KK');
  if (!digits.ok) return digits;
  const region = regionCheck(digits.value, 'nomor KK');
  if (region) return { ok: false, reason: region };
  return { ok: true, kkNumber: digits.value, provinceCode: digits.value.slice(0, 2) };
}

/** Luhn (mod 10) check of a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type KksResult = { ok: true; kksNumber: string; warning?: string } | { ok: false; reason: string };

/**
 * Checks a KKS card number (a Himbara bank debit card): 16 digits is required. The Luhn check is
 * NOT required — a failing Luhn check only adds a `warning` (a typo is likely, but the FO copies
 * the number from the card and the bank is the authority).
 */
export function validateKksNumber(raw: string): KksResult {
  const digits = sixteenDigits(raw, 'Nomor KKS');
  if (!digits.ok) return digits;
  if (!luhnValid(digits.value)) {
    return {
      ok: true,
      kksNumber: digits.value,
      warning: 'Nomor KKS tidak lolos pemeriksaan digit (Luhn); periksa kembali nomor pada kartu.',
    };
  }
  return { ok: true, kksNumber: digits.value };
}

export type PhoneResult = { ok: true; phone: string } | { ok: false; reason: string };

/**
 * Checks an Indonesian mobile number written `08…`, `+628…` or `628…` (spaces, dashes, dots and
 * parentheses allowed) and returns it canonical as `+628…`. In national form (leading 0) the
 * number must have 10–13 digits, i.e. `8` followed by 8–11 digits.
 */
export function validatePhone(raw: string): PhoneResult {
  const compact = raw.trim().replace(/[\s\-.()]/g, '');
  if (!/^\+?\d+$/.test(compact))
    return { ok: false, reason: 'Nomor telepon hanya boleh berisi angka (boleh diawali +).' };
  let national: string;
  if (compact.startsWith('+62')) national = compact.slice(3);
  else if (compact.startsWith('62')) national = compact.slice(2);
  else if (compact.startsWith('0')) national = compact.slice(1);
  else return { ok: false, reason: 'Nomor telepon harus diawali 08, 628, atau +628.' };
  if (!national.startsWith('8'))
    return { ok: false, reason: 'Nomor telepon harus nomor seluler (diawali 08).' };
  if (national.length < 9 || national.length > 12) {
    return { ok: false, reason: 'Panjang nomor seluler harus 10–13 digit (dalam bentuk 08…).' };
  }
  return { ok: true, phone: `+62${national}` };
}

/** The canonical `+628…` form of a valid mobile number, or null. */
export function normalizePhone(raw: string): string | null {
  const r = validatePhone(raw);
  return r.ok ? r.phone : null;
}

export type EmailResult = { ok: true; email: string } | { ok: false; reason: string };

/**
 * A practical e-mail check (not full RFC 5322): `local@domain.tld`, no spaces, at most 254
 * characters, a local part of at most 64, a domain of dot-separated labels (letters, digits,
 * hyphens, not starting or ending with a hyphen) and an alphabetic TLD of 2+ letters.
 * Returns the address trimmed with the domain lower-cased.
 */
export function validateEmail(raw: string): EmailResult {
  const v = raw.trim();
  const bad: EmailResult = { ok: false, reason: 'Alamat email tidak valid.' };
  if (v.length === 0 || v.length > 254 || /\s/.test(v)) return bad;
  const at = v.lastIndexOf('@');
  if (at <= 0 || at !== v.indexOf('@')) return bad;
  const local = v.slice(0, at);
  const domain = v.slice(at + 1).toLowerCase();
  if (local.length > 64 || !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(local)) return bad;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return bad;
  const labels = domain.split('.');
  if (labels.length < 2) return bad;
  if (!labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return bad;
  if (!/^[a-z]{2,}$/.test(labels[labels.length - 1] ?? '')) return bad;
  return { ok: true, email: `${local}@${domain}` };
}
