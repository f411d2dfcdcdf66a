/**
 * The retention job (UU 27/2022: personal data is kept no longer than needed). Run daily by the
 * scheduled function `retentionPurge` (triggers/retentionPurge.ts); tests call `runRetention`
 * directly (the emulators have no scheduler). What is due is decided by the pure rules of
 * `domain/retention.ts` with the schedule in the office settings:
 *
 *  - expired upload links (`uploadGrants`): deleted;
 *  - photos the FO rejected: the stored file and its record deleted (the history entry stays);
 *  - emails (`outbox`) whose delivery ended: body, address, attachments' list and the SMTP reply
 *    removed; the document stays (its id keeps "one email per letter"), with its delivery state;
 *  - photocopies of a case that ended: every stored file and record under the case deleted, and
 *    `retention.photocopiesPurgedAt` written on the case;
 *  - access records (`accessLog`): deleted.
 *
 * Every deletion is counted in `purgeLog/{runId}`, in the same batch that deletes the Firestore
 * documents (a file in Storage is deleted just before the batch that deletes its record and counts
 * it). The job is idempotent: what was deleted is no longer found, so a second run counts nothing.
 * A run stops starting new pages after its time budget; the next day's run goes on from there.
 */
import { randomUUID } from 'node:crypto';
import {
  FieldValue,
  type DocumentReference,
  type Query,
  type QueryDocumentSnapshot,
  type WriteBatch,
} from 'firebase-admin/firestore';
import { logger } from 'firebase-functions/v2';
import {
  accessRecordDue,
  cutoffs as cutoffsOf,
  outboxDue,
  photocopiesDue,
  rejectedPhotoDue,
  uploadLinkDue,
  zeroCounts,
  type Cutoffs,
  type PurgeCategory,
  type PurgeCounts,
  type RetentionSchedule,
} from '../domain/retention.js';
import { ACCESS_LOG } from '../cases/access.js';
import { caseRef } from '../cases/store.js';
import { bucket, db } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';
import { loadSettings } from '../firebase/settings.js';
import { OUTBOX } from '../mail/outbox.js';
import { GRANTS } from '../uploads/grants.js';
import type { UploadRecord } from '../uploads/store.js';

export const PURGE_LOG = 'purgeLog';
const PAGE = 200;

export interface PurgeRun {
  runId: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  /** The instant the cut-offs were computed from. */
  now: string;
  schedule: RetentionSchedule;
  cutoffs: Cutoffs;
  counts: PurgeCounts;
  /** False when the time budget ended the run before everything due was deleted. */
  complete: boolean | null;
}

export interface RetentionOptions {
  now?: Date;
  /** `purgeLog` document id; a retried run with the same id adds to the same counts. */
  runId?: string;
  /** Who started it: `schedule` (the daily job) or a name for a manual run. */
  trigger?: string;
  /** Milliseconds after which no new page is started (the function's timeout is 540 s). */
  budgetMs?: number;
}

interface Ctx {
  c: Cutoffs;
  log: DocumentReference;
  counts: PurgeCounts;
  deadline: number;
}

/** Adds `n` to a category, in the batch that performs the deletions it counts. */
function count(ctx: Ctx, batch: WriteBatch, category: PurgeCategory, n: number): void {
  if (n === 0) return;
  ctx.counts[category] += n;
  batch.update(ctx.log, { [`counts.${category}`]: FieldValue.increment(n) });
}

const inTime = (ctx: Ctx) => Date.now() < ctx.deadline;

/** Deletes the Storage object of a record (absent already is fine). */
async function deleteObject(path: unknown): Promise<void> {
  if (typeof path === 'string' && path) await bucket().file(path).delete({ ignoreNotFound: true });
}

/** Pages through `query` (ordered by the cut-off field), deleting the due documents of each page. */
async function deletePages(
  ctx: Ctx,
  query: Query,
  due: (data: Record<string, unknown>) => boolean,
  category: PurgeCategory,
  beforeDelete?: (data: Record<string, unknown>) => Promise<void>,
): Promise<boolean> {
  for (;;) {
    if (!inTime(ctx)) return false;
    const page = await query.limit(PAGE).get();
    const batch = db().batch();
    let n = 0;
    for (const d of page.docs) {
      const data = d.data();
      if (!due(data)) continue;
      if (beforeDelete) await beforeDelete(data);
      batch.delete(d.ref);
      n += 1;
    }
    count(ctx, batch, category, n);
    if (n > 0) await batch.commit();
    // A page with nothing due means the rest is not due either (the query is on the same date).
    if (page.size < PAGE || n === 0) return true;
  }
}

async function purgeUploadLinks(ctx: Ctx): Promise<boolean> {
  const q = db().collection(GRANTS).where('expiresAt', '<', ctx.c.uploadLinks).orderBy('expiresAt');
  return deletePages(ctx, q, (g) => uploadLinkDue(g, ctx.c), 'uploadLinks');
}

async function purgeRejectedPhotos(ctx: Ctx): Promise<boolean> {
  const q = db()
    .collectionGroup('documents')
    .where('status', '==', 'rejected')
    .where('rejectedAt', '<', ctx.c.rejectedPhotos)
    .orderBy('rejectedAt');
  return deletePages(ctx, q, (r) => rejectedPhotoDue(r, ctx.c), 'rejectedPhotos', (r) =>
    deleteObject((r as unknown as UploadRecord).storagePath),
  );
}

