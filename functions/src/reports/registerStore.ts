/**
 * The registers in Firestore: the complaint register rows `caseRegister/{caseId}` (kept by the
 * `recordHistoryEntry` trigger from each history entry) and the outgoing-letter agenda read from the
 * letter register `letters/{year}-{seq}` with each letter's delivery from its case.
 *
 * Paging is by cursor, without a cap: every query orders by a time field and then the document id,
 * and `next` is an opaque cursor of the last row's (time, id). `streamRegister` walks all pages
 * (500 rows each) for the exports.
 *
 * Indexes (firestore.indexes.json): `caseRegister` (field ASC, createdAt ASC) for each equality
 * filter (state, complaintType, kecamatan, kelurahan) and (officers CONTAINS, createdAt ASC);
 * Firestore merges these for a combination of equality filters. `letters` (status ASC,
 * createdAt ASC). The period filter is a range on the ordering field itself.
 */
import { FieldPath, type Query } from 'firebase-admin/firestore';
import { caseRef } from '../cases/store.js';
import { summaryOfDoc } from '../domain/caseSummary.js';
import type { CaseSummary } from '../domain/caseSummary.js';
import { DomainError } from '../domain/errors.js';
import {
  agendaRowOf,
  applyHistoryEntry,
  CASE_REGISTER,
  emptyRow,
  periodBounds,
  type AgendaEntry,
  type AgendaRow,
  type CaseDelivery,
  type CaseFacts,
  type HistoryRecord,
  type RegisterFilters,
  type RegisterKind,
  type RegisterRow,
  type RegisterScope,
} from '../domain/registers.js';
import { db } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';
import { registerCol } from '../letter/register.js';

export const caseRegisterCol = () => db().collection(CASE_REGISTER);

/** The case document's fields the row's facts come from. */
interface StoredCaseFacts {
  number: string;
  createdAt: string;
  complaintType: CaseFacts['complaintType'];
  relation: CaseFacts['relation'];
  summary?: CaseSummary;
  applicant?: { address?: { kecamatan?: string; kelurahan?: string } };
}

/** The row's facts from the stored case document (the summary's kecamatan/kelurahan; never identity). */
export function factsOf(caseId: string, d: StoredCaseFacts): CaseFacts {
  const s = summaryOfDoc(d as Parameters<typeof summaryOfDoc>[0]);
  return {
    caseId,
    number: d.number,
    createdAt: d.createdAt,
    complaintType: d.complaintType,
    relation: d.relation,
    kecamatan: s.kecamatan,
    kelurahan: s.kelurahan,
  };
}

/**
 * Applies one history entry to the case's row, in a transaction on the row: a missing row starts
 * from the case's facts. Redelivery and reordering are harmless (`applyHistoryEntry`). Returns
 * false when the case no longer exists (purged): nothing is written.
 */
export async function applyToRegister(caseId: string, entry: HistoryRecord): Promise<boolean> {
  const rowRef = caseRegisterCol().doc(caseId);
  return runTransaction('register.apply', async (tx) => {
    const snap = await tx.get(rowRef);
    let row: RegisterRow;
    if (snap.exists) {
      row = snap.data() as RegisterRow;
    } else {
      const kase = await tx.get(caseRef(caseId));
      if (!kase.exists) return false;
      row = emptyRow(factsOf(caseId, kase.data() as StoredCaseFacts));
    }
    tx.set(rowRef, applyHistoryEntry(row, entry));
    return true;
  });
}

/** Rebuilds a case's row from its case document and its whole history (backfill, repair). */
export async function rebuildRegisterRow(caseId: string): Promise<RegisterRow | null> {
  const [kase, history] = await Promise.all([caseRef(caseId).get(), caseRef(caseId).collection('history').get()]);
  if (!kase.exists) return null;
  let row = emptyRow(factsOf(caseId, kase.data() as StoredCaseFacts));
  for (const h of history.docs) row = applyHistoryEntry(row, h.data() as HistoryRecord);
  await caseRegisterCol().doc(caseId).set(row);
  return row;
}

/**
 * Rebuilds the register row of every case (`npm run reports:rebuild`: backfill after the first
 * deploy, or after data was written with the triggers switched off, as the demo seed does). Eight
 * cases at a time; returns how many cases were seen.
 */
