/**
 * The monthly report's store: month documents `reportMonths/{YYYY-MM}` and the markers
 * `reportApplied/{caseId}_{entryId}` (both server-only: firestore.rules denies them by default).
 *
 * - `tallyEvent` adds one history event to its month: the marker is *created* in the same batch as
 *   the increments, so a redelivered event fails the create and changes nothing.
 * - `rebuildMonthlyReports` recomputes every month from the cases and their history (the same pure
 *   `deltaOf`), replaces the month documents and writes every marker. Run it while nobody works
 *   (an event written during the rebuild may be counted by the rebuild and then skipped by the
 *   trigger, or the other way round — never twice, since both honour the marker — but the rebuild
 *   replaces month documents it read before a concurrent increment).
 * - `loadMonthlyReport` reads the twelve months and counts the open cases with count() queries over
 *   `openCases` (one small document per open case, kept by the transitions: cases/store.ts).
 */
import { FieldValue, type DocumentData, type Firestore, type Query } from 'firebase-admin/firestore';
import {
  deltaAsMergeObject,
  deltaOf,
  rebuild,
  type CaseFacts,
  type CaseWithHistory,
  type MonthDoc,
  type ReportEvent,
} from '../domain/reports/monthlyTally.js';
import {
  backlogRanges,
  buildMonthlyReport,
  countReadCost,
  monthsEndingWith,
  OPEN_STATES,
  type LiveCounts,
  type MonthlyReport,
  type Viewer,
} from '../domain/reports/monthlyReport.js';
import { db } from '../firebase/admin.js';

export const MONTHS = 'reportMonths';
export const OPEN_CASES = 'openCases';
export const MARKERS = 'reportApplied';

const markerId = (caseId: string, entryId: string) => `${caseId}_${entryId}`;

/** The facts of a stored case document (its masked summary holds the area). */
export function factsOf(data: DocumentData | undefined): CaseFacts {
  const summary = (data?.['summary'] ?? {}) as { kecamatan?: string; kelurahan?: string };
  const legacy = (data?.['applicant'] as { address?: { kecamatan?: string; kelurahan?: string } } | undefined)?.address;
  return {
    number: String(data?.['number'] ?? ''),
    complaintType: String(data?.['complaintType'] ?? ''),
    relation: String(data?.['relation'] ?? ''),
    kecamatan: summary.kecamatan ?? legacy?.kecamatan ?? '',
    kelurahan: summary.kelurahan ?? legacy?.kelurahan ?? '',
  };
}

export type TallyOutcome = 'applied' | 'duplicate' | 'ignored';

/** Adds one history event (`cases/{caseId}/history/{entryId}`) to its month, at most once. */
export async function tallyEvent(caseId: string, entryId: string, event: ReportEvent, store: Firestore = db()): Promise<TallyOutcome> {
  // Not a counted event (an upload, a letter event): nothing to do, no marker needed.
  const probe = deltaOf(event, { number: '', complaintType: '', relation: '', kecamatan: '', kelurahan: '' });
  if (!probe) return 'ignored';
  const marker = store.collection(MARKERS).doc(markerId(caseId, entryId));
  if ((await marker.get()).exists) return 'duplicate';
  const kase = await store.collection('cases').doc(caseId).get();
  const delta = deltaOf(event, factsOf(kase.data()))!;
  const batch = store.batch();
  batch.create(marker, { month: delta.month, at: FieldValue.serverTimestamp() });
  batch.set(store.collection(MONTHS).doc(delta.month), deltaAsMergeObject(delta, (n) => FieldValue.increment(n)), { merge: true });
  try {
    await batch.commit();
  } catch (err) {
    // ALREADY_EXISTS (gRPC 6): a concurrent delivery of the same event won; the batch wrote nothing.
    if ((err as { code?: number | string }).code === 6 || (err as { code?: string }).code === 'already-exists') return 'duplicate';
    throw err;
  }
  return 'applied';
}

/** A case read back for the rebuild: its facts, its history (with the entries' ids), state and intake time. */
export interface StoredCaseHistory extends CaseWithHistory {
  events: ReportEvent[];
  entryIds: string[];
  state?: string;
  createdAt?: string;
}

/** Every case with its history, read with one collection-group query over `history`. */
export async function readAllCases(store: Firestore = db()): Promise<Map<string, StoredCaseHistory>> {
  const cases = new Map<string, StoredCaseHistory>();
  const caseSnap = await store.collection('cases').select('number', 'complaintType', 'relation', 'summary', 'applicant', 'state', 'createdAt').get();
  for (const d of caseSnap.docs) {
    cases.set(d.id, { facts: factsOf(d.data()), events: [], entryIds: [], state: d.get('state') as string | undefined, createdAt: d.get('createdAt') as string | undefined });
  }
  const history = await store.collectionGroup('history').get();
  for (const h of history.docs) {
    const caseRef = h.ref.parent.parent;
    if (!caseRef || caseRef.parent.id !== 'cases') continue;
    // History under a case document that does not exist (any more) counts as the trigger counted
    // it: with empty facts.
    let c = cases.get(caseRef.id);
    if (!c) cases.set(caseRef.id, (c = { facts: factsOf(undefined), events: [], entryIds: [] }));
    c.events.push(h.data() as ReportEvent);
    c.entryIds.push(h.id);
  }
  return cases;
}

