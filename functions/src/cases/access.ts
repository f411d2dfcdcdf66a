/**
 * The record of who saw what (UU 27/2022 asks for a record of access to personal data): each
 * opening of a case's identity, each photocopy view and each letter download leaves one entry in
 * `accessLog`. An entry names the staff member, the case (id and number), what was opened and when —
 * and nothing of the applicant's personal data.
 */
import type { AccessEntry } from '../domain/accessLog.js';
import { db } from '../firebase/admin.js';

export const ACCESS_LOG = 'accessLog';

/** The record's shape is the domain's (`domain/accessLog.ts`), which the access-log page reads too. */
export type AccessRecord = AccessEntry;

/** Writes one access record; the caller awaits it before handing out the data. */
export async function recordAccess(r: Omit<AccessRecord, 'at'>): Promise<void> {
  const entry: AccessRecord = { at: new Date().toISOString(), ...r };
  await db().collection(ACCESS_LOG).add(entry);
}
