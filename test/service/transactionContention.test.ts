/**
 * The one transaction wrapper (functions/src/firebase/transaction.ts) under real contention, against
 * the Firestore emulator: a burst of increments of one counter, a refusal, a bug, and retries that
 * run out.
 *
 * Self-contained: the emulator comes from FIRESTORE_EMULATOR_HOST and the project from
 * GCLOUD_PROJECT (a `demo-*` id; the service project's setup file sets one per worker). The
 * functions modules are imported after the environment is checked, so the Admin SDK starts on them.
 * Every run writes under its own document ids, so runs never see each other's counters.
 */
import { randomUUID } from 'node:crypto';
import type { DocumentReference } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';

const emulator = process.env['FIRESTORE_EMULATOR_HOST'];
const project = process.env['GCLOUD_PROJECT'];
if (!emulator || !project?.startsWith('demo-')) {
  throw new Error(
    `transactionContention needs FIRESTORE_EMULATOR_HOST (got ${emulator ?? 'nothing'}) and a demo-* GCLOUD_PROJECT (got ${project ?? 'nothing'})`,
  );
}

const { db } = await import('../../functions/src/firebase/admin.js');
const { runTransaction } = await import('../../functions/src/firebase/transaction.js');
const { DomainError } = await import('../../functions/src/domain/errors.js');
const { BUSY_MESSAGE } = await import('../../functions/src/domain/transactionRetry.js');

const RUN = randomUUID().slice(0, 8);
const docOf = (name: string) => db().doc(`transactionContention/${RUN}-${name}`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** createCase's allocation of the next number: read the counter, write it plus one. */
async function increment(counterPath: string, queue: string, attempts: { n: number }): Promise<number> {
  const counter = db().doc(counterPath);
  return runTransaction(
    'test.increment',
    async (tx) => {
      attempts.n += 1;
      const c = await tx.get(counter);
      const next = ((c.get('last') as number | undefined) ?? 0) + 1;
      tx.set(counter, { last: next });
      return next;
    },
    // As createCase.counter.
    { localQueue: queue, maxAttempts: 10, budgetMs: 30_000 },
  );
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('runTransaction under contention (Firestore emulator)', () => {
  it('50 concurrent increments of one counter from one instance: 50 distinct consecutive values, no error', async () => {
    const counter = docOf('burst').path;
    const attempts = { n: 0 };
    const started = Date.now();
    const values = await Promise.all(oneToN(50).map(() => increment(counter, counter, attempts)));
    console.log(`50 concurrent, one instance: ${Date.now() - started} ms, ${attempts.n} attempts`);
    expect([...values].sort((a, b) => a - b)).toEqual(oneToN(50));
    expect((await db().doc(counter).get()).get('last')).toBe(50);
  });

  it('50 concurrent increments from five instances at once: the retries resolve real contention, 50 distinct values', async () => {
    // Five local queues on one counter are five instances of createCase, ten intakes each: within
    // an instance they take turns, between instances they contend in Firestore (on the emulator:
    // lock timeouts of about 2 s), and only the retries get them through.
    const counter = docOf('instances').path;
    const attempts = { n: 0 };
    const started = Date.now();
    const values = await Promise.all(
      oneToN(50).map((i) => increment(counter, `instance-${i % 5}`, attempts)),
    );
    console.log(`50 concurrent, five instances: ${Date.now() - started} ms, ${attempts.n} attempts`);
    expect([...values].sort((a, b) => a - b)).toEqual(oneToN(50));
    expect((await db().doc(counter).get()).get('last')).toBe(50);
    expect(attempts.n).toBeGreaterThan(50); // there was contention, and it was retried
  }, 120_000);

  it("a refusal thrown by the transaction's function passes through unchanged, at once, and writes nothing", async () => {
    const ref = docOf('refusal');
    await ref.set({ state: 'revoked' });
    const refusal = new DomainError('failed-precondition', 'Surat Keterangan ini sudah dicabut.');
    let calls = 0;
    const outcome = runTransaction('test.refusal', async (tx) => {
      calls += 1;
      const snap = await tx.get(ref);
      tx.set(ref, { state: 'touched' });
      if (snap.get('state') === 'revoked') throw refusal;
      return 'written';
    });
    await expect(outcome).rejects.toBe(refusal);
    expect(calls).toBe(1);
    expect((await ref.get()).get('state')).toBe('revoked');
  });

  it('a programming error passes through unchanged, at once: a bug is not "busy"', async () => {
    const ref = docOf('bug');
    let calls = 0;
    const outcome = runTransaction('test.bug', async (tx) => {
      calls += 1;
      const snap = await tx.get(ref);
      return (snap.data() as { last: number }).last; // the document does not exist: TypeError
    });
    await expect(outcome).rejects.toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });

  it('retries that run out under contention end as the aborted DomainError with the busy sentence', async () => {
    const ref = docOf('held');
    await ref.set({ last: 0 });
    const holder = holdReadLock(ref);
    await holder.hasRead;

    const contender = writeAgainst(ref, { maxAttempts: 3, budgetMs: 60_000 });
    const err = await contender.outcome;
    holder.release();
    console.log(`contender gave up after ${contender.calls()} attempts in ${contender.elapsed()} ms`);

    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'aborted', message: BUSY_MESSAGE });
    expect(contender.calls()).toBe(3);
    await expect(holder.done).resolves.toBe('holder');
    expect((await ref.get()).data()).toEqual({ last: 1, by: 'holder' });
  }, 120_000);

  it('the time budget stops the retries too: no attempt starts after it', async () => {
    const ref = docOf('held-time');
    await ref.set({ last: 0 });
    const holder = holdReadLock(ref);
    await holder.hasRead;

    // Ten attempts allowed, but no time for a second one: the first runs (and loses), then busy.
    const contender = writeAgainst(ref, { maxAttempts: 10, budgetMs: 1 });
    const err = await contender.outcome;
    holder.release();

    expect(err).toMatchObject({ code: 'aborted', message: BUSY_MESSAGE });
    expect(contender.calls()).toBe(1);
    await expect(holder.done).resolves.toBe('holder');
  }, 120_000);
});

/**
 * A transaction that reads `ref` (a read lock) and keeps itself open until released (at most 30 s,
 * so a change in the emulator cannot hang the test), then writes it.
 */
function holdReadLock(ref: DocumentReference) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  let read: () => void = () => undefined;
  const hasRead = new Promise<void>((r) => (read = r));
  const done = runTransaction(
    'test.holder',
    async (tx) => {
      const snap = await tx.get(ref);
      read();
      await Promise.race([released, sleep(30_000)]);
      tx.set(ref, { last: (snap.get('last') as number) + 1, by: 'holder' });
      return 'holder';
    },
    { maxAttempts: 1 },
  );
  return { hasRead, release, done };
}

/** A read-then-write of `ref` under `policy`; its outcome is the error it ended with (null if none). */
function writeAgainst(ref: DocumentReference, policy: { maxAttempts: number; budgetMs: number }) {
  let calls = 0;
  const started = Date.now();
  let ended = 0;
  const outcome = runTransaction(
    'test.contender',
    async (tx) => {
      calls += 1;
      const snap = await tx.get(ref);
      tx.set(ref, { last: (snap.get('last') as number) + 10, by: 'contender' });
      return 'contender';
    },
    policy,
  ).then(
    () => null,
    (e: unknown) => e,
  );
  void outcome.then(() => (ended = Date.now()));
  return { outcome, calls: () => calls, elapsed: () => (ended || Date.now()) - started };
}
