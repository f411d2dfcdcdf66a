import { describe, expect, it } from 'vitest';
import {
  cleanSaran,
  computeSkm,
  emptyTotals,
  formatDecimal,
  monthsOf,
  mutuOf,
  SARAN_MAX,
  UNSUR,
  UNSUR_KEYS,
  addTotals,
  totalsOf,
  type SkmAnswers,
  type SkmTotals,
} from '../../functions/src/domain/skm.js';

const totals = (respondents: number, s: number[]): SkmTotals => {
  const t = emptyTotals();
  t.respondents = respondents;
  UNSUR_KEYS.forEach((k, i) => (t.sums[k] = s[i] ?? 0));
  return t;
};

/** Totals whose nine sums add up to `total` (spread as evenly as the bounds allow). */
const totalsWithSum = (respondents: number, total: number): SkmTotals => {
  const base = Math.floor(total / 9);
  const rest = total - 9 * base;
  return totals(
    respondents,
    UNSUR_KEYS.map((_, i) => base + (i < rest ? 1 : 0)),
  );
};

describe('the questionnaire (PermenPANRB 14/2017, Lampiran)', () => {
  it('has the nine elements in the issue’s numbering, each with one question and four answers', () => {
    expect(UNSUR.map((u) => `${u.code} ${u.name}`)).toEqual([
      'U1 Persyaratan',
      'U2 Sistem, mekanisme, dan prosedur',
      'U3 Waktu penyelesaian',
      'U4 Biaya/tarif',
      'U5 Produk spesifikasi jenis pelayanan',
      'U6 Kompetensi pelaksana',
      'U7 Perilaku pelaksana',
      'U8 Sarana dan prasarana',
      'U9 Penanganan pengaduan, saran dan masukan',
    ]);
    for (const u of UNSUR) {
      expect(u.question).toMatch(/^Bagaimana .+\?$/);
      expect(u.options).toHaveLength(4);
    }
    expect(UNSUR[3]?.options).toEqual(['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis']);
    expect(UNSUR[8]?.options).toEqual(['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik']);
  });
});

describe('computeSkm: ten respondents computed by hand', () => {
  // Answers (rows: respondents; columns U1..U9):
  //  R1  4 4 4 4 4 4 4 4 4
  //  R2  3 3 3 4 3 3 4 3 3
  //  R3  4 3 3 4 3 4 4 3 2
  //  R4  3 3 2 4 3 3 3 3 3
  //  R5  4 4 3 4 4 4 4 3 3
  //  R6  3 3 3 4 3 3 4 2 3
  //  R7  4 4 4 4 4 4 4 4 4
  //  R8  2 3 3 4 3 3 3 3 3
  //  R9  3 4 3 4 3 4 4 3 3
  //  R10 4 3 3 4 3 3 4 3 3
  // Sums:     34 34 31 40 33 35 38 31 31   (total 307)
  // NRR:      3,4 3,4 3,1 4,0 3,3 3,5 3,8 3,1 3,1
  // NRR × 25: 85,00 85,00 77,50 100,00 82,50 87,50 95,00 77,50 77,50
  // grade:    B B B A B B A B B
  // IKM (1/9):   25 × 307 / 90 = 7675 / 90 = 85,2777… → 85,28 → B (Baik)
  // IKM (0,111): 25 × 0,111 × 307 / 10 = 2,775 × 30,7 = 85,1925 → 85,19 → B (Baik)
  const rows: number[][] = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [3, 3, 3, 4, 3, 3, 4, 3, 3],
    [4, 3, 3, 4, 3, 4, 4, 3, 2],
    [3, 3, 2, 4, 3, 3, 3, 3, 3],
    [4, 4, 3, 4, 4, 4, 4, 3, 3],
    [3, 3, 3, 4, 3, 3, 4, 2, 3],
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [2, 3, 3, 4, 3, 3, 3, 3, 3],
    [3, 4, 3, 4, 3, 4, 4, 3, 3],
    [4, 3, 3, 4, 3, 3, 4, 3, 3],
  ];
  const t = rows
    .map((r) => totalsOf(Object.fromEntries(UNSUR_KEYS.map((k, i) => [k, r[i]])) as SkmAnswers))
    .reduce(addTotals, emptyTotals());

  it('adds the responses up to the hand-made sums', () => {
    expect(t.respondents).toBe(10);
    expect(UNSUR_KEYS.map((k) => t.sums[k])).toEqual([34, 34, 31, 40, 33, 35, 38, 31, 31]);
  });

  it('gives NRR, converted value and grade per element', () => {
    const r = computeSkm(t);
    expect(r.unsur.map((u) => u.nrr)).toEqual([3.4, 3.4, 3.1, 4, 3.3, 3.5, 3.8, 3.1, 3.1]);
    expect(r.unsur.map((u) => u.converted)).toEqual([85, 85, 77.5, 100, 82.5, 87.5, 95, 77.5, 77.5]);
    expect(r.unsur.map((u) => u.mutu).join('')).toBe('BBBABBABB');
  });

  it('gives IKM 85,28 (B, Baik) with weight 1/9', () => {
    const r = computeSkm(t);
    expect(r.ikm).toBe(85.28);
    expect(r.mutu).toBe('B');
    expect(r.kinerja).toBe('Baik');
    expect(r.respondents).toBe(10);
    expect(formatDecimal(r.ikm)).toBe('85,28');
  });

  it('gives IKM 85,19 (B) with the annex’s rounded weight 0,111', () => {
    const r = computeSkm(t, 'annex-0.111');
    expect(r.ikm).toBe(85.19);
    expect(r.mutu).toBe('B');
    // NRR tertimbang of U1 = 3,4 × 0,111 = 0,3774 → 0,377
    expect(r.unsur[0]?.weighted).toBe(0.377);
  });
});

