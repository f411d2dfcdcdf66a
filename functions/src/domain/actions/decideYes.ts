import { DomainError } from '../errors.js';
import { actedBy, type Handler } from './handler.js';
import { ASSISTANCE_TYPES, type LetterDraft, type SiksNgUpdate } from './inputs.js';
import { isOneOf, optionalText, requireText } from './payload.js';

/**
 * `decideYes` (SOP step 3 → 4, analyst): records the analysis and the draft letter; any earlier
 * paraf, signature and `sentBack` are cleared. Refuses, in this order: an unknown assistance type,
 * a blank problem or solution, a bad SIKS-NG update (`invalid-argument`), a KPM not educated
 * (`failed-precondition`), a blank draft (`invalid-argument`).
 */
export const handleDecideYes: Handler<'decideYes'> = (input, target, ctx) => {
  if (!isOneOf(ASSISTANCE_TYPES, input.assistanceType)) {
    throw new DomainError(
      'invalid-argument',
      `Jenis bantuan tidak dikenal: ${String(input.assistanceType)}.`,
    );
  }
  const problem = requireText(input.problem, 'Uraian kendala');
  const solution = requireText(input.solution, 'Solusi');
  const siksNgUpdate = readSiksNgUpdate(input.siksNgUpdate);
  if (input.kpmEducated !== true) {
    throw new DomainError('failed-precondition', 'KPM harus sudah diedukasi sebelum keputusan "Ya".');
  }
  const draft: LetterDraft = {
    summary: requireText(input.draft?.summary, 'Ringkasan pengaduan pada draf surat'),
    outcome: requireText(input.draft?.outcome, 'Isi keterangan pada draf surat'),
  };
  const analysis = {
    assistanceType: input.assistanceType,
    problem,
    solution,
    siksNgUpdate,
    kpmEducated: true as const,
    draft,
    ...actedBy(ctx),
  };
  return { to: target, patch: { analysis, paraf: null, signature: null, sentBack: null } };
};

/**
 * The SIKS-NG update as stored: when done, a reference is required (a note kept if given); when not
 * done, the note saying why is required. `invalid-argument` otherwise.
 */
function readSiksNgUpdate(raw: SiksNgUpdate | undefined): SiksNgUpdate {
  if (!raw || typeof raw.done !== 'boolean') {
    throw new DomainError('invalid-argument', 'Keterangan pemutakhiran data SIKS-NG wajib diisi.');
  }
  const note = optionalText(raw.note);
  if (raw.done) {
    return {
      done: true,
      reference: requireText(raw.reference, 'Referensi pemutakhiran SIKS-NG'),
      ...(note ? { note } : {}),
    };
  }
  return {
    done: false,
    reference: optionalText(raw.reference) ?? '',
    note: requireText(raw.note, 'Alasan data SIKS-NG tidak dimutakhirkan'),
  };
}
