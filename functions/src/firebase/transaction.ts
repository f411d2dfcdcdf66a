import type { Transaction } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions/v2';
import { HttpsError } from 'firebase-functions/v2/https';
import { ZodError } from 'zod';
import { isDomainError } from '../domain/errors.js';
import {
  busyError,
  classifyAttemptFailure,
  mayStartAttempt,
  retryPolicy,
  type TransactionRetryPolicy,
} from '../domain/transactionRetry.js';
import { db } from './admin.js';

/** The transaction function's own answers: passed on as they are, never retried. */
const isRefusal = (err: unknown): boolean =>
  isDomainError(err) || err instanceof ZodError || err instanceof HttpsError;

export interface TransactionOptions extends Partial<TransactionRetryPolicy> {
  /**
   * Transactions of this process with the same key take turns: each runs (with its retries) only
   * after the previous one with that key settled. For a document that every one of them writes (the
   * year's case-number counter): concurrent read-then-write transactions on one document can only
   * lock each other out, so here they queue in memory instead of in Firestore's lock table. Other
   * processes still contend through Firestore, and the retries handle that. The time spent waiting
   * for the turn counts against `budgetMs`; the first attempt runs whatever the time.
   */
  localQueue?: string;
}

/** The tail of each local queue: settles when the last transaction queued under its key has. */
const queues = new Map<string, Promise<void>>();

function inTurn<T>(key: string, run: () => Promise<T>): Promise<T> {
  const mine = (queues.get(key) ?? Promise.resolve()).then(run);
  const tail = mine.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return mine;
}

/** Thrown inside the transaction function when the time budget is spent: the client does not retry it. */
class OutOfBudget extends Error {}

/**
 * The one way this codebase runs a Firestore transaction: `fn` as a read-write transaction, its
 * retries bounded by a policy (`../domain/transactionRetry.ts`), its failures sorted there:
 *  - what `fn` throws on purpose (DomainError, ZodError, HttpsError) is passed on unchanged, at the
 *    first occurrence (the client does not retry an error without a numeric status code);
 *  - a programming error (TypeError, …) is passed on unchanged at once, to become `internal`;
 *  - any other failure (contention, a lock timeout, a transient fault) is retried by the Firestore
 *    client's own loop — which keeps the retried transaction's place in the lock arbitration
 *    (`retryTransaction`) — up to the policy's attempts and, checked before each attempt, its time;
 *    then the call throws the `aborted` DomainError with `BUSY_MESSAGE` and logs the original error.
 *
 * `fn` may run more than once: like any Firestore transaction function, it must only read through
 * `tx`, write through `tx`, and keep side effects (mail, Storage) outside.
 *
 * Firestore (PESSIMISTIC mode, the default) resolves a lock conflict between server transactions
 * promptly — one of them fails with ABORTED and is retried. The Firestore emulator does not: two
 * read-then-write transactions on one document wait for each other until its lock timeout (about
 * 2 s measured here, firebase-tools #6758 and #8105) and then usually one fails. Under a burst on
 * one document that livelocks: every failed attempt holds its read lock for those 2 s, so the next
 * arrivals pile on (measured: 50 concurrent increments of one counter, 5 done after 21 s of the
 * client's retries). Hence `localQueue` for such documents (all 50 in under a second); the retries
 * remain for contention between processes.
 *
 * @param name names the transaction in the log (e.g. `createCase.counter`).
 * @param options this call site's overrides of `DEFAULT_TRANSACTION_RETRY`, and its `localQueue`.
 */
export function runTransaction<T>(
  name: string,
  fn: (tx: Transaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const { localQueue, ...policy } = options;
  const started = Date.now();
  const run = () => runBounded(name, fn, retryPolicy(policy), started);
  return localQueue === undefined ? run() : inTurn(localQueue, run);
}

/** One run of the client's retry loop, bounded by `p`; its final failure sorted and, if contention, made `busy`. */
async function runBounded<T>(
  name: string,
  fn: (tx: Transaction) => Promise<T>,
  p: TransactionRetryPolicy,
  started: number,
): Promise<T> {
  let attempts = 0;
  /** The last failure seen inside `fn` (a read that timed out); a failed commit is seen only at the end. */
  let failedInside: unknown;
  try {
    return await db().runTransaction(
      async (tx) => {
        attempts += 1;
        if (!mayStartAttempt(p, attempts, Date.now() - started)) throw new OutOfBudget();
        try {
          return await fn(tx);
        } catch (err) {
          failedInside = err;
          throw err;
        }
      },
      { maxAttempts: p.maxAttempts },
    );
  } catch (err) {
    const outOfTime = err instanceof OutOfBudget;
    if (!outOfTime && classifyAttemptFailure(err, isRefusal) !== 'contention') throw err;
    const elapsedMs = Date.now() - started;
    const made = outOfTime ? attempts - 1 : attempts;
    const original = outOfTime ? failedInside : err;
    logger.error(
      `Transaction ${name} gave up after ${made} attempt(s) in ${elapsedMs} ms (${outOfTime ? 'time' : 'attempts'} spent)`,
      {
        transaction: name,
        attempts: made,
        elapsedMs,
        policy: p,
        error:
          original instanceof Error
            ? {
                message: original.message,
                code: (original as { code?: unknown }).code,
                stack: original.stack,
              }
            : original === undefined
              ? 'a commit that lost to contention (retried by the Firestore client, which keeps its error)'
              : { err: original },
      },
    );
    throw busyError();
  }
}
