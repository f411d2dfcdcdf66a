import { z } from 'zod';
import { planLetterRetry } from '../domain/letterLifecycle.js';
import { runTransaction } from '../firebase/transaction.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { appendHistory, readCase } from '../cases/store.js';
import type { StoredLetter } from '../letter/issue.js';
import { CaseId, reasonText } from '../schemas.js';

/**
 * Admin: starts a fresh series of automatic attempts for a letter that ran out of them ('dead').
 * The letter becomes 'pending' with its attempts reset (a number already taken is kept), which the
 * letter trigger takes at once; one hash-chained history entry records who and why.
 */
export const retryLetter = callable(
  z.object({ caseId: CaseId, reason: reasonText }).strict(),
  async (data, req) => {
    const admin = await requireRole(req, 'admin');
    return runTransaction('retryLetter', async (tx) => {
      const { ref, kase } = await readCase(tx, data.caseId);
      const letter = (kase as { letter?: StoredLetter | null }).letter;
      const now = new Date();
      const plan = planLetterRetry({ state: kase.state, letter }, data.reason, now);
      appendHistory(
        tx,
        ref,
        kase,
        {
          action: 'letterRetried',
          from: kase.state,
          to: kase.state,
          at: now.toISOString(),
          by: admin.uid,
          byName: admin.name,
          actedAs: 'admin',
          note: plan.note,
        },
        plan.patch,
      );
      return { caseId: data.caseId, status: 'pending' as const };
    });
  },
);
