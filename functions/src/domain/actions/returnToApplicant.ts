import { copyChecklist } from '../caseModel.js';
import { DomainError } from '../errors.js';
import { actedBy, type Handler } from './handler.js';
import { requireKinds, requireText } from './payload.js';

/**
 * `returnToApplicant` (pauses step 2): needs a reason and at least one missing document; marks
 * those documents absent and unchecked, and keeps why in `sentBack` (and as the history note).
 */
export const handleReturnToApplicant: Handler<'returnToApplicant'> = (input, target, ctx) => {
  const reason = requireText(input.reason, 'Alasan pengembalian');
  const missing = requireKinds(input.missing, 'Dokumen yang kurang');
  if (missing.length === 0) {
    throw new DomainError(
      'invalid-argument',
      'Sebutkan sedikitnya satu dokumen yang harus dilengkapi pemohon.',
    );
  }
  const documents = copyChecklist(ctx.kase.documents);
  for (const k of missing) documents[k] = { present: false, check: null };
  return {
    to: target,
    patch: { documents, sentBack: { action: 'returnToApplicant', reason, missing, ...actedBy(ctx) } },
    note: reason,
  };
};
