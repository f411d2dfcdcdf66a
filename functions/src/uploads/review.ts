/**
 * The FO's review of received photocopies before verification.
 */
import { DomainError } from '../domain/errors.js';
import { UPLOAD_OPEN_STATES } from '../domain/uploadLimits.js';
import { DOCUMENT_LABELS } from '../domain/vocabulary.js';
import { appendHistory, readCase } from '../cases/store.js';
import { runTransaction } from '../firebase/transaction.js';
import { documentsCol, type UploadRecord } from './store.js';

/** Documents are checked before verification (the states that take uploads); afterwards the verified checklist stands. */
const CHECKING_STATES = UPLOAD_OPEN_STATES;

/**
 * Rejects one received photocopy (blurred, cut off, wrong document…) with a reason the phone
 * page shows. In one transaction: the record becomes `rejected`; `documents.<kind>.present`
 * becomes whether another received upload of that kind remains (so a lone bad photo must be
 * taken again) and `documents.<kind>.check` is cleared (an earlier check no longer holds); a
 * history entry is chained. The rejected file no longer counts against the kind's upload limit,
 * so the applicant can send its replacement. `version` is untouched. Refused when the record is
 * unknown (`not-found`), already rejected, or the case is past document checking
 * (`failed-precondition`).
 */
export async function rejectUpload(
  caseId: string,
  docId: string,
  reason: string,
  fo: { uid: string; name: string },
) {
  return runTransaction('uploads.reject', async (tx) => {
    const { ref, kase } = await readCase(tx, caseId);
    const docRef = documentsCol(caseId).doc(docId);
    const snap = await tx.get(docRef);
    if (!snap.exists) throw new DomainError('not-found', 'Dokumen tidak ditemukan.');
    const record = snap.data() as UploadRecord;
    if (record.status === 'rejected')
      throw new DomainError('failed-precondition', 'Dokumen ini sudah ditolak.');
    if (!CHECKING_STATES.includes(kase.state)) {
      throw new DomainError('failed-precondition', 'Dokumen hanya dapat ditolak sebelum kasus diverifikasi.');
    }
    const others = await tx.get(
      documentsCol(caseId).where('kind', '==', record.kind).where('status', '==', 'received'),
    );
    const stillPresent = others.docs.some((d) => d.id !== docId);
    const at = new Date().toISOString();
    tx.update(docRef, {
      status: 'rejected',
      rejectReason: reason,
      rejectedBy: fo.uid,
      rejectedByName: fo.name,
      rejectedAt: at,
    });
    appendHistory(
      tx,
      ref,
      kase,
      {
        action: 'rejectDocument',
        from: null,
        to: null,
        at,
        by: fo.uid,
        byName: fo.name,
        actedAs: 'fo',
        note: `${DOCUMENT_LABELS[record.kind]} ditolak: ${reason}`,
        kind: record.kind,
        docId,
      },
      { [`documents.${record.kind}.present`]: stillPresent, [`documents.${record.kind}.check`]: null },
    );
    return { caseId, docId, kind: record.kind, status: 'rejected' as const, present: stillPresent };
  });
}
