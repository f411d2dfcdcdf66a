import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { logger } from 'firebase-functions/v2';
import { tallyEvent } from '../reports/monthlyStore.js';
import type { ReportEvent } from '../domain/reports/monthlyTally.js';

/**
 * A history entry was written: add it to the monthly report's month document
 * (reports/monthlyStore.ts). Idempotent under redelivery (the marker `reportApplied/{caseId}_{entryId}`
 * is created in the same batch as the increments), so the platform may retry a failed delivery.
 */
export const tallyReports = onDocumentCreated({ document: 'cases/{caseId}/history/{entryId}', retry: true }, async (event) => {
  const data = event.data?.data() as ReportEvent | undefined;
  if (!data) return;
  const outcome = await tallyEvent(event.params.caseId, event.params.entryId, data);
  if (outcome !== 'ignored') logger.debug('tallyReports', { caseId: event.params.caseId, entryId: event.params.entryId, outcome });
});
