import { z } from 'zod';
import { planVoidLetter } from '../domain/letterLifecycle.js';
import { runTransaction } from '../firebase/transaction.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { appendHistory, readCase } from '../cases/store.js';
import type { StoredLetter } from '../letter/issue.js';
import { registerCol, type RegisterEntry } from '../letter/register.js';
import { CaseId, reasonText } from '../schemas.js';

/**
 * Admin: voids a letter that ran out of attempts ('dead'). In one transaction: its register entry
 * (if a number was taken) stays, marked 'voided' (dibatalkan) with the reason; the case goes back
 * to `initialled` — paraf kept, signature cleared, `letter` removed, version bumped — so the Kabid
 * signs again and the letter gets a new number; one hash-chained history entry says all of it.
 */
export const voidLetter = callable(
  z.object({ caseId: CaseId, reason: reasonText }).strict(),
  async (data, req) => {
    const admin = await requireRole(req, 'admin');
    return runTransaction('voidLetter', async (tx) => {
      const { ref, kase } = await readCase(tx, data.caseId);
      const letter = (kase as { letter?: StoredLetter | null }).letter;
      const regRef = letter?.registerId ? registerCol().doc(letter.registerId) : null;
      const reg = regRef ? await tx.get(regRef) : null;
      const now = new Date();
      const plan = planVoidLetter({ state: kase.state, version: kase.version, letter }, admin, data.reason, now);
      const at = now.toISOString();
      if (regRef && reg?.exists) {
        const voided: Pick<RegisterEntry, 'status' | 'voided'> = {
          status: 'voided',
          voided: { reason: data.reason, at, by: admin.uid, byName: admin.name },
        };
        tx.update(regRef, voided);
      }
      appendHistory(
        tx,
        ref,
        kase,
        {
          action: 'letterVoided',
          from: 'signed',
          to: 'initialled',
          at,
          by: admin.uid,
          byName: admin.name,
          actedAs: 'admin',
          note: plan.note,
          ...(letter?.number ? { letterNumber: letter.number } : {}),
        },
        plan.patch,
      );
      return { caseId: data.caseId, state: 'initialled' as const, version: plan.patch.version };
    });
  },
);
