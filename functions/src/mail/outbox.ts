/**
 * Delivery of `outbox/{id}` documents over SMTP, in the pattern of Firebase's Trigger Email
 * extension: `to`, `message {subject, text, html}`, `attachments [{filename, storagePath,
 * contentType}]` (read from the admin bucket), and `delivery {state, attempts, leaseExpireTime,
 * error, info}` advanced inside transactions:
 *
 *   PENDING ─claim→ PROCESSING ─sent→ SUCCESS
 *                        │ SMTP refused/failed → RETRY (backoff 15 s, 30 s, 60 s, 120 s) ─claim→ PROCESSING …
 *                        │ after 5 attempts → ERROR
 *                        └ lease expired (instance died mid-send, outcome unknown) → ERROR, never re-sent;
 *                          the lease is cleared, so the late sender's outcome (if it wakes up) is refused
 *
 * Only the holder of the lease sends, so a replayed or concurrent event never sends twice; an
 * attempt whose outcome is unknown is not repeated (no duplicate email, at the price of staff
 * handing the letter over in person). Every state of a letter's email is mirrored on the case (`letter.email`) so staff
 * see it, with a history entry when the email is delivered or finally fails. `delivery.dueAt` says
 * when the sweeper should look at a delivery (PENDING: at once; PROCESSING: the lease's end; RETRY:
 * the backoff's end); final states have none. Documents are created with `newDelivery()`.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions/v2';
import { db, bucket } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';
import { appendHistory, caseRef, type StoredCase } from '../cases/store.js';
import { describeSmtp, smtpConfig, transportSecurity, type SmtpConfig } from './config.js';
import { projectId } from '../firebase/params.js';
import {
  attemptsLeft,
  leaseExpired,
  leaseUntil,
  nextAttemptAt,
  retryDue,
  type RetryPolicy,
} from '../domain/retry.js';

export const OUTBOX = 'outbox';
/** 5 attempts, 15 s / 30 s / 60 s / 120 s apart; the lease outlives one SMTP exchange. */
export const MAIL_RETRY: RetryPolicy = {
  maxAttempts: 5,
  backoffMs: [15_000, 30_000, 60_000, 120_000],
  leaseMs: 2 * 60_000,
};

export type DeliveryState = 'PENDING' | 'PROCESSING' | 'SUCCESS' | 'ERROR' | 'RETRY';

export interface Delivery {
  state: DeliveryState;
  attempts: number;
  leaseId?: string | null;
  leaseExpireTime?: string | null;
  nextAttemptAt?: string | null;
  /** When the sweeper should look at it; null once final. */
  dueAt?: string | null;
  startTime?: string;
  endTime?: string;
  error?: string | null;
  info?: { messageId: string; accepted: string[]; rejected: string[]; response: string } | null;
}

export interface OutboxDoc {
  to: string;
  caseId?: string;
  kind?: string;
  message: { subject: string; text: string; html?: string };
  /** From Storage (`storagePath`), or inline (`content`, base64: the receipt, whose code must not be stored elsewhere). */
  attachments?: { filename: string; storagePath?: string; content?: string; contentType?: string }[];
  delivery?: Delivery;
}

/** The `delivery` of a new outbox document: due at once. */
export function newDelivery(now: Date = new Date()): Delivery {
  return { state: 'PENDING', attempts: 0, dueAt: now.toISOString() };
}

/** The case mirror of a delivery state. */
const CASE_STATUS: Record<DeliveryState, string> = {
  PENDING: 'queued',
  PROCESSING: 'sending',
  RETRY: 'retrying',
  SUCCESS: 'sent',
  ERROR: 'failed',
};

/**
 * Writes `letter.email` on the case (in `tx`, after all reads). A final state also appends a
 * history entry. `kase` must have been read in the same transaction.
 */
