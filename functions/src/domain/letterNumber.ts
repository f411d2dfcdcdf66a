/**
 * Numbers of the outgoing-letter register (agenda surat keluar), from an admin-configured
 * format such as `{classification}/{sequence}/{unit}/{roman month}/{year}`
 * → `460/0007/Dinsos-PM/XI/2026`. Pure: shared by the letter trigger and the settings page.
 *
 * Placeholders (case-insensitive, spaces inside the braces are not significant):
 *  - `{classification}`: the archive classification code (e.g. 460 for social affairs);
 *  - `{sequence}`: the register's sequence number, zero-padded to 4 digits;
 *    `{sequence:N}` pads to N digits (1..10); a longer number is never truncated;
 *  - `{unit}`: the issuing unit's code (e.g. Dinsos-PM);
 *  - `{month}`: the month, two digits (01..12);
 *  - `{roman month}`: the month in Roman numerals (I..XII);
 *  - `{year}`: the four-digit year.
 * Month and year are read on the office's calendar (WITA, UTC+8, by default).
 */
import { DomainError } from './errors.js';
import { OFFICE_UTC_OFFSET_MINUTES, officeDateParts } from './indonesianDate.js';

export const DEFAULT_LETTER_NUMBER_FORMAT = '{classification}/{sequence}/{unit}/{roman month}/{year}';
export const DEFAULT_SEQUENCE_WIDTH = 4;
const MAX_SEQUENCE_WIDTH = 10;

export interface LetterNumberParts {
  classification: string;
  /** The register's sequence number, an integer ≥ 1. */
  sequence: number;
  unit: string;
  /** The letter's date (the signing instant); month and year are read in the office time zone. */
  date: Date;
  /** Overrides the year read from `date` (e.g. the register's year); month still comes from `date`. */
  year?: number;
}

type Token =
  | { kind: 'literal'; text: string }
  | { kind: 'classification' | 'unit' | 'month' | 'roman month' | 'year' }
  | { kind: 'sequence'; width: number };

interface Parsed {
  tokens: Token[];
  problems: string[];
}

const SIMPLE_PLACEHOLDERS = ['classification', 'unit', 'month', 'roman month', 'year'] as const;
type SimplePlaceholder = (typeof SIMPLE_PLACEHOLDERS)[number];
const isSimple = (name: string): name is SimplePlaceholder =>
  (SIMPLE_PLACEHOLDERS as readonly string[]).includes(name);

function parseFormat(format: string): Parsed {
  const problems: string[] = [];
  const tokens: Token[] = [];
  if (typeof format !== 'string' || format.trim() === '') {
    return { tokens, problems: ['Format nomor surat tidak boleh kosong.'] };
  }
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  let sequenceCount = 0;
  let unbalanced = false;
  for (let m = re.exec(format); m !== null; m = re.exec(format)) {
    const literal = format.slice(last, m.index);
    if (/[{}]/.test(literal)) unbalanced = true;
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    last = m.index + m[0].length;
    const raw = m[1] ?? '';
    const name = raw.trim().toLowerCase().replace(/\s+/g, ' ');
    const seq = /^sequence(?:\s*:\s*(\d+))?$/.exec(name);
    if (seq) {
      sequenceCount += 1;
      const width = seq[1] === undefined ? DEFAULT_SEQUENCE_WIDTH : Number(seq[1]);
      if (width < 1 || width > MAX_SEQUENCE_WIDTH) {
        problems.push(`Lebar nomor urut pada {${raw}} harus 1 sampai ${MAX_SEQUENCE_WIDTH} digit.`);
      }
      tokens.push({ kind: 'sequence', width });
    } else if (isSimple(name)) {
      tokens.push({ kind: name });
    } else {
      problems.push(`Penanda {${raw}} tidak dikenal.`);
    }
  }
  const tail = format.slice(last);
  if (/[{}]/.test(tail)) unbalanced = true;
  if (tail !== '') tokens.push({ kind: 'literal', text: tail });
  if (unbalanced) problems.push('Format nomor surat memuat kurung kurawal yang tidak berpasangan.');
  if (sequenceCount === 0) problems.push('Format nomor surat harus memuat penanda {sequence}.');
  return { tokens, problems };
}

/**
 * Lists what is wrong with a number format, as sentences for the admin (empty when valid):
 * unknown placeholders, a missing `{sequence}`, a bad padding width, unbalanced braces.
 */
export function validateLetterNumberFormat(format: string): string[] {
  return parseFormat(format).problems;
}

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** Roman numerals of an integer 1..3999 (a month 1..12 gives I..XII). Throws invalid-argument otherwise. */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) {
    throw new DomainError('invalid-argument', 'Angka Romawi hanya untuk bilangan bulat 1 sampai 3999.');
  }
  let rest = n;
  let out = '';
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/**
 * Formats a letter number. Guarantees: the format is valid (else DomainError 'invalid-argument'
 * listing the problems), the sequence is an integer ≥ 1, the text parts used are non-empty, and
 * month/year are the office's (UTC + `offsetMinutes`, default WITA) at `parts.date`.
 */
export function formatLetterNumber(
  format: string,
  parts: LetterNumberParts,
  offsetMinutes: number = OFFICE_UTC_OFFSET_MINUTES,
): string {
  const { tokens, problems } = parseFormat(format);
  if (problems.length > 0) {
    throw new DomainError('invalid-argument', `Format nomor surat tidak valid: ${problems.join(' ')}`, {
      problems,
    });
  }
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1) {
    throw new DomainError('invalid-argument', 'Nomor urut surat harus bilangan bulat positif.');
  }
  if (parts.year !== undefined && (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999)) {
    throw new DomainError('invalid-argument', 'Tahun nomor surat harus empat digit.');
  }
  const when = officeDateParts(parts.date, offsetMinutes);
  const year = parts.year ?? when.year;

  const text = (value: string, label: string): string => {
    const v = typeof value === 'string' ? value.trim() : '';
    if (v === '') throw new DomainError('invalid-argument', `${label} pada nomor surat tidak boleh kosong.`);
    return v;
  };

  return tokens
    .map((t): string => {
      switch (t.kind) {
        case 'literal':
          return t.text;
        case 'classification':
          return text(parts.classification, 'Kode klasifikasi');
        case 'unit':
          return text(parts.unit, 'Kode unit pengolah');
        case 'sequence':
          return String(parts.sequence).padStart(t.width, '0');
        case 'month':
          return String(when.month).padStart(2, '0');
        case 'roman month':
          return toRoman(when.month);
        case 'year':
          return String(year);
      }
    })
    .join('');
}
