/**
 * `GET /api/unggah/:token`: what the phone page shows for the case its link is bound to: case
 * number, complaint type, the required documents and what has been received or rejected, whether
 * the case takes uploads (`open`, and `closedReason` when not: `case-final`, `documents-verified`)
 * and how many files each document and the link may still take. No personal data beyond the
 * initial of the applicant's first name (the link may be seen by others).
 */
import { requiredDocuments } from '../domain/documents.js';
import {
  COMPLAINT_TYPE_LABELS,
  DOCUMENT_KINDS,
  DOCUMENT_LABELS,
  type DocumentKind,
} from '../domain/vocabulary.js';
import type { CaseSummary } from '../domain/caseSummary.js';
import type { CaseSnapshot } from '../domain/workflow.js';
import { caseRef } from '../cases/store.js';
import { loadSettings } from '../firebase/settings.js';
import { resolveGrant, grantsCol, type StoredGrant } from '../uploads/grants.js';
import { UPLOAD_LIMITS, uploadsClosedReason } from '../domain/uploadLimits.js';
import { documentsCol, type UploadRecord } from '../uploads/store.js';
import { DomainError } from '../domain/errors.js';
import { MAX_UPLOAD_BYTES } from '../uploads/detect.js';
import type { Handler } from './router.js';
import { sendJson } from './respond.js';

/** "Siti Aminah" → "S." (nothing when there is no letter). */
export function initialOf(name: unknown): string {
  const first = typeof name === 'string' ? name.trim().charAt(0).toLocaleUpperCase('id-ID') : '';
  return /\p{L}/u.test(first) ? `${first}.` : '';
}

export const uploadInfo: Handler = async (_req, res, { token }) => {
  const now = new Date();
  const grant = await resolveGrant(token, now);
  const [caseSnap, uploadsSnap, settings, grantSnap] = await Promise.all([
    caseRef(grant.caseId).get(),
    documentsCol(grant.caseId).get(),
    loadSettings(),
    grantsCol().doc(grant.tokenHash).get(),
  ]);
  if (!caseSnap.exists) throw new DomainError('not-found', 'Kasus tidak ditemukan.');
  const kase = caseSnap.data() as CaseSnapshot & { summary?: CaseSummary };
  const required = requiredDocuments(kase.complaintType, kase.relation, settings);

  const uploads = uploadsSnap.docs
    .map((d) => ({ docId: d.id, r: d.data() as UploadRecord }))
    .sort((a, b) => a.r.uploadedAt.localeCompare(b.r.uploadedAt));
  const uploadedKinds = new Set(uploads.map((u) => u.r.kind));
  const kinds = DOCUMENT_KINDS.filter((k) => required.includes(k) || uploadedKinds.has(k));

  const closedReason = uploadsClosedReason(kase.state);
  const linkFiles = (grantSnap.data() as StoredGrant | undefined)?.files ?? 0;
  sendJson(res, 200, {
    caseNumber: kase.number,
    complaintType: kase.complaintType,
    complaintTypeLabel: COMPLAINT_TYPE_LABELS[kase.complaintType],
    // From the summary's masked name (its first letter is the name's); older cases kept the name inline.
    applicantInitial: initialOf(kase.summary?.applicantName ?? kase.applicant?.name),
    open: closedReason === null,
    closedReason,
    linkRemaining: Math.max(0, UPLOAD_LIMITS.perLink - linkFiles),
    expiresAt: grant.expiresAt,
    maxUploadBytes: MAX_UPLOAD_BYTES,
    documents: kinds.map((kind: DocumentKind) => ({
      kind,
      label: DOCUMENT_LABELS[kind],
      required: required.includes(kind),
      onFile: kase.documents?.[kind]?.present === true,
      remaining: Math.max(
        0,
        UPLOAD_LIMITS.perKind - uploads.filter((u) => u.r.kind === kind && u.r.status === 'received').length,
      ),
      uploads: uploads
        .filter((u) => u.r.kind === kind)
        .map(({ docId, r }) => ({
          docId,
          status: r.status,
          uploadedAt: r.uploadedAt,
          mime: r.mime,
          size: r.size,
          ...(r.rejectReason ? { rejectReason: r.rejectReason } : {}),
        })),
    })),
  });
};
