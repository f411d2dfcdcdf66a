/**
 * Receiving one photocopy: process (type by bytes, metadata stripped), store under a random name in
 * Cloud Storage, and record it in `cases/{caseId}/documents/{docId}` together with
 * `documents.<kind>.present = true`, `documents.<kind>.check = null` (a new file must be checked
 * again) and a hash-chained history entry, in one transaction.
 *
 * Limits (domain/uploadLimits.ts), checked before any pixel is decoded and again in the
 * transaction that writes: the case takes uploads only before verification; a document kind holds
 * at most `perKind` received files (a rejected one frees its place: that is how the FO's rejection
 * asks for a replacement); a link brings at most `perLink` new files.
 *
 * Idempotent by construction: the record's id is derived from the kind and the SHA-256 of the
 * received bytes, so the same bytes for the same case and kind (a client retry, a second tap) find
 * the first record instead of making a second file, even when two requests race.
 */
import { createHash } from 'node:crypto';
import { FieldValue, type Transaction } from 'firebase-admin/firestore';
import { DomainError } from '../domain/errors.js';
import { assertKindRoom, assertLinkRoom, assertUploadsOpen } from '../domain/uploadLimits.js';
import { DOCUMENT_LABELS, type CaseState, type DocumentKind } from '../domain/vocabulary.js';
import { checkUploadSize } from './detect.js';
import { processUpload, uploadObjectPath } from './process.js';
import { bucket } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';
import { appendHistory, caseRef, readCase } from '../cases/store.js';
import { grantsCol, type StoredGrant } from './grants.js';

export type UploadStatus = 'received' | 'rejected';

/** `cases/{caseId}/documents/{docId}`: one received file. */
export interface UploadRecord {
  kind: DocumentKind;
  storagePath: string;
  /** SHA-256 (hex) of the stored bytes. */
  sha256: string;
  /** SHA-256 (hex) of the bytes received (what duplicate detection compares). */
  originalSha256: string;
  /** Bytes stored. */
  size: number;
  /** Bytes received. */
  receivedSize: number;
  mime: string;
  width: number | null;
  height: number | null;
  pages: number | null;
  /** `applicant:<grant hash prefix>` or the staff member's uid. */
  uploadedBy: string;
  uploadedByName: string;
  uploadedAt: string;
  status: UploadStatus;
  rejectReason?: string;
  rejectedBy?: string;
  rejectedByName?: string;
  rejectedAt?: string;
}

export interface Uploader {
  id: string;
  name: string;
  actedAs: 'applicant' | 'staff';
  /** The link the file came through (its files are counted against `perLink`). */
  grantHash?: string;
}

export interface UploadOutcome {
  docId: string;
  duplicate: boolean;
  record: UploadRecord;
}

export const documentsCol = (caseId: string) => caseRef(caseId).collection('documents');

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The record id for `kind` + received bytes: 32 hex chars of SHA-256("kind:originalSha256"). */
export function uploadDocId(kind: DocumentKind, originalSha256: string): string {
  return sha256Hex(Buffer.from(`${kind}:${originalSha256}`, 'utf8')).slice(0, 32);
}

const refusedAgain = (docId: string, r: UploadRecord) =>
  new DomainError(
    'failed-precondition',
    `Foto/berkas ini sudah ditolak petugas${r.rejectReason ? ` (${r.rejectReason})` : ''}. Silakan foto ulang dokumen lalu kirim kembali.`,
    { reason: 'rejected-before', docId },
  );

/** Received (not rejected) files of `kind` on the case: in `tx` when given. */
async function receivedOfKind(caseId: string, kind: DocumentKind, tx?: Transaction): Promise<number> {
  const q = documentsCol(caseId).where('kind', '==', kind).where('status', '==', 'received');
  return (tx ? await tx.get(q) : await q.get()).size;
}

/** A stored record found again: a duplicate of a received one, or a refusal of a rejected one. */
function found(docId: string, r: UploadRecord): UploadOutcome {
  if (r.status === 'rejected') throw refusedAgain(docId, r);
  return { docId, duplicate: true, record: r };
}

/**
 * Accepts one upload for `caseId`. Guarantees: the case exists (`not-found`) and takes uploads
 * (`failed-precondition`, reason `case-final` or `documents-verified`); the kind and the link have
 * room (`resource-exhausted`, reason `kind-limit` or `link-limit`); the bytes pass detectUpload/processUpload (`invalid-argument`
 * otherwise); at most one record and one stored object per (case, kind, received bytes); the
 * record, `documents.<kind>.present = true` and the history entry are written together; the case's
 * `version` is untouched (it counts staff transitions). A stored object whose record could not be
 * written is deleted again.
 */
