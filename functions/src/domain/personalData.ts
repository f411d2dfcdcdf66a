/**
 * Strings shaped like personal data: a NIK, KK or card number (16 digits, optionally in groups of
 * four), an Indonesian mobile number (+62 8…, 62 8…, 08…) and an email address. Used to keep them
 * out of texts that are not meant to hold them: history notes (which every staff member reads and
 * which are kept with the case) and reasons typed by staff. Pure: the staff page may bundle it.
 */

export type PersonalDataShape = 'nik' | 'phone' | 'email';

export const PERSONAL_DATA_PATTERNS: Readonly<Record<PersonalDataShape, RegExp>> = {
  // Not inside a longer run of letters/digits (a SHA-256 in hex is not a NIK).
  nik: /(?<![0-9A-Za-z])\d{4}[ .-]?\d{4}[ .-]?\d{4}[ .-]?\d{4}(?![0-9A-Za-z])/g,
  phone: /(?<![0-9A-Za-z+])(?:\+62|62|0)[ -]?8\d{1,3}[ -]?\d{3,4}[ -]?\d{3,5}(?![0-9A-Za-z])/g,
  email: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
};

export interface PersonalDataHit {
  shape: PersonalDataShape;
  match: string;
}

/** Every personal-data-shaped substring of `text`. */
export function findPersonalData(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const shape of Object.keys(PERSONAL_DATA_PATTERNS) as PersonalDataShape[]) {
    for (const m of text.matchAll(PERSONAL_DATA_PATTERNS[shape])) hits.push({ shape, match: m[0] });
  }
  return hits;
}

/** Every string inside `value` (objects and arrays walked), with its path, that holds such a shape. */
export function findPersonalDataDeep(value: unknown, path = ''): (PersonalDataHit & { path: string })[] {
  if (typeof value === 'string') return findPersonalData(value).map((h) => ({ ...h, path }));
  if (Array.isArray(value)) return value.flatMap((v, i) => findPersonalDataDeep(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => findPersonalDataDeep(v, path ? `${path}.${k}` : k));
  }
  return [];
}

export const PERSONAL_DATA_LABELS: Record<PersonalDataShape, string> = {
  nik: 'NIK atau nomor kartu',
  phone: 'nomor telepon',
  email: 'alamat email',
};

/** The sentence for a staff text that holds personal data (null when it holds none). */
export function personalDataRefusal(text: string): string | null {
  const shapes = [...new Set(findPersonalData(text).map((h) => h.shape))];
  if (shapes.length === 0) return null;
  return `Jangan menuliskan ${shapes.map((s) => PERSONAL_DATA_LABELS[s]).join(', ')} pada alasan; data pribadi sudah tercatat pada berkas pengaduan.`;
}
