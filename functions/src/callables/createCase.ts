import { FieldValue } from 'firebase-admin/firestore';
import { formatCaseNumber } from '../domain/caseNumber.js';
import { planIntake } from '../domain/workflow.js';
import { db } from '../lib/admin.js';
import { callable } from '../lib/callable.js';
import { casesCol, writeHistoryEntry } from '../lib/cases.js';
import { IntakeInput } from '../lib/schemas.js';
import { loadSettings } from '../lib/settings.js';
import { actorOf } from '../lib/staff.js';

/** WITA year of an instant (case numbers run per year of the office's calendar). */
const witaYear = (d: Date) => new Date(d.getTime() + 8 * 3600_000).getUTCFullYear();

/**
 * Intake (SOP step 1, FO): validates the form (planIntake), takes the next case number of the year
 * from `counters/cases-YYYY` and creates the case with its first history entry, in one transaction:
 * numbers are unique and gap-free under concurrency.
 */
export const createCase = callable(IntakeInput, async (data, req) => {
  const actor = await actorOf(req);
  const settings = await loadSettings();
  const now = new Date();
  const kase = planIntake(data, actor, now, settings);
  const year = witaYear(now);
  const counter = db().doc(`counters/cases-${year}`);
  const ref = casesCol().doc();
  const number = await db().runTransaction(async (tx) => {
    const c = await tx.get(counter);
    const seq = ((c.get('last') as number | undefined) ?? 0) + 1;
    const number = formatCaseNumber(year, seq);
    tx.set(counter, { last: seq, updatedAt: FieldValue.serverTimestamp() });
    const entry = writeHistoryEntry(tx, ref, null, {
      action: 'intake',
      from: null,
      to: 'intake',
      at: kase.createdAt,
      by: actor.uid,
      byName: actor.name,
      actedAs: 'fo',
      note: `Pengaduan diterima: ${number}`,
    });
    tx.create(ref, { ...kase, number, historyHead: { seq: entry.seq, hash: entry.hash } });
    return number;
  });
  return { caseId: ref.id, number, state: 'intake', version: kase.version };
});
