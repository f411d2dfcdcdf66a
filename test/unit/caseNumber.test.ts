import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/src/domain/errors.js';
import { formatCaseNumber, parseCaseNumber } from '../../functions/src/domain/caseNumber.js';

describe('formatCaseNumber', () => {
  it.each([
    [2026, 123, 'ADU-2026-000123'],
    [2026, 1, 'ADU-2026-000001'],
    [2027, 999999, 'ADU-2027-999999'],
  ])('%i / %i → %s', (year, seq, expected) => {
    expect(formatCaseNumber(year, seq)).toBe(expected);
  });

  it.each([
    [2026, 0],
    [2026, 1_000_000],
    [2026, 1.5],
    [1999, 1],
    [20260, 1],
  ])('refuses year %i, sequence %f', (year, seq) => {
    expect(() => formatCaseNumber(year, seq)).toThrow(DomainError);
  });
});

describe('parseCaseNumber', () => {
  it('reads back what format wrote', () => {
    expect(parseCaseNumber('ADU-2026-000123')).toEqual({ year: 2026, seq: 123 });
    expect(parseCaseNumber(' adu-2026-000123 ')).toEqual({ year: 2026, seq: 123 });
  });

  it.each(['ADU-2026-123', 'ADU-26-000123', 'ADX-2026-000123', 'ADU-2026-000000', 'ADU-2026-0001234', ''])(
    'rejects %j',
    (s) => {
      expect(parseCaseNumber(s)).toBeNull();
    },
  );
});