function mirror(
  tx: Transaction,
  caseId: string,
  kase: StoredCase | null,
  to: string,
  state: DeliveryState,
  at: string,
  extra: { error?: string; attempts: number },
) {
  if (!kase) return;
  const ref = caseRef(caseId);
  // The address stays in the outbox document (purged on schedule): the case and its history
  // carry no personal data.
  const email = {
    status: CASE_STATUS[state],
    at,
    attempts: extra.attempts,
    ...(extra.error ? { error: extra.error } : {}),
  };
  if (state === 'SUCCESS' || state === 'ERROR') {
    appendHistory(
      tx,
      ref,
      kase,
      {
        action: state === 'SUCCESS' ? 'letterEmailed' : 'letterEmailFailed',
        from: kase.state,
        to: kase.state,
        at,
        by: 'system',
        byName: 'Sistem',
        note:
          state === 'SUCCESS'
            ? 'Surat Keterangan dikirim melalui email ke alamat pemohon.'
            : `Surat Keterangan gagal dikirim melalui email ke alamat pemohon: ${extra.error ?? ''}`,
      },
      { 'letter.email': email },
    );
  } else {
    tx.update(ref, { 'letter.email': email });
  }
}

/** The case whose letter an email carries (other emails of a case, e.g. its receipt, are not mirrored). */
async function readCaseFor(tx: Transaction, doc: Pick<OutboxDoc, 'caseId' | 'kind'>): Promise<StoredCase | null> {
  const caseId = doc.caseId;
  if (!caseId || (doc.kind !== undefined && doc.kind !== 'letter')) return null;
  const snap = await tx.get(caseRef(caseId));
  return snap.exists ? (snap.data() as StoredCase) : null;
}

const UNKNOWN_OUTCOME =
  'Status pengiriman tidak diketahui (proses terhenti saat mengirim); email tidak dikirim ulang agar tidak ganda. Serahkan surat secara langsung atau hubungi administrator.';

/** Indonesian text of an SMTP failure for staff, with the server's reply when there is one. */
function smtpError(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const detail = e.response ?? e.code ?? e.message ?? String(err);
  return `Pengiriman email gagal (${detail.slice(0, 300)}).`;
}

type SendResult = { ok: true; info: NonNullable<Delivery['info']> } | { ok: false; error: string };

/**
 * Delivers `outbox/{id}` if it is due (PENDING, or RETRY whose time has come). Returns the state
 * it left the document in, or null when there was nothing to do.
 */
export async function deliverOutbox(id: string): Promise<DeliveryState | null> {
  const leaseId = randomUUID();
  const claimed = await claimDelivery(id, leaseId);
  if (!claimed) return null;
  const result = await send(id, claimed.doc, claimed.attempts);
  return recordOutcome(id, leaseId, claimed.doc, claimed.attempts, result);
}

/**
 * Transaction 1: takes the lease of a due delivery (attempts + 1), or ends a delivery whose lease
 * expired (its instance died mid-send: the outcome is unknown, so it is never sent again).
 * Exported for the tests of two senders; `deliverOutbox` is the entry point.
 */
export async function claimDelivery(id: string, leaseId: string): Promise<{ doc: OutboxDoc; attempts: number } | null> {
  const ref = db().collection(OUTBOX).doc(id);
  return runTransaction('outbox.claim', async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return null;
    const doc = snap.data() as OutboxDoc;
    const d: Delivery = doc.delivery ?? { state: 'PENDING', attempts: 0 };
    const now = new Date();
    const kase = await readCaseFor(tx, doc);
    if (d.state === 'PROCESSING' && leaseExpired(d.leaseExpireTime, now)) {
      // The lease id goes too: the sender that held it may still be alive, and recordOutcome only
      // writes for the current lease — so its late SUCCESS cannot overwrite this ERROR.
      tx.update(ref, {
        'delivery.state': 'ERROR',
        'delivery.error': UNKNOWN_OUTCOME,
        'delivery.leaseId': null,
        'delivery.leaseExpireTime': null,
        'delivery.dueAt': null,
        'delivery.endTime': now.toISOString(),
      });
      mirror(tx, doc.caseId ?? '', kase, doc.to, 'ERROR', now.toISOString(), {
        error: UNKNOWN_OUTCOME,
        attempts: d.attempts,
      });
      return null;
    }
    const due = d.state === 'PENDING' || (d.state === 'RETRY' && retryDue(d.nextAttemptAt, now));
    if (!due) return null;
    const attempts = (d.attempts ?? 0) + 1;
    tx.update(ref, {
      delivery: {
        ...d,
        state: 'PROCESSING',
        attempts,
        leaseId,
        leaseExpireTime: leaseUntil(MAIL_RETRY, now),
        dueAt: leaseUntil(MAIL_RETRY, now),
        nextAttemptAt: null,
        startTime: d.startTime ?? now.toISOString(),
        error: d.error ?? null,
        info: null,
      } satisfies Delivery,
    });
    mirror(tx, doc.caseId ?? '', kase, doc.to, 'PROCESSING', now.toISOString(), { attempts });
    return { doc, attempts };
  });
}