describe('grade boundaries of the conversion table', () => {
  it.each([
    [100, 'A'],
    [88.31, 'A'],
    [88.3, 'B'],
    [76.61, 'B'],
    [76.6, 'C'],
    [65, 'C'],
    [64.99, 'D'],
    [25, 'D'],
  ] as const)('%s → %s', (value, grade) => {
    expect(mutuOf(value)).toBe(grade);
  });

  it('rounds the IKM half-up to 2 decimals before grading (weight 1/9)', () => {
    // 5000 respondents, total 158949: 25 × 158949 / 45000 = 88,305 exactly → 88,31 → A
    const up = computeSkm(totalsWithSum(5000, 158949));
    expect(up.ikm).toBe(88.31);
    expect(up.mutu).toBe('A');
    // total 158948: 25 × 158948 / 45000 = 88,30444… → 88,30 → B
    const down = computeSkm(totalsWithSum(5000, 158948));
    expect(down.ikm).toBe(88.3);
    expect(down.mutu).toBe('B');
  });

  it('rounds the same way with 0,111, where the boundary falls elsewhere', () => {
    // 185 respondents: 25 × 0,111 / 185 = 0,015 per point.
    // total 5887: 0,015 × 5887 = 88,305 → 88,31 → A; total 5886: 88,29 → B
    expect(computeSkm(totalsWithSum(185, 5887), 'annex-0.111')).toMatchObject({ ikm: 88.31, mutu: 'A' });
    expect(computeSkm(totalsWithSum(185, 5886), 'annex-0.111')).toMatchObject({ ikm: 88.29, mutu: 'B' });
    // The same 5886 points with 1/9: 25 × 5886 / 1665 = 88,378… → 88,38 → A (the weights disagree)
    expect(computeSkm(totalsWithSum(185, 5886))).toMatchObject({ ikm: 88.38, mutu: 'A' });
  });

  it('reaches 100,00 only with 1/9; 0,111 tops out at 99,90', () => {
    const all4 = totals(3, [12, 12, 12, 12, 12, 12, 12, 12, 12]);
    expect(computeSkm(all4).ikm).toBe(100);
    // 25 × 0,111 × 36 = 99,9
    expect(computeSkm(all4, 'annex-0.111').ikm).toBe(99.9);
    const all1 = totals(2, [2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(computeSkm(all1)).toMatchObject({ ikm: 25, mutu: 'D', kinerja: 'Tidak Baik' });
    // 25 × 0,111 × 9 = 24,975 → 24,98
    expect(computeSkm(all1, 'annex-0.111').ikm).toBe(24.98);
  });

  it('grades an element by NRR × 25 rounded, the same rule as the IKM', () => {
    // 5000 respondents, U1 total 17661: NRR 3,5322, × 25 = 88,305 → 88,31 → A
    // U1 total 17660: NRR 3,532 → 88,30 → B (the annex's NI "3,0644 – 3,532" for B)
    const t = (u1: number) => totals(5000, [u1, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000]);
    expect(computeSkm(t(17661)).unsur[0]).toMatchObject({ nrr: 3.532, converted: 88.31, mutu: 'A' });
    expect(computeSkm(t(17660)).unsur[0]).toMatchObject({ nrr: 3.532, converted: 88.3, mutu: 'B' });
    // NRR 2,6 → 65,00 → C; NRR 2,5996 → 64,99 → D (5000 respondents: 13000 and 12998)
    expect(computeSkm(t(13000)).unsur[0]).toMatchObject({ converted: 65, mutu: 'C' });
    expect(computeSkm(t(12998)).unsur[0]).toMatchObject({ converted: 64.99, mutu: 'D' });
    // NRR 3,064 → 76,60 → C; NRR 3,0644 → 76,61 → B (15320 and 15322)
    expect(computeSkm(t(15320)).unsur[0]).toMatchObject({ converted: 76.6, mutu: 'C' });
    expect(computeSkm(t(15322)).unsur[0]).toMatchObject({ converted: 76.61, mutu: 'B' });
  });

  it('refuses a period without respondents and sums that cannot come from 1–4 answers', () => {
    expect(() => computeSkm(emptyTotals())).toThrow(/Belum ada responden/);
    expect(() => computeSkm(totals(2, [9, 2, 2, 2, 2, 2, 2, 2, 2]))).toThrow(/U1/);
    expect(() => computeSkm(totals(2, [1, 2, 2, 2, 2, 2, 2, 2, 2]))).toThrow(/U1/);
  });
});

describe('cleanSaran: the suggestion keeps no number that names a person', () => {
  it.each([
    ['  Pelayanan   cepat,\tterima kasih.  ', 'Pelayanan cepat, terima kasih.'],
    ['NIK saya 6571010101010001 belum diperbarui', 'NIK saya [dihapus] belum diperbarui'],
    ['NIK 6571 0101 0101 0001 salah', 'NIK [dihapus] salah'],
    ['hubungi 0812-3456-7890 ya', 'hubungi [dihapus] ya'],
    ['WA +62 812 3456 7890', 'WA [dihapus]'],
    ['email budi.santoso@example.com', 'email [dihapus]'],
    ['rekening 1234567890123', 'rekening [dihapus]'],
    ['antre 30 menit, loket 2 dari 3', 'antre 30 menit, loket 2 dari 3'],
  ])('%j → %j', (input, out) => {
    expect(cleanSaran(input)).toBe(out);
  });

  it('drops empty suggestions and control characters, and caps the length', () => {
    expect(cleanSaran('   \n\t ')).toBeUndefined();
    expect(cleanSaran(undefined)).toBeUndefined();
    expect(cleanSaran('a\u0000b\u200Bc')).toBe('a b c');
    const long = 'kata '.repeat(300);
    const out = cleanSaran(long) ?? '';
    expect(out.length).toBeLessThanOrEqual(SARAN_MAX);
    expect(out.startsWith('kata kata')).toBe(true);
  });
});

describe('monthsOf: the report period', () => {
  it('lists the months inclusive, across a year', () => {
    expect(monthsOf('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsOf('2026-12', '2026-12')).toEqual(['2026-12']);
  });
  it('refuses a reversed, malformed or too long period', () => {
    expect(() => monthsOf('2026-12', '2026-11')).toThrow(/sesudah/);
    expect(() => monthsOf('2026-13', '2026-12')).toThrow(/YYYY-MM/);
    expect(() => monthsOf('2024-01', '2026-12')).toThrow(/24 bulan/);
  });
});
