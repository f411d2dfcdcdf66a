import { copyChecklist, type DocumentChecklist } from '../caseModel.js';
import { requiredDocuments } from '../documents.js';
import { DomainError } from '../errors.js';
import { DOCUMENT_KINDS, DOCUMENT_LABELS, type DocumentKind } from '../vocabulary.js';
import type { ActionContext, Handler } from './handler.js';
import type { DocumentCheckInput } from './inputs.js';
import { isOneOf, listLabels, optionalText } from './payload.js';

/**
 * `verify` (SOP step 2 → 3): records the FO's check of each listed document (who and when), then
 * refuses (`failed-precondition`, naming them) unless every required document was checked OK in
 * this request. Clears `sentBack`.
 */
export const handleVerify: Handler<'verify'> = (input, target, ctx) => {
  const rawChecks: unknown = input.checks;
  if (!Array.isArray(rawChecks)) {
    throw new DomainError('invalid-argument', 'Hasil pemeriksaan dokumen harus berupa daftar.');
  }
  const { documents, seen } = applyChecks(input.checks, ctx);
  const { kase, settings } = ctx;
  const required = requiredDocuments(kase.complaintType, kase.relation, settings);
  const unverified = required.filter((k) => documents[k].check?.ok !== true || !seen.has(k));
  if (unverified.length > 0) {
    throw new DomainError(
      'failed-precondition',
      `Dokumen wajib belum dinyatakan sesuai: ${listLabels(unverified)}. Kembalikan ke pemohon bila dokumen kurang atau tidak sesuai.`,
      { unverified },
    );
  }
  return { to: target, patch: { documents, sentBack: null } };
};

/**
 * The case's checklist with each check recorded, and the kinds checked. Refuses, at the first bad
 * check in order: an unknown kind, a kind checked twice, a result that is not a boolean
 * (`invalid-argument`), and an OK for a document not marked present (`failed-precondition`).
 */
function applyChecks(
  checks: readonly DocumentCheckInput[],
  { kase, actor, at }: ActionContext,
): { documents: DocumentChecklist; seen: Set<DocumentKind> } {
  const documents = copyChecklist(kase.documents);
  const seen = new Set<DocumentKind>();
  for (const c of checks) {
    if (!isOneOf(DOCUMENT_KINDS, c.kind)) {
      throw new DomainError('invalid-argument', `Jenis dokumen tidak dikenal: ${String(c.kind)}.`);
    }
    if (seen.has(c.kind)) {
      throw new DomainError('invalid-argument', `${DOCUMENT_LABELS[c.kind]} diperiksa lebih dari sekali.`);
    }
    if (typeof c.ok !== 'boolean') {
      throw new DomainError(
        'invalid-argument',
        `Hasil pemeriksaan ${DOCUMENT_LABELS[c.kind]} harus sesuai/tidak sesuai.`,
      );
    }
    seen.add(c.kind);
    const present = documents[c.kind].present;
    if (c.ok && !present) {
      throw new DomainError(
        'failed-precondition',
        `${DOCUMENT_LABELS[c.kind]} belum ditandai ada pada checklist, sehingga tidak dapat dinyatakan sesuai.`,
        { kind: c.kind },
      );
    }
    const note = optionalText(c.note);
    documents[c.kind] = { present, check: { ok: c.ok, ...(note ? { note } : {}), by: actor.uid, at } };
  }
  return { documents, seen };
}