export async function rebuildRegisters(): Promise<number> {
  const ids = (await db().collection('cases').select().get()).docs.map((d) => d.id);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) await rebuildRegisterRow(ids[next++]!);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return ids.length;
}

// ---------------------------------------------------------------------------------------------
// Paging


interface Cursor {
  t: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.t, c.id]), 'utf8').toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') {
      return { t: v[0], id: v[1] };
    }
  } catch {
    // fall through
  }
  throw new DomainError('invalid-argument', 'Penanda halaman tidak valid; muat ulang register.');
}

function caseQuery(f: RegisterFilters, scope: RegisterScope): Query {
  let q: Query = caseRegisterCol();
  if (f.state) q = q.where('state', '==', f.state);
  if (f.complaintType) q = q.where('complaintType', '==', f.complaintType);
  if (f.kecamatan) q = q.where('kecamatan', '==', f.kecamatan);
  if (f.kelurahan) q = q.where('kelurahan', '==', f.kelurahan);
  const officer = scope.all ? f.officer : scope.uid;
  if (!scope.all && f.officer && f.officer !== scope.uid) {
    throw new DomainError('permission-denied', 'Anda hanya dapat melihat pengaduan yang Anda tangani.');
  }
  if (officer) q = q.where('officers', 'array-contains', officer);
  const { fromIso, toIso } = periodBounds(f);
  if (fromIso) q = q.where('createdAt', '>=', fromIso);
  if (toIso) q = q.where('createdAt', '<', toIso);
  return q.orderBy('createdAt').orderBy(FieldPath.documentId());
}

function letterQuery(f: RegisterFilters): Query {
  let q: Query = registerCol();
  if (f.state) q = q.where('status', '==', f.state);
  const { fromIso, toIso } = periodBounds(f);
  if (fromIso) q = q.where('createdAt', '>=', fromIso);
  if (toIso) q = q.where('createdAt', '<', toIso);
  // The number is taken in the transaction that writes `createdAt`, so this is the numbers' order.
  return q.orderBy('createdAt').orderBy(FieldPath.documentId());
}

export type RegisterPage =
  | { kind: 'cases'; rows: RegisterRow[]; next: string | null }
  | { kind: 'letters'; rows: AgendaRow[]; next: string | null };

/** The cases' delivery fields for the agenda (case documents hold no identity). */
async function deliveries(caseIds: string[]): Promise<Map<string, CaseDelivery>> {
  const ids = [...new Set(caseIds)];
  const out = new Map<string, CaseDelivery>();
  if (ids.length === 0) return out;
  const snaps = await db().getAll(...ids.map((id) => caseRef(id)), { fieldMask: ['letter.number', 'letter.email', 'handover.method', 'handover.at'] });
  for (const s of snaps) if (s.exists) out.set(s.id, s.data() as CaseDelivery);
  return out;
}

/** One page of a register, after the cursor `after` (null for the first page). */
export async function registerPage(
  kind: RegisterKind,
  f: RegisterFilters,
  scope: RegisterScope,
  after: string | null,
  limit: number,
): Promise<RegisterPage> {
  let q = kind === 'cases' ? caseQuery(f, scope) : letterQuery(f);
  if (after) {
    const c = decodeCursor(after);
    q = q.startAfter(c.t, c.id);
  }
  // One more than asked tells whether there is a next page without a second query.
  const snap = await q.limit(limit + 1).get();
  const docs = snap.docs.slice(0, limit);
  const last = docs[docs.length - 1];
  const next = snap.docs.length > limit && last ? encodeCursor({ t: String(last.get('createdAt')), id: last.id }) : null;
  if (kind === 'cases') return { kind, rows: docs.map((d) => d.data() as RegisterRow), next };
  const entries = docs.map((d) => ({ id: d.id, e: d.data() as AgendaEntry }));
  const del = await deliveries(entries.map((x) => x.e.caseId));
  return { kind, rows: entries.map(({ id, e }) => agendaRowOf(id, e, del.get(e.caseId) ?? null)), next };
}

/** Every row of a register matching the filters, page by page (for the exports). */
export async function* streamRegister(
  kind: RegisterKind,
  f: RegisterFilters,
  scope: RegisterScope,
  pageSize = 500,
): AsyncGenerator<RegisterRow | AgendaRow> {
  let after: string | null = null;
  do {
    const page: RegisterPage = await registerPage(kind, f, scope, after, pageSize);
    yield* page.rows;
    after = page.next;
  } while (after);
}
