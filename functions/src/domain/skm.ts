/**
 * Survei Kepuasan Masyarakat (SKM): the questionnaire, the index (IKM) and its grade, as laid down
 * by Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017
 * tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik
 * (PermenPANRB 14/2017), Lampiran:
 *  - the nine elements (unsur) of the survey (Lampiran, "Ruang lingkup / unsur survei");
 *  - the questionnaire: one question per element, answered a/b/c/d = 1/2/3/4 (Lampiran, "Contoh
 *    kuesioner"). The wording below is the annex's example questionnaire as offices and the BPS
 *    metadata catalogue (sirusa.web.bps.go.id, "Kalimat Pertanyaan") reproduce it; the regulation's
 *    own text was not at hand offline, so it was compared against those reproductions, not the
 *    State Gazette copy. The annex lists "penanganan pengaduan" before "sarana dan prasarana"; this
 *    office numbers them U8 Sarana, U9 Pengaduan (the numbering). With equal weights the
 *    order changes nothing in the index.
 *  - the index (Lampiran, "Pengolahan data"): NRR per element = total score ÷ respondents; weight
 *    = jumlah bobot ÷ jumlah unsur = 1/9 (the annex writes 0,111); IKM = Σ(NRR × weight) and, on
 *    the 25–100 scale, × 25 (the "nilai dasar");
 *  - the conversion table (Lampiran, "Nilai persepsi, interval IKM, interval konversi IKM, mutu
 *    pelayanan dan kinerja unit pelayanan"):
 *
 *      persepsi  NI (interval IKM)  NIK (konversi)   mutu  kinerja unit pelayanan
 *      1         1,00 – 2,5996      25,00 – 64,99    D     Tidak Baik
 *      2         2,60 – 3,064       65,00 – 76,60    C     Kurang Baik
 *      3         3,0644 – 3,532     76,61 – 88,30    B     Baik
 *      4         3,5324 – 4,00      88,31 – 100,00   A     Sangat Baik
 *
 *    (The intervals 1,00–1,75 / 1,76–2,50 / 2,51–3,25 / 3,26–4,00 belong to the older
 *    KepMenPAN 25/2004 with 14 elements; they do not agree with the 2017 NIK column — an NRR of
 *    3,0 would be "B" there but converts to 75,00, "C" — so they are not used.)
 *
 * Decisions (tested in test/unit/skm.test.ts):
 *  - Weight: exactly 1/9 by default ('exact'). The annex's 0,111 is 1/9 rounded; with it a unit
 *    rated 4 by everyone would score 99,90, never the table's 100,00, and every IKM is 0,1 % lower
 *    (88,31 exact becomes 88,22: A turns into B). The 0,111 variant ('annex-0.111') is kept to
 *    compare with figures computed by hand from the annex's tables.
 *  - Rounding: no intermediate rounding; the converted value (IKM, or an element's NRR × 25) is
 *    rounded half-up to 2 decimals — the precision the table is written in — and that rounded
 *    value is graded: 88,305 → 88,31 → A; 88,3049… → 88,30 → B. Computed in integers (scores are
 *    whole numbers), so no floating-point error decides a grade.
 *  - An element's grade uses the same rule on NRR × 25: the NI column is the NIK column ÷ 25, and
 *    grading the converted value closes the NI column's gaps (2,5996–2,60 and 3,064–3,0644).
 *
 * Pure: no Firebase, no Node-only module (the staff page and the survey page import it).
 */
import { DomainError } from './errors.js';
import { PERSONAL_DATA_PATTERNS } from './personalData.js';

export const UNSUR_KEYS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;
export type UnsurKey = (typeof UNSUR_KEYS)[number];
export type Score = 1 | 2 | 3 | 4;
export type SkmAnswers = Record<UnsurKey, Score>;

