import { copyChecklist, missingDocuments } from '../caseModel.js';
import { DomainError } from '../errors.js';
import type { Handler } from './handler.js';
import { listLabels, optionalText, requireKinds } from './payload.js';

/**
 * `documentsCompleted` (resumes step 2): marks the received documents present with their old check
 * cleared; refuses (`failed-precondition`, naming them) while a required document is still missing.
 * Clears `sentBack`.
 */
export const handleDocumentsCompleted: Handler<'documentsCompleted'> = (
  input,
  target,
  { kase, settings },
) => {
  const received = requireKinds(input.received, 'Dokumen yang diterima');
  const documents = copyChecklist(kase.documents);
  for (const k of received) documents[k] = { present: true, check: null };
  const missing = missingDocuments({ ...kase, documents }, settings);
  if (missing.length > 0) {
    throw new DomainError('failed-precondition', `Dokumen masih belum lengkap: ${listLabels(missing)}.`, {
      missing,
    });
  }
  return { to: target, patch: { documents, sentBack: null }, note: optionalText(input.note) };
};
