import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { logger } from 'firebase-functions/v2';
import type { HistoryRecord } from '../domain/registers.js';
import { applyToRegister } from '../reports/registerStore.js';

/**
 * Keeps the complaint register row `caseRegister/{caseId}` (buku register pengaduan) as history
 * entries are written: each entry is applied in a transaction on the row (reports/registerStore.ts,
 * domain/registers.ts), idempotent and order-safe, so the platform may redeliver (`retry: true`)
 * and events may arrive in any order.
 */
export const recordRegister = onDocumentCreated(
  { document: 'cases/{caseId}/history/{entryId}', retry: true },
  async (event) => {
    const entry = event.data?.data() as HistoryRecord | undefined;
    if (!entry || typeof entry.seq !== 'number') return;
    const written = await applyToRegister(event.params.caseId, entry);
    if (!written) logger.warn('recordRegister: case not found', { caseId: event.params.caseId, seq: entry.seq });
  },
);