async function purgeOutbox(ctx: Ctx): Promise<boolean> {
  const q = db().collection(OUTBOX).where('delivery.endTime', '<', ctx.c.outbox).orderBy('delivery.endTime');
  for (;;) {
    if (!inTime(ctx)) return false;
    const page = await q.limit(PAGE).get();
    const batch = db().batch();
    let n = 0;
    const at = new Date().toISOString();
    for (const d of page.docs) {
      const doc = d.data() as { delivery?: { state?: string; endTime?: string } };
      if (!outboxDue(doc, ctx.c)) continue;
      // The end time moves into `redaction`, so that this query finds each document once.
      batch.update(d.ref, {
        to: FieldValue.delete(),
        message: FieldValue.delete(),
        attachments: FieldValue.delete(),
        'delivery.info': FieldValue.delete(),
        'delivery.error': FieldValue.delete(),
        'delivery.endTime': FieldValue.delete(),
        redaction: { at, deliveryEndedAt: doc.delivery?.endTime ?? null, reason: 'retensi' },
      });
      n += 1;
    }
    count(ctx, batch, 'outboxRedacted', n);
    if (n > 0) await batch.commit();
    if (page.size < PAGE || n === 0) return true;
  }
}

/** Deletes every photocopy of one ended case (records, files, stray objects under its folder). */
async function purgeCasePhotocopies(ctx: Ctx, caseId: string): Promise<void> {
  const records = await caseRef(caseId).collection('documents').get();
  for (const r of records.docs) await deleteObject(r.get('storagePath'));
  const [strays] = await bucket().getFiles({ prefix: `cases/${caseId}/uploads/` });
  for (const f of strays) await f.delete({ ignoreNotFound: true });
  const batch = db().batch();
  for (const r of records.docs) batch.delete(r.ref);
  batch.update(caseRef(caseId), { 'retention.photocopiesPurgedAt': new Date().toISOString() });
  // The records' files were deleted above: what the listing still finds is a file without a record.
  count(ctx, batch, 'photocopies', records.size + strays.length);
  count(ctx, batch, 'photocopyCases', 1);
  await batch.commit();
}

/**
 * Photocopies of cases that ended before the cut-off. A file uploaded after the cut-off cannot
 * belong to such a case, so the candidates are the records uploaded before it, walked in upload
 * order; each case is read once (its state and clock only) and purged whole when it is due.
 */
async function purgePhotocopies(ctx: Ctx): Promise<boolean> {
  const base = db()
    .collectionGroup('documents')
    .where('uploadedAt', '<', ctx.c.photocopies)
    .orderBy('uploadedAt');
  const decided = new Set<string>();
  let cursor: QueryDocumentSnapshot | undefined;
  for (;;) {
    if (!inTime(ctx)) return false;
    const page = await (cursor ? base.startAfter(cursor) : base).limit(PAGE).get();
    for (const d of page.docs) {
      const caseDoc = d.ref.parent.parent;
      if (!caseDoc || caseDoc.parent.id !== 'cases' || decided.has(caseDoc.id)) continue;
      decided.add(caseDoc.id);
      const [kase] = await db().getAll(caseDoc, { fieldMask: ['state', 'clock'] });
      if (kase?.exists && photocopiesDue(kase.data() ?? {}, ctx.c)) await purgeCasePhotocopies(ctx, caseDoc.id);
      if (!inTime(ctx)) return false;
    }
    if (page.size < PAGE) return true;
    cursor = page.docs[page.docs.length - 1];
  }
}

async function purgeAccessLog(ctx: Ctx): Promise<boolean> {
  const q = db().collection(ACCESS_LOG).where('at', '<', ctx.c.accessLog).orderBy('at');
  return deletePages(ctx, q, (r) => accessRecordDue(r, ctx.c), 'accessRecords');
}

/**
 * One run of the retention job: reads the schedule from the settings, deletes what is due and
 * writes `purgeLog/{runId}` (counts per category, when, by which run). Returns the run's record.
 */
export async function runRetention(opts: RetentionOptions = {}): Promise<PurgeRun> {
  const now = opts.now ?? new Date();
  const runId = opts.runId ?? `manual-${now.toISOString()}-${randomUUID().slice(0, 8)}`;
  const settings = await loadSettings();
  const schedule = settings.retention;
  const c = cutoffsOf(schedule, now);
  const log = db().collection(PURGE_LOG).doc(runId);
  const startedAt = new Date().toISOString();
  await runTransaction('retention.runLog', async (tx) => {
    const existing = await tx.get(log);
    if (existing.exists) {
      tx.update(log, { retriedAt: startedAt, finishedAt: null, complete: null });
      return;
    }
    tx.create(log, {
      runId,
      trigger: opts.trigger ?? 'manual',
      startedAt,
      finishedAt: null,
      now: now.toISOString(),
      schedule,
      cutoffs: c,
      counts: zeroCounts(),
      complete: null,
    } satisfies PurgeRun);
  });
  const ctx: Ctx = { c, log, counts: zeroCounts(), deadline: Date.now() + (opts.budgetMs ?? 480_000) };
  let complete = true;
  for (const step of [purgeUploadLinks, purgeRejectedPhotos, purgeOutbox, purgePhotocopies, purgeAccessLog]) {
    complete = (await step(ctx)) && complete;
  }
  const finishedAt = new Date().toISOString();
  await log.update({ finishedAt, complete });
  const snap = await log.get();
  logger.info('retention: run finished', { runId, counts: ctx.counts, complete });
  return snap.data() as PurgeRun;
}
