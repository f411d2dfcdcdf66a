import { DomainError } from '../domain/errors.js';
import { bucket } from '../firebase/admin.js';
import { callable } from '../firebase/callable.js';
import { requireActiveStaff } from '../firebase/caller.js';
import { caseRef } from '../cases/store.js';
import { recordAccess } from '../cases/access.js';
import { letterFilename } from '../domain/letterInput.js';
import type { StoredLetter } from '../letter/issue.js';
import { sha256Hex } from '../letter/render.js';
import { CaseId } from '../schemas.js';
import { z } from 'zod';

/**
 * Active staff: the stored Surat Keterangan of a case, for preview, download and printing.
 * Refuses with failed-precondition until the letter is stored, and with data-loss-like `internal`
 * if the stored bytes no longer match the SHA-256 recorded when it was issued. The letter holds the
 * full NIKs: every delivery is recorded in the access log before the bytes are returned.
 */
export const getLetterPdf = callable(z.object({ caseId: CaseId }).strict(), async (data, req) => {
  const staff = await requireActiveStaff(req);
  const snap = await caseRef(data.caseId).get();
  if (!snap.exists) throw new DomainError('not-found', 'Kasus tidak ditemukan.');
  const letter = snap.get('letter') as StoredLetter | null | undefined;
  if (letter?.status !== 'rendered' || !letter.storagePath || !letter.number) {
    throw new DomainError('failed-precondition', 'Surat Keterangan untuk kasus ini belum tersedia.');
  }
  const [pdf] = await bucket().file(letter.storagePath).download();
  const sha256 = sha256Hex(pdf);
  if (sha256 !== letter.sha256)
    throw new Error(`stored letter ${letter.storagePath} does not match its SHA-256`);
  await recordAccess({
    uid: staff.uid,
    name: staff.name,
    caseId: data.caseId,
    caseNumber: (snap.get('number') as string | undefined) ?? null,
    what: 'letter',
  });
  return { filename: letterFilename(letter.number), base64: pdf.toString('base64'), sha256 };
});
