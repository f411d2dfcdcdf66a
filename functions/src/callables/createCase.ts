import { FieldValue } from 'firebase-admin/firestore';
import { formatCaseNumber } from '../domain/caseNumber.js';
import { officeDateParts } from '../domain/indonesianDate.js';
import { planIntake } from '../domain/workflow.js';
import { db } from '../firebase/admin.js';
import { callable } from '../firebase/callable.js';
import { casesCol, identityRef, openCaseRef, searchRef, summaryRef, writeHistoryEntry } from '../cases/store.js';
import { searchKeysOf } from '../cases/search.js';
import { splitCase, summaryDocOf } from '../domain/caseSummary.js';
import { SEARCH_HASH_KEY } from '../firebase/params.js';
import { IntakeInput } from '../schemas.js';
import { loadSettings } from '../firebase/settings.js';
import { actorOf } from '../firebase/caller.js';

/**
 * Intake (SOP step 1, FO): validates the form (planIntake), takes the next case number of the year
 * from `counters/cases-YYYY` (unique under concurrency), then creates the case with its first
 * history entry together.
 */
export const createCase = callable(
  IntakeInput,
  async (data, req) => {
    const actor = await actorOf(req);
    const settings = await loadSettings();
    const now = new Date();
    const kase = planIntake(data, actor, now, settings);
    // Case numbers run per year of the office's calendar (its time zone, from the settings).
    const year = officeDateParts(now, settings.calendar.timeZoneOffsetMinutes).year;
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
    // The case document holds the summary and the search keys; the identity goes to its own
    // server-only document (domain/caseSummary.ts).
    const { stored, identity } = splitCase(kase);
    batch.create(ref, { ...stored, number, historyHead: { seq: entry.seq, hash: entry.hash } });
    batch.create(identityRef(ref.id), identity);
    batch.create(summaryRef(ref.id), summaryDocOf({ ...kase, number }, stored.summary));
    batch.create(openCaseRef(ref.id), { state: kase.state, createdAt: kase.createdAt });
    batch.create(searchRef(ref.id), { ...searchKeysOf(identity), createdAt: kase.createdAt });
    await batch.commit();
    return { caseId: ref.id, number, state: 'intake', version: kase.version };
  },
  { secrets: [SEARCH_HASH_KEY] },
);
