import type { DocumentData, DocumentReference, Transaction } from 'firebase-admin/firestore';
import { link } from '../audit/chain.js';
import { DomainError } from '../domain/errors.js';
import type { CaseSnapshot, CasePatch } from '../domain/workflow.js';
import type { CaseState } from '../domain/vocabulary.js';
import { db } from '../firebase/admin.js';

export const casesCol = () => db().collection('cases');
export const caseRef = (id: string) => casesCol().doc(id);

/** Stored beside the domain fields: the head of the history chain. */
export interface StoredCase extends Omit<CaseSnapshot, 'id'> {
  historyHead: { seq: number; hash: string } | null;
}

/** Reads a case inside a transaction; `not-found` when it does not exist. */
export async function readCase(tx: Transaction, id: string): Promise<{ ref: DocumentReference; kase: CaseSnapshot & StoredCase }> {
  const ref = caseRef(id);
  const snap = await tx.get(ref);
  if (!snap.exists) throw new DomainError('not-found', 'Kasus tidak ditemukan.');
  return { ref, kase: { ...(snap.data() as StoredCase), id } };
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
 * Appends a hash-chained history entry and writes the case patch, in the caller's transaction.
 * The entry id is its zero-padded seq, so two writers racing for the same seq cannot both win
 * (`create` fails for the second; the transaction retries on fresh data).
 */
export function appendHistory(
  tx: Transaction,
  ref: DocumentReference,
  kase: Pick<StoredCase, 'historyHead'>,
  event: HistoryEvent,
  patch: CasePatch | Record<string, unknown> = {},
) {
  const entry = writeHistoryEntry(tx, ref, kase.historyHead ?? null, event);
  tx.update(ref, { ...patch, historyHead: { seq: entry.seq, hash: entry.hash } });
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
