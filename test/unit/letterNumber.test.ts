import { describe, expect, it } from 'vitest';

import { DomainError } from '../../functions/src/domain/errors.js';
import {
  DEFAULT_LETTER_NUMBER_FORMAT,
  formatLetterNumber,
  toRoman,
  validateLetterNumberFormat,
} from '../../functions/src/domain/letterNumber.js';

// 27 November 2026, 14.05 WITA = 06.05 UTC.
const NOV_27 = new Date('2026-11-27T06:05:00Z');
const base = { classification: '460', sequence: 7, unit: 'Dinsos-PM', date: NOV_27 };

function domainCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

describe('formatLetterNumber', () => {
  it('formats the office example', () => {
    expect(formatLetterNumber('{classification}/{sequence}/{unit}/{roman month}/{year}', base)).toBe(
      '460/0007/Dinsos-PM/XI/2026',
    );
    expect(DEFAULT_LETTER_NUMBER_FORMAT).toBe('{classification}/{sequence}/{unit}/{roman month}/{year}');
  });

  it('writes every month I..XII in Roman numerals', () => {
    const expected = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
    expected.forEach((roman, i) => {
      const date = new Date(Date.UTC(2026, i, 15, 2, 0));
      expect(formatLetterNumber('{sequence}/{roman month}', { ...base, date })).toBe(`0007/${roman}`);
      expect(formatLetterNumber('{sequence}/{month}', { ...base, date })).toBe(`0007/${String(i + 1).padStart(2, '0')}`);
    });
  });

  it('pads the sequence to 4 digits by default and to N with {sequence:N}, never truncating', () => {
    expect(formatLetterNumber('{sequence}', base)).toBe('0007');
    expect(formatLetterNumber('{sequence:3}', base)).toBe('007');
    expect(formatLetterNumber('{sequence:1}', base)).toBe('7');
    expect(formatLetterNumber('{sequence:6}', { ...base, sequence: 123 })).toBe('000123');
    expect(formatLetterNumber('{sequence}', { ...base, sequence: 12345 })).toBe('12345');
    expect(formatLetterNumber('{sequence:2}', { ...base, sequence: 100 })).toBe('100');
  });

  it('accepts placeholders regardless of case and inner spaces', () => {
    expect(formatLetterNumber('{Classification}/{ SEQUENCE : 3 }/{Roman  Month}/{YEAR}', base)).toBe(
      '460/007/XI/2026',
    );
  });

  it('keeps literal text, including text with no placeholders around the sequence', () => {
    expect(formatLetterNumber('SK-{sequence}/{month}.{year}', base)).toBe('SK-0007/11.2026');
  });

  it('reads month and year in WITA (UTC+8), not UTC', () => {
    // 30 Nov 2026 16.30 UTC is 1 Dec 2026 00.30 WITA.
    const lateNov = new Date('2026-11-30T16:30:00Z');
    expect(formatLetterNumber('{sequence}/{month}/{roman month}/{year}', { ...base, date: lateNov })).toBe('0007/12/XII/2026');
    // 31 Dec 2026 16.00 UTC is 1 Jan 2027 00.00 WITA.
    expect(formatLetterNumber('{sequence}/{roman month}/{year}', { ...base, date: new Date('2026-12-31T16:00:00Z') })).toBe(
      '0007/I/2027',
    );
    // One minute earlier it is still 31 Dec 2026 23.59 WITA.
    expect(formatLetterNumber('{sequence}/{roman month}/{year}', { ...base, date: new Date('2026-12-31T15:59:00Z') })).toBe(
      '0007/XII/2026',
    );
  });

  it('takes another offset when given (WIB, UTC+7)', () => {
    // 31 Dec 2026 16.30 UTC is 23.30 WIB, still 2026.
    expect(
      formatLetterNumber('{sequence}/{roman month}/{year}', { ...base, date: new Date('2026-12-31T16:30:00Z') }, 420),
    ).toBe('0007/XII/2026');
  });

  it('uses an explicit register year when given, the month still from the date', () => {
    const jan2027 = new Date('2027-01-02T02:00:00Z');
    expect(formatLetterNumber('{sequence}/{roman month}/{year}', { ...base, date: jan2027, year: 2026 })).toBe('0007/I/2026');
  });

  it('refuses an invalid format with invalid-argument', () => {
    expect(domainCode(() => formatLetterNumber('{classification}/{nomor}/{year}', base))).toBe('invalid-argument');
    expect(domainCode(() => formatLetterNumber('{classification}/{year}', base))).toBe('invalid-argument');
  });

  it('refuses a sequence that is not a positive integer', () => {
    for (const sequence of [0, -1, 1.5, Number.NaN]) {
      expect(domainCode(() => formatLetterNumber('{sequence}', { ...base, sequence }))).toBe('invalid-argument');
    }
  });

  it('refuses an empty classification or unit only when the format uses it', () => {
    expect(domainCode(() => formatLetterNumber('{classification}/{sequence}', { ...base, classification: ' ' }))).toBe(
      'invalid-argument',
    );
    expect(domainCode(() => formatLetterNumber('{sequence}/{unit}', { ...base, unit: '' }))).toBe('invalid-argument');
    expect(formatLetterNumber('{sequence}/{year}', { ...base, classification: '', unit: '' })).toBe('0007/2026');
  });

  it('refuses an invalid date and a bad year', () => {
    expect(domainCode(() => formatLetterNumber('{sequence}', { ...base, date: new Date('x') }))).toBe(
      'invalid-argument',
    );
    expect(domainCode(() => formatLetterNumber('{sequence}', { ...base, year: 26 }))).toBe('invalid-argument');
  });
});

describe('toRoman', () => {
  it('converts months and other integers', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(toRoman)).toEqual([
      'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII',
    ]);
    expect(toRoman(14)).toBe('XIV');
    expect(toRoman(2026)).toBe('MMXXVI');
    expect(toRoman(3999)).toBe('MMMCMXCIX');
  });

  it('refuses 0, fractions and numbers past 3999', () => {
    for (const n of [0, -3, 1.5, 4000, Number.NaN]) {
      expect(domainCode(() => toRoman(n))).toBe('invalid-argument');
    }
  });
});

describe('validateLetterNumberFormat', () => {
  it('accepts the default and padded formats', () => {
    expect(validateLetterNumberFormat('{classification}/{sequence}/{unit}/{roman month}/{year}')).toEqual([]);
    expect(validateLetterNumberFormat('{classification}/{sequence:3}/{unit}/{month}/{year}')).toEqual([]);
  });

  it('names an unknown placeholder', () => {
    const problems = validateLetterNumberFormat('{classification}/{sequence}/{bidang}/{year}');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('{bidang}');
  });

  it('requires {sequence}', () => {
    const problems = validateLetterNumberFormat('{classification}/{unit}/{roman month}/{year}');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('{sequence}');
  });

  it('refuses a padding width outside 1..10', () => {
    expect(validateLetterNumberFormat('{sequence:0}')).toHaveLength(1);
    expect(validateLetterNumberFormat('{sequence:11}')).toHaveLength(1);
    expect(validateLetterNumberFormat('{sequence:10}')).toEqual([]);
  });

  it('reports unbalanced braces and an empty format', () => {
    expect(validateLetterNumberFormat('460/{sequence}/{year')).toHaveLength(1);
    expect(validateLetterNumberFormat('460/{sequence}}/2026')).toHaveLength(1);
    expect(validateLetterNumberFormat('   ')).toHaveLength(1);
  });

  it('lists several problems at once', () => {
    expect(validateLetterNumberFormat('{nomor}/{tahun}')).toHaveLength(3);
  });
});
