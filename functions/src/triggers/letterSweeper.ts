import { onSchedule } from 'firebase-functions/v2/scheduler';
import { logger } from 'firebase-functions/v2';
import { db } from '../firebase/admin.js';
import { LETTER_SIGNING_P12, LETTER_SIGNING_P12_PASSWORD, SMTP_PASSWORD } from '../firebase/params.js';
import { processLetter, type LetterOutcome } from '../letter/issue.js';
import { deliverOutbox, OUTBOX, type DeliveryState } from '../mail/outbox.js';

/** How many letters and emails one run looks at (each kind); the rest waits for the next run. */
export const SWEEP_LIMIT = 200;

/** Case ids whose letter is due (`letter.dueAt <= now`), oldest due first. */
export async function dueLetters(now: Date, limit = SWEEP_LIMIT): Promise<string[]> {
  const q = await db()
    .collection('cases')
    .where('letter.dueAt', '<=', now.toISOString())
    .orderBy('letter.dueAt')
    .limit(limit)
    .get();
  return q.docs.map((d) => d.id);
}

/** Outbox ids whose delivery is due (`delivery.dueAt <= now`), oldest due first. */
export async function dueEmails(now: Date, limit = SWEEP_LIMIT): Promise<string[]> {
  const q = await db()
    .collection(OUTBOX)
    .where('delivery.dueAt', '<=', now.toISOString())
    .orderBy('delivery.dueAt')
    .limit(limit)
    .get();
  return q.docs.map((d) => d.id);
}

export interface SweepReport {
  letters: { caseId: string; outcome: LetterOutcome }[];
  emails: { id: string; state: DeliveryState | null }[];
}

/**
 * One run of the safety net, as a plain function (the schedule below calls it; tests call it
 * directly): letters whose trigger event was lost ('pending'), whose retry is due ('failed') or
 * whose instance died holding the lease ('rendering' past its lease: claimed again, or buried
 * 'dead' on its last attempt), then emails left PENDING, due for RETRY, or stuck in PROCESSING past
 * their lease (ended as ERROR, never re-sent). Oldest due first; letters that are rendered or dead
 * and emails that are final carry no due time, so they never fill the query. Each item is decided
 * under its own lease, so the sweeper can never issue or send twice.
 */
export async function sweepLetters(now: Date = new Date(), limit = SWEEP_LIMIT): Promise<SweepReport> {
  const report: SweepReport = { letters: [], emails: [] };
  for (const caseId of await dueLetters(now, limit)) {
    const outcome = await processLetter(caseId);
    report.letters.push({ caseId, outcome });
    if (outcome !== 'skipped') logger.info('letterSweeper: letter', { caseId, outcome });
  }
  for (const id of await dueEmails(now, limit)) {
    const state = await deliverOutbox(id);
    report.emails.push({ id, state });
    if (state) logger.info('letterSweeper: email', { id, state });
  }
  return report;
}

/**
 * Every 10 minutes (not run by the local emulators, which have no scheduler: the tests call
 * `sweepLetters`). It signs letters and sends email, so it declares both secrets.
 */
export const letterSweeper = onSchedule(
  {
    schedule: 'every 10 minutes',
    timeoutSeconds: 540,
    memory: '512MiB',
    secrets: [SMTP_PASSWORD, LETTER_SIGNING_P12, LETTER_SIGNING_P12_PASSWORD],
  },
  async () => {
    await sweepLetters();
  },
);
