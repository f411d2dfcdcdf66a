import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/src/domain/errors.js';
import {
  CAPABILITY_TTL_MINUTES,
  capabilityExpiresAt,
  capabilityHash,
  checkCapability,
  hashReceivedToken,
  type CapabilityGrant,
  isCapabilityToken,
  newCapabilityToken,
} from '../../functions/src/uploads/capability.js';

const NOW = new Date('2025-03-10T02:00:00.000Z'); // 10:00 WITA
const grant = (over: Partial<CapabilityGrant> = {}): CapabilityGrant => ({
  caseId: 'case-1',
  expiresAt: '2025-03-10T02:30:00.000Z',
  revokedAt: null,
  ...over,
});

function refusal(f: () => void): DomainError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('newCapabilityToken / capabilityHash', () => {
  it('makes a 43-char base64url token of 32 bytes and its sha256 hex', () => {
    const { token, tokenHash } = newCapabilityToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(capabilityHash(token)).toBe(tokenHash);
  });

  it('never repeats', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newCapabilityToken().token));
    expect(seen.size).toBe(200);
  });

  it('hashes a known value (sha256("abc"))', () => {
    expect(capabilityHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('received tokens', () => {
  it('accepts the shape of a real token only', () => {
    expect(isCapabilityToken(newCapabilityToken().token)).toBe(true);
    expect(isCapabilityToken('a'.repeat(42))).toBe(false);
    expect(isCapabilityToken('a'.repeat(44))).toBe(false);
    expect(isCapabilityToken('a'.repeat(42) + '=')).toBe(false);
    expect(isCapabilityToken('a'.repeat(42) + '/')).toBe(false);
    expect(isCapabilityToken(undefined)).toBe(false);
    expect(isCapabilityToken(42)).toBe(false);
  });
  it('hashReceivedToken refuses garbage with permission-denied', () => {
    const err = refusal(() => hashReceivedToken('../../etc/passwd'));
    expect(err.code).toBe('permission-denied');
    expect(err.message).toContain('tidak sah');
    const { token, tokenHash } = newCapabilityToken();
    expect(hashReceivedToken(token)).toBe(tokenHash);
  });
});

describe('capabilityExpiresAt', () => {
  it('is 30 minutes after issue', () => {
    expect(CAPABILITY_TTL_MINUTES).toBe(30);
    expect(capabilityExpiresAt(NOW)).toBe('2025-03-10T02:30:00.000Z');
    expect(capabilityExpiresAt(NOW, 5)).toBe('2025-03-10T02:05:00.000Z');
  });
});

describe('checkCapability', () => {
  it('passes for the right case before expiry', () => {
    expect(() => checkCapability(grant(), 'case-1', NOW)).not.toThrow();
    expect(() =>
      checkCapability(grant({ revokedAt: undefined }), 'case-1', new Date('2025-03-10T02:29:59.999Z')),
    ).not.toThrow();
  });

  it('refuses at and after the expiry instant', () => {
    for (const at of ['2025-03-10T02:30:00.000Z', '2025-03-10T03:00:00.000Z']) {
      const err = refusal(() => checkCapability(grant(), 'case-1', new Date(at)));
      expect(err.code).toBe('permission-denied');
      expect(err.message).toContain('sudah kedaluwarsa');
    }
  });

  it('refuses a revoked grant even before expiry', () => {
    const err = refusal(() =>
      checkCapability(grant({ revokedAt: '2025-03-10T01:59:00.000Z' }), 'case-1', NOW),
    );
    expect(err.code).toBe('permission-denied');
    expect(err.message).toContain('sudah dicabut');
  });

  it('refuses a grant for another case', () => {
    const err = refusal(() => checkCapability(grant(), 'case-2', NOW));
    expect(err.code).toBe('permission-denied');
    expect(err.message).toContain('bukan untuk kasus ini');
  });

  it('fails closed on an unreadable expiry', () => {
    const err = refusal(() => checkCapability(grant({ expiresAt: 'tomorrow' }), 'case-1', NOW));
    expect(err.message).toContain('kedaluwarsa');
  });
});
