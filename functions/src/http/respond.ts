/**
 * JSON responses of the `api` function. Errors go through `toHttpsError` (the one place errors
 * become client-visible codes: unknown errors are logged and leave as `internal` without their
 * message) and keep its HTTP status, except two refusals that HTTP names more precisely:
 * a body above the size limit → 413, a type that is not allowed → 415. A refusal that names
 * `retryAfterSeconds` (the upload rate limit, 429) also sends `Retry-After`.
 */
import type { Response } from 'express';
import { isDomainError, type KnownReason } from '../domain/errors.js';
import { toHttpsError } from '../firebase/errors.js';

/** Reasons that HTTP names more precisely than the error's code does. */
const STATUS_BY_REASON: Record<KnownReason, number> = { 'too-large': 413, 'unsupported-type': 415 };

export function sendJson(res: Response, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.removeHeader('Content-Disposition');
  res.set('Content-Type', 'application/json; charset=utf-8');
  res.set('Cache-Control', 'no-store');
  res.set('X-Content-Type-Options', 'nosniff');
  res.status(status).json(body);
}

/** The HTTP status for an error: toHttpsError's, with 413 / 415 for size and type refusals. */
export function statusOf(err: unknown): number {
  const reason = isDomainError(err) ? err.reason : undefined;
  if (reason && reason in STATUS_BY_REASON) return STATUS_BY_REASON[reason as KnownReason];
  return toHttpsError(err).httpErrorCode.status;
}

/** `{error: {code, message, details?}}` with the status of `statusOf`. */
export function sendError(res: Response, err: unknown): void {
  const h = toHttpsError(err);
  const details = h.details as Record<string, unknown> | undefined;
  const status = isDomainError(err) ? statusOf(err) : h.httpErrorCode.status;
  if (res.headersSent) {
    res.destroy(); // a stream broke half-way: cut the connection rather than send a wrong file
    return;
  }
  const retryAfter = details?.['retryAfterSeconds'];
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) res.set('Retry-After', String(Math.ceil(retryAfter)));
  sendJson(res, status, { error: { code: h.code, message: h.message, ...(details ? { details } : {}) } });
}
