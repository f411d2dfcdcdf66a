/**
 * Upload capabilities in Firestore: `uploadGrants/{tokenHash}` {caseId, expiresAt, revokedAt,
 * createdBy, createdAt}. The token itself is never stored (see uploads/capability.ts); the pure
 * rules (shape, expiry, revocation, case binding) are `checkCapability`'s.
 */
import {
  CAPABILITY_MESSAGES,
  checkCapability,
  hashReceivedToken,
  type CapabilityGrant,
} from './capability.js';
import { DomainError } from '../domain/errors.js';
import type { CaseState } from '../domain/vocabulary.js';
import { db } from '../firebase/admin.js';

export const GRANTS = 'uploadGrants';
export const grantsCol = () => db().collection(GRANTS);

/** States in which a case takes no more uploads (final). */
export const FINAL_STATES: readonly CaseState[] = ['completed', 'closed'];

export const UPLOAD_MESSAGES = {
  caseFinal: 'Kasus ini sudah selesai atau ditutup; dokumen tidak dapat diunggah lagi.',
  notStaffUpload: 'Unggahan memerlukan tautan unggah atau akun petugas.',
} as const;

export interface StoredGrant extends CapabilityGrant {
  createdBy: string;
  createdAt: string;
  revokedBy?: string | null;
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
