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
 * from `counters/cases-YYYY` (unique under concurrency), then creates the case with its first
 * history entry together.
 */
export const createCase = callable(IntakeInput, async (data, req) => {
  const actor = await actorOf(req);
  const settings = await loadSettings();
  const now = new Date();
  const kase = planIntake(data, actor, now, settings);
  const year = witaYear(now);
  const counter = db().doc(`counters/cases-${year}`);
  const ref = casesCol().doc();
  // The year's counter is the one contended document: its transaction does nothing else, so it is
  // held for the shortest time. A number taken by an intake that then fails is not reused (case
  // numbers are unique, not gap-free; the letter register is the gap-free sequence).
  const seq = await db().runTransaction(
    async (tx) => {
      const c = await tx.get(counter);
      const next = ((c.get('last') as number | undefined) ?? 0) + 1;
      tx.set(counter, { last: next, updatedAt: FieldValue.serverTimestamp() });
      return next;
    },
    { maxAttempts: 30 },
  );
  const number = formatCaseNumber(year, seq);
  const batch = db().batch();
  const entry = writeHistoryEntry(batch, ref, null, {
    action: 'intake',
    from: null,
    to: 'intake',
    at: kase.createdAt,
    by: actor.uid,
    byName: actor.name,
    actedAs: 'fo',
    note: `Pengaduan diterima: ${number}`,
  });
  batch.create(ref, { ...kase, number, historyHead: { seq: entry.seq, hash: entry.hash } });
  await batch.commit();
  return { caseId: ref.id, number, state: 'intake', version: kase.version };
});
