/**
 * Upload capabilities: the phone upload page has no login; it holds a random token from the QR
 * code instead. Only the token's SHA-256 is stored (as the Firestore document id), so a leaked
 * database export grants nothing. Pure logic over node:crypto; the shell does the Firestore part.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../domain/errors.js';

/** How long a QR upload link stays valid. */
export const CAPABILITY_TTL_MINUTES = 30;

/** 32 random bytes in base64url without padding: exactly 43 characters. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export interface CapabilityGrant {
  caseId: string;
  /** ISO 8601 instant after which the link no longer works. */
  expiresAt: string;
  /** ISO 8601 instant at which staff revoked the link, if they did. */
  revokedAt?: string | null;
}

export const CAPABILITY_MESSAGES = {
  malformed: 'Tautan unggah tidak sah. Pindai ulang kode QR dari petugas.',
  expired: 'Tautan unggah sudah kedaluwarsa. Minta petugas menampilkan kode QR yang baru.',
  revoked: 'Tautan unggah sudah dicabut oleh petugas. Minta petugas menampilkan kode QR yang baru.',
  wrongCase: 'Tautan unggah ini bukan untuk kasus ini. Pindai ulang kode QR dari petugas.',
} as const;

/** SHA-256 (hex, 64 chars) of a token: the only form in which a token is stored. */
export function capabilityHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new token (32 random bytes, base64url, 43 chars) and its hash. Show the token once; keep the hash. */
export function newCapabilityToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: capabilityHash(token) };
}

/** True when `token` has the shape newCapabilityToken produces (check before any lookup). */
export function isCapabilityToken(token: unknown): token is string {
  return typeof token === 'string' && TOKEN_RE.test(token);
}

/**
 * Hash of a token received from a client, refusing a malformed one with 'permission-denied'
 * (so that garbage never reaches a Firestore lookup).
 */
export function hashReceivedToken(token: unknown): string {
  if (!isCapabilityToken(token)) throw new DomainError('permission-denied', CAPABILITY_MESSAGES.malformed);
  return capabilityHash(token);
}

/** The ISO instant a grant issued at `now` expires: now + CAPABILITY_TTL_MINUTES. */
export function capabilityExpiresAt(now: Date, ttlMinutes = CAPABILITY_TTL_MINUTES): string {
  return new Date(now.getTime() + ttlMinutes * 60_000).toISOString();
}

/**
 * Passes only when the grant is not revoked, `now` is strictly before `expiresAt`, and the grant is
 * for `caseId`; otherwise throws DomainError('permission-denied') saying which. Fails closed: an
 * unreadable `expiresAt` counts as expired, an unreadable `revokedAt` as revoked.
 */
export function checkCapability(grant: CapabilityGrant, caseId: string, now: Date): void {
  if (grant.revokedAt !== undefined && grant.revokedAt !== null) {
    throw new DomainError('permission-denied', CAPABILITY_MESSAGES.revoked, { reason: 'revoked' });
  }
  const expires = Date.parse(grant.expiresAt);
  if (!Number.isFinite(expires) || now.getTime() >= expires) {
    throw new DomainError('permission-denied', CAPABILITY_MESSAGES.expired, { reason: 'expired' });
  }
  if (grant.caseId !== caseId) {
    throw new DomainError('permission-denied', CAPABILITY_MESSAGES.wrongCase, { reason: 'wrong-case' });
  }
}
