/**
 * `GET /api/cases/:caseId/documents/:docId` (staff, `Authorization: Bearer <ID token>`), served by
 * the `staffDocs` function: streams a stored photocopy. These are identity documents (personal
 * data under UU 27/2022): only active staff, never cached (`Cache-Control: private, no-store`),
 * and every view is recorded in the access log (`cases/access.ts`: who, which case, which document
 * kind, when) before the first byte is sent.
 */
import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { db, bucket } from '../firebase/admin.js';
import { recordAccess } from '../cases/access.js';
import { caseRef } from '../cases/store.js';
import { CaseId } from '../schemas.js';
import { parseAuthorization, requireStaffToken } from '../uploads/auth.js';
import { documentsCol, type UploadRecord } from '../uploads/store.js';
import type { Handler } from './router.js';

const DocId = z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'ID dokumen tidak valid');
const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

export const viewDocument: Handler = async (req, res, params) => {
  const auth = parseAuthorization(req.get('authorization'));
  const staff = await requireStaffToken(auth?.scheme === 'bearer' ? auth.token : undefined);
  const caseId = CaseId.parse(params['caseId']);
  const docId = DocId.parse(params['docId']);

  // The case's number only (the access record names the case, nothing of the applicant).
  const [[kase], snap] = await Promise.all([
    db().getAll(caseRef(caseId), { fieldMask: ['number'] }),
    documentsCol(caseId).doc(docId).get(),
  ]);
  if (!snap.exists || !kase?.exists) throw new DomainError('not-found', 'Dokumen tidak ditemukan.');
  const record = snap.data() as UploadRecord;
  const file = bucket().file(record.storagePath);
  const [exists] = await file.exists();
  if (!exists) throw new DomainError('not-found', 'Berkas dokumen tidak ditemukan di penyimpanan.');

  await recordAccess({
    uid: staff.uid,
    name: staff.name,
    caseId,
    caseNumber: (kase.get('number') as string | undefined) ?? null,
    what: 'document',
    documentKind: record.kind,
  });

  res.status(200);
  res.set({
    'Content-Type': record.mime,
    'Content-Length': String(record.size),
    'Content-Disposition': `inline; filename="${record.kind}-${docId.slice(0, 8)}.${EXT[record.mime] ?? 'bin'}"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Opened directly, the file runs in an opaque origin with nothing allowed: no script, no form,
    // no access to the staff page's storage, whatever a crafted upload might try.
    'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
  });
  await new Promise<void>((resolve, reject) => {
    const stream = file.createReadStream({ validation: false });
    stream.on('error', reject);
    res.on('close', resolve);
    stream.pipe(res);
  });
};
