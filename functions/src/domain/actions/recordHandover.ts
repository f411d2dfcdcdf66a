import { DomainError } from '../errors.js';
import { actedBy, type Handler } from './handler.js';
import { HANDOVER_METHODS } from './inputs.js';
import { isOneOf, optionalText, requireText } from './payload.js';

/**
 * `recordHandover` (FO, SOP step 6): records how and to whom the letter was handed over. Refuses,
 * in this order: an unknown method, a blank recipient (`invalid-argument`), a letter not yet
 * rendered, an e-mail hand-over to an applicant without an e-mail address (`failed-precondition`).
 */
export const handleRecordHandover: Handler<'recordHandover'> = (input, target, ctx) => {
  if (!isOneOf(HANDOVER_METHODS, input.method)) {
    throw new DomainError('invalid-argument', 'Cara penyerahan harus langsung atau melalui email.');
  }
  const receivedBy = requireText(input.receivedBy, 'Nama penerima surat');
  const { kase } = ctx;
  if (kase.letter?.status !== 'rendered') {
    throw new DomainError(
      'failed-precondition',
      'Surat Keterangan belum selesai dibuat oleh sistem; penyerahan belum dapat dicatat.',
      { letterStatus: kase.letter?.status ?? null },
    );
  }
  if (input.method === 'email' && !kase.applicant.email) {
    throw new DomainError(
      'failed-precondition',
      'Pemohon tidak memiliki alamat email; pilih penyerahan langsung.',
    );
  }
  const note = optionalText(input.note);
  const handover = { method: input.method, receivedBy, ...(note ? { note } : {}), ...actedBy(ctx) };
  return { to: target, patch: { handover }, note };
};
