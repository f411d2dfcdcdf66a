import { FieldValue, type DocumentReference } from 'firebase-admin/firestore';
import { formatCaseNumber } from '../domain/caseNumber.js';
import { officeDateParts } from '../domain/indonesianDate.js';
import { planIntake, type Actor, type IntakeInput as IntakeForm, type NewCase } from '../domain/workflow.js';
import type { OfficeSettings } from '../domain/settings.js';
import { db } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';
import { callable } from '../firebase/callable.js';
import { casesCol, identityRef, openCaseRef, searchRef, summaryRef, writeHistoryEntry, type CaseWrites } from '../cases/store.js';
import { searchKeysOf } from '../cases/search.js';
import { splitCase, summaryDocOf } from '../domain/caseSummary.js';
import { SEARCH_HASH_KEY } from '../firebase/params.js';
import { IntakeInput } from '../schemas.js';
import { loadSettings } from '../firebase/settings.js';
import { actorOf } from '../firebase/caller.js';

/**
 * Intake (SOP step 1, FO): the callable's shell — who is calling, the time and the stored settings —
 * around `createCaseAs`.
 */
export const createCase = callable(
  IntakeInput,
  async (data, req) => createCaseAs(await actorOf(req), data, new Date(), await loadSettings()),
  { secrets: [SEARCH_HASH_KEY] },
);

export interface CreatedCase {
  caseId: string;
  number: string;
  state: 'intake';
  version: number;
}

/**
 * Intake by `actor` at `now`: validates the form (planIntake), takes the next case number of the
 * year from `counters/cases-YYYY` (unique under concurrency), then creates the case with its first
 * history entry together (`stageIntake`).
 */
export async function createCaseAs(
  actor: Actor,
  data: IntakeForm,
  now: Date,
  settings: OfficeSettings,
): Promise<CreatedCase> {
  const kase = planIntake(data, actor, now, settings);
  // Case numbers run per year of the office's calendar (its time zone, from the settings).
  const year = officeDateParts(now, settings.calendar.timeZoneOffsetMinutes).year;
  const counter = db().doc(`counters/cases-${year}`);
  const ref = casesCol().doc();
  // The year's counter is the one contended document: its transaction does nothing else, so it is
  // held for the shortest time. A number taken by an intake that then fails is not reused (case
  // numbers are unique, not gap-free; the letter register is the gap-free sequence).
  const seq = await runTransaction(
    'createCase.counter',
    async (tx) => {
      const c = await tx.get(counter);
      const next = ((c.get('last') as number | undefined) ?? 0) + 1;
      tx.set(counter, { last: next, updatedAt: FieldValue.serverTimestamp() });
      return next;
    },
    // Intakes of this process take turns on the counter (the emulator livelocks on a burst
    // otherwise, firebase/transaction.ts); other instances' intakes are what the retries are for.
    { localQueue: counter.path, maxAttempts: 10, budgetMs: 30_000 },
  );
  const number = formatCaseNumber(year, seq);
  const batch = db().batch();
  stageIntake(batch, ref, kase, number, actor);
  await batch.commit();
  return { caseId: ref.id, number, state: 'intake', version: kase.version };
}

/**
 * Stages what intake writes for the planned case `kase` numbered `number`, in `w` (the callable's
 * batch, or the demo seed's, functions/src/demo/seed.ts): the first history entry, the case
 * document with the summary, the identity in its own server-only document
 * (domain/caseSummary.ts), the inbox row, the open-case entry and the search keys.
 */
export function stageIntake(w: CaseWrites, ref: DocumentReference, kase: NewCase, number: string, actor: Actor) {
  const entry = writeHistoryEntry(w, ref, null, {
    action: 'intake',
    from: null,
    to: 'intake',
    at: kase.createdAt,
    by: actor.uid,
    byName: actor.name,
    actedAs: 'fo',
    note: `Pengaduan diterima: ${number}`,
  });
  const { stored, identity } = splitCase(kase);
  w.create(ref, { ...stored, number, historyHead: { seq: entry.seq, hash: entry.hash } });
  w.create(identityRef(ref.id), identity);
  w.create(summaryRef(ref.id), summaryDocOf({ ...kase, number }, stored.summary));
  w.create(openCaseRef(ref.id), { state: kase.state, createdAt: kase.createdAt });
  w.create(searchRef(ref.id), { ...searchKeysOf(identity), createdAt: kase.createdAt });
  return { entry, stored, identity };
}
