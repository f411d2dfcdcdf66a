/**
 * Upload routes (raw body, Content-Type application/octet-stream, image/* or application/pdf):
 *  - `POST /api/unggah/:token?kind=<DocumentKind>`: from the phone page, with the QR link's token;
 *  - `POST /api/cases/:caseId/documents?kind=<DocumentKind>`: with `Authorization: Bearer <staff
 *    ID token>` (active staff), or `Authorization: Upload <token>` (a link, bound to that case).
 * 201 with the new record; 200 with `duplicate: true` and the existing record when the same bytes
 * were already received for this case and kind (so client retries are harmless). A link's attempt
 * is counted against its rate limit before the body is read (429 with `Retry-After` when over it);
 * 429 also when the link or the document kind has no room left (`details.reason`).
 */
import { DomainError } from '../domain/errors.js';
import { CaseId } from '../schemas.js';
import { parseAuthorization, requireStaffToken } from '../uploads/auth.js';
import { UPLOAD_MESSAGES, claimLinkUpload } from '../uploads/grants.js';
import { acceptUpload, publicRecord, type UploadOutcome, type Uploader } from '../uploads/store.js';
import { kindOf, precheckUpload, uploadBody } from './body.js';
import type { Handler } from './router.js';
import { sendJson } from './respond.js';
import type { Response } from 'express';

const APPLICANT_NAME = 'Pemohon (tautan unggah)';

function reply(res: Response, out: UploadOutcome): void {
  sendJson(res, out.duplicate ? 200 : 201, {
    duplicate: out.duplicate,
    document: publicRecord(out.docId, out.record),
  });
}

export const uploadByLink: Handler = async (req, res, { token }) => {
  precheckUpload(req);
  const kind = kindOf(req);
  const now = new Date();
  const grant = await claimLinkUpload(token, now);
  const body = await uploadBody(req);
  const uploader: Uploader = { id: grant.uploader, name: APPLICANT_NAME, actedAs: 'applicant', grantHash: grant.tokenHash };
  reply(res, await acceptUpload(grant.caseId, kind, body, uploader, now));
};

export const uploadToCase: Handler = async (req, res, params) => {
  precheckUpload(req);
  const caseId = CaseId.parse(params['caseId']);
  const kind = kindOf(req);
  const now = new Date();
  const auth = parseAuthorization(req.get('authorization'));
  let uploader: Uploader;
  if (auth?.scheme === 'bearer') {
    const staff = await requireStaffToken(auth.token);
    uploader = { id: staff.uid, name: staff.name, actedAs: 'staff' };
  } else if (auth?.scheme === 'upload') {
    const grant = await claimLinkUpload(auth.token, now, caseId);
    uploader = { id: grant.uploader, name: APPLICANT_NAME, actedAs: 'applicant', grantHash: grant.tokenHash };
  } else {
    throw new DomainError('unauthenticated', UPLOAD_MESSAGES.notStaffUpload);
  }
  const body = await uploadBody(req);
  reply(res, await acceptUpload(caseId, kind, body, uploader, now));
};
