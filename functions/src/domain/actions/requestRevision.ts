import { actedBy, type Handler } from './handler.js';
import { requireText } from './payload.js';

/**
 * `requestRevision` (Koordinator on a draft, Kabid on an initialled one): needs a note
 * (`invalid-argument`); keeps it in `sentBack` and as the history note, and clears paraf and
 * signature.
 */
export const handleRequestRevision: Handler<'requestRevision'> = (input, target, ctx) => {
  const revision = requireText(input.note, 'Catatan perbaikan');
  return {
    to: target,
    patch: {
      sentBack: { action: 'requestRevision', reason: revision, ...actedBy(ctx) },
      paraf: null,
      signature: null,
    },
    note: revision,
  };
};