/**
 * Rebuilds every month document from the cases and their history, deletes month documents
 * no event falls in any more, and writes the marker of every counted event.
 */
export async function rebuildMonthlyReports(store: Firestore = db()): Promise<{ cases: number; events: number; months: string[] }> {
  const cases = await readAllCases(store);
  const months = rebuild(cases.values());
  // BulkWriter's ramp-up (500 writes/s, +50 % every 5 minutes) lets a real Firestore split the key
  // ranges of fresh collections; the emulator has none to split, so there the rebuild writes at once
  // (700 cases' markers: 10.7 s throttled).
  const writer = store.bulkWriter({ throttling: !process.env['FIRESTORE_EMULATOR_HOST'] });
  writer.onWriteError((e) => e.failedAttempts < 5);
  const old = await store.collection(MONTHS).select().get();
  for (const d of old.docs) if (!months.has(d.id)) void writer.delete(d.ref);
  for (const [month, doc] of months) void writer.set(store.collection(MONTHS).doc(month), { ...doc, rebuiltAt: FieldValue.serverTimestamp() });
  let events = 0;
  for (const [caseId, c] of cases) {
    const ids = c.entryIds;
    c.events.forEach((e, i) => {
      const delta = deltaOf(e, c.facts);
      if (!delta) return;
      events++;
      void writer.set(store.collection(MARKERS).doc(markerId(caseId, ids[i]!)), { month: delta.month, rebuilt: true });
    });
  }
  // The open cases, as the transitions keep them.
  const openNow = new Set<string>();
  for (const [caseId, c] of cases) {
    if (c.state && (OPEN_STATES as readonly string[]).includes(c.state) && c.createdAt) {
      openNow.add(caseId);
      void writer.set(store.collection(OPEN_CASES).doc(caseId), { state: c.state, createdAt: c.createdAt });
    }
  }
  for (const d of (await store.collection(OPEN_CASES).select().get()).docs) if (!openNow.has(d.id)) void writer.delete(d.ref);
  await writer.close();
  return { cases: cases.size, events, months: [...months.keys()].sort() };
}

/** What a report read cost: documents fetched and count() aggregations in read units. */
export interface ReadCost {
  documents: number;
  countQueries: number;
  countReadUnits: number;
  total: number;
}

/**
 * The open cases now, by state and by age, with count() aggregations over `openCases` (only open
 * cases are there, so no `in` filter is needed and the collection stays small).
 */
export async function liveCounts(now: Date, store: Firestore = db()): Promise<{ live: LiveCounts; queries: number; units: number }> {
  const open = store.collection(OPEN_CASES);
  const stateCounts = OPEN_STATES.map(async (s) => [s, (await open.where('state', '==', s).count().get()).data().count] as const);
  const ageCounts = backlogRanges(now).map(async (r) => {
    let q: Query = open;
    if (r.from) q = q.where('createdAt', '>=', r.from);
    if (r.to) q = q.where('createdAt', '<', r.to);
    return [r.key, (await q.count().get()).data().count] as const;
  });
  const [states, ages] = await Promise.all([Promise.all(stateCounts), Promise.all(ageCounts)]);
  const units = [...states, ...ages].reduce((s, [, n]) => s + countReadCost(n), 0);
  return {
    live: {
      asOf: now.toISOString(),
      byState: Object.fromEntries(states) as LiveCounts['byState'],
      byAge: Object.fromEntries(ages) as LiveCounts['byAge'],
    },
    queries: states.length + ages.length,
    units,
  };
}

/** Reads the month and the eleven before it, counts the open cases, builds the report for `viewer`. */
export async function loadMonthlyReport(
  month: string,
  viewer: Viewer,
  now: Date = new Date(),
  store: Firestore = db(),
): Promise<{ report: MonthlyReport; cost: ReadCost }> {
  const months = monthsEndingWith(month, 12);
  const [snaps, counts] = await Promise.all([
    store.getAll(...months.map((m) => store.collection(MONTHS).doc(m))),
    liveCounts(now, store),
  ]);
  const docs: Record<string, Partial<MonthDoc> | null> = {};
  snaps.forEach((s, i) => (docs[months[i]!] = s.exists ? (s.data() as Partial<MonthDoc>) : null));
  const report = buildMonthlyReport(month, docs, counts.live, viewer);
  // A get of a missing document is still a billed read.
  const documents = snaps.length;
  return {
    report,
    cost: { documents, countQueries: counts.queries, countReadUnits: counts.units, total: documents + counts.units },
  };
}