/** One SMTP attempt, outside any transaction. Never throws: a failure is a result. */
async function send(id: string, doc: OutboxDoc, attempts: number): Promise<SendResult> {
  let cfg: SmtpConfig | undefined;
  try {
    cfg = smtpConfig();
    const attachments = await Promise.all(
      (doc.attachments ?? []).map(async (a) => ({
        filename: a.filename,
        contentType: a.contentType ?? 'application/octet-stream',
        content:
          a.content !== undefined ? Buffer.from(a.content, 'base64') : (await bucket().file(a.storagePath ?? '').download())[0],
      })),
    );
    // nodemailer is loaded here, not at module load: only this function sends mail (cold starts).
    const { createTransport } = await import('nodemailer');
    const transport = createTransport({
      host: cfg.host,
      port: cfg.port,
      ...transportSecurity(cfg),
      ...(cfg.user ? { auth: { user: cfg.user, pass: cfg.password } } : {}),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
    const sent = await transport.sendMail({
      from: cfg.from,
      to: doc.to,
      subject: doc.message.subject,
      text: doc.message.text,
      ...(doc.message.html ? { html: doc.message.html } : {}),
      attachments,
      // Stable per outbox document: a mail client shows one message even if a relay duplicates it.
      messageId: `<${id}@pengaduan-kpm.${projectId()}>`,
      headers: { 'X-Pengaduan-Outbox': id },
    });
    transport.close();
    return {
      ok: true,
      info: {
        messageId: sent.messageId,
        accepted: (sent.accepted ?? []).map(String),
        rejected: (sent.rejected ?? []).map(String),
        response: String(sent.response ?? ''),
      },
    };
  } catch (err) {
    logger.warn('outbox: send failed', {
      id,
      attempts,
      smtp: cfg ? describeSmtp(cfg) : 'not configured',
      message: (err as Error)?.message,
    });
    return { ok: false, error: smtpError(err) };
  }
}

/**
 * Transaction 2, only while the lease is still ours: SUCCESS, RETRY after a backoff, or ERROR.
 * Returns null (writes nothing) when the lease is no longer ours. Exported for the tests.
 */
export async function recordOutcome(
  id: string,
  leaseId: string,
  doc: OutboxDoc,
  attempts: number,
  result: SendResult,
): Promise<DeliveryState | null> {
  const ref = db().collection(OUTBOX).doc(id);
  return runTransaction('outbox.outcome', async (tx) => {
    const snap = await tx.get(ref);
    const d = (snap.data() as OutboxDoc | undefined)?.delivery;
    const kase = await readCaseFor(tx, doc);
    if (!d || d.state !== 'PROCESSING' || d.leaseId !== leaseId) return null;
    const now = new Date().toISOString();
    let state: DeliveryState;
    if (result.ok) {
      state = 'SUCCESS';
      tx.update(ref, {
        'delivery.state': state,
        'delivery.info': result.info,
        'delivery.error': null,
        'delivery.endTime': now,
        'delivery.leaseId': null,
        'delivery.leaseExpireTime': null,
        'delivery.dueAt': null,
      });
      mirror(tx, doc.caseId ?? '', kase, doc.to, state, now, { attempts });
    } else {
      const final = !attemptsLeft(MAIL_RETRY, attempts);
      state = final ? 'ERROR' : 'RETRY';
      const next = final ? null : nextAttemptAt(MAIL_RETRY, attempts, new Date());
      tx.update(ref, {
        'delivery.state': state,
        'delivery.error': result.error,
        'delivery.leaseId': null,
        'delivery.leaseExpireTime': null,
        'delivery.nextAttemptAt': next,
        'delivery.dueAt': next,
        ...(final ? { 'delivery.endTime': now } : {}),
      });
      mirror(tx, doc.caseId ?? '', kase, doc.to, state, now, { error: result.error, attempts });
    }
    return state;
  });
}
