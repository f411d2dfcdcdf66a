import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { runTransaction } from '../firebase/transaction.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { appendHistory, readCase } from '../cases/store.js';
import { normalizeVerificationCode } from '../domain/letterCode.js';
import { findByCase, findByCode, type RegisterEntry } from '../letter/register.js';
import { CaseId, reasonText } from '../schemas.js';

const Input = z.union([
  z.object({ caseId: CaseId, reason: reasonText }).strict(),
  z.object({ code: z.string().max(40), reason: reasonText }).strict(),
]);

/**
 * Admin: revokes an issued letter (e.g. issued in error). The register entry becomes 'revoked' (the
 * public verification page then says "Dicabut"), the case records who, when and why, with a
 * hash-chained history entry — in one transaction. A letter is revoked once.
 */
export const revokeLetter = callable(Input, async (data, req) => {
  const admin = await requireRole(req, 'admin');
  if ('code' in data && !normalizeVerificationCode(data.code)) {
    throw new DomainError('not-found', 'Kode verifikasi tidak dikenal.');
  }
  const hit = 'caseId' in data ? await findByCase(data.caseId) : await findByCode(data.code);
  if (!hit) throw new DomainError('not-found', 'Surat Keterangan tidak ditemukan pada register.');
  return runTransaction('revokeLetter', async (tx) => {
    const reg = await tx.get(hit.ref);
    const entry = reg.data() as RegisterEntry;
    const { ref, kase } = await readCase(tx, entry.caseId);
    if (entry.status === 'revoked')
      throw new DomainError('failed-precondition', 'Surat Keterangan ini sudah dicabut.');
    if (entry.status === 'voided') {
      throw new DomainError('failed-precondition', 'Nomor Surat Keterangan ini telah dibatalkan; suratnya tidak pernah diterbitkan.');
    }
    if (entry.status !== 'valid') {
      throw new DomainError(
        'failed-precondition',
        'Surat Keterangan belum selesai diterbitkan, sehingga belum dapat dicabut.',
      );
    }
    const at = new Date().toISOString();
    const revoked = { reason: data.reason, at, by: admin.uid, byName: admin.name };
    tx.update(hit.ref, { status: 'revoked', revoked });
    appendHistory(
      tx,
      ref,
      kase,
      {
        action: 'letterRevoked',
        from: kase.state,
        to: kase.state,
        at,
        by: admin.uid,
        byName: admin.name,
        actedAs: 'admin',
        note: `Surat Keterangan Nomor ${entry.number} dicabut: ${data.reason}`,
      },
      { 'letter.revoked': revoked },
    );
    return { caseId: entry.caseId, number: entry.number, status: 'revoked' as const };
  });
});
