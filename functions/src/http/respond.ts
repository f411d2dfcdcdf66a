/**
 * JSON responses of the `api` function. Errors go through `toHttpsError` (the one place errors
 * become client-visible codes: unknown errors are logged and leave as `internal` without their
 * message) and keep its HTTP status, except two refusals that HTTP names more precisely:
 * a body above the size limit → 413, a type that is not allowed → 415.
 */
import type { Response } from 'express';
import { isDomainError } from '../domain/errors.js';
import { toHttpsError } from '../lib/errors.js';
import { MESSAGES } from '../uploads/detect.js';

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
  if (isDomainError(err) && err.code === 'invalid-argument') {
    if (err.message === MESSAGES.tooLarge) return 413;
    if (err.message === MESSAGES.notAllowed) return 415;
  }
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
  sendJson(res, status, { error: { code: h.code, message: h.message, ...(details ? { details } : {}) } });
}
