import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import type { CaseState } from '../domain/vocabulary.js';
import { capabilityExpiresAt, newCapabilityToken } from '../uploads/capability.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { caseRef } from '../cases/store.js';
import { CaseId } from '../schemas.js';
import { FINAL_STATES, UPLOAD_MESSAGES, grantsCol, type StoredGrant } from '../uploads/grants.js';
import { publicBaseUrl } from '../firebase/params.js';

/**
 * FO: a short-lived upload link for a case (the staff page shows it as a QR code). The token is
 * returned once and only its SHA-256 is stored, as `uploadGrants/{tokenHash}`. Refused for a case
 * that is final (`failed-precondition`) or does not exist (`not-found`).
 */
export const createUploadLink = callable(z.object({ caseId: CaseId }).strict(), async ({ caseId }, req) => {
  const fo = await requireRole(req, 'fo');
  const snap = await caseRef(caseId).get();
  if (!snap.exists) throw new DomainError('not-found', 'Kasus tidak ditemukan.');
  if (FINAL_STATES.includes(snap.get('state') as CaseState))
    throw new DomainError('failed-precondition', UPLOAD_MESSAGES.caseFinal);
  const now = new Date();
  const { token, tokenHash } = newCapabilityToken();
  const grant: StoredGrant = {
    caseId,
    expiresAt: capabilityExpiresAt(now),
    revokedAt: null,
    createdBy: fo.uid,
    createdAt: now.toISOString(),
  };
  await grantsCol().doc(tokenHash).create(grant);
  return { token, url: `${publicBaseUrl()}/unggah/${token}`, expiresAt: grant.expiresAt };
});
