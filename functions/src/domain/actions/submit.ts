import { copyChecklist, missingDocuments } from '../caseModel.js';
import { DomainError } from '../errors.js';
import { DOCUMENT_KINDS } from '../vocabulary.js';
import type { ActionOutcome, Handler } from './handler.js';
import { listLabels, requireKinds } from './payload.js';

/**
 * `submit` (SOP step 1 → 2): when the payload carries the checklist (`present`), it replaces the
 * stored flags (a changed flag loses its check) and is written. Refuses (`failed-precondition`,
 * naming them) while a required document is not present.
 */
export const handleSubmit: Handler<'submit'> = (input, target, { kase, settings }) => {
  const docs = copyChecklist(kase.documents);
  const patch: ActionOutcome['patch'] = {};
  if (input.present !== undefined) {
    const present = requireKinds(input.present, 'Checklist dokumen');
    for (const k of DOCUMENT_KINDS) {
      const isPresent = present.includes(k);
      if (docs[k].present !== isPresent) docs[k] = { present: isPresent, check: null };
    }
    patch.documents = docs;
  }
  const missing = missingDocuments({ ...kase, documents: docs }, settings);
  if (missing.length > 0) {
    throw new DomainError('failed-precondition', `Checklist dokumen belum lengkap: ${listLabels(missing)}.`, {
      missing,
    });
  }
  return { to: target, patch };
};
