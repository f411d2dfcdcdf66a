/**
 * Upload capabilities in Firestore: `uploadGrants/{tokenHash}` {caseId, expiresAt, revokedAt,
 * createdBy, createdAt, expireAt (TTL), files, recent}. The token itself is never stored (see
 * uploads/capability.ts); the pure rules (shape, expiry, revocation, case binding) are
 * `checkCapability`'s, the limits (files per link, attempts per minute) `domain/uploadLimits.ts`'s.
 */
import type { Timestamp } from 'firebase-admin/firestore';
import {
  CAPABILITY_MESSAGES,
  checkCapability,
  hashReceivedToken,
  type CapabilityGrant,
} from './capability.js';
import { DomainError } from '../domain/errors.js';
import { assertLinkRoom, takeRateSlot } from '../domain/uploadLimits.js';
import { db } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';

export const GRANTS = 'uploadGrants';
export const grantsCol = () => db().collection(GRANTS);

export const UPLOAD_MESSAGES = {
  notStaffUpload: 'Unggahan memerlukan tautan unggah atau akun petugas.',
} as const;

export interface StoredGrant extends CapabilityGrant {
  createdBy: string;
  createdAt: string;
  revokedBy?: string | null;
  /** Firestore TTL field (a Timestamp): the safety net behind the daily retention job. */
  expireAt?: Date | Timestamp;
  /** New files accepted through this link. */
  files?: number;
  /** Instants of the latest upload attempts (the rate limit's sliding window). */
  recent?: string[];
}

/** What a checked capability gives: the case it is bound to and a short, non-secret label. */
export interface GrantedUpload {
  caseId: string;
  tokenHash: string;
  /** `applicant:<first 12 hex of the token hash>`: who uploaded, without the token. */
  uploader: string;
  expiresAt: string;
}

/** First 12 hex characters of a grant's hash: enough to tell links apart in records and logs. */
export const grantLabel = (tokenHash: string) => `applicant:${tokenHash.slice(0, 12)}`;

/**
 * Resolves a token received from a phone: malformed or unknown → `permission-denied` (same message:
 * nothing tells a guesser which); then `checkCapability` (revoked, expired, bound to `caseId` when
 * the route names a case). Returns the case the grant is for.
 */
export async function resolveGrant(token: unknown, now: Date, caseId?: string): Promise<GrantedUpload> {
  const tokenHash = hashReceivedToken(token);
  const snap = await grantsCol().doc(tokenHash).get();
  if (!snap.exists)
    throw new DomainError('permission-denied', CAPABILITY_MESSAGES.malformed, { reason: 'unknown' });
  const grant = snap.data() as StoredGrant;
  checkCapability(grant, caseId ?? grant.caseId, now);
  return { caseId: grant.caseId, tokenHash, uploader: grantLabel(tokenHash), expiresAt: grant.expiresAt };
}

/**
 * An upload attempt through a link, decided in one transaction on the grant: the token resolves
 * (as `resolveGrant`), the link has room for another file (`link-limit`), and the attempt fits the
 * rate limit (`rate-limited`, with `retryAfterSeconds`), which it then counts. Refused attempts are
 * not counted. Called before the bytes are decoded, so a flood costs one small transaction each.
 */
export async function claimLinkUpload(token: unknown, now: Date, caseId?: string): Promise<GrantedUpload> {
  const tokenHash = hashReceivedToken(token);
  const ref = grantsCol().doc(tokenHash);
  return runTransaction('uploads.grant', async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists)
      throw new DomainError('permission-denied', CAPABILITY_MESSAGES.malformed, { reason: 'unknown' });
    const grant = snap.data() as StoredGrant;
    checkCapability(grant, caseId ?? grant.caseId, now);
    assertLinkRoom(grant.files ?? 0);
    tx.update(ref, { recent: takeRateSlot(grant.recent, now) });
    return { caseId: grant.caseId, tokenHash, uploader: grantLabel(tokenHash), expiresAt: grant.expiresAt };
  });
}
