import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpsError } from 'firebase-functions/v2/https';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError, isDomainError } from '../../functions/src/domain/errors.js';
import {
  BUSY_MESSAGE,
  CLIENT_BACKOFF,
  CLIENT_MAX_ATTEMPTS,
  DEFAULT_TRANSACTION_RETRY,
  busyError,
  classifyAttemptFailure,
  clientAttemptStartMs,
  clientBaseDelayMs,
  mayStartAttempt,
  retryPolicy,
} from '../../functions/src/domain/transactionRetry.js';
import { toHttpsError } from '../../functions/src/firebase/errors.js';

const FUNCTIONS_SRC = join(dirname(fileURLToPath(import.meta.url)), '../../functions/src');

/** The shell's predicate (functions/src/firebase/transaction.ts): the transaction function's own answers. */
const isRefusal = (e: unknown) => isDomainError(e) || e instanceof z.ZodError || e instanceof HttpsError;

/** The installed Firestore client's backoff module (the package does not export it: read as text). */
const clientBackoffSource = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve('@google-cloud/firestore')), 'backoff.js'),
  'utf8',
);
/** A numeric `exports.NAME = …;` of that module (`60 * 1000` included). */
function clientConstant(name: string): number {
  const m = new RegExp(`exports\\.${name} = ([0-9.* ]+);`).exec(clientBackoffSource);
  if (!m?.[1]) throw new Error(`${name} not found in the Firestore client's backoff.js`);
  return m[1].split('*').reduce((product, factor) => product * Number(factor.trim()), 1);
}

describe('classifyAttemptFailure: what a failed attempt of a transaction means', () => {
  it("the transaction function's refusals are refusals (passed on, never retried)", () => {
    expect(classifyAttemptFailure(new DomainError('failed-precondition', 'Sudah dicabut.'), isRefusal)).toBe(
      'refusal',
    );
    // A stale version is the caller's lost race: retrying the same request cannot win it.
    expect(classifyAttemptFailure(new DomainError('aborted', 'Versi kasus sudah berubah.'), isRefusal)).toBe(
      'refusal',
    );
    expect(classifyAttemptFailure(new HttpsError('not-found', 'Tidak ada.'), isRefusal)).toBe('refusal');
    const zod = z.object({ n: z.number() }).safeParse({ n: 'x' });
    expect(zod.success).toBe(false);
    expect(classifyAttemptFailure(zod.error, isRefusal)).toBe('refusal');
  });

  it('errors only wrong code throws are bugs (passed on at once, not called "busy")', () => {
    let bug: unknown;
    try {
      (undefined as unknown as { get: () => void }).get();
    } catch (e) {
      bug = e;
    }
    expect(bug).toBeInstanceOf(TypeError);
    expect(classifyAttemptFailure(bug, isRefusal)).toBe('bug');
    expect(classifyAttemptFailure(new RangeError('Invalid time value'), isRefusal)).toBe('bug');
    expect(classifyAttemptFailure(new ReferenceError('x is not defined'), isRefusal)).toBe('bug');
  });

  it('anything else is contention, whatever its shape: no code or message is matched', () => {
    const grpc = (code: number, message: string) => Object.assign(new Error(message), { code });
    for (const e of [
      grpc(10, '10 ABORTED: Transaction lock timeout.'),
      grpc(10, '10 ABORTED: Too much contention on these documents. Please try again.'),
      grpc(14, '14 UNAVAILABLE: Connection dropped'),
      grpc(4, '4 DEADLINE_EXCEEDED'),
      Object.assign(new Error('Request failed with status code 409'), { code: 409 }),
      // The Firestore client's own give-up (issue 18): a bare Error, no code.
      new Error('Exceeded maximum number of retries allowed.'),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    ]) {
      expect(classifyAttemptFailure(e, isRefusal), e.message).toBe('contention');
    }
  });

  it('a refusal is a refusal even when it could look like a bug (checked first)', () => {
    expect(classifyAttemptFailure(new TypeError('x'), () => true)).toBe('refusal');
  });
});

