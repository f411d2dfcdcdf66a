/**
 * Leases and retry schedules, shared by the letter issuer (`../letter/issue.ts`) and the mail
 * outbox (`../mail/outbox.ts`). Pure: instants are ISO-8601 UTC strings, as stored.
 *
 * A worker claims a job by writing a lease (an id and an expiry) in a transaction; only the holder
 * of a live lease may write the outcome. A failed attempt waits `backoffMs[attempts - 1]` (the last
 * entry repeats) before the next, up to `maxAttempts`.
 */
export interface RetryPolicy {
  maxAttempts: number;
  /** Delay after the 1st, 2nd, … failed attempt; the last value repeats. */
  backoffMs: readonly number[];
  /** How long a claim stays ours: longer than the worker's own timeout. */
  leaseMs: number;
}

/** Delay before attempt `attempts + 1` after `attempts` failed ones. */
export function backoffMs(policy: RetryPolicy, attempts: number): number {
  const steps = policy.backoffMs;
  return steps[Math.min(Math.max(attempts, 1), steps.length) - 1] ?? steps[steps.length - 1] ?? 0;
}

/** When the attempt after `attempts` failed ones is due. */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, now: Date): string {
  return new Date(now.getTime() + backoffMs(policy, attempts)).toISOString();
}

/** The expiry of a lease taken at `now`. */
export function leaseUntil(policy: RetryPolicy, now: Date): string {
  return new Date(now.getTime() + policy.leaseMs).toISOString();
}

/** True when an instant has passed (a missing or unreadable one counts as not passed). */
export function hasPassed(iso: string | null | undefined, now: Date, inclusive = false): boolean {
  const t = Date.parse(iso ?? '');
  if (Number.isNaN(t)) return false;
  return inclusive ? t <= now.getTime() : t < now.getTime();
}

/** True when a lease expiring at `until` has expired at `now` (its holder is presumed dead). */
export const leaseExpired = (until: string | null | undefined, now: Date): boolean => hasPassed(until, now);

/** True when a retry scheduled for `at` may run at `now`. */
export const retryDue = (at: string | null | undefined, now: Date): boolean => hasPassed(at, now, true);

/** Whether another attempt is allowed after `attempts`. */
export const attemptsLeft = (policy: RetryPolicy, attempts: number): boolean => attempts < policy.maxAttempts;

/** Resolves after `ms`, capped at `maxMs` (a trigger waiting for a backoff inside its own timeout). */
export function sleepUntil(iso: string | null | undefined, maxMs: number, now: Date = new Date()): Promise<void> {
  const wait = Date.parse(iso ?? '') - now.getTime();
  if (!(wait > 0)) return Promise.resolve();
  return new Promise((r) => setTimeout(r, Math.min(wait, maxMs)));
}
