import { DomainError } from '../errors.js';
import { signoff, type Handler } from './handler.js';

/**
 * `sign` (Kabid): records the signature and asks for the letter (`letter.status = 'pending'`, due now, which
 * the letter trigger takes from there). Refuses (`failed-precondition`) without a draft, then
 * without the Koordinator's paraf.
 */
export const handleSign: Handler<'sign'> = (_input, target, ctx) => {
  if (!ctx.kase.analysis) {
    throw new DomainError(
      'failed-precondition',
      'Draf Surat Keterangan belum ada, sehingga belum dapat ditandatangani.',
    );
  }
  if (!ctx.kase.paraf) {
    throw new DomainError(
      'failed-precondition',
      'Draf Surat Keterangan belum diparaf oleh Koordinator Dayasos.',
    );
  }
  // `dueAt`: a lost trigger event is found by the sweeper from now on (letterLifecycle.ts).
  return { to: target, patch: { signature: signoff(ctx), letter: { status: 'pending', dueAt: ctx.at } } };
};
