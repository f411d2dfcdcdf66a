import { DomainError } from '../errors.js';
import { signoff, type Handler } from './handler.js';

/** `paraf` (Koordinator): records the paraf; refuses (`failed-precondition`) when there is no draft. */
export const handleParaf: Handler<'paraf'> = (_input, target, ctx) => {
  if (!ctx.kase.analysis) {
    throw new DomainError(
      'failed-precondition',
      'Draf Surat Keterangan belum ada, sehingga belum dapat diparaf.',
    );
  }
  return { to: target, patch: { paraf: signoff(ctx) } };
};