export async function acceptUpload(
  caseId: string,
  kind: DocumentKind,
  body: Uint8Array,
  uploader: Uploader,
  now = new Date(),
): Promise<UploadOutcome> {
  checkUploadSize(body);
  const originalSha256 = sha256Hex(body);
  const docId = uploadDocId(kind, originalSha256);
  const docRef = documentsCol(caseId).doc(docId);

  // Cheap checks before any pixel is decoded.
  const [caseSnap, existing] = await Promise.all([caseRef(caseId).get(), docRef.get()]);
  if (!caseSnap.exists) throw new DomainError('not-found', 'Kasus tidak ditemukan.');
  assertUploadsOpen(caseSnap.get('state') as CaseState);
  if (existing.exists) return found(docId, existing.data() as UploadRecord);
  assertKindRoom(kind, await receivedOfKind(caseId, kind));

  const processed = await processUpload(body);
  const storagePath = uploadObjectPath(caseId, processed.ext);
  const file = bucket().file(storagePath);
  await file.save(processed.bytes, {
    resumable: false,
    contentType: processed.mime,
    metadata: {
      cacheControl: 'private, no-store',
      metadata: { caseId, kind, sha256: processed.sha256 },
    },
  });

  const record: UploadRecord = {
    kind,
    storagePath,
    sha256: processed.sha256,
    originalSha256,
    size: processed.bytes.length,
    receivedSize: body.byteLength,
    mime: processed.mime,
    width: processed.width ?? null,
    height: processed.height ?? null,
    pages: processed.pages ?? null,
    uploadedBy: uploader.id,
    uploadedByName: uploader.name,
    uploadedAt: now.toISOString(),
    status: 'received',
  };

  let outcome: UploadOutcome;
  try {
    outcome = await runTransaction('uploads.store', async (tx) => {
      const { ref, kase } = await readCase(tx, caseId);
      assertUploadsOpen(kase.state);
      const again = await tx.get(docRef);
      if (again.exists) return found(docId, again.data() as UploadRecord);
      assertKindRoom(kind, await receivedOfKind(caseId, kind, tx));
      const grantRef = uploader.grantHash ? grantsCol().doc(uploader.grantHash) : null;
      const grant = grantRef ? await tx.get(grantRef) : null;
      if (grantRef && grant?.exists) {
        assertLinkRoom((grant.data() as StoredGrant).files ?? 0);
        tx.update(grantRef, { files: FieldValue.increment(1) });
      }
      tx.create(docRef, record);
      appendHistory(
        tx,
        ref,
        kase,
        {
          action: 'upload',
          from: null,
          to: null,
          at: record.uploadedAt,
          by: uploader.id,
          byName: uploader.name,
          actedAs: uploader.actedAs,
          note: `${DOCUMENT_LABELS[kind]} diterima (${record.mime}, ${record.size} bita)`,
          kind,
          docId,
          sha256: record.sha256,
        },
        { [`documents.${kind}.present`]: true, [`documents.${kind}.check`]: null },
      );
      return { docId, duplicate: false, record };
    });
  } catch (e) {
    // An identical request (a retry racing the original) may have created the record in the
    // meantime — its id comes from the bytes — and made this commit fail: then this one is its
    // duplicate, as if it had arrived second.
    const winner = await docRef.get().catch(() => null);
    if (!winner?.exists) {
      await file.delete({ ignoreNotFound: true }).catch(() => undefined);
      throw e;
    }
    outcome = found(docId, winner.data() as UploadRecord);
  }
  // Lost a race with an identical request: keep the winner's object only.
  if (outcome.duplicate) await file.delete({ ignoreNotFound: true }).catch(() => undefined);
  return outcome;
}

/** The fields of a record a client may see (the storage path stays on the server). */
export function publicRecord(docId: string, r: UploadRecord) {
  return {
    docId,
    kind: r.kind,
    status: r.status,
    mime: r.mime,
    size: r.size,
    width: r.width,
    height: r.height,
    pages: r.pages,
    uploadedAt: r.uploadedAt,
    ...(r.rejectReason ? { rejectReason: r.rejectReason } : {}),
  };
}