export interface Unsur {
  key: UnsurKey;
  /** 'U1' … 'U9' */
  code: string;
  /** The element's name in the regulation. */
  name: string;
  /** The question of the annex's example questionnaire. */
  question: string;
  /** The answers a, b, c, d — scores 1, 2, 3, 4. */
  options: readonly [string, string, string, string];
}

/** PermenPANRB 14/2017, Lampiran: the nine elements with the example questionnaire's wording. */
export const UNSUR: readonly Unsur[] = [
  {
    key: 'u1',
    code: 'U1',
    name: 'Persyaratan',
    question: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
    options: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
  },
  {
    key: 'u2',
    code: 'U2',
    name: 'Sistem, mekanisme, dan prosedur',
    question: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
    options: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
  },
  {
    key: 'u3',
    code: 'U3',
    name: 'Waktu penyelesaian',
    question: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
    options: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
  },
  {
    key: 'u4',
    code: 'U4',
    name: 'Biaya/tarif',
    question: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
    options: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
  },
  {
    key: 'u5',
    code: 'U5',
    name: 'Produk spesifikasi jenis pelayanan',
    question:
      'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
    options: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
  },
  {
    key: 'u6',
    code: 'U6',
    name: 'Kompetensi pelaksana',
    question: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
    options: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
  },
  {
    key: 'u7',
    code: 'U7',
    name: 'Perilaku pelaksana',
    question: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
    options: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
  },
  {
    key: 'u8',
    code: 'U8',
    name: 'Sarana dan prasarana',
    question: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
    options: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
  },
  {
    key: 'u9',
    code: 'U9',
    name: 'Penanganan pengaduan, saran dan masukan',
    question: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
    options: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
  },
];

export type Mutu = 'A' | 'B' | 'C' | 'D';

/** The conversion table's last two columns. */
export const KINERJA: Readonly<Record<Mutu, string>> = {
  A: 'Sangat Baik',
  B: 'Baik',
  C: 'Kurang Baik',
  D: 'Tidak Baik',
};

/** The table's rows, for the report: NI and NIK intervals as the annex writes them. */
export const CONVERSION_TABLE: readonly { persepsi: Score; ni: string; nik: string; mutu: Mutu }[] = [
  { persepsi: 1, ni: '1,00 – 2,5996', nik: '25,00 – 64,99', mutu: 'D' },
  { persepsi: 2, ni: '2,60 – 3,064', nik: '65,00 – 76,60', mutu: 'C' },
  { persepsi: 3, ni: '3,0644 – 3,532', nik: '76,61 – 88,30', mutu: 'B' },
  { persepsi: 4, ni: '3,5324 – 4,00', nik: '88,31 – 100,00', mutu: 'A' },
];

/**
 * The grade of a converted value already rounded to 2 decimals, given in hundredths (8831 for
 * 88,31): A from 88,31, B from 76,61, C from 65,00, D below.
 */
export function mutuOfCents(cents: number): Mutu {
  if (!Number.isInteger(cents)) throw new DomainError('invalid-argument', 'Nilai konversi harus dibulatkan ke 2 desimal.');
  if (cents >= 8831) return 'A';
  if (cents >= 7661) return 'B';
  if (cents >= 6500) return 'C';
  return 'D';
}

/** The grade of a value written with 2 decimals (88.31 → 'A'). */
export const mutuOf = (value: number): Mutu => mutuOfCents(Math.round(value * 100));

/** p/q rounded half-up to an integer, for non-negative integers (exact: no floating point). */
function roundRatio(p: number, q: number): number {
  if (!Number.isSafeInteger(2 * p + q) || !Number.isSafeInteger(2 * q)) {
    throw new DomainError('invalid-argument', 'Jumlah responden terlalu besar untuk dihitung.');
  }
  return Math.floor((2 * p + q) / (2 * q));
}

export type WeightMode = 'exact' | 'annex-0.111';

/** The weight of each element: 1/9, or the annex's rounded 0,111. */
export const WEIGHT: Readonly<Record<WeightMode, number>> = { exact: 1 / 9, 'annex-0.111': 0.111 };