describe("the Firestore client's retry schedule, which the wrapper bounds", () => {
  it('matches the installed client library (a version that changes it fails here)', () => {
    expect(clientConstant('DEFAULT_BACKOFF_INITIAL_DELAY_MS')).toBe(CLIENT_BACKOFF.initialMs);
    expect(clientConstant('DEFAULT_BACKOFF_FACTOR')).toBe(CLIENT_BACKOFF.factor);
    expect(clientConstant('DEFAULT_BACKOFF_MAX_DELAY_MS')).toBe(CLIENT_BACKOFF.maxMs);
    expect(clientConstant('MAX_RETRY_ATTEMPTS')).toBe(CLIENT_BACKOFF.maxRetries);
    expect(clientBackoffSource).toMatch(/const DEFAULT_JITTER_FACTOR = 1\.0;/); // ±50 %
    expect(CLIENT_BACKOFF.jitter).toBe(0.5);
  });

  it('waits nothing before the first attempt, then 1 s growing by half each time, capped at 60 s', () => {
    expect([1, 2, 3, 4, 5].map(clientBaseDelayMs)).toEqual([0, 1_000, 1_500, 2_250, 3_375]);
    expect(clientBaseDelayMs(0)).toBe(0);
    expect(clientBaseDelayMs(40)).toBe(60_000);
  });

  it('places each attempt by the sum of the waits before it, ±50 %', () => {
    expect(clientAttemptStartMs(1)).toEqual({ min: 0, typical: 0, max: 0 });
    expect(clientAttemptStartMs(3)).toEqual({ min: 1_250, typical: 2_500, max: 3_750 });
    expect(clientAttemptStartMs(6).typical).toBeCloseTo(13_187.5, 6);
  });
});

describe('retryPolicy: a call site overrides the default, within what the client can do', () => {
  it('keeps the defaults it does not override', () => {
    expect(retryPolicy()).toEqual(DEFAULT_TRANSACTION_RETRY);
    expect(retryPolicy({ budgetMs: 30_000 })).toEqual({ ...DEFAULT_TRANSACTION_RETRY, budgetMs: 30_000 });
  });

  it('allows at least one attempt and at most the client\'s (past them it throws its bare "Exceeded…")', () => {
    expect(CLIENT_MAX_ATTEMPTS).toBe(10);
    expect(retryPolicy({ maxAttempts: 30 }).maxAttempts).toBe(CLIENT_MAX_ATTEMPTS); // createCase's old setting
    expect(retryPolicy({ maxAttempts: 0, budgetMs: -1 })).toEqual({ maxAttempts: 1, budgetMs: 0 });
    expect(retryPolicy({ maxAttempts: 2.7 }).maxAttempts).toBe(2);
  });

  it("the default's attempts typically all start inside its time, well inside a callable's 60 s", () => {
    expect(clientAttemptStartMs(DEFAULT_TRANSACTION_RETRY.maxAttempts).typical).toBeLessThan(
      DEFAULT_TRANSACTION_RETRY.budgetMs,
    );
    expect(DEFAULT_TRANSACTION_RETRY.budgetMs).toBeLessThanOrEqual(30_000);
  });
});

describe('mayStartAttempt', () => {
  const policy = { maxAttempts: 4, budgetMs: 10_000 };

  it('always starts the first attempt, whatever the time (a turn in a local queue may have used it)', () => {
    expect(mayStartAttempt(policy, 1, 0)).toBe(true);
    expect(mayStartAttempt(policy, 1, 1e9)).toBe(true);
    expect(mayStartAttempt({ maxAttempts: 1, budgetMs: 0 }, 1, 5)).toBe(true);
  });

  it('starts a later attempt only while both attempts and time remain', () => {
    expect(mayStartAttempt(policy, 2, 0)).toBe(true);
    expect(mayStartAttempt(policy, 4, 9_999)).toBe(true);
    expect(mayStartAttempt(policy, 5, 0)).toBe(false);
    expect(mayStartAttempt(policy, 2, 10_000)).toBe(false);
    expect(mayStartAttempt({ maxAttempts: 10, budgetMs: 0 }, 2, 0)).toBe(false);
  });
});

describe('the busy answer', () => {
  it('is the aborted DomainError with the one busy sentence, and reaches the client as such', () => {
    const e = busyError();
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe('aborted');
    expect(e.message).toBe(BUSY_MESSAGE);
    expect(e.reason).toBe('busy');
    const h = toHttpsError(e);
    expect(h.code).toBe('aborted');
    expect(h.message).toBe(
      'Server sedang sibuk menangani permintaan lain untuk data yang sama. Silakan coba lagi.',
    );
  });
});

describe('every transaction goes through the one wrapper', () => {
  it('no file of functions/src calls a Firestore runTransaction except functions/src/firebase/transaction.ts', () => {
    const files = (readdirSync(FUNCTIONS_SRC, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(FUNCTIONS_SRC, f));
    expect(files.length).toBeGreaterThan(20);
    const direct = files
      .filter((f) => relative(FUNCTIONS_SRC, f) !== join('firebase', 'transaction.ts'))
      .filter((f) => /\.runTransaction\s*[(<]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(FUNCTIONS_SRC, f));
    expect(direct).toEqual([]);
    // …and the wrapper itself does call it (the check above would pass on an empty tree otherwise).
    expect(readFileSync(join(FUNCTIONS_SRC, 'firebase/transaction.ts'), 'utf8')).toMatch(
      /db\(\)\.runTransaction\(/,
    );
  });
});
