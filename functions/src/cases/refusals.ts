/**
 * The record of refused paraf and signature attempts (`securityEvents`), which the administrator
 * reads on the staff page: who tried, when, on which case, and why (wrong person, a sign-in older
 * than the confirmation window, separation of duties). Written outside the refused transaction,
 * which wrote nothing.
 */
import { randomUUID } from 'node:crypto';
import { logger } from 'firebase-functions/v2';
import { isDomainError } from '../domain/errors.js';
import { db } from '../firebase/admin.js';
import type { ActiveStaff } from '../firebase/caller.js';
import { caseRef } from './store.js';

export const SECURITY_EVENTS = 'securityEvents';

/** Whether a refusal of a paraf or signature is one the administrator must see. */
export function isRecordedRefusal(err: unknown): boolean {
  return isDomainError(err) && (err.code === 'permission-denied' || err.code === 'unauthenticated');
}

/** Records one refused attempt; never throws (the caller rethrows the refusal itself). */
export async function recordRefusal(
  action: 'paraf' | 'sign',
  caseId: string,
  who: Pick<ActiveStaff, 'uid' | 'name' | 'email' | 'roles'>,
  err: unknown,
): Promise<void> {
  if (!isDomainError(err)) return;
  try {
    const kase = await caseRef(caseId).get();
    await db()
      .collection(SECURITY_EVENTS)
      .doc(`${Date.now()}-${randomUUID().slice(0, 8)}`)
      .create({
        kind: 'refused-approval',
        action,
        at: new Date().toISOString(),
        caseId,
        ...(kase.exists ? { caseNumber: String(kase.get('number')) } : {}),
        by: who.uid,
        byName: who.name,
        ...(who.email ? { byEmail: who.email } : {}),
        roles: who.roles,
        code: err.code,
        reason: err.reason ?? (err.code === 'permission-denied' ? 'role' : err.code),
        message: err.message,
      });
  } catch (e) {
    logger.error('recordRefusal failed', { caseId, action, message: (e as Error).message });
  }
}