/** Respondents and the sum of scores per element: what the monthly aggregate keeps. */
export interface SkmTotals {
  respondents: number;
  sums: Record<UnsurKey, number>;
}

export const emptyTotals = (): SkmTotals => ({
  respondents: 0,
  sums: { u1: 0, u2: 0, u3: 0, u4: 0, u5: 0, u6: 0, u7: 0, u8: 0, u9: 0 },
});

/** Adds totals (months of a period) together. */
export function addTotals(a: SkmTotals, b: SkmTotals): SkmTotals {
  const sums = { ...a.sums };
  for (const k of UNSUR_KEYS) sums[k] += b.sums[k];
  return { respondents: a.respondents + b.respondents, sums };
}

/** The totals of one response (what a submission adds to its month). */
export function totalsOf(answers: SkmAnswers): SkmTotals {
  const t = emptyTotals();
  t.respondents = 1;
  for (const k of UNSUR_KEYS) t.sums[k] = answers[k];
  return t;
}

export interface UnsurResult {
  key: UnsurKey;
  code: string;
  name: string;
  /** Total score of the element. */
  sum: number;
  /** NRR = sum ÷ respondents, rounded to 3 decimals for display. */
  nrr: number;
  /** NRR × weight, rounded to 3 decimals for display (the annex's "NRR tertimbang"). */
  weighted: number;
  /** NRR × 25, rounded half-up to 2 decimals: the value graded. */
  converted: number;
  mutu: Mutu;
  kinerja: string;
}

export interface SkmResult {
  respondents: number;
  weightMode: WeightMode;
  unsur: UnsurResult[];
  /** Σ NRR × weight (the index on the 1–4 scale), rounded to 4 decimals for display. */
  ikmUnit: number;
  /** The IKM on the 25–100 scale, rounded half-up to 2 decimals: the value graded. */
  ikm: number;
  mutu: Mutu;
  kinerja: string;
}

function checkTotals(t: SkmTotals): void {
  if (!Number.isSafeInteger(t.respondents) || t.respondents < 1) {
    throw new DomainError('failed-precondition', 'Belum ada responden pada periode ini.');
  }
  for (const k of UNSUR_KEYS) {
    const s = t.sums[k];
    if (!Number.isSafeInteger(s) || s < t.respondents || s > 4 * t.respondents) {
      throw new DomainError('invalid-argument', `Jumlah nilai ${k.toUpperCase()} tidak sesuai dengan jumlah responden.`);
    }
  }
}

/**
 * The index of a period from its totals (see the module comment for the weight and the rounding).
 * Throws `failed-precondition` when there is no respondent.
 */
export function computeSkm(t: SkmTotals, weightMode: WeightMode = 'exact'): SkmResult {
  checkTotals(t);
  const n = t.respondents;
  const unsur: UnsurResult[] = UNSUR.map((u) => {
    const sum = t.sums[u.key];
    const convertedCents = roundRatio(2500 * sum, n);
    const mutu = mutuOfCents(convertedCents);
    const nrrExact = sum / n;
    return {
      key: u.key,
      code: u.code,
      name: u.name,
      sum,
      nrr: roundRatio(1000 * sum, n) / 1000,
      weighted: Math.round(nrrExact * WEIGHT[weightMode] * 1000) / 1000,
      converted: convertedCents / 100,
      mutu,
      kinerja: KINERJA[mutu],
    };
  });
  const total = UNSUR_KEYS.reduce((s, k) => s + t.sums[k], 0);
  // exact: IKM = 25 × (1/9) × Σ sum/n = 2500·S / (9n) hundredths;
  // annex: IKM = 25 × 0,111 × S/n = 2,775·S/n = 2775·S / (10n) hundredths.
  const cents = weightMode === 'exact' ? roundRatio(2500 * total, 9 * n) : roundRatio(2775 * total, 10 * n);
  const ikmUnit = weightMode === 'exact' ? total / (9 * n) : (0.111 * total) / n;
  const mutu = mutuOfCents(cents);
  return {
    respondents: n,
    weightMode,
    unsur,
    ikmUnit: Math.round(ikmUnit * 10_000) / 10_000,
    ikm: cents / 100,
    mutu,
    kinerja: KINERJA[mutu],
  };
}

