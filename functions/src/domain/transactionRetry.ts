/**
 * What a failed Firestore transaction means, and how long one may keep trying: the pure policy
 * behind `../firebase/transaction.ts`, the one wrapper every transaction goes through. (The retries
 * of stored jobs — leases and schedules kept in documents, for the letter and the outbox — are
 * `./retry.ts`; this module is about one request retrying its own transaction in memory.)
 *
 * A failure is one of three kinds:
 *  - `refusal`: the transaction's own function refused on purpose (a DomainError, a ZodError, an
 *    HttpsError). It is the answer: passed on unchanged at once, never retried.
 *  - `bug`: a JavaScript error that only wrong code throws (TypeError, RangeError, ReferenceError,
 *    SyntaxError, EvalError, URIError). The same code on the same data throws it again on every
 *    attempt, so retrying only delays the person at the counter and, once the budget ran out, would
 *    report a bug as "the server is busy" — a message that sends them to try again, forever, and
 *    files the bug under contention in the logs. It is passed on unchanged at once, and reaches the
 *    client as `internal` with its stack logged (`../firebase/errors.ts`). The Firestore client here
 *    speaks gRPC: its transient failures carry a status code, never one of these classes.
 *  - `contention`: anything else — a commit that lost to another transaction (ABORTED), a lock wait
 *    that timed out, the client's own "Exceeded maximum number of retries allowed", a connection
 *    reset, a deadline. Not matched by code or message on purpose: whatever the client library
 *    reports next year in whatever shape, a failure that is neither our answer nor our bug ends, once
 *    the retries allowed are spent, as `busyError()` (the original error is logged).
 *
 * The retries themselves are the Firestore client's (`CLIENT_BACKOFF`): only its loop can name the
 * previous attempt (`retryTransaction`), which keeps a retried transaction's place in the lock
 * arbitration. Without it, measured on the emulator, 20 conflicting transitions of one case
 * livelocked (each attempt a new transaction: all 19 losers still locked out after 20 s) where the
 * client's loop settles them in about 4 s. The policy bounds that loop: attempts, and time.
 */
import { DomainError } from './errors.js';

/** The one sentence for "lost to contention, out of retries" (the `aborted` code: lost a race). */
export const BUSY_MESSAGE =
  'Server sedang sibuk menangani permintaan lain untuk data yang sama. Silakan coba lagi.';

/** The error a transaction ends with when contention outlasted its budget. */
export const busyError = (): DomainError => new DomainError('aborted', BUSY_MESSAGE, { reason: 'busy' });

export type AttemptFailure = 'refusal' | 'bug' | 'contention';

const PROGRAMMING_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError] as const;

/** True for the built-in errors only wrong code throws (see the module's comment). */
export const isProgrammingError = (err: unknown): boolean => PROGRAMMING_ERRORS.some((E) => err instanceof E);

/**
 * The kind of a failure. `isRefusal` says which errors are the transaction function's own answers
 * (the shell knows the classes: DomainError, ZodError, HttpsError).
 */
export function classifyAttemptFailure(err: unknown, isRefusal: (err: unknown) => boolean): AttemptFailure {
  if (isRefusal(err)) return 'refusal';
  if (isProgrammingError(err)) return 'bug';
  return 'contention';
}

/**
 * The Firestore client's retry schedule (@google-cloud/firestore `backoff.ts`; a unit test compares
 * these numbers with the installed library): before attempt n ≥ 2 it waits `initialMs · factor^(n−2)`
 * (at most `maxMs`), jittered uniformly by ±`jitter`; its backoff refuses a retry after
 * `maxRetries`, with the bare "Exceeded maximum number of retries allowed." of issue 18.
 */
export const CLIENT_BACKOFF = {
  initialMs: 1_000,
  factor: 1.5,
  maxMs: 60_000,
  jitter: 0.5,
  maxRetries: 10,
} as const;

/** The most attempts the client's loop can make before its backoff throws instead of retrying. */
export const CLIENT_MAX_ATTEMPTS = CLIENT_BACKOFF.maxRetries;

/** The client's wait before attempt `attempt` (1-based), before jitter: 0 before the first. */
export function clientBaseDelayMs(attempt: number): number {
  if (attempt <= 1) return 0;
  return Math.min(CLIENT_BACKOFF.maxMs, CLIENT_BACKOFF.initialMs * CLIENT_BACKOFF.factor ** (attempt - 2));
}

/** When attempt `attempt` starts at the earliest / typically / at the latest, counting waits only. */
export function clientAttemptStartMs(attempt: number): { min: number; typical: number; max: number } {
  let typical = 0;
  for (let n = 2; n <= attempt; n++) typical += clientBaseDelayMs(n);
  return { min: typical * (1 - CLIENT_BACKOFF.jitter), typical, max: typical * (1 + CLIENT_BACKOFF.jitter) };
}

/** How long one transaction may keep trying. */
export interface TransactionRetryPolicy {
  /** Attempts in all, the first included: 1 … CLIENT_MAX_ATTEMPTS. */
  maxAttempts: number;
  /**
   * No attempt after the first starts once this long has passed since the call (a turn waited in a
   * local queue included). An attempt that has started runs to its end.
   */
  budgetMs: number;
}

/**
 * For a transaction on a document that a few people touch at once (a case, a grant, an outbox
 * entry): six attempts, typically starting at 0, 1, 2.5, 4.75, 8.1 and 13.2 s (each wait ±50 %), and
 * none after 20 s — well inside a callable's 60 s. In production a lost attempt fails within
 * milliseconds; on the emulator one takes about 2 s (its lock timeout), which the budget allows for.
 */
export const DEFAULT_TRANSACTION_RETRY: TransactionRetryPolicy = { maxAttempts: 6, budgetMs: 20_000 };

/** The policy with a call site's overrides, bounded: at least one attempt, at most the client's. */
export function retryPolicy(overrides: Partial<TransactionRetryPolicy> = {}): TransactionRetryPolicy {
  const p = { ...DEFAULT_TRANSACTION_RETRY, ...overrides };
  return {
    maxAttempts: Math.min(CLIENT_MAX_ATTEMPTS, Math.max(1, Math.floor(p.maxAttempts))),
    budgetMs: Math.max(0, p.budgetMs),
  };
}

/**
 * Whether attempt `attempt` (1-based) may start `elapsedMs` after the call. The first always may;
 * a later one while attempts and time remain.
 */
export function mayStartAttempt(policy: TransactionRetryPolicy, attempt: number, elapsedMs: number): boolean {
  if (attempt <= 1) return true;
  return attempt <= policy.maxAttempts && elapsedMs < policy.budgetMs;
}
