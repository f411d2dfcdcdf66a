import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { logger } from 'firebase-functions/v2';
import type { ReportEvent } from '../domain/reports/monthlyTally.js';
import type { HistoryRecord } from '../domain/registers.js';
import { tallyEvent } from '../reports/monthlyStore.js';
import { applyToRegister } from '../reports/registerStore.js';

/**
 * A history entry was written (`cases/{caseId}/history/{entryId}`): two records follow it.
 *  - The monthly report's month document (reports/monthlyStore.ts): the entry's contribution is added
 *    with increments in the same batch that creates the marker `reportApplied/{caseId}_{entryId}`, so
 *    a redelivered entry adds nothing.
 *  - The complaint register row `caseRegister/{caseId}` (reports/registerStore.ts,
 *    domain/registers.ts): applied in a transaction on the row, idempotent and order-safe.
 * One function for both: every intake and transition starts one worker, not two. Both consumers are
 * idempotent, so when either fails the event is retried (`retry: true`) and the one that had already
 * succeeded changes nothing the second time.
 */
export const recordHistoryEntry = onDocumentCreated(
  { document: 'cases/{caseId}/history/{entryId}', retry: true },
  async (event) => {
    const data = event.data?.data();
    if (!data) return;
    const { caseId, entryId } = event.params;
    const [tally, register] = await Promise.allSettled([
      tallyEvent(caseId, entryId, data as ReportEvent),
      typeof data.seq === 'number' ? applyToRegister(caseId, data as HistoryRecord) : Promise.resolve(true),
    ]);
    if (tally.status === 'fulfilled' && tally.value !== 'ignored') {
      logger.debug('recordHistoryEntry: report', { caseId, entryId, outcome: tally.value });
    }
    if (register.status === 'fulfilled' && register.value === false) {
      logger.warn('recordHistoryEntry: register: case not found', { caseId, entryId });
    }
    const failed = [tally, register].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) throw failed[0]!.reason;
  },
);
