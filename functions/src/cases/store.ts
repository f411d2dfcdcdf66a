import type { DocumentData, DocumentReference, SetOptions, Transaction, UpdateData } from 'firebase-admin/firestore';
import { link } from '../audit/chain.js';
import { DomainError } from '../domain/errors.js';
import type { CaseSnapshot, CasePatch } from '../domain/workflow.js';
import type { Applicant, Kpm } from '../domain/caseModel.js';
import { joinCase, splitPatch, type CaseIdentity, type StoredCaseFields } from '../domain/caseSummary.js';
import type { CaseState } from '../domain/vocabulary.js';
import { db } from '../firebase/admin.js';
import { OPEN_STATES } from '../domain/reports/monthlyReport.js';

export const casesCol = () => db().collection('cases');
export const caseRef = (id: string) => casesCol().doc(id);
/** The identity part of a case (see domain/caseSummary.ts): server-only. */
export const identityRef = (id: string) => caseRef(id).collection('private').doc('identity');
/** The inbox row of a case: readable by active staff, no identity. */
export const summaryRef = (id: string) => db().collection('caseSummaries').doc(id);
/**
 * One small document per open case (its state and intake time), deleted when the case ends: what the
 * monthly report's backlog counts with count() queries (server-only). Kept in the transition's own
 * transaction, so it never disagrees with the case.
 */
export const openCaseRef = (id: string) => db().collection('openCases').doc(id);
/** The search keys of a case (keyed hashes): server-only. */
export const searchRef = (id: string) => db().collection('caseSearch').doc(id);

/** Stored beside the domain fields: the head of the history chain. */
export interface StoredCase extends Omit<CaseSnapshot, 'id'> {
  historyHead: { seq: number; hash: string } | null;
}

/** The case document as stored: no identity, a summary (plus, for cases made before the split, the identity inline). */
type StoredDoc = StoredCaseFields & { historyHead: StoredCase['historyHead'] } & Partial<Pick<CaseSnapshot, 'applicant' | 'kpm'>>;

/**
 * Reads a whole case (its document and its identity) inside a transaction; `not-found` when it
 * does not exist. A case stored before the identity was split out still reads whole.
 */
export async function readCase(tx: Transaction, id: string): Promise<{ ref: DocumentReference; kase: CaseSnapshot & StoredCase }> {
  const read = await tryReadCase(tx, id);
  if (!read) throw new DomainError('not-found', 'Kasus tidak ditemukan.');
  return read;
}

/** As `readCase`, but null when the case does not exist. */
export async function tryReadCase(
  tx: Transaction,
  id: string,
): Promise<{ ref: DocumentReference; kase: CaseSnapshot & StoredCase } | null> {
  const ref = caseRef(id);
  const [snap, ident] = await Promise.all([tx.get(ref), tx.get(identityRef(id))]);
  if (!snap.exists) return null;
  const stored = snap.data() as StoredDoc;
  const identity = ident.exists
    ? (ident.data() as CaseIdentity)
    : { applicant: stored.applicant as Applicant, kpm: stored.kpm as Kpm };
  return { ref, kase: { ...(joinCase(stored, identity) as unknown as StoredCase), id } };
}

/** Reads a case's identity outside a transaction (the case page's identity callable, the letter). */
export async function readIdentity(id: string): Promise<CaseIdentity | null> {
  const [ident, snap] = await Promise.all([identityRef(id).get(), caseRef(id).get()]);
  if (!snap.exists) return null;
  if (ident.exists) return ident.data() as CaseIdentity;
  const legacy = snap.data() as StoredDoc;
  return legacy.applicant && legacy.kpm ? { applicant: legacy.applicant, kpm: legacy.kpm } : null;
}

/** A history event: a transition, or another recorded act (intake, upload, document view…). */
export interface HistoryEvent {
  action: string;
  from: CaseState | null;
  to: CaseState | null;
  at: string;
  by: string;
  byName: string;
  actedAs?: string;
  note?: string;
  [k: string]: unknown;
}

/**
 * Where a case's writes are staged: a transaction (the callables, the letter) or a batch (the demo
 * seed, functions/src/demo/seed.ts, which writes a case's whole history in one commit).
 */
export interface CaseWrites {
  create(ref: DocumentReference, data: DocumentData): unknown;
  set(ref: DocumentReference, data: DocumentData, options: SetOptions): unknown;
  update(ref: DocumentReference, data: UpdateData<DocumentData>): unknown;
  delete(ref: DocumentReference): unknown;
}

/**
 * Appends a hash-chained history entry and writes the case patch, in the caller's transaction (or
 * batch). The entry id is its zero-padded seq, so two writers racing for the same seq cannot both
 * win (`create` fails for the second; the transaction retries on fresh data).
 */
export function appendHistory(
  tx: CaseWrites,
  ref: DocumentReference,
  kase: Pick<StoredCase, 'historyHead'>,
  event: HistoryEvent,
  patch: CasePatch | Record<string, unknown> = {},
) {
  const entry = writeHistoryEntry(tx, ref, kase.historyHead ?? null, event);
  // Identity fields a patch may carry (who received the letter) go to the identity document.
  const { stored, identity } = splitPatch(patch as CasePatch);
  tx.update(ref, { ...stored, historyHead: { seq: entry.seq, hash: entry.hash } });
  if (identity) tx.set(identityRef(ref.id), identity, { merge: true });
  // The inbox row follows the state and the step clock.
  const p = patch as CasePatch;
  if (p.state !== undefined || p.clock !== undefined) {
    tx.set(
      summaryRef(ref.id),
      { ...(p.state !== undefined ? { state: p.state } : {}), ...(p.clock !== undefined ? { clock: p.clock } : {}) },
      { merge: true },
    );
  }
  if (p.state !== undefined) {
    const createdAt = (kase as { createdAt?: unknown }).createdAt;
    if ((OPEN_STATES as readonly string[]).includes(p.state)) {
      tx.set(openCaseRef(ref.id), { state: p.state, ...(typeof createdAt === 'string' ? { createdAt } : {}) }, { merge: true });
    } else tx.delete(openCaseRef(ref.id));
  }
  return entry;
}

/** Creates the linked history entry only (for a caller that writes the case itself; a transaction or a batch). */
export function writeHistoryEntry(
  tx: { create(ref: DocumentReference, data: DocumentData): unknown },
  ref: DocumentReference,
  head: { seq: number; hash: string } | null,
  event: HistoryEvent,
) {
  const entry = link(stripUndefined(event), head);
  tx.create(ref.collection('history').doc(String(entry.seq).padStart(6, '0')), entry);
  return entry;
}

/** Removes undefined values (deeply) so the stored entry hashes the same as what is read back. */
export function stripUndefined<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
