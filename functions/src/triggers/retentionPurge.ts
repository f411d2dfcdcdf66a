import { onSchedule } from 'firebase-functions/v2/scheduler';
import { runRetention } from '../retention/purge.js';

/**
 * Daily at 02:00 WITA (outside office hours): the retention job (retention/purge.ts). The run id is
 * the scheduled time, so a retried invocation adds to the same purge log entry. (Not run by the
 * local emulators, which have no scheduler; the tests call `runRetention` directly.)
 */
export const retentionPurge = onSchedule(
  { schedule: '0 2 * * *', timeZone: 'Asia/Makassar', timeoutSeconds: 540, memory: '512MiB', retryCount: 1 },
  async (event) => {
    await runRetention({ runId: `schedule-${event.scheduleTime}`, trigger: 'schedule', budgetMs: 480_000 });
  },
);
