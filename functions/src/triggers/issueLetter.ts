import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { logger } from 'firebase-functions/v2';
import { attemptsLeft, sleepUntil } from '../domain/retry.js';
import { LETTER_RETRY, processLetter, type StoredLetter } from '../letter/issue.js';
import { LETTER_SIGNING_P12, LETTER_SIGNING_P12_PASSWORD } from '../firebase/params.js';

/**
 * The Kabid signed (`letter.status` 'pending'): number, render, sign, store, register, queue the email
 * (letter/issue.ts; idempotent by its lease, so replays and the trigger's own writes do nothing).
 * A failed attempt is retried here after its backoff (the update to 'failed' re-fires this trigger);
 * the event itself is not retried by the platform (`retry: false`): the scheduled `letterSweeper`
 * picks up what a lost event or a dead instance left behind. An administrator's Retry of a dead
 * letter sets it 'pending' again, which this trigger takes like a new signature.
 */
export const issueLetter = onDocumentUpdated(
  {
    document: 'cases/{caseId}',
    memory: '512MiB',
    timeoutSeconds: 300,
    retry: false,
    secrets: [LETTER_SIGNING_P12, LETTER_SIGNING_P12_PASSWORD],
  },
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
    // A failure is a new one when the status just became 'failed' or when a failed claim (which
    // leaves it 'failed') counted another attempt; each is retried once, after its backoff.
    const newFailure =
      before?.letter?.status !== 'failed' || (before.letter.attempts ?? 0) !== (letter.attempts ?? 0);
    if (letter.status === 'failed' && newFailure && attemptsLeft(LETTER_RETRY, letter.attempts ?? 0)) {
      await sleepUntil(letter.nextAttemptAt, 120_000);
      const outcome = await processLetter(caseId);
      logger.info('issueLetter retry', { caseId, attempt: (letter.attempts ?? 0) + 1, outcome });
    }
  },
);
