import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { logger } from 'firebase-functions/v2';
import { SMTP_PASSWORD } from '../firebase/params.js';
import { sleepUntil } from '../domain/retry.js';
import { deliverOutbox, type OutboxDoc } from '../mail/outbox.js';

/**
 * Sends `outbox/{id}` (mail/outbox.ts): on creation (PENDING), and after a failed attempt (RETRY,
 * this trigger's own write) once its backoff has passed. Every other write is ignored; the lease
 * in deliverOutbox makes a replayed event harmless.
 */
export const deliverEmail = onDocumentWritten(
  { document: 'outbox/{id}', secrets: [SMTP_PASSWORD], timeoutSeconds: 300, retry: false },
  async (event) => {
    const doc = event.data?.after.data() as OutboxDoc | undefined;
    const state = doc?.delivery?.state ?? (doc ? 'PENDING' : undefined);
    if (state !== 'PENDING' && state !== 'RETRY') return;
    if (state === 'RETRY') await sleepUntil(doc?.delivery?.nextAttemptAt, 150_000);
    const result = await deliverOutbox(event.params.id);
    logger.info('deliverEmail', { id: event.params.id, result });
  },
);
