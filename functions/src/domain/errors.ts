/**
 * Domain errors: the one vocabulary of failure shared by the pure modules and the Firebase shell.
 * The shell (`../firebase/errors.ts`) maps each code to the HttpsError of the same name; any other
 * error reaches a client as `internal`, without its message.
 *
 * Codes follow firebase-functions' meanings:
 *  - invalid-argument: the input is bad whatever the state;
 *  - failed-precondition: not allowed in the current state (illegal transition, missing checklist);
 *  - permission-denied: the caller's role may not do this;
 *  - unauthenticated: no signed-in caller;
 *  - not-found: the target does not exist;
 *  - aborted: the caller lost a race (stale version);
 *  - already-exists: the thing was created before.
 */
export type DomainErrorCode =
  | 'invalid-argument'
  | 'failed-precondition'
  | 'permission-denied'
  | 'unauthenticated'
  | 'not-found'
  | 'aborted'
  | 'already-exists'
  | 'resource-exhausted';

/**
 * Machine-readable reasons that change how a refusal is reported beyond its code (the HTTP status
 * of the `api` function). Other reasons (`expired`, `revoked`, `wrong-case`, …) are free strings.
 */
export type KnownReason = 'too-large' | 'unsupported-type';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    /** A sentence a person can read (Bahasa Indonesia: it is shown to staff). */
    message: string,
    /**
     * Optional structured details (e.g. which field failed), safe to send to the client. Its
     * `reason`, when a string, is the machine-readable reason (see `reason`).
     */
    readonly details?: Record<string, unknown> & { reason?: KnownReason | (string & {}) },
  ) {
    super(message);
  }

  /** The machine-readable reason (`details.reason`), for code that must not compare messages. */
  get reason(): string | undefined {
    const r = this.details?.reason;
    return typeof r === 'string' ? r : undefined;
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