/** '88,31' — a number as the office writes it (comma decimals). */
export function formatDecimal(value: number, decimals = 2): string {
  return value.toFixed(decimals).replace('.', ',');
}

// ---------------------------------------------------------------- the suggestion (saran)

/** The longest suggestion kept (characters, after cleaning). */
export const SARAN_MAX = 500;
/** The longest suggestion accepted from the page before cleaning. */
export const SARAN_INPUT_MAX = 2000;
export const SARAN_REDACTED = '[dihapus]';

/** Any run of 10 or more digits (a card, account or phone number the other shapes miss). */
const LONG_DIGITS = /\d(?:[ .-]?\d){9,}/g;

/**
 * A suggestion as it is stored: Unicode NFC, control characters and repeated spaces removed,
 * anything shaped like a NIK/KK/card number (16 digits), a phone number, an email address or any
 * other run of ten or more digits replaced by "[dihapus]" — the survey is anonymous, and a
 * suggestion that names a number would link it back to a person — then trimmed and cut at
 * SARAN_MAX characters. Empty → undefined.
 */
export function cleanSaran(input: string | undefined | null): string | undefined {
  if (typeof input !== 'string') return undefined;
  // Control (Cc, but not the newline) and format (Cf: zero-width, bidirectional) characters.
  let s = input.normalize('NFC').replace(/(?!\n)[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ');
  for (const re of [PERSONAL_DATA_PATTERNS.email, PERSONAL_DATA_PATTERNS.nik, PERSONAL_DATA_PATTERNS.phone, LONG_DIGITS]) {
    s = s.replace(new RegExp(re.source, 'g'), SARAN_REDACTED);
  }
  s = s
    .split('\n')
    .map((line) => line.replace(/[ \t\r]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (s.length > SARAN_MAX) s = s.slice(0, SARAN_MAX).trimEnd();
  return s === '' ? undefined : s;
}

// ---------------------------------------------------------------- periods

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' → the month after. */
export function nextMonth(month: string): string {
  const m = MONTH_RE.exec(month);
  if (!m) throw new DomainError('invalid-argument', 'Bulan harus ditulis YYYY-MM.');
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/** The longest period a report covers, in months. */
export const MAX_PERIOD_MONTHS = 24;

/** Every month from `from` to `to`, inclusive; refuses a reversed or too long period. */
export function monthsOf(from: string, to: string): string[] {
  if (!MONTH_RE.test(from) || !MONTH_RE.test(to)) {
    throw new DomainError('invalid-argument', 'Bulan harus ditulis YYYY-MM.');
  }
  if (from > to) throw new DomainError('invalid-argument', 'Bulan awal tidak boleh sesudah bulan akhir.');
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) {
    out.push(m);
    if (out.length > MAX_PERIOD_MONTHS) {
      throw new DomainError('invalid-argument', `Periode laporan paling lama ${MAX_PERIOD_MONTHS} bulan.`);
    }
  }
  return out;
}

/** The surveys's channel: the emailed/QR link on the applicant's phone, or the counter tablet. */
export type SurveyChannel = 'tautan' | 'loket';

export const CHANNEL_LABELS: Readonly<Record<SurveyChannel, string>> = {
  tautan: 'Tautan (ponsel pemohon)',
  loket: 'Tablet di loket',
};

/** The refusal of a second submission for the same case. */
export const SURVEY_ALREADY_ANSWERED = 'Survei untuk pengaduan ini sudah diisi. Terima kasih.';
/** An unknown (or malformed) token: the same words as a used one would leak nothing either. */
export const SURVEY_UNKNOWN = 'Tautan survei tidak dikenal atau sudah tidak berlaku.';
