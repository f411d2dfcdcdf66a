import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { logger } from 'firebase-functions/v2';
import { LETTER_MAX_ATTEMPTS, processLetter, type StoredLetter } from '../lib/letterIssue.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Kabid signed (`letter.status` 'pending'): number, render, sign, store, register, queue the email
 * (lib/letterIssue.ts; idempotent by its lease, so replays and the trigger's own writes do nothing).
 * A failed attempt is retried here after its backoff (the update to 'failed' re-fires this trigger);
 * the event itself is not retried by the platform (`retry: false`): the scheduled `letterSweeper`
 * picks up what a lost event or a dead instance left behind.
 */
export const issueLetter = onDocumentUpdated(
  { document: 'cases/{caseId}', memory: '512MiB', timeoutSeconds: 300, retry: false },
  async (event) => {
    const caseId = event.params.caseId;
    const before = event.data?.before.data() as { letter?: StoredLetter | null } | undefined;
    const after = event.data?.after.data() as { state?: string; letter?: StoredLetter | null } | undefined;
    const letter = after?.letter;
    if (after?.state !== 'signed' || !letter) return;
    if (letter.status === 'pending') {
      const outcome = await processLetter(caseId);
      logger.info('issueLetter', { caseId, outcome });
      return;
    }
    // Just failed (this trigger's own write): wait for the backoff, then try again.
    if (
      letter.status === 'failed' &&
      before?.letter?.status !== 'failed' &&
      (letter.attempts ?? 0) < LETTER_MAX_ATTEMPTS
    ) {
      const wait = Date.parse(letter.nextAttemptAt ?? '') - Date.now();
      if (wait > 0) await sleep(Math.min(wait, 120_000));
      const outcome = await processLetter(caseId);
      logger.info('issueLetter retry', { caseId, attempt: (letter.attempts ?? 0) + 1, outcome });
    }
  },
);
