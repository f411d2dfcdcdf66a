import { onSchedule } from 'firebase-functions/v2/scheduler';
import { logger } from 'firebase-functions/v2';
import { db } from '../firebase/admin.js';
import { processLetter } from '../letter/issue.js';
import { deliverOutbox, OUTBOX } from '../mail/outbox.js';

/**
 * Safety net, every 10 minutes: letters whose trigger event was lost ('pending'), whose retry is due
 * ('failed') or whose instance died holding the lease ('rendering'), and emails left PENDING, due for
 * RETRY, or stuck in PROCESSING past their lease. Each call decides under its own lease, so the
 * sweeper can never issue or send twice. (Not run by the local emulators, which have no scheduler.)
 */
export const letterSweeper = onSchedule(
  { schedule: 'every 10 minutes', timeoutSeconds: 540, memory: '512MiB' },
  async () => {
    const cases = await db()
      .collection('cases')
      .where('letter.status', 'in', ['pending', 'failed', 'rendering'])
      .limit(200)
      .get();
    for (const c of cases.docs) {
      const outcome = await processLetter(c.id);
      if (outcome !== 'skipped') logger.info('letterSweeper: letter', { caseId: c.id, outcome });
    }
    const mail = await db()
      .collection(OUTBOX)
      .where('delivery.state', 'in', ['PENDING', 'RETRY', 'PROCESSING'])
      .limit(200)
      .get();
    for (const m of mail.docs) {
      const state = await deliverOutbox(m.id);
      if (state) logger.info('letterSweeper: email', { id: m.id, state });
    }
  },
);
