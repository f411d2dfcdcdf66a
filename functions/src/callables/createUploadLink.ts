import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { uploadLinkTtl } from '../domain/retention.js';
import { assertUploadsOpen } from '../domain/uploadLimits.js';
import type { CaseState } from '../domain/vocabulary.js';
import { capabilityExpiresAt, newCapabilityToken } from '../uploads/capability.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { loadSettings } from '../firebase/settings.js';
import { caseRef } from '../cases/store.js';
import { CaseId } from '../schemas.js';
import { grantsCol, type StoredGrant } from '../uploads/grants.js';
import { publicBaseUrl } from '../firebase/params.js';

/**
 * FO: a short-lived upload link for a case (the staff page shows it as a QR code). The token is
 * returned once and only its SHA-256 is stored, as `uploadGrants/{tokenHash}`, with its TTL date
 * (`expireAt`: the retention job's deletion date plus a week's grace). Refused for a case that
 * takes no uploads (`failed-precondition`: final, or past verification) or does not exist
 * (`not-found`).
 */
export const createUploadLink = callable(z.object({ caseId: CaseId }).strict(), async ({ caseId }, req) => {
  const fo = await requireRole(req, 'fo');
  const [snap, settings] = await Promise.all([caseRef(caseId).get(), loadSettings()]);
  if (!snap.exists) throw new DomainError('not-found', 'Kasus tidak ditemukan.');
  assertUploadsOpen(snap.get('state') as CaseState);
  const now = new Date();
  const { token, tokenHash } = newCapabilityToken();
  const expiresAt = capabilityExpiresAt(now);
  const grant: StoredGrant = {
    caseId,
    expiresAt,
    revokedAt: null,
    createdBy: fo.uid,
    createdAt: now.toISOString(),
    expireAt: uploadLinkTtl(expiresAt, settings.retention),
    files: 0,
    recent: [],
  };
  await grantsCol().doc(tokenHash).create(grant);
  return { token, url: `${publicBaseUrl()}/unggah/${token}`, expiresAt: grant.expiresAt };
});
