/**
 * Every character intake accepts prints on the letter: the accepted alphabet is the one the
 * letter's fonts cover (checked against the font files), and a property test renders letters with
 * names drawn from that alphabet and finds each name whole in pdftotext's output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LetterInput } from '../../functions/src/domain/letterContent.js';
import { checkPrintable, isPrintable, unprintableCharacters } from '../../functions/src/domain/printable.js';
import { PRINTABLE_RANGES } from '../../functions/src/domain/printableAlphabet.js';
import { renderLetterPdf } from '../../functions/src/letter/render.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

const pdftotext = (pdf: Buffer): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'printable-')), 'letter.pdf');
  writeFileSync(file, pdf);
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
};
const flat = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ');

/** Every letter of the accepted alphabet (what a name's words are made of). */
const LETTERS = PRINTABLE_RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i))).filter(
  (c) => /^\p{L}$/u.test(c),
);

const SIGNED_AT = new Date('2026-11-27T06:05:00Z');
const letterFor = (kpmName: string): LetterInput => ({
  number: '460/0007/Dinsos-PM/XI/2026',
  issuedAt: SIGNED_AT,
  verificationUrl: 'https://pengaduan.example.go.id/verifikasi/K7Q2M9XH3D',
  verificationCode: 'K7Q2M-9XH3D',
  letterhead: { government: 'Pemerintah Kota Tarakan', office: 'Dinas Sosial dan Pemberdayaan Masyarakat', address: 'Jalan Jenderal Sudirman 76' },
  place: 'Tarakan',
  applicant: { name: 'La Ode Muhammad Ḥasan', nik: '6471021505900003', address: 'Jalan Gajah Mada RT 12', relation: 'ahli_waris' },
  kpm: { name: kpmName, nik: '6471014107850002', kkNumber: '6471010203040005', address: 'Jalan Aki Babu RT 02' },
  complaintType: 'kpm_meninggal',
  analysis: { assistanceType: 'Program Sembako', problem: 'KPM meninggal dunia', solution: 'Pengurus diganti' },
  paraf: { name: 'Rina Kartikasari', at: new Date('2026-11-27T05:45:00Z') },
  signer: { name: 'Muhammad Yusuf', nip: '197203151998031004', title: 'Kepala Bidang Sosial' },
  signature: { mark: 'Ditandatangani secara elektronik', signedAt: SIGNED_AT },
  warnings: [],
});

describe('the printable alphabet', () => {
  it('is exactly what the four font files of the letter cover (scripts/gen-printable.mjs)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-printable.mjs'), '--print'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'functions/src/domain/printableAlphabet.ts'), 'utf8'));
  });

  it('holds the Latin alphabet with diacritics, including the dotted letters of transliterated names', () => {
    for (const c of 'AZaz09 .,\'-()/ÀÉÎÕÜçñßĀăĦħŁłŒœŠšŽžƏəḤḥṢṣṬṭẒẓẞỳʼʾʿ–—‘’“”…') expect(isPrintable(c.codePointAt(0)!)).toBe(true);
    for (const c of ['\u0000', '\u00ad', '😀', '中', 'Ж', 'ع']) expect(isPrintable(c.codePointAt(0)!)).toBe(false);
  });

  it('reads text as NFC and names what it refuses', () => {
    expect(checkPrintable('H\u0323alimah', 'Nama')).toEqual({ ok: true, text: 'Ḥalimah' });
    expect(unprintableCharacters('Siti 😀 Ж 😀')).toEqual(['😀', 'Ж']);
    const r = checkPrintable('Siti\u200bAminah', 'Nama KPM');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^Nama KPM memuat karakter yang tidak dapat dicetak pada Surat Keterangan: U\+200B\./);
  });
});

describe('every accepted name prints whole', () => {
  it('the name of issue #12: Almh. Wa Ode Sitti Ḥalimah', async () => {
    const name = 'Almh. Wa Ode Sitti Ḥalimah';
    expect(checkPrintable(name, 'Nama KPM').ok).toBe(true);
    expect(flat(pdftotext((await renderLetterPdf(letterFor(name))).pdf))).toContain(name);
  });

  it('property: names of 1–4 words over the whole accepted alphabet appear in pdftotext output as typed', async () => {
    const word = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 10 }).map((cs) => cs.join(''));
    const sep = fc.constantFrom(' ', ' ', ' ', '. ', "'", '-');
    const name = fc
      .tuple(word, fc.array(fc.tuple(sep, word), { maxLength: 3 }))
      .map(([first, rest]) => first + rest.map(([s, w]) => s + w).join(''))
      .filter((n) => checkPrintable(n, 'Nama').ok && n.normalize('NFC') === n);
    await fc.assert(
      fc.asyncProperty(name, async (n) => {
        const text = flat(pdftotext((await renderLetterPdf(letterFor(n))).pdf));
        expect(text).toContain(`: ${n} `);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
