import { DomainError } from '../errors.js';
import { actedBy, type Handler } from './handler.js';
import { DECIDE_NO_DESTINATIONS } from './inputs.js';
import { isOneOf, requireText } from './payload.js';

/**
 * `decideNo` (analyst): needs a reason and a known destination (`invalid-argument`). Back to the
 * FO keeps the reason in `sentBack`; closing records the closure. Either way the analysis, paraf
 * and signature are cleared and the reason is the history note.
 */
export const handleDecideNo: Handler<'decideNo'> = (input, targets, ctx) => {
  const reason = requireText(input.reason, 'Alasan keputusan "Tidak"');
  const destination = input.destination;
  if (!isOneOf(DECIDE_NO_DESTINATIONS, destination)) {
    throw new DomainError(
      'invalid-argument',
      'Tujuan keputusan "Tidak" harus dikembalikan ke FO atau ditutup.',
    );
  }
  const decided =
    destination === 'close'
      ? { closure: { reason, ...actedBy(ctx) } }
      : { sentBack: { action: 'decideNo' as const, reason, ...actedBy(ctx) } };
  return {
    to: targets[destination],
    patch: { ...decided, analysis: null, paraf: null, signature: null },
    note: reason,
  };
};
